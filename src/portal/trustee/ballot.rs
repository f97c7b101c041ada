//! `/votes/{id}`: one application as the Board reads it (the API's application, its call
//! and, while voting is open, its organisation's dossier), with the standing of the vote
//! as the API shows it to this trustee (sealed until they vote), and the two things they
//! can do: vote (approve with a recommended amount, reject or abstain, always saying why;
//! again to change it while voting is open) or declare a conflict of interest.

use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::Country;
use crate::applications::{ApplicationState, ApplicationView};
use crate::calls::CallDetail;
use crate::db::{Actor, Db, DbConnection};
use crate::documents::Owner;
use crate::domain::{ApplicationId, AppointmentId, Currency, Money, Role, Text};
use crate::error::{AppError, Rule};
use crate::portal::documents::{self, Section};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::visitor::Member;
use crate::portal::{formats, messages};
use crate::voting::{self, Ballot, CastVote, DecisionView, DossierView, VoteView, VotesView};

/// Everything the page shows, read in one snapshot through the API's use cases.
struct Loaded {
    application: ApplicationView,
    call: CallDetail,
    /// While the application is under review only: the API refuses it to a trustee after.
    dossier: Option<DossierView>,
    votes: VotesView,
    decision: Option<DecisionView>,
    /// The trustee's seat on the Board today, as the Board's page lists it.
    seat: Option<AppointmentId>,
    /// The application's documents, while the Board reviews it (as the dossier).
    docs: Option<Section>,
}

fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
    language: PageLanguage,
) -> Result<Loaded, AppError> {
    let application = crate::applications::show_application(conn, actor, id)?;
    let call = crate::calls::show_call(conn, actor, application.call_id)?;
    let dossier = match voting::application_dossier(conn, actor, id) {
        Ok(dossier) => Some(dossier),
        Err(AppError::Forbidden) => None,
        Err(other) => return Err(other),
    };
    let votes = voting::list_votes(conn, actor, id)?;
    let decision = match voting::show_decision(conn, actor, id) {
        Ok(decision) => Some(decision),
        Err(AppError::NotFound) => None,
        Err(other) => return Err(other),
    };
    let board = crate::board::show_board(conn, actor, None)?;
    let seat = board
        .members
        .iter()
        .find(|m| m.user_id.is_some() && m.user_id == actor.user_id)
        .map(|m| m.appointment_id);
    let docs = documents::listed(conn, actor, Owner::Application(id), language)?;
    Ok(Loaded {
        application,
        call,
        dossier,
        votes,
        decision,
        seat,
        docs,
    })
}

/// What the vote form holds: as typed, or the trustee's vote as it stands.
#[derive(Debug, Default, Deserialize, Serialize)]
struct VoteForm {
    #[serde(default)]
    vote: String,
    #[serde(default)]
    recommended: String,
    #[serde(default)]
    comment: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct ConflictForm {
    #[serde(default)]
    reason: String,
}

/// The trustee's own vote, as it counts.
#[derive(Debug, Serialize)]
struct OwnVote {
    vote: &'static str,
    recommended: Option<Money>,
    comment: String,
}

impl From<&VoteView> for OwnVote {
    fn from(v: &VoteView) -> OwnVote {
        OwnVote {
            vote: v.vote.into(),
            recommended: v.recommended,
            comment: v.comment.clone(),
        }
    }
}

/// Where the trustee stands on this application.
#[derive(Debug, Serialize)]
struct Standing {
    /// Voting is open (under review).
    open: bool,
    seated: bool,
    /// Why they take no part, and whether they declared it themselves.
    recusal: Option<(String, bool)>,
    own_vote: Option<OwnVote>,
    /// They may vote (or change their vote) now.
    can_vote: bool,
}

fn standing(loaded: &Loaded) -> Standing {
    let open = loaded.application.state == ApplicationState::UnderReview;
    let own = |id: AppointmentId| loaded.seat == Some(id);
    let recusal = loaded
        .votes
        .recusals
        .iter()
        .find(|r| own(r.appointment_id))
        .map(|r| (r.reason.clone(), r.declared));
    let own_vote = loaded
        .votes
        .votes
        .iter()
        .find(|v| own(v.appointment_id))
        .map(OwnVote::from);
    let seated = loaded.seat.is_some();
    Standing {
        open,
        seated,
        can_vote: open && seated && recusal.is_none(),
        recusal,
        own_vote,
    }
}

/// The form as the trustee's vote stands, for changing it.
fn form_of(vote: Option<&OwnVote>, language: PageLanguage) -> VoteForm {
    vote.map_or_else(VoteForm::default, |v| VoteForm {
        vote: v.vote.to_string(),
        recommended: v
            .recommended
            .map(|m| formats::decimal(m.amount(), language))
            .unwrap_or_default(),
        comment: v.comment.clone(),
    })
}

fn page(
    member: &Member,
    loaded: Loaded,
    vote_form: Option<VoteForm>,
    conflict_form: ConflictForm,
    errors: FormErrors,
    done: Option<&str>,
) -> Result<HttpResponse, PageError> {
    use minijinja::value::Serde;
    let standing = standing(&loaded);
    let vote_form =
        vote_form.unwrap_or_else(|| form_of(standing.own_vote.as_ref(), member.language));
    let refused = !errors.is_empty();
    let countries: Vec<Country> = loaded
        .application
        .countries
        .iter()
        .copied()
        .map(Country::from)
        .collect();
    let org_country = loaded
        .dossier
        .as_ref()
        .map(|d| Country::from(d.organization.country));
    let context = minijinja::context! {
        application => Serde(&loaded.application),
        countries => Serde(countries),
        call => Serde(&loaded.call),
        dossier => Serde(&loaded.dossier),
        org_country => Serde(org_country),
        votes => Serde(&loaded.votes),
        decision => Serde(&loaded.decision),
        standing => Serde(standing),
        docs => Serde(&loaded.docs),
        docs_intro => "doc-trustee-intro",
        form => Serde(vote_form),
        conflict => Serde(conflict_form),
        errors,
        done => done.filter(|d| matches!(*d, "voted" | "conflict")),
    };
    if refused {
        member.form_refused("trustee_application.html", context)
    } else {
        member.page("trustee_application.html", context)
    }
}

fn application_id(member: &Member, path: &str) -> Result<ApplicationId, PageError> {
    path.parse::<uuid::Uuid>()
        .map(ApplicationId::from)
        .map_err(|_| member.failed(AppError::NotFound))
}

async fn read(member: &Member, db: &Db, id: ApplicationId) -> Result<Loaded, PageError> {
    let language = member.language;
    member
        .caller
        .read(db, move |conn, actor| load(conn, actor, id, language))
        .await
        .map_err(|e| member.failed(e))
}

#[derive(Debug, Deserialize)]
struct Done {
    done: Option<String>,
}

/// `GET /votes/{id}`.
#[get("/votes/{id}")]
pub(super) async fn application_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Trustee])?;
    let id = application_id(&member, &path)?;
    let loaded = read(&member, &db, id).await?;
    page(
        &member,
        loaded,
        None,
        ConflictForm::default(),
        FormErrors::new(),
        done.done.as_deref(),
    )
}

/// The vote as typed, checked into what the use case takes, or the problems in it.
fn cast_vote_of(
    form: &VoteForm,
    id: ApplicationId,
    language: PageLanguage,
) -> Result<CastVote, FormErrors> {
    let mut errors = FormErrors::new();
    let ballot = match form.vote.as_str() {
        "approve" => Some(Ballot::Approve),
        "reject" => Some(Ballot::Reject),
        "abstain" => Some(Ballot::Abstain),
        _ => {
            errors.add("vote", messages::plain(language, "trustee-vote-missing"));
            None
        }
    };
    let typed = form.recommended.trim();
    let recommended = if typed.is_empty() {
        if ballot == Some(Ballot::Approve) {
            errors.add(
                "recommended",
                messages::plain(language, "trustee-amount-missing"),
            );
        }
        None
    } else if ballot.is_some_and(|b| b != Ballot::Approve) {
        errors.add(
            "recommended",
            messages::plain(language, "trustee-amount-not-approving"),
        );
        None
    } else {
        let parsed = crate::portal::formats::positive_money(typed, Currency::USD, language);
        if parsed.is_none() {
            errors.add(
                "recommended",
                messages::plain(language, "trustee-amount-invalid"),
            );
        }
        parsed
    };
    let comment = reason_text(
        &form.comment,
        "comment",
        "trustee-comment",
        language,
        &mut errors,
    );
    match (ballot, comment) {
        (Some(ballot), Some(comment)) if errors.is_empty() => Ok(CastVote {
            application: id,
            ballot,
            recommended,
            comment: comment.into_string(),
        }),
        _ => Err(errors),
    }
}

/// A required text (a comment, a reason), or its problem under `field`: messages
/// `{prefix}-missing` and `{prefix}-too-long`.
fn reason_text(
    typed: &str,
    field: &str,
    prefix: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<Text> {
    match Text::parse(typed) {
        Ok(text) => Some(text),
        Err(refused) => {
            let message = if typed.trim().is_empty() {
                messages::plain(language, &format!("{prefix}-missing"))
            } else if typed.trim().chars().count() > Text::MAX_CHARS {
                messages::text(
                    language,
                    &format!("{prefix}-too-long"),
                    &[("max", (Text::MAX_CHARS as i64).into())],
                )
            } else {
                messages::text(
                    language,
                    "field-refused",
                    &[("reason", refused.to_string().into())],
                )
            };
            errors.add(field, message);
            None
        }
    }
}

/// A refusal by the voting use cases, told beside the field it is about, in the
/// visitor's language where the portal has words for it.
fn refusal(
    member: &Member,
    error: AppError,
    loaded: &Loaded,
    whole: &str,
) -> Result<FormErrors, PageError> {
    let language = member.language;
    let mut errors = FormErrors::new();
    let told = |key: &str| messages::plain(language, key);
    match &error {
        AppError::Rule { rule, .. } if *rule == Rule::RecommendedOutOfRange => {
            let money = |m: &Money| formats::money(m.amount(), m.currency().code(), language);
            errors.add(
                "recommended",
                messages::text(
                    language,
                    "trustee-amount-out-of-range",
                    &[
                        ("min", money(&loaded.call.call.min_grant).into()),
                        ("max", money(&loaded.call.call.max_grant).into()),
                        ("requested", money(&loaded.application.requested).into()),
                    ],
                ),
            );
        }
        AppError::Rule { rule, .. } if *rule == Rule::Recused => {
            errors.add(whole, told("trustee-refused-recused"));
        }
        AppError::Rule { rule, .. } if *rule == Rule::NotAnActiveTrustee => {
            errors.add(whole, told("trustee-refused-no-seat"));
        }
        AppError::Conflict(_) if loaded.application.state != ApplicationState::UnderReview => {
            errors.add(whole, told("trustee-refused-closed"));
        }
        AppError::Conflict(_) if whole == "reason" => {
            errors.add(whole, told("trustee-refused-already-declared"));
        }
        _ => match FormErrors::of_refusal(language, &error, whole, |field| {
            match field.split('.').next().unwrap_or(field) {
                "recommended" => "recommended".to_string(),
                "comment" => "comment".to_string(),
                "reason" => "reason".to_string(),
                _ => whole.to_string(),
            }
        }) {
            Some(refused) => errors = refused,
            None => return Err(member.failed(error)),
        },
    }
    Ok(errors)
}

/// `POST /votes/{id}/vote`: casts or changes the trustee's vote.
#[post("/votes/{id}/vote")]
pub(super) async fn post_vote(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Trustee])?;
    let id = application_id(&member, &path)?;
    let form: VoteForm = member.read_form(&body)?;
    let errors = match cast_vote_of(&form, id, member.language) {
        Ok(cast) => {
            let cast = member
                .caller
                .write(&db, move |tx| voting::cast_vote(tx, cast))
                .await;
            match cast {
                Ok(_) => return Ok(member.redirect(&format!("/votes/{id}?done=voted")).finish()),
                Err(error) => {
                    let loaded = read(&member, &db, id).await?;
                    let errors = refusal(&member, error, &loaded, "vote")?;
                    return page(
                        &member,
                        loaded,
                        Some(form),
                        ConflictForm::default(),
                        errors,
                        None,
                    );
                }
            }
        }
        Err(errors) => errors,
    };
    let loaded = read(&member, &db, id).await?;
    page(
        &member,
        loaded,
        Some(form),
        ConflictForm::default(),
        errors,
        None,
    )
}

/// `POST /votes/{id}/conflict`: declares the trustee's conflict of interest, with its
/// reason; they are recused and any vote of theirs withdrawn.
#[post("/votes/{id}/conflict")]
pub(super) async fn post_conflict(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Trustee])?;
    let id = application_id(&member, &path)?;
    let form: ConflictForm = member.read_form(&body)?;
    let mut errors = FormErrors::new();
    if let Some(reason) = reason_text(
        &form.reason,
        "reason",
        "trustee-reason",
        member.language,
        &mut errors,
    ) {
        let declared = member
            .caller
            .write(&db, move |tx| {
                voting::declare_conflict(tx, id, reason.into_string())
            })
            .await;
        match declared {
            Ok(_) => {
                return Ok(member
                    .redirect(&format!("/votes/{id}?done=conflict"))
                    .finish())
            }
            Err(error) => {
                let loaded = read(&member, &db, id).await?;
                let errors = refusal(&member, error, &loaded, "reason")?;
                return page(&member, loaded, None, form, errors, None);
            }
        }
    }
    let loaded = read(&member, &db, id).await?;
    page(&member, loaded, None, form, errors, None)
}

/// `GET /votes/{id}/vote` and `/votes/{id}/conflict`: where a refused form's page stands
/// (its language links come back here); the application's page is what to show.
#[get("/votes/{id}/{form:vote|conflict}")]
pub(super) async fn back_to_application(
    member: Member,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Trustee])?;
    let id = application_id(&member, &path.0)?;
    Ok(member.redirect(&format!("/votes/{id}")).finish())
}
