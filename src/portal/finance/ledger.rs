//! `/ledger/{entry}`: one entry of the journal, read only (its lines, accounts and
//! amounts, what it is for, who booked it and when, what reversed it), for the ledger's
//! readers (finance and auditors, as the API's `GET /api/v1/ledger/transactions/{id}`).
//! Finance also finds there the reversal of the entry (the API's
//! `POST /api/v1/ledger/transactions/{id}/reversal`), with its reason required; what the
//! use case refuses is told beside the reason. An auditor's page has no form at all.

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::Serde;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::{Actor, Db, DbConnection};
use crate::domain::{LedgerTransactionId, Role, ShortText};
use crate::error::AppError;
use crate::ledger::{self, Account, TransactionView};
use crate::ledger_owners::{self, Reversal};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// Who reads the ledger, as the API's journal allows.
pub(crate) const READERS: &[Role] = &[Role::Finance, Role::Auditor];

/// One line of an entry as the page shows it.
#[derive(Debug, Serialize)]
struct Line {
    account: String,
    /// The contribution or grant the line is about, by its name, and its record page.
    party: Option<Party>,
    debit: Option<String>,
    credit: Option<String>,
    original: Option<crate::domain::Money>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Party {
    pub(crate) name: String,
    pub(crate) href: String,
}

/// A grant by its title, or a contribution by its donor; `None` for anything else.
pub(crate) fn party_of(
    conn: &mut DbConnection,
    actor: &Actor,
    id: Uuid,
) -> Result<Option<Party>, AppError> {
    match crate::grants::show_grant(conn, actor, id.into()) {
        Ok(grant) => {
            let title =
                crate::applications::show_application(conn, actor, grant.application_id)?.title;
            return Ok(Some(Party {
                name: title,
                href: format!("/records/grant/{id}"),
            }));
        }
        Err(AppError::NotFound) => {}
        Err(other) => return Err(other),
    }
    match crate::contributions::get_contribution(conn, actor, id.into()) {
        Ok(contribution) => Ok(Some(Party {
            name: contribution.donor.name,
            href: format!("/records/contribution/{id}"),
        })),
        Err(AppError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The name of who booked an entry, or `None` for the service itself.
pub(crate) fn booked_by(
    conn: &mut DbConnection,
    actor: &Actor,
    entry: &TransactionView,
) -> Result<Option<String>, AppError> {
    let Some(id) = entry.created_by else {
        return Ok(None);
    };
    let names = crate::users::names_of(conn, actor, &[id])?;
    Ok(Some(
        names.get(&id).cloned().unwrap_or_else(|| id.to_string()),
    ))
}

/// What the page reads: the entry, its parties' names and who booked it.
struct Loaded {
    entry: TransactionView,
    parties: Vec<Option<Party>>,
    /// The grant that owns the entry, by its title (a receipt's is its contribution,
    /// among the parties).
    owner: Option<Party>,
    by: Option<String>,
}

fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    id: LedgerTransactionId,
) -> Result<Loaded, AppError> {
    let entry = ledger::get_transaction(conn, actor, id)?;
    let mut parties = Vec::new();
    for posting in &entry.postings {
        parties.push(match posting.party_id {
            Some(party) => party_of(conn, actor, party)?,
            None => None,
        });
    }
    let owner = match entry.owner.kind {
        ledger::OwnerKind::Grant => party_of(conn, actor, entry.owner.id)?,
        ledger::OwnerKind::Receipt => None,
    };
    let by = booked_by(conn, actor, &entry)?;
    Ok(Loaded {
        entry,
        parties,
        owner,
        by,
    })
}

fn account_name(account: Account, language: PageLanguage) -> String {
    messages::plain(language, &format!("ledger-account-{}", account.code()))
}

fn lines(loaded: &Loaded, language: PageLanguage) -> Vec<Line> {
    let usd = |amount: Decimal| formats::money(amount.abs(), "USD", language);
    loaded
        .entry
        .postings
        .iter()
        .zip(&loaded.parties)
        .map(|(posting, party)| {
            let amount = posting.usd.amount();
            Line {
                account: account_name(posting.account, language),
                party: party.clone(),
                debit: (amount > Decimal::ZERO).then(|| usd(amount)),
                credit: (amount < Decimal::ZERO).then(|| usd(amount)),
                original: posting.original,
            }
        })
        .collect()
}

/// What the entry did to the Fund's cash, in USD (negative when money went out), or
/// `None` when it moved no cash (a commitment, a release). The sum of an entry's debits
/// would count a payment's commitment twice over, so the cash is the plainer figure.
pub(crate) fn cash_usd(entry: &TransactionView, language: PageLanguage) -> Option<String> {
    let lines: Vec<Decimal> = entry
        .postings
        .iter()
        .filter(|p| p.account == Account::Cash)
        .map(|p| p.usd.amount())
        .collect();
    (!lines.is_empty()).then(|| formats::money(lines.iter().sum(), "USD", language))
}

/// The reversal's form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
struct ReversalForm {
    #[serde(default)]
    reason: String,
}

fn page(
    member: &Member,
    loaded: Loaded,
    form: ReversalForm,
    errors: FormErrors,
    done: bool,
) -> Result<HttpResponse, PageError> {
    let language = member.language;
    let refused = !errors.is_empty();
    let entry = &loaded.entry;
    // Only finance reverses, and only an entry that is neither a reversal nor reversed.
    let reversible = member.role() == Some(Role::Finance)
        && entry.reversed_by.is_none()
        && entry.reverses.is_none();
    let context = minijinja::context! {
        entry => Serde(entry),
        lines => Serde(lines(&loaded, language)),
        cash => cash_usd(entry, language),
        by => loaded.by,
        owner => Serde(&loaded.owner),
        trail_href => format!("/audit?entity_type=ledger_transaction&entity_id={}", entry.id),
        reversible,
        auditor => member.role() == Some(Role::Auditor),
        form => Serde(form),
        errors,
        done,
    };
    if refused {
        member.form_refused("finance_ledger_entry.html", context)
    } else {
        member.page("finance_ledger_entry.html", context)
    }
}

fn entry_id(member: &Member, path: &str) -> Result<LedgerTransactionId, PageError> {
    path.parse::<Uuid>()
        .map(LedgerTransactionId::from)
        .map_err(|_| member.failed(AppError::NotFound))
}

#[derive(Debug, Deserialize)]
struct Done {
    done: Option<String>,
}

/// `GET /ledger/{entry}`.
#[get("/ledger/{entry}")]
pub(super) async fn entry_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    member.require(READERS)?;
    let id = entry_id(&member, &path)?;
    let loaded = member
        .read(&db, move |conn, actor| load(conn, actor, id))
        .await?;
    let done = done.done.as_deref() == Some("reversed");
    page(
        &member,
        loaded,
        ReversalForm::default(),
        FormErrors::new(),
        done,
    )
}

/// `POST /ledger/{entry}/reversal`: reverses the entry, then shows it reversed.
#[post("/ledger/{entry}/reversal")]
pub(super) async fn post_reversal(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Finance])?;
    let id = entry_id(&member, &path)?;
    let form: ReversalForm = member.read_form(&body)?;
    // The reason as the API's request takes it (`ShortText`: required, one line).
    let errors = match ShortText::parse(form.reason.trim()) {
        Ok(reason) => {
            let reversal = Reversal {
                entry: id,
                reason: reason.into_string(),
            };
            let reversed = member
                .caller
                .write(&db, move |tx| ledger_owners::reverse_entry(tx, reversal))
                .await;
            match reversed {
                Ok(_) => {
                    return Ok(member
                        .redirect(&format!("/ledger/{id}?done=reversed"))
                        .finish())
                }
                Err(error) => FormErrors::of_refusal(member.language, &error, "reason", |_| {
                    "reason".to_string()
                })
                .ok_or_else(|| member.failed(error))?,
            }
        }
        Err(_) if form.reason.trim().is_empty() => {
            let mut errors = FormErrors::new();
            errors.add(
                "reason",
                messages::plain(member.language, "ledger-reason-missing"),
            );
            errors
        }
        Err(refused) => {
            let mut errors = FormErrors::new();
            errors.add(
                "reason",
                messages::text(
                    member.language,
                    "field-refused",
                    &[("reason", refused.to_string().into())],
                ),
            );
            errors
        }
    };
    let loaded = member
        .read(&db, move |conn, actor| load(conn, actor, id))
        .await?;
    page(&member, loaded, form, errors, false)
}

/// `GET /ledger/{entry}/reversal`: where a refused reversal's page stands.
#[get("/ledger/{entry}/reversal")]
pub(super) async fn back_to_entry(
    member: Member,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    member.require(READERS)?;
    let id = entry_id(&member, &path)?;
    Ok(member.redirect(&format!("/ledger/{id}")).finish())
}
