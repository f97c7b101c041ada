//! `/ledger-export`: the ledger export (the API's `GET /api/v1/ledger/export`) chosen on a
//! form (period, kind, grant, organisation, country, regional group, format), with what
//! the file will hold before it is downloaded: its entries, and the totals per kind of
//! entry with the opening and closing cash, read from the export itself (written as JSON
//! in the reader's snapshot, the same writer as every format). The download streams the
//! API's own export with the session's authority.

use actix_web::{get, web, HttpResponse};
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::home::all_grants;
use super::Choice;
use crate::api::exports::WriteTimeout;
use crate::audit::Signer;
use crate::config::IatiSettings;
use crate::db::Db;
use crate::domain::{CountryCode, QueryDate, RegionalGroup, Role};
use crate::error::AppError;
use crate::exports::{self, ExportFilter, ExportFormat, ExportKind, ExportQuery};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// Who reads the ledger, as the API's `export_ledger` allows.
const READERS: &[Role] = &[Role::Finance, Role::Auditor];

/// The form as sent (a GET: a link names an export).
#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct ExportForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    grant: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    regional_group: String,
    #[serde(default)]
    format: String,
}

/// What the file will hold, from the export's own totals.
#[derive(Debug, Serialize)]
struct Preview {
    file: String,
    from: String,
    to: String,
    entries: u64,
    opening: serde_json::Value,
    closing: serde_json::Value,
    cash: serde_json::Value,
    kinds: Vec<KindLine>,
}

#[derive(Debug, Serialize)]
struct KindLine {
    kind: String,
    entries: u64,
    usd_amount: serde_json::Value,
    programme_support_cost: serde_json::Value,
    cash: serde_json::Value,
}

fn filter_of(
    form: &ExportForm,
    db: &Db,
    language: PageLanguage,
) -> Result<ExportFilter, FormErrors> {
    let mut errors = FormErrors::new();
    let told = |key: &str| messages::plain(language, key);
    let mut date = |typed: &str, field: &str| match typed.trim() {
        "" => None,
        typed => {
            let date = super::typed_date(typed).and_then(|d| QueryDate::new(d).ok());
            if date.is_none() {
                errors.add(field, told("finance-date-invalid"));
            }
            date
        }
    };
    let from = date(&form.from, "from");
    let to = date(&form.to, "to");
    let uuid = |typed: &str| {
        Some(typed.trim())
            .filter(|t| !t.is_empty())
            .map(Uuid::parse_str)
    };
    let grant = match uuid(&form.grant) {
        Some(Err(_)) => {
            errors.add("grant", told("finance-export-choose"));
            None
        }
        other => other.and_then(Result::ok),
    };
    let organization = match uuid(&form.organization) {
        Some(Err(_)) => {
            errors.add("organization", told("finance-export-choose"));
            None
        }
        other => other.and_then(Result::ok),
    };
    let country = match form.country.trim() {
        "" => None,
        typed => match CountryCode::parse(&typed.to_ascii_uppercase()) {
            Ok(code) => Some(code),
            Err(_) => {
                errors.add("country", told("finance-country-invalid"));
                None
            }
        },
    };
    let regional_group = match form.regional_group.trim() {
        "" => None,
        typed => {
            let group = <RegionalGroup as strum::VariantArray>::VARIANTS
                .iter()
                .copied()
                .find(|g| group_code(*g) == typed);
            if group.is_none() {
                errors.add("regional_group", told("finance-export-choose"));
            }
            group
        }
    };
    let kind = match form.kind.as_str() {
        "all" => ExportKind::All,
        _ => ExportKind::Disbursements,
    };
    let format = match form.format.as_str() {
        "xlsx" => ExportFormat::Xlsx,
        "json" => ExportFormat::Json,
        "iati" => ExportFormat::Iati,
        _ => ExportFormat::Csv,
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    ExportQuery {
        format,
        from,
        to,
        kind,
        grant,
        organization,
        country,
        regional_group,
    }
    .filter(db.clock())
    .map_err(|error| {
        FormErrors::of_refusal(language, &error, "from", |f| f.to_string()).unwrap_or_default()
    })
}

/// A regional group's code as the API writes it (`asia_pacific`).
fn group_code(group: RegionalGroup) -> String {
    serde_json::to_value(group)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The export of `filter` written as JSON, read back for its totals.
fn preview_of(
    conn: &mut crate::db::DbConnection,
    actor: &crate::db::Actor,
    filter: &ExportFilter,
    signer: &Signer,
) -> Result<Preview, AppError> {
    let json_filter = ExportFilter {
        format: ExportFormat::Json,
        ..filter.clone()
    };
    let header = exports::open_export(conn, actor, &json_filter)?;
    let bytes = exports::writer::write_export(
        conn,
        &json_filter,
        &header,
        signer,
        Vec::new(),
        &mut |_| {},
    )?;
    let file: serde_json::Value = serde_json::from_slice(&bytes).map_err(AppError::internal)?;
    let totals = &file["totals"];
    let kinds = totals["by_kind"]
        .as_object()
        .map(|kinds| {
            kinds
                .iter()
                .map(|(kind, sums)| KindLine {
                    kind: kind.clone(),
                    entries: sums["entries"].as_u64().unwrap_or(0),
                    usd_amount: sums["usd_amount"].clone(),
                    programme_support_cost: sums["programme_support_cost"].clone(),
                    cash: sums["cash"].clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Preview {
        file: filter.file_name(),
        from: filter.from.to_string(),
        to: filter.to.to_string(),
        entries: totals["entries"].as_u64().unwrap_or(0),
        opening: file["opening_balance"].clone(),
        closing: file["closing_balance"].clone(),
        cash: totals["cash"].clone(),
        kinds,
    })
}

/// The choices of the form's lists: the grants (by their title) and the organisations
/// funded, as the API lists grants.
fn choices(
    conn: &mut crate::db::DbConnection,
    actor: &crate::db::Actor,
) -> Result<(Vec<Choice>, Vec<Choice>), AppError> {
    let mut grants = Vec::new();
    let mut organizations: Vec<Choice> = Vec::new();
    for grant in all_grants(conn, actor)? {
        let title = crate::applications::show_application(conn, actor, grant.application_id)?.title;
        grants.push(Choice::new(grant.id.to_string(), title));
        let id = grant.organization_id.to_string();
        if !organizations.iter().any(|o| o.value == id) {
            let name = crate::organizations::show_organization(conn, actor, grant.organization_id)?
                .legal_name;
            organizations.push(Choice::new(id, name));
        }
    }
    organizations.sort_by(|a, b| a.label.cmp(&b.label));
    Ok((grants, organizations))
}

fn with_any(language: PageLanguage, mut list: Vec<Choice>) -> Vec<Choice> {
    list.insert(
        0,
        Choice::new("", messages::plain(language, "finance-export-any")),
    );
    list
}

/// `GET /ledger-export?…`: the form, and what the chosen file will hold.
#[get("/ledger-export")]
pub(super) async fn export_page(
    member: Member,
    db: web::Data<Db>,
    signer: web::Data<Signer>,
    query: web::Query<ExportForm>,
) -> Result<HttpResponse, PageError> {
    member.require(READERS)?;
    let language = member.language;
    let mut form = query.into_inner();
    let filter = filter_of(&form, &db, language);
    let signer = signer.get_ref().clone();
    let wanted = filter.as_ref().ok().cloned();
    let (preview, (grants, organizations)) = member
        .read(&db, move |conn, actor| {
            let preview = wanted
                .map(|filter| preview_of(conn, actor, &filter, &signer))
                .transpose()?;
            Ok((preview, choices(conn, actor)?))
        })
        .await?;
    let errors = match filter {
        Ok(filter) => {
            form.from = filter.from.to_string();
            form.to = filter.to.to_string();
            FormErrors::new()
        }
        Err(errors) => errors,
    };
    let groups = <RegionalGroup as strum::VariantArray>::VARIANTS
        .iter()
        .map(|g| {
            Choice::new(
                group_code(*g),
                messages::plain(language, &format!("trustee-group-{}", group_code(*g))),
            )
        })
        .collect();
    let kinds = vec![
        Choice::new(
            "disbursements",
            messages::plain(language, "finance-export-kind-disbursements"),
        ),
        Choice::new("all", messages::plain(language, "finance-export-kind-all")),
    ];
    let formats = vec![
        Choice::new("csv", "CSV"),
        Choice::new("xlsx", "Excel (XLSX)"),
        Choice::new("json", "JSON"),
        Choice::new(
            "iati",
            messages::plain(language, "finance-export-format-iati"),
        ),
    ];
    let download = serde_html_form::to_string(&form).unwrap_or_default();
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        form => Serde(&form),
        preview => Serde(preview),
        download,
        grants => Serde(with_any(language, grants)),
        organizations => Serde(with_any(language, organizations)),
        groups => Serde(with_any(language, groups)),
        kinds => Serde(kinds),
        formats => Serde(formats),
        errors,
    };
    if refused {
        member.form_refused("finance_export.html", context)
    } else {
        member.page("finance_export.html", context)
    }
}

/// `GET /ledger-export/file?…`: the file, streamed as the API streams it (the export
/// lane, or the IATI writer for the IATI activity file, once its publisher is known).
#[get("/ledger-export/file")]
pub(super) async fn export_file(
    member: Member,
    db: web::Data<Db>,
    signer: web::Data<Signer>,
    timeout: web::Data<WriteTimeout>,
    iati: web::Data<IatiSettings>,
    query: web::Query<ExportForm>,
) -> Result<HttpResponse, PageError> {
    member.require(READERS)?;
    let filter = filter_of(&query, &db, member.language)
        .map_err(|_| member.failed(AppError::bad_field("from", "not an export")))?;
    let answer = match filter.format {
        ExportFormat::Iati | ExportFormat::IatiOrganisation => {
            match exports::iati::check_publisher(&iati) {
                Ok(()) => {
                    crate::api::exports::iati::respond(
                        &member.caller,
                        &db,
                        &iati,
                        **timeout,
                        filter,
                        &signer,
                    )
                    .await
                }
                Err(error) => Err(error),
            }
        }
        _ => {
            crate::api::exports::lane::respond(&member.caller, &db, **timeout, filter, &signer)
                .await
        }
    };
    answer.map_err(|error| member.failed(error))
}
