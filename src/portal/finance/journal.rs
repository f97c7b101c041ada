//! `/journal`: the ledger's entries newest first, as the API's `GET /api/v1/ledger` lists
//! them, filtered by a GET form on what that list takes (dates, kind of entry, account),
//! each entry linked to its page, with who booked it by name. Read only: a bookmarkable
//! address, no form that changes anything (the auditor's and finance's alike).

use actix_web::{get, web, HttpResponse};
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::ledger::{cash_usd, READERS};
use super::Choice;
use crate::db::{Cursor, Db};
use crate::domain::{LedgerTransactionId, QueryDate};
use crate::http::PageParams;
use crate::ledger::{self, Account, JournalQuery, TransactionKind};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// The filter as typed (every field optional; blank means "any").
#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct JournalForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    account: String,
    #[serde(default, skip_serializing)]
    cursor: Option<String>,
}

/// One entry as the list shows it.
#[derive(Debug, Serialize)]
struct Row {
    id: LedgerTransactionId,
    seq: i64,
    value_date: chrono::NaiveDate,
    kind: TransactionKind,
    memo: String,
    cash: Option<String>,
    by: Option<String>,
    reversed: bool,
}

fn query_of(form: &JournalForm, language: PageLanguage) -> Result<JournalQuery, FormErrors> {
    let mut errors = FormErrors::new();
    let mut date = |typed: &str, field: &str| match typed.trim() {
        "" => None,
        typed => {
            let date = super::typed_date(typed).and_then(|d| QueryDate::new(d).ok());
            if date.is_none() {
                errors.add(field, messages::plain(language, "finance-date-invalid"));
            }
            date.map(QueryDate::get)
        }
    };
    let from = date(&form.from, "from");
    let to = date(&form.to, "to");
    let kind = match form.kind.trim() {
        "" => None,
        typed => {
            let kind = TransactionKind::parse(typed);
            if kind.is_none() {
                errors.add("kind", messages::plain(language, "finance-export-choose"));
            }
            kind
        }
    };
    let account = match form.account.trim() {
        "" => None,
        typed => {
            let account = Account::parse(typed);
            if account.is_none() {
                errors.add(
                    "account",
                    messages::plain(language, "finance-export-choose"),
                );
            }
            account
        }
    };
    let limit = PageParams {
        limit: None,
        cursor: None,
    }
    .limit();
    let after = form.cursor.as_deref().map(Cursor::parse).transpose();
    let (Ok(limit), Ok(after)) = (limit, after) else {
        errors.add("from", messages::plain(language, "finance-export-choose"));
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(JournalQuery {
        from,
        to,
        account,
        kind,
        limit,
        after,
    })
}

fn choices<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    prefix: &str,
    language: PageLanguage,
) -> Vec<Choice> {
    std::iter::once(Choice::new(
        "",
        messages::plain(language, "finance-export-any"),
    ))
    .chain(all.iter().map(|item| {
        let code = code(*item);
        Choice::new(code, messages::plain(language, &format!("{prefix}{code}")))
    }))
    .collect()
}

/// `/journal?…` with these filters and this cursor.
fn journal_href(form: &JournalForm, cursor: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("from", &form.from),
        ("to", &form.to),
        ("kind", &form.kind),
        ("account", &form.account),
    ] {
        if !value.trim().is_empty() {
            query.append_pair(name, value.trim());
        }
    }
    query.append_pair("cursor", cursor);
    format!("/journal?{}", query.finish())
}

/// `GET /journal?…`.
#[get("/journal")]
pub(super) async fn journal_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<JournalForm>,
) -> Result<HttpResponse, PageError> {
    member.require(READERS)?;
    let language = member.language;
    let form = query.into_inner();
    let kinds = choices(
        <TransactionKind as strum::VariantArray>::VARIANTS,
        TransactionKind::code,
        "ledger-kind-",
        language,
    );
    let accounts = choices(
        <Account as strum::VariantArray>::VARIANTS,
        Account::code,
        "ledger-account-",
        language,
    );
    let searched = [&form.from, &form.to, &form.kind, &form.account]
        .iter()
        .any(|f| !f.trim().is_empty());
    let wanted = match query_of(&form, language) {
        Ok(wanted) => wanted,
        Err(errors) => {
            return member.form_refused(
                "finance_journal.html",
                minijinja::context! {
                    form => Serde(&form), kinds => Serde(kinds), accounts => Serde(accounts),
                    errors, rows => Vec::<String>::new(), searched,
                },
            )
        }
    };
    let (page, names) = member
        .read(&db, move |conn, actor| {
            let page = ledger::list_journal(conn, actor, wanted)?;
            let mut ids: Vec<_> = page.items.iter().filter_map(|e| e.created_by).collect();
            ids.sort();
            ids.dedup();
            let names = crate::users::names_of(conn, actor, &ids)?;
            Ok((page, names))
        })
        .await?;
    let rows: Vec<Row> = page
        .items
        .iter()
        .map(|entry| Row {
            id: entry.id,
            seq: entry.seq,
            value_date: entry.value_date,
            kind: entry.kind,
            memo: entry.memo.clone(),
            cash: cash_usd(entry, language),
            by: entry
                .created_by
                .map(|id| names.get(&id).cloned().unwrap_or_else(|| id.to_string())),
            reversed: entry.reversed_by.is_some(),
        })
        .collect();
    let next_href = page.next_cursor.map(|c| journal_href(&form, &c));
    member.page(
        "finance_journal.html",
        minijinja::context! {
            form => Serde(&form),
            kinds => Serde(kinds),
            accounts => Serde(accounts),
            errors => FormErrors::new(),
            rows => Serde(rows),
            searched,
            later_page => form.cursor.is_some(),
            next_href,
        },
    )
}
