//! The integrity checks must not cry wolf on a live system: `ledger check` and
//! `audit verify` each read one snapshot, so receipts committed while they run are either
//! wholly in what they see or wholly out of it.

use std::time::{Duration, Instant};

use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::{pledge_by_a_public_donor, receipt};
use crate::support::positive_usd;

on_both_backends!(checks_stay_clean_while_receipts_are_posted);

const WRITERS: usize = 4;
const RUN_FOR: Duration = Duration::from_secs(4);

async fn checks_stay_clean_while_receipts_are_posted(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let auditor = app.user(Role::Auditor).await;
    let app = std::sync::Arc::new(app);
    let stop = Instant::now() + RUN_FOR;

    let mut writers = Vec::new();
    for _ in 0..WRITERS {
        let app = app.clone();
        let finance = finance.clone();
        writers.push(tokio::spawn(async move {
            let finance = app.as_(&finance);
            let gift = finance
                .contributions()
                .record(&pledge_by_a_public_donor(None))
                .await
                .created();
            let mut posted = 0;
            while Instant::now() < stop {
                finance
                    .contribution(gift.id)
                    .receive(&receipt(positive_usd("10.00"), "1"))
                    .await
                    .created();
                posted += 1;
            }
            posted
        }));
    }

    let mut checks = 0;
    while Instant::now() < stop {
        let ledger = app.as_(&finance).ledger().check().await.ok();
        assert!(
            ledger.ok,
            "ledger check reported a violation under load: {ledger:?}"
        );
        let audit = app.as_(&auditor).audit().verify().await.ok();
        assert!(
            audit.valid,
            "audit verify reported a break under load: {audit:?}"
        );
        checks += 1;
    }
    let mut posted = 0;
    for writer in writers {
        posted += writer.await.expect("writer");
    }
    eprintln!("{checks} check rounds while {posted} receipts were posted");
    assert!(posted > 0 && checks > 0);

    // At rest, both checks see everything the writers committed.
    let audit = app.as_(&auditor).audit().verify().await.ok();
    assert!(audit.valid, "{audit:?}");
    assert!(audit.events_checked >= posted);
}
