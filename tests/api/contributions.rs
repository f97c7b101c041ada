//! Contributions: who records and reads them, and every bad amount refused with a 400
//! naming the field.

use serde_json::json;
use trustfund::api::contributions::{CreateContributionRequest, DonorRequest};
use trustfund::auth::Role;
use trustfund::contributions::DonorType;
use trustfund::domain::ContributionId;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::{country, in_currency, pledge_by_japan, positive, short};
use crate::support::resources::ALL;
use crate::support::scenarios::japan;
use crate::support::usd;

on_both_backends!(
    staff_record_and_read_contributions,
    bad_pledges_are_refused_naming_the_field
);

async fn staff_record_and_read_contributions(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let trustee = app.user(Role::Trustee).await;
    let auditor = app.user(Role::Auditor).await;
    let body = pledge_by_japan(Some(positive("1000000", "JPY")));
    app.as_(&trustee)
        .contributions()
        .record(&body)
        .await
        .refused(403, "forbidden");
    let created = app
        .as_(&secretariat)
        .contributions()
        .record(&body)
        .await
        .created();
    assert_eq!(created.pledged, Some(in_currency("1000000", "JPY")));
    assert_eq!(created.received, Some(in_currency("0", "JPY")));
    assert_eq!(created.outstanding, Some(in_currency("1000000", "JPY")));
    assert_eq!(created.received_usd, usd("0.00"));
    assert_eq!(created.donor.country, Some(country("JP")));

    let gift = app
        .as_(&secretariat)
        .contributions()
        .record(&CreateContributionRequest {
            donor: DonorRequest {
                name: Some(short("A private foundation")),
                donor_type: DonorType::PrivateSector,
                country: None,
            },
            pledged: None,
            pledged_on: "2026-02-01".parse().unwrap(),
        })
        .await
        .created();
    assert_eq!(gift.pledged, None);
    assert_eq!(gift.outstanding, None);

    let as_auditor = app.as_(&auditor);
    let one = as_auditor.contribution(created.id).get().await.ok();
    assert_eq!(one.donor.name, "Japan");
    let list = as_auditor
        .contributions()
        .list(&[("limit", "1")])
        .await
        .ok();
    assert_eq!(list.items.len(), 1);
    assert_eq!(list.items[0].id, gift.id);
    let cursor = list.next_cursor.expect("a next page");
    let next = as_auditor
        .contributions()
        .list(&[("limit", "1"), ("cursor", cursor.as_str())])
        .await
        .ok();
    assert_eq!(next.items[0].id, created.id);
    app.as_(&trustee)
        .contributions()
        .list(ALL)
        .await
        .refused(403, "forbidden");
    as_auditor
        .contribution(ContributionId::new())
        .get()
        .await
        .refused(404, "not-found");

    let admin = app.user(Role::Admin).await;
    let id = created.id.to_string();
    let trail = app
        .as_(&admin)
        .audit()
        .list(&[("entity_id", id.as_str())])
        .await
        .ok();
    assert_eq!(trail.items[0].action, "contribution.created");
}

/// The amounts and donors the crate's types cannot even hold go as JSON.
async fn bad_pledges_are_refused_naming_the_field(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let contributions = app.as_(&finance).contributions();
    let cases = [
        (json!({"amount": 1000, "currency": "USD"}), "pledged.amount"),
        (json!({"amount": "10.001", "currency": "USD"}), "pledged"),
        (json!({"amount": "10.5", "currency": "JPY"}), "pledged"),
        (json!({"amount": "0.00", "currency": "USD"}), "pledged"),
        (json!({"amount": "-5.00", "currency": "USD"}), "pledged"),
        (
            json!({"amount": "5.00", "currency": "XXY"}),
            "pledged.currency",
        ),
        (
            json!({"amount": "1e3", "currency": "USD"}),
            "pledged.amount",
        ),
    ];
    for (pledged, field) in cases {
        let refused = contributions
            .clone()
            .record(&japan(pledged.clone()))
            .await
            .refused(400, "validation");
        assert_eq!(refused.fields(), vec![field], "{pledged}");
    }
    let no_country = CreateContributionRequest {
        donor: DonorRequest {
            name: Some(short("Japan")),
            donor_type: DonorType::MemberState,
            country: None,
        },
        ..pledge_by_japan(None)
    };
    let refused = contributions
        .clone()
        .record(&no_country)
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["donor.country"]);
    // The Holy See is an observer, not a Member State: no `CountryCode` holds it.
    let observer = json!({"donor": {"name": "X", "donor_type": "member_state", "country": "VA"}, "pledged_on": "2026-01-15"});
    let refused = contributions
        .clone()
        .record(&observer)
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["donor.country"]);
    let refused = contributions
        .clone()
        .record(&json!({"donor": {"name": "X", "donor_type": "alien"}, "pledged_on": "2026-01-15"}))
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["donor.donor_type"]);
    assert!(contributions.list(ALL).await.ok().items.is_empty());
}
