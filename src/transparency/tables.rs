//! The public figures as CSV (`?format=csv`), through the reports' one CSV writer: each
//! answer a table of rows by `level`, with the columns of its JSON.

use super::figures::{
    GrantMoney, PublicBeneficiaries, PublicContributions, PublicGrants, PublicSummary,
};
use crate::domain::csv_cell::Cell;
use crate::fund_reports::geography::serde_plain;
use crate::fund_reports::{Table, Tabular};

impl Tabular for PublicSummary {
    fn header() -> &'static [&'static str] {
        &[
            "level",
            "figure",
            "regional_group",
            "name",
            "chair",
            "value",
            "currency",
        ]
    }

    fn rows(&self, table: &mut Table) {
        let money = [
            ("contributions_received", &self.contributions_received),
            ("awarded", &self.awarded),
            ("disbursed", &self.disbursed),
            ("refunded", &self.refunded),
            ("commitments_outstanding", &self.commitments_outstanding),
        ];
        table.row([
            ("level", Cell::value("fund")),
            ("figure", Cell::value("as_of")),
            ("value", Cell::value(self.as_of)),
        ]);
        for (figure, m) in money {
            table.row([
                ("level", Cell::value("fund")),
                ("figure", Cell::value(figure)),
                ("value", Cell::value(m.amount())),
                ("currency", Cell::value(m.currency())),
            ]);
        }
        table.row([
            ("level", Cell::value("fund")),
            ("figure", Cell::value("grants")),
            ("value", Cell::value(self.grants)),
        ]);
        table.row([
            ("level", Cell::value("fund")),
            ("figure", Cell::value("people_reached")),
            ("value", Cell::value(self.people_reached.text())),
        ]);
        for m in &self.board.members {
            table.row([
                ("level", Cell::value("trustee")),
                (
                    "regional_group",
                    Cell::value(serde_plain(&m.regional_group)),
                ),
                ("name", Cell::text(m.name.clone())),
                ("chair", Cell::value(m.chair)),
            ]);
        }
        for g in &self.board.regional_groups {
            table.row([
                ("level", Cell::value("board_regional_group")),
                (
                    "regional_group",
                    Cell::value(serde_plain(&g.regional_group)),
                ),
                ("value", Cell::value(g.members)),
            ]);
        }
    }
}

fn money_cells(f: &GrantMoney) -> [(&'static str, Cell); 4] {
    [
        ("grants", Cell::value(f.grants)),
        ("awarded", Cell::value(f.awarded.amount())),
        ("disbursed", Cell::value(f.disbursed.amount())),
        ("currency", Cell::value(f.awarded.currency())),
    ]
}

impl Tabular for PublicGrants {
    fn header() -> &'static [&'static str] {
        &[
            "level",
            "grant_id",
            "organization",
            "year",
            "regional_group",
            "country",
            "exploitation",
            "grants",
            "awarded",
            "disbursed",
            "currency",
            "public_summary",
        ]
    }

    fn rows(&self, table: &mut Table) {
        for g in &self.grants {
            table.row([
                ("level", Cell::value("grant")),
                ("grant_id", Cell::value(&g.grant_id)),
                ("organization", Cell::text(g.organization.clone())),
                ("year", Cell::value(g.year)),
                (
                    "regional_group",
                    Cell::value(serde_plain(&g.regional_group)),
                ),
                ("country", Cell::value(g.country.code())),
                ("grants", Cell::value(1)),
                ("awarded", Cell::value(g.awarded.amount())),
                ("disbursed", Cell::value(g.disbursed.amount())),
                ("currency", Cell::value(g.awarded.currency())),
                (
                    "public_summary",
                    Cell::text(g.public_summary.clone().unwrap_or_default()),
                ),
            ]);
        }
        for y in &self.by_year {
            let mut row = vec![
                ("level", Cell::value("year")),
                ("year", Cell::value(y.year)),
            ];
            row.extend(money_cells(&y.figures));
            table.row(row);
        }
        for g in &self.by_regional_group {
            let mut row = vec![
                ("level", Cell::value("regional_group")),
                (
                    "regional_group",
                    Cell::value(serde_plain(&g.regional_group)),
                ),
            ];
            row.extend(money_cells(&g.figures));
            table.row(row);
        }
        for c in &self.by_country {
            let mut row = vec![
                ("level", Cell::value("country")),
                (
                    "regional_group",
                    Cell::value(serde_plain(&c.regional_group)),
                ),
                ("country", Cell::value(c.country.code())),
            ];
            row.extend(money_cells(&c.figures));
            table.row(row);
        }
        for e in &self.by_exploitation {
            let mut row = vec![
                ("level", Cell::value("exploitation")),
                ("exploitation", Cell::value(serde_plain(&e.exploitation))),
            ];
            row.extend(money_cells(&e.figures));
            table.row(row);
        }
        let mut row = vec![("level", Cell::value("total"))];
        row.extend(money_cells(&self.totals));
        table.row(row);
    }
}

impl Tabular for PublicContributions {
    fn header() -> &'static [&'static str] {
        &[
            "level",
            "year",
            "donor_type",
            "donor",
            "received",
            "currency",
        ]
    }

    fn rows(&self, table: &mut Table) {
        for d in &self.by_donor {
            table.row([
                ("level", Cell::value("donor")),
                ("year", Cell::value(d.year)),
                ("donor_type", Cell::value(&d.donor_type)),
                ("donor", Cell::text(d.donor.clone().unwrap_or_default())),
                ("received", Cell::value(d.received.amount())),
                ("currency", Cell::value(d.received.currency())),
            ]);
        }
        for y in &self.by_year {
            table.row([
                ("level", Cell::value("year")),
                ("year", Cell::value(y.year)),
                ("received", Cell::value(y.received.amount())),
                ("currency", Cell::value(y.received.currency())),
            ]);
        }
        table.row([
            ("level", Cell::value("total")),
            ("received", Cell::value(self.received.amount())),
            ("currency", Cell::value(self.received.currency())),
        ]);
    }
}

impl Tabular for PublicBeneficiaries {
    fn header() -> &'static [&'static str] {
        &["level", "sex", "age_group", "exploitation", "reached"]
    }

    fn rows(&self, table: &mut Table) {
        for g in &self.by_sex_and_age_group {
            table.row([
                ("level", Cell::value("sex_and_age_group")),
                ("sex", Cell::value(serde_plain(&g.sex))),
                ("age_group", Cell::value(serde_plain(&g.age_group))),
                ("reached", Cell::value(g.reached.text())),
            ]);
        }
        for f in &self.by_exploitation {
            table.row([
                ("level", Cell::value("exploitation")),
                ("exploitation", Cell::value(serde_plain(&f.exploitation))),
                ("reached", Cell::value(f.reached.text())),
            ]);
        }
        table.row([
            ("level", Cell::value("total")),
            ("reached", Cell::value(self.reached.text())),
        ]);
    }
}
