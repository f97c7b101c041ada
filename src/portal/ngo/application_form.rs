//! The application form, shared by a new application (`/calls/{id}/apply`) and a draft's
//! edit page (`/applications/{id}/edit`): what the browser posts, how it is read into the
//! domain's types (the words of what was wrong in the visitor's language), and what the
//! page shows (what was typed, or what is stored, with a few empty rows to fill).
//!
//! Only the shape of the input is checked here (a number where a number goes, something
//! in a required field); every rule about the content itself is the use case's
//! (`Content::check_shape`, the submission rules), whose refusals are mapped back to the
//! fields they name.

use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::applications::{ApplicationView, Beneficiaries, BudgetLine, Content};
use crate::calls::{AgeGroup, AidType, Exploitation, Sex};
use crate::domain::{CountryCode, Currency, Money, PositiveMoney, ShortText, Text};
use crate::error::AppError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;

/// The most rows of countries or budget lines a page offers at once.
const MAX_ROWS: usize = 200;
/// Empty budget rows a draft's page offers by default.
pub const DEFAULT_BLANK_ROWS: usize = 2;

/// What the form posts. Repeated fields keep their order (the browser sends them in the
/// page's order, empty ones included), so `budget_label[i]` and `budget_amount[i]` are one
/// row and `beneficiaries[i]` is the group `GROUPS[i]`.
#[derive(Debug, Default, Deserialize)]
pub struct ApplicationForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub beneficiaries: Vec<String>,
    #[serde(default)]
    pub exploitation: Vec<String>,
    #[serde(default)]
    pub aid_types: Vec<String>,
    #[serde(default)]
    pub requested: String,
    #[serde(default)]
    pub duration_months: String,
    #[serde(default)]
    pub budget_label: Vec<String>,
    #[serde(default)]
    pub budget_amount: Vec<String>,
    /// Which button: `save`, `review` or `add_row`.
    #[serde(default)]
    pub action: String,
    /// A row's "Remove" button: the row's index.
    #[serde(default)]
    pub remove: Option<String>,
}

/// What the visitor asked for with the button they pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Save,
    Review,
    AddRow,
    RemoveRow,
}

/// The groups of beneficiaries, in the form's order.
pub fn groups() -> Vec<(Sex, AgeGroup)> {
    Sex::VARIANTS
        .iter()
        .flat_map(|&sex| AgeGroup::VARIANTS.iter().map(move |&age| (sex, age)))
        .collect()
}

/// One budget row as the page shows it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Row {
    pub label: String,
    pub amount: String,
}

/// One checkbox.
#[derive(Debug, Serialize)]
struct Choice {
    value: &'static str,
    checked: bool,
}

/// One group's count.
#[derive(Debug, Serialize)]
struct GroupInput {
    sex: &'static str,
    age_group: &'static str,
    value: String,
}

/// What the form shows: what was typed, or the stored draft.
#[derive(Debug, Serialize)]
pub struct FormView {
    title: String,
    summary: String,
    countries: Vec<String>,
    beneficiaries: Vec<GroupInput>,
    exploitation: Vec<Choice>,
    aid_types: Vec<Choice>,
    requested: String,
    duration_months: String,
    rows: Vec<Row>,
    /// The budget rows' amounts that could be read, added up on the server.
    total: Money,
}

fn choices<T: Copy + PartialEq + Into<&'static str>>(all: &[T], chosen: &[&str]) -> Vec<Choice> {
    all.iter()
        .map(|&item| {
            let value: &'static str = item.into();
            Choice {
                value,
                checked: chosen.contains(&value),
            }
        })
        .collect()
}

/// Countries' inputs: those given, then empty ones up to at least three, one at least.
fn pad_countries(mut countries: Vec<String>) -> Vec<String> {
    if countries.last().is_none_or(|c| !c.trim().is_empty()) {
        countries.push(String::new());
    }
    while countries.len() < 3 {
        countries.push(String::new());
    }
    countries
}

fn usd() -> Currency {
    Currency::USD
}

/// An amount as typed in the page's language (see [`formats::plain_amount`]), in USD.
fn parse_amount(typed: &str, language: PageLanguage) -> Option<PositiveMoney> {
    formats::positive_money(typed, usd(), language)
}

/// A country as typed: its two-letter code (any case) or its English name.
pub fn parse_country(typed: &str) -> Option<CountryCode> {
    let typed = typed.trim();
    if typed.len() == 2 {
        return CountryCode::parse(&typed.to_ascii_uppercase()).ok();
    }
    let lower = typed.to_lowercase();
    CountryCode::all().find(|c| c.name().to_lowercase() == lower)
}

/// The datalist's options: every Member State by its English name.
pub fn member_states() -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<_> = CountryCode::all().map(|c| (c.code(), c.name())).collect();
    all.sort_by(|a, b| a.1.cmp(b.1));
    all
}

fn total_of(rows: &[Row], language: PageLanguage) -> Money {
    Money::sum(
        usd(),
        rows.iter()
            .filter_map(|row| parse_amount(&row.amount, language))
            .map(PositiveMoney::into_inner),
    )
    .unwrap_or_else(|_| Money::zero(usd()))
}

impl ApplicationForm {
    /// What the pressed button asks, after applying a row's addition or removal to the
    /// rows (so that the page and its errors speak of the same rows).
    pub fn intent(&mut self) -> Intent {
        let rows = self.budget_label.len().max(self.budget_amount.len());
        self.budget_label.resize(rows, String::new());
        self.budget_amount.resize(rows, String::new());
        if let Some(index) = self.remove.as_deref().and_then(|i| i.parse::<usize>().ok()) {
            if index < rows {
                self.budget_label.remove(index);
                self.budget_amount.remove(index);
            }
            return Intent::RemoveRow;
        }
        match self.action.as_str() {
            "add_row" => {
                if rows < MAX_ROWS {
                    self.budget_label.push(String::new());
                    self.budget_amount.push(String::new());
                }
                Intent::AddRow
            }
            "review" => Intent::Review,
            _ => Intent::Save,
        }
    }

    /// How many empty budget rows the page should offer after saving this form.
    pub fn blank_rows(&self) -> usize {
        self.rows().iter().filter(|row| is_blank(row)).count()
    }

    fn rows(&self) -> Vec<Row> {
        self.budget_label
            .iter()
            .zip(&self.budget_amount)
            .map(|(label, amount)| Row {
                label: label.clone(),
                amount: amount.clone(),
            })
            .collect()
    }

    /// The page for what was typed.
    pub fn view(&self, language: PageLanguage) -> FormView {
        let mut rows = self.rows();
        if rows.iter().all(|row| !is_blank(row)) {
            rows.push(Row::default());
        }
        let chosen = |values: &[String]| -> Vec<String> { values.to_vec() };
        let exploitation = chosen(&self.exploitation);
        let aid = chosen(&self.aid_types);
        FormView {
            title: self.title.clone(),
            summary: self.summary.clone(),
            countries: pad_countries(self.countries.clone()),
            beneficiaries: groups()
                .into_iter()
                .enumerate()
                .map(|(i, (sex, age))| GroupInput {
                    sex: sex.into(),
                    age_group: age.into(),
                    value: self.beneficiaries.get(i).cloned().unwrap_or_default(),
                })
                .collect(),
            exploitation: choices(
                Exploitation::VARIANTS,
                &exploitation.iter().map(String::as_str).collect::<Vec<_>>(),
            ),
            aid_types: choices(
                AidType::VARIANTS,
                &aid.iter().map(String::as_str).collect::<Vec<_>>(),
            ),
            requested: self.requested.clone(),
            duration_months: self.duration_months.clone(),
            total: total_of(&rows, language),
            rows,
        }
    }

    /// Reads the form into an application's text, or says what is wrong with it, field
    /// by field. `Err(None)`: the form was not one this page served (an unknown choice).
    pub fn read(&self, language: PageLanguage) -> Result<Read, Option<FormErrors>> {
        let say = |key: &str| messages::plain(language, key);
        let mut errors = FormErrors::new();
        let title = match ShortText::parse(&self.title) {
            Ok(title) => Some(title),
            Err(_) if self.title.trim().is_empty() => {
                errors.add("title", say("apply-error-title-missing"));
                None
            }
            Err(_) => {
                errors.add("title", say("apply-error-title"));
                None
            }
        };
        let summary = match Text::parse(&self.summary) {
            Ok(summary) => Some(summary),
            Err(_) if self.summary.trim().is_empty() => {
                errors.add("summary", say("apply-error-summary-missing"));
                None
            }
            Err(_) => {
                errors.add("summary", say("apply-error-summary"));
                None
            }
        };
        let mut countries = Vec::new();
        let mut country_inputs = Vec::new();
        for (i, typed) in self.countries.iter().enumerate() {
            if typed.trim().is_empty() {
                continue;
            }
            match parse_country(typed) {
                Some(code) => {
                    countries.push(code);
                    country_inputs.push(i);
                }
                None => errors.add(
                    &format!("countries-{i}"),
                    messages::text(
                        language,
                        "apply-error-country",
                        &[("typed", typed.trim().to_string().into())],
                    ),
                ),
            }
        }
        if countries.is_empty() && self.countries.iter().all(|c| c.trim().is_empty()) {
            errors.add("countries", say("apply-error-countries-missing"));
        }
        let mut beneficiaries = Vec::new();
        for (i, (sex, age_group)) in groups().into_iter().enumerate() {
            let typed = self
                .beneficiaries
                .get(i)
                .map(|t| t.trim().replace([' ', '\u{a0}', '\u{202f}'], ""))
                .unwrap_or_default();
            if typed.is_empty() {
                continue;
            }
            match typed.parse::<u32>() {
                Ok(count) => beneficiaries.push(Beneficiaries {
                    sex,
                    age_group,
                    count,
                }),
                Err(_) => {
                    let (sex, age): (&str, &str) = (sex.into(), age_group.into());
                    let group = say(&format!("apply-group-{sex}-{age}"));
                    errors.add(
                        &format!("beneficiaries-{i}"),
                        messages::text(language, "apply-error-count", &[("group", group.into())]),
                    );
                }
            }
        }
        if beneficiaries.is_empty()
            && self
                .beneficiaries
                .iter()
                .all(|typed| typed.trim().is_empty())
        {
            errors.add("beneficiaries", say("apply-error-beneficiaries-missing"));
        }
        let exploitation = pick(Exploitation::VARIANTS, &self.exploitation).ok_or(None)?;
        if exploitation.is_empty() {
            errors.add("exploitation", say("apply-error-exploitation-missing"));
        }
        let aid_types = pick(AidType::VARIANTS, &self.aid_types).ok_or(None)?;
        if aid_types.is_empty() {
            errors.add("aid_types", say("apply-error-aid-missing"));
        }
        let requested = if self.requested.trim().is_empty() {
            errors.add("requested", say("apply-error-requested-missing"));
            None
        } else {
            let amount = parse_amount(&self.requested, language);
            if amount.is_none() {
                errors.add("requested", say("apply-error-requested"));
            }
            amount
        };
        let duration_months = match self.duration_months.trim().parse::<i32>() {
            Ok(months) => Some(months),
            Err(_) => {
                errors.add("duration_months", say("apply-error-duration"));
                None
            }
        };
        let mut budget_lines = Vec::new();
        let mut line_rows = Vec::new();
        for (i, row) in self.rows().iter().enumerate() {
            if is_blank(row) {
                continue;
            }
            // The page numbers its rows from 1.
            let number = [(
                "number",
                fluent_bundle::FluentValue::from(i64::try_from(i + 1).unwrap_or(i64::MAX)),
            )];
            let label = ShortText::parse(&row.label).ok();
            if label.is_none() {
                errors.add(
                    &format!("budget-label-{i}"),
                    messages::text(language, "apply-error-line-label", &number),
                );
            }
            let amount = parse_amount(&row.amount, language);
            if amount.is_none() {
                errors.add(
                    &format!("budget-amount-{i}"),
                    messages::text(language, "apply-error-line-amount", &number),
                );
            }
            if let (Some(label), Some(amount)) = (label, amount) {
                budget_lines.push(BudgetLine { label, amount });
                line_rows.push(i);
            }
        }
        if self.rows().iter().all(is_blank) {
            errors.add("budget_lines", say("apply-error-lines-missing"));
        }
        match (title, summary, requested, duration_months) {
            (Some(title), Some(summary), Some(requested), Some(duration_months))
                if errors.is_empty() =>
            {
                Ok(Read {
                    content: Content {
                        title,
                        summary,
                        countries,
                        beneficiaries,
                        exploitation,
                        aid_types,
                        requested,
                        duration_months,
                        budget_lines,
                    },
                    country_inputs,
                    line_rows,
                })
            }
            _ => Err(Some(errors)),
        }
    }
}

fn is_blank(row: &Row) -> bool {
    row.label.trim().is_empty() && row.amount.trim().is_empty()
}

/// The chosen categories; `None` when a value is not one of them.
fn pick<T: Copy + Into<&'static str>>(all: &[T], chosen: &[String]) -> Option<Vec<T>> {
    chosen
        .iter()
        .map(|value| {
            all.iter()
                .copied()
                .find(|&item| Into::<&'static str>::into(item) == value)
        })
        .collect()
}

/// A form read into an application's text, with where each list item came from.
pub struct Read {
    pub content: Content,
    /// For each country, the index of the input it was typed in.
    country_inputs: Vec<usize>,
    /// For each budget line, the index of its row on the page.
    line_rows: Vec<usize>,
}

impl Read {
    /// The form field a use case's field name points at (`countries[1]`, `budget_lines[0].amount`).
    pub fn field_of(&self, field: &str) -> String {
        field_on_page(field, &self.country_inputs, &self.line_rows)
    }
}

/// The form field a use case's field name points at, without rows (for links from the
/// review page to the form's sections).
pub fn field_name(field: &str) -> String {
    field_on_page(field, &[], &[])
}

fn index_in(field: &str, list: &str) -> Option<usize> {
    field
        .strip_prefix(list)?
        .strip_prefix('[')?
        .split(']')
        .next()?
        .parse()
        .ok()
}

fn field_on_page(field: &str, country_inputs: &[usize], line_rows: &[usize]) -> String {
    if let Some(i) = index_in(field, "countries") {
        return country_inputs
            .get(i)
            .map_or("countries".to_string(), |input| {
                format!("countries-{input}")
            });
    }
    if let Some(i) = index_in(field, "budget_lines") {
        let part = if field.contains(".label") {
            "label"
        } else {
            "amount"
        };
        return line_rows.get(i).map_or("budget_lines".to_string(), |row| {
            format!("budget-{part}-{row}")
        });
    }
    for whole in [
        "title",
        "summary",
        "countries",
        "beneficiaries",
        "exploitation",
        "aid_types",
        "requested",
        "duration_months",
        "budget_lines",
    ] {
        if field.starts_with(whole) {
            return whole.to_string();
        }
    }
    "form".to_string()
}

/// The words for what the use case refused, on the fields it names: a rule in the
/// portal's words (`apply-rule-{name}`, with `args`), a field's refusal by the kind of
/// field (`apply-refused-{field}`), else the use case's own reason. `None`: not a refusal
/// of what was typed (the caller shows the error page).
pub fn refusal(
    language: PageLanguage,
    error: &AppError,
    field_of: impl Fn(&str) -> String,
    args: &[(&str, fluent_bundle::FluentValue<'_>)],
) -> Option<FormErrors> {
    let mut form = FormErrors::new();
    match error {
        AppError::Rule {
            rule,
            detail,
            errors,
        } => {
            let key = format!("apply-rule-{}", rule.name());
            let message = if messages::has(&key) {
                messages::text(language, &key, args)
            } else {
                detail.clone()
            };
            let field = errors
                .first()
                .map_or("form".to_string(), |e| field_of(&e.field));
            form.add(&field, message);
        }
        AppError::BadRequest { detail, errors } => {
            if errors.is_empty() {
                form.add("form", detail.clone());
            }
            for e in errors {
                let field = field_of(&e.field);
                let kind = field
                    .split('-')
                    .next()
                    .unwrap_or(&field)
                    .trim_end_matches(|c: char| c.is_ascii_digit());
                let key = format!("apply-refused-{kind}");
                let message = if messages::has(&key) {
                    messages::plain(language, &key)
                } else {
                    messages::text(
                        language,
                        "field-refused",
                        &[("reason", e.message.clone().into())],
                    )
                };
                form.add(&field, message);
            }
        }
        AppError::Conflict(detail) => form.add("form", detail.clone()),
        _ => return None,
    }
    Some(form)
}

/// The page for a stored draft, with `blank` empty budget rows.
pub fn view_of(application: &ApplicationView, blank: usize) -> FormView {
    let mut rows: Vec<Row> = application
        .budget_lines
        .iter()
        .map(|line| Row {
            label: line.label.as_str().to_string(),
            amount: line.amount.amount().to_string(),
        })
        .collect();
    // Stored amounts are plain decimals, which every language reads the same.
    let total = total_of(&rows, PageLanguage::En);
    rows.extend((0..blank.clamp(1, MAX_ROWS)).map(|_| Row::default()));
    let counts: Vec<String> = groups()
        .into_iter()
        .map(|(sex, age)| {
            application
                .beneficiaries
                .iter()
                .find(|b| b.sex == sex && b.age_group == age)
                .map(|b| b.count.to_string())
                .unwrap_or_default()
        })
        .collect();
    let exploitation: Vec<&str> = application.exploitation.iter().map(|&e| e.into()).collect();
    let aid: Vec<&str> = application.aid_types.iter().map(|&a| a.into()).collect();
    let mut countries: Vec<String> = application
        .countries
        .iter()
        .map(|c| c.code().to_string())
        .collect();
    countries.push(String::new());
    FormView {
        title: application.title.clone(),
        summary: application.summary.clone(),
        countries: pad_countries(countries),
        beneficiaries: groups()
            .into_iter()
            .zip(counts)
            .map(|((sex, age), value)| GroupInput {
                sex: sex.into(),
                age_group: age.into(),
                value,
            })
            .collect(),
        exploitation: choices(Exploitation::VARIANTS, &exploitation),
        aid_types: choices(AidType::VARIANTS, &aid),
        requested: application.requested.amount().to_string(),
        duration_months: application.duration_months.to_string(),
        rows,
        total,
    }
}

/// The page for a new application: nothing typed yet.
pub fn blank_view() -> FormView {
    ApplicationForm {
        budget_label: vec![String::new(); 3],
        budget_amount: vec![String::new(); 3],
        ..ApplicationForm::default()
    }
    .view(PageLanguage::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_people_type_them() {
        let read = |typed, language| parse_amount(typed, language).map(|m| m.amount().to_string());
        assert_eq!(
            read("45 000,50", PageLanguage::Fr).as_deref(),
            Some("45000.50")
        );
        assert_eq!(
            read("45000.5", PageLanguage::Fr).as_deref(),
            Some("45000.50")
        );
        assert_eq!(
            read("45,000", PageLanguage::En).as_deref(),
            Some("45000.00")
        );
        assert_eq!(
            read(" 1\u{a0}200 ", PageLanguage::Es).as_deref(),
            Some("1200.00")
        );
        assert!(parse_amount("45,000", PageLanguage::Fr).is_none());
        assert!(parse_amount("12,5", PageLanguage::En).is_none());
        assert!(parse_amount("0", PageLanguage::En).is_none());
        assert!(parse_amount("12,5", PageLanguage::Es).is_some());
    }

    #[test]
    fn countries_by_code_or_name() {
        assert_eq!(parse_country("ke").map(CountryCode::code), Some("KE"));
        assert_eq!(parse_country(" Kenya ").map(CountryCode::code), Some("KE"));
        assert!(parse_country("XK").is_none());
        assert!(parse_country("Atlantis").is_none());
    }

    #[test]
    fn fields_of_the_use_case_land_on_the_page() {
        assert_eq!(field_on_page("countries[1]", &[0, 3], &[]), "countries-3");
        assert_eq!(
            field_on_page("budget_lines[1].amount.currency", &[], &[0, 4]),
            "budget-amount-4"
        );
        assert_eq!(field_on_page("requested.currency", &[], &[]), "requested");
        assert_eq!(field_on_page("call_id", &[], &[]), "form");
    }

    #[test]
    fn rows_are_added_and_removed_before_reading() {
        let mut form = ApplicationForm {
            budget_label: vec!["Rent".into(), "Staff".into()],
            budget_amount: vec!["10".into(), "20".into()],
            remove: Some("0".into()),
            ..ApplicationForm::default()
        };
        assert_eq!(form.intent(), Intent::RemoveRow);
        assert_eq!(form.budget_label, vec!["Staff".to_string()]);
        let mut form = ApplicationForm {
            action: "add_row".into(),
            ..form
        };
        form.remove = None;
        assert_eq!(form.intent(), Intent::AddRow);
        assert_eq!(form.blank_rows(), 1);
    }

    /// Every category the form offers has words in the portal.
    #[test]
    fn every_choice_has_words() {
        for &e in Exploitation::VARIANTS {
            let name: &str = e.into();
            assert!(
                messages::has(&format!("apply-exploitation-{name}")),
                "{name}"
            );
        }
        for &a in AidType::VARIANTS {
            let name: &str = a.into();
            assert!(messages::has(&format!("apply-aid-{name}")), "{name}");
        }
        for (sex, age) in groups() {
            let (sex, age): (&str, &str) = (sex.into(), age.into());
            assert!(messages::has(&format!("apply-group-{sex}-{age}")));
        }
    }

    /// The words templates ask for by a value of the domain (`word("apply-state-", …)`)
    /// or by a key kept in a list, in every state a page can show.
    #[test]
    fn every_value_shown_has_words() {
        use crate::applications::ApplicationState;
        use crate::calls::CallStatus;
        use crate::domain::Role;
        use crate::organizations::OrgType;
        use crate::voting::DecisionStatus;
        let mut keys = Vec::new();
        for &state in ApplicationState::VARIANTS {
            for prefix in ["apply-state-", "apply-next-", "apply-moved-"] {
                keys.push(format!("{prefix}{}", state.as_str()));
            }
        }
        for &status in CallStatus::VARIANTS {
            let name: &str = status.into();
            keys.push(format!("apply-call-status-{name}"));
        }
        for &kind in OrgType::VARIANTS {
            keys.push(format!("apply-org-type-{}", kind.as_str()));
        }
        for &status in DecisionStatus::VARIANTS {
            keys.push(format!("apply-decision-{}", status.as_str()));
        }
        for &role in Role::VARIANTS {
            keys.push(format!("apply-role-{}", role.as_str()));
        }
        keys.extend(["apply-role-system", "apply-role-public"].map(String::from));
        // Keys named in a template's list rather than in `t("…")`, and in the code.
        let code = [
            include_str!("application_form.rs"),
            include_str!("applications.rs"),
            include_str!("drafting.rs"),
        ];
        let sources = super::super::TEMPLATES.iter().map(|(_, source)| *source);
        for source in sources.chain(code) {
            for (start, _) in source.match_indices("\"apply-") {
                let key: String = source[start + 1..]
                    .chars()
                    .take_while(|&c| c != '"')
                    .collect();
                // A prefix, or a key made with `format!`, is checked above by its values.
                if !key.ends_with('-') && !key.contains('{') {
                    keys.push(key);
                }
            }
        }
        let missing: Vec<_> = keys.iter().filter(|k| !messages::has(k)).collect();
        assert!(missing.is_empty(), "{missing:?}");
    }

    /// The portal's words for the use cases' rules name rules that exist.
    #[test]
    fn words_for_rules_name_real_rules() {
        let names: Vec<&str> = crate::error::Rule::all().map(|r| r.name()).collect();
        for key in messages::keys_of(PageLanguage::En) {
            if let Some(rule) = key.strip_prefix("apply-rule-") {
                assert!(names.contains(&rule), "{key}");
            }
        }
    }
}
