//! The integrity checks must not cry wolf on a live system: `ledger check` and
//! `audit verify` each read one snapshot, so receipts committed while they run are either
//! wholly in what they see or wholly out of it.

use std::time::{Duration, Instant};

use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::scenarios::{contribution, receive};

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
            let id = contribution(&app, &finance, None).await;
            let mut posted = 0;
            while Instant::now() < stop {
                receive(&app, &finance, &id, "10.00", "USD", "1")
                    .await
                    .expect(201);
                posted += 1;
            }
            posted
        }));
    }

    let mut checks = 0;
    while Instant::now() < stop {
        let ledger = app.get(&finance, "/api/v1/ledger/check").await.expect(200);
        assert_eq!(
            ledger.body["ok"], true,
            "ledger check reported a violation under load: {}",
            ledger.text
        );
        let audit = app.get(&auditor, "/api/v1/audit/verify").await.expect(200);
        assert_eq!(
            audit.body["valid"], true,
            "audit verify reported a break under load: {}",
            audit.text
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
    let audit = app.get(&auditor, "/api/v1/audit/verify").await.expect(200);
    assert_eq!(audit.body["valid"], true);
    assert!(audit.body["events_checked"].as_i64().unwrap_or(0) >= posted);
}
