//! The report form: beneficiary counts in a grid (form of exploitation by sex and age
//! group), money spent on each line of the grant's budget, the period and the
//! narrative. Read into the API's own [`NewReport`]; what was typed is kept to show the
//! form again, and the use case's refusals are put beside the fields they name.

use std::collections::BTreeMap;

use serde::Serialize;
use strum::VariantArray;

use super::forms;
use crate::calls::{AgeGroup, Exploitation, Sex};
use crate::domain::{Money, ShortText, Text};
use crate::grant_reports::{BeneficiaryCount, NewReport, ReportKind, ReportView, SpentLine};
use crate::grants::GrantView;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;

/// A category's wire name (`female`, `forced_labour`), as the API writes it.
fn name<T: Into<&'static str>>(value: T) -> &'static str {
    value.into()
}

/// The grid's columns: each sex and age group.
fn groups() -> Vec<(Sex, AgeGroup)> {
    Sex::VARIANTS
        .iter()
        .flat_map(|&sex| AgeGroup::VARIANTS.iter().map(move |&age| (sex, age)))
        .collect()
}

/// The form field of one cell of the grid.
fn cell_name(sex: Sex, age: AgeGroup, exploitation: Exploitation) -> String {
    format!("b-{}-{}-{}", name(sex), name(age), name(exploitation))
}

/// The form field of the amount spent on budget line `i`.
fn spent_name(i: usize) -> String {
    format!("spent-{i}")
}

/// The report as typed, field by field (what the form shows again).
#[derive(Debug, Default, Serialize)]
pub struct Typed {
    pub kind: String,
    pub tranche: String,
    pub period_start: String,
    pub period_end: String,
    pub narrative: String,
    /// By field name: counts and amounts.
    pub cells: BTreeMap<String, String>,
}

impl Typed {
    /// A blank form, `kind` and `tranche` chosen.
    pub fn blank(kind: &str, tranche: Option<i32>) -> Typed {
        Typed {
            kind: kind.to_string(),
            tranche: tranche.map(|n| n.to_string()).unwrap_or_default(),
            ..Typed::default()
        }
    }

    /// A returned report's content, to correct and file again.
    pub fn from_report(report: &ReportView, grant: &GrantView, language: PageLanguage) -> Typed {
        let mut cells = BTreeMap::new();
        for b in &report.beneficiaries {
            cells.insert(
                cell_name(b.sex, b.age_group, b.exploitation),
                b.count.to_string(),
            );
        }
        for line in &report.spent {
            if let Some(i) = grant
                .budget
                .iter()
                .position(|b| b.label == line.label.as_str())
            {
                cells.insert(
                    spent_name(i),
                    crate::portal::formats::decimal(line.amount.amount(), language),
                );
            }
        }
        Typed {
            kind: report.kind.as_str().to_string(),
            tranche: report.tranche.map(|n| n.to_string()).unwrap_or_default(),
            period_start: report.period_start.to_string(),
            period_end: report.period_end.to_string(),
            narrative: report.narrative.clone(),
            cells,
        }
    }
}

/// One cell of the grid, for the template.
#[derive(Debug, Serialize)]
struct Cell {
    name: String,
    value: String,
    /// What the cell counts, in words (its label for screen readers).
    label: String,
}

#[derive(Debug, Serialize)]
struct GridRow {
    label: String,
    cells: Vec<Cell>,
}

#[derive(Debug, Serialize)]
struct SpendRow {
    name: String,
    label: String,
    budget: Money,
    balance: Money,
    value: String,
}

/// The form as the template draws it.
#[derive(Debug, Serialize)]
pub struct FormView {
    columns: Vec<String>,
    grid: Vec<GridRow>,
    spending: Vec<SpendRow>,
    tranches: Vec<forms::Choice>,
    kinds: Vec<forms::Choice>,
}

fn word(language: PageLanguage, key: &str) -> String {
    messages::plain(language, key)
}

/// What one cell of the grid counts, in words: "Women, Forced labour".
fn cell_label(
    language: PageLanguage,
    sex: Sex,
    age: AgeGroup,
    exploitation: Exploitation,
) -> String {
    format!(
        "{}, {}",
        word(language, &format!("ngo-group-{}-{}", name(sex), name(age))),
        word(
            language,
            &format!("ngo-exploitation-{}", name(exploitation))
        )
    )
}

/// The form for `grant`, with what was typed (the template puts each field's problem
/// beside it).
pub fn view(grant: &GrantView, typed: &Typed, language: PageLanguage) -> FormView {
    let groups = groups();
    let group_word =
        |sex: Sex, age: AgeGroup| word(language, &format!("ngo-group-{}-{}", name(sex), name(age)));
    let grid = Exploitation::VARIANTS
        .iter()
        .map(|&exploitation| {
            let row_label = word(
                language,
                &format!("ngo-exploitation-{}", name(exploitation)),
            );
            GridRow {
                cells: groups
                    .iter()
                    .map(|&(sex, age)| {
                        let field = cell_name(sex, age, exploitation);
                        Cell {
                            value: typed.cells.get(&field).cloned().unwrap_or_default(),
                            label: cell_label(language, sex, age, exploitation),
                            name: field,
                        }
                    })
                    .collect(),
                label: row_label,
            }
        })
        .collect();
    let spending = grant
        .budget
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let field = spent_name(i);
            SpendRow {
                value: typed.cells.get(&field).cloned().unwrap_or_default(),
                label: line.label.clone(),
                budget: line.budget,
                balance: line.balance,
                name: field,
            }
        })
        .collect();
    let mut tranches = vec![forms::Choice::new(
        "",
        word(language, "ngo-report-tranche-none"),
    )];
    tranches.extend(grant.tranches.iter().map(|t| {
        forms::Choice::new(
            t.number.to_string(),
            messages::text(
                language,
                "ngo-tranche-number",
                &[("number", i64::from(t.number).into())],
            ),
        )
    }));
    let kinds = ReportKind::VARIANTS
        .iter()
        .map(|k| {
            forms::Choice::new(
                k.as_str(),
                word(language, &format!("ngo-report-kind-{}", k.as_str())),
            )
        })
        .collect();
    FormView {
        columns: groups.iter().map(|&(s, a)| group_word(s, a)).collect(),
        grid,
        spending,
        tranches,
        kinds,
    }
}

/// Where the API's field names point in the form: the lines sent, in order, name the
/// cells they came from.
#[derive(Debug, Default)]
pub struct Sent {
    beneficiaries: Vec<String>,
    spent: Vec<String>,
}

impl Sent {
    /// The form field an API error names (`beneficiaries[2]`, `spent[0].amount`…).
    pub fn field_of(&self, api_field: &str) -> String {
        let indexed = |prefix: &str, names: &[String]| {
            api_field
                .strip_prefix(prefix)
                .and_then(|rest| rest.split(']').next())
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| names.get(i).cloned())
        };
        if let Some(field) = indexed("beneficiaries[", &self.beneficiaries) {
            return field;
        }
        if let Some(field) = indexed("spent[", &self.spent) {
            return field;
        }
        let top = api_field.split(['[', '.']).next().unwrap_or(api_field);
        match top {
            "beneficiaries" | "spent" | "period_start" | "period_end" | "tranche" | "kind"
            | "narrative" => top.to_string(),
            _ => "tranche".to_string(),
        }
    }
}

/// Reads the posted form into a report for `grant`: the report, or what was wrong.
pub fn read(
    posted: &BTreeMap<String, String>,
    grant: &GrantView,
    language: PageLanguage,
) -> (Typed, Sent, Result<NewReport, FormErrors>) {
    let field = |name: &str| posted.get(name).cloned().unwrap_or_default();
    let mut typed = Typed {
        kind: field("kind"),
        tranche: field("tranche"),
        period_start: field("period_start"),
        period_end: field("period_end"),
        narrative: field("narrative"),
        cells: BTreeMap::new(),
    };
    let mut errors = FormErrors::new();
    let mut sent = Sent::default();
    let kind = match typed.kind.as_str() {
        "progress" => Some(ReportKind::Progress),
        "final" => Some(ReportKind::Final),
        _ => {
            errors.add("kind", word(language, "ngo-report-kind-missing"));
            None
        }
    };
    let tranche = match typed.tranche.trim() {
        "" => None,
        text => match text.parse::<i32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.add("tranche", word(language, "ngo-report-tranche-missing"));
                None
            }
        },
    };
    let period_start = forms::date(&typed.period_start);
    if period_start.is_none() {
        errors.add("period_start", word(language, "ngo-report-date-invalid"));
    }
    let period_end = forms::date(&typed.period_end);
    if period_end.is_none() {
        errors.add("period_end", word(language, "ngo-report-date-invalid"));
    }
    let mut beneficiaries = Vec::new();
    for &exploitation in Exploitation::VARIANTS {
        for (sex, age_group) in groups() {
            let name = cell_name(sex, age_group, exploitation);
            let text = field(&name);
            if text.trim().is_empty() {
                continue;
            }
            match forms::count(&text) {
                Some(count) => {
                    beneficiaries.push(BeneficiaryCount {
                        sex,
                        age_group,
                        exploitation,
                        count,
                    });
                    sent.beneficiaries.push(name.clone());
                }
                None => errors.add(
                    &name,
                    format!(
                        "{}: {}",
                        cell_label(language, sex, age_group, exploitation),
                        word(language, "ngo-report-count-invalid")
                    ),
                ),
            }
            typed.cells.insert(name, text);
        }
    }
    let currency = grant.award.currency();
    let mut spent = Vec::new();
    for (i, line) in grant.budget.iter().enumerate() {
        let name = spent_name(i);
        let text = field(&name);
        if text.trim().is_empty() {
            continue;
        }
        let label = ShortText::parse(&line.label);
        match (forms::amount(&text, currency, language), label) {
            (Some(amount), Ok(label)) => {
                spent.push(SpentLine { label, amount });
                sent.spent.push(name.clone());
            }
            _ => errors.add(
                &name,
                format!(
                    "{}: {}",
                    line.label,
                    word(language, "ngo-report-amount-invalid")
                ),
            ),
        }
        typed.cells.insert(name, text);
    }
    let narrative = match Text::parse(&typed.narrative) {
        Ok(text) => Some(text),
        Err(_) if typed.narrative.trim().is_empty() => {
            errors.add("narrative", word(language, "ngo-report-narrative-missing"));
            None
        }
        Err(e) => {
            errors.add(
                "narrative",
                messages::text(
                    language,
                    "field-refused",
                    &[("reason", e.to_string().into())],
                ),
            );
            None
        }
    };
    let report = match (kind, period_start, period_end, narrative) {
        (Some(kind), Some(period_start), Some(period_end), Some(narrative))
            if errors.is_empty() =>
        {
            Ok(NewReport {
                kind,
                tranche,
                period_start,
                period_end,
                beneficiaries,
                spent,
                narrative,
            })
        }
        _ => Err(errors),
    };
    (typed, sent, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::applications::ApplicationState;
    use crate::grant_reports::ReportState;
    use crate::grants::{GrantState, TrancheState};
    use crate::organizations::{OrgState, OrgType};

    /// Keys the templates build from a value (`"ngo-grant-state-" ~ state`): the unit
    /// test of templates sees only literal keys, so these are checked here.
    #[test]
    fn every_state_and_category_has_words() {
        let mut keys: Vec<String> = Vec::new();
        let mut of = |prefix: &str, names: Vec<&'static str>| {
            keys.extend(names.into_iter().map(|n| format!("{prefix}{n}")));
        };
        of(
            "ngo-exploitation-",
            Exploitation::VARIANTS.iter().map(|&v| name(v)).collect(),
        );
        of(
            "ngo-report-kind-",
            ReportKind::VARIANTS.iter().map(|&v| name(v)).collect(),
        );
        of(
            "ngo-report-state-",
            ReportState::VARIANTS.iter().map(|&v| name(v)).collect(),
        );
        of(
            "ngo-tranche-state-",
            TrancheState::VARIANTS.iter().map(|&v| name(v)).collect(),
        );
        of(
            "ngo-grant-state-",
            GrantState::VARIANTS.iter().map(|&v| name(v)).collect(),
        );
        of(
            "ngo-org-state-",
            OrgState::VARIANTS.iter().map(|&v| name(v)).collect(),
        );
        of(
            "ngo-org-type-",
            OrgType::VARIANTS.iter().map(|&v| name(v)).collect(),
        );
        of(
            "ngo-application-state-",
            ApplicationState::VARIANTS
                .iter()
                .map(|&v| name(v))
                .collect(),
        );
        keys.extend(
            groups()
                .into_iter()
                .map(|(s, a)| format!("ngo-group-{}-{}", name(s), name(a))),
        );
        let missing: Vec<_> = keys.iter().filter(|k| !messages::has(k)).collect();
        assert!(missing.is_empty(), "no words for {missing:?}");
    }
}
