//! Who sees which application: every other id answers 404, for reads and for the writes
//! the caller's role may make (a write the role may never make is a 403 whatever the id).

use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{application, TestApp};
use crate::on_both_backends;

on_both_backends!(
    an_applicant_probing_another_organisation_gets_404_everywhere,
    trustees_see_only_what_screening_passed_on,
    staff_read_everything,
);

async fn an_applicant_probing_another_organisation_gets_404_everywhere(app: TestApp) {
    let (victim, _) = app.verified_applicant_in("KE").await;
    let (prober, _) = app.verified_applicant_in("PH").await;
    let call = app.open_call().await;
    let created = app
        .post(&victim, "/api/v1/applications", application(&call))
        .await
        .expect(201);
    let id = created.body["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/applications/{id}");
    let check = |answer: crate::helpers::Answer| {
        answer.expect_problem(404, "not-found");
    };
    for state in ["draft", "submitted", "under_review"] {
        check(app.get(&prober, &path).await);
        check(app.get(&prober, &format!("{path}/history")).await);
        check(
            app.patch(&prober, &path, json!({"title": "Mine now"}))
                .await,
        );
        check(
            app.post(&prober, &format!("{path}/submit"), json!({}))
                .await,
        );
        check(
            app.post(
                &prober,
                &format!("{path}/withdraw"),
                json!({"reason": "no longer needed"}),
            )
            .await,
        );
        // Screening is no applicant's to do: refused for the role, whatever the id,
        // before the body is read (so it tells nothing of the application either).
        app.post(
            &prober,
            &format!("{path}/screening"),
            json!({"eligible": true}),
        )
        .await
        .expect_problem(403, "forbidden");
        app.post(&prober, &format!("{path}/screening/start"), json!({}))
            .await
            .expect_problem(403, "forbidden");
        let list = app.get(&prober, "/api/v1/applications").await.expect(200);
        assert!(list.body["items"].as_array().unwrap().is_empty(), "{state}");
        match state {
            "draft" => {
                app.post(&victim, &format!("{path}/submit"), json!({}))
                    .await
                    .expect(200);
            }
            "submitted" => {
                let secretariat = app.user(Role::Secretariat).await;
                app.post(
                    &secretariat,
                    &format!("{path}/screening"),
                    json!({"eligible": true}),
                )
                .await
                .expect(200);
            }
            _ => {}
        }
    }
    // Nothing changed for the owner.
    let own = app.get(&victim, &path).await.expect(200);
    assert_eq!(own.body["title"], "Safe shelter and legal aid");
    assert_eq!(own.body["state"], "under_review");
    // An unknown id looks the same as someone else's.
    app.get(
        &prober,
        &format!("/api/v1/applications/{}", uuid::Uuid::new_v4()),
    )
    .await
    .expect_problem(404, "not-found");
}

async fn trustees_see_only_what_screening_passed_on(app: TestApp) {
    let (applicant, _) = app.verified_applicant().await;
    let call = app.open_call().await;
    let created = app
        .post(&applicant, "/api/v1/applications", application(&call))
        .await
        .expect(201);
    let path = format!(
        "/api/v1/applications/{}",
        created.body["id"].as_str().unwrap()
    );
    let trustee = app.user(Role::Trustee).await;
    let secretariat = app.user(Role::Secretariat).await;

    app.get(&trustee, &path)
        .await
        .expect_problem(404, "not-found");
    app.get(&trustee, &format!("{path}/history"))
        .await
        .expect_problem(404, "not-found");
    // Editing and withdrawing are no trustee's to do: 403 for the role whatever the id,
    // decided before the body is read.
    app.patch(&trustee, &path, json!({"title": "x"}))
        .await
        .expect_problem(403, "forbidden");
    app.post(
        &trustee,
        &format!("{path}/withdraw"),
        json!({"reason": "no longer needed"}),
    )
    .await
    .expect_problem(403, "forbidden");
    app.post(&applicant, &format!("{path}/submit"), json!({}))
        .await
        .expect(200);
    app.get(&trustee, &path)
        .await
        .expect_problem(404, "not-found");
    app.post(&secretariat, &format!("{path}/screening/start"), json!({}))
        .await
        .expect(200);
    app.get(&trustee, &path)
        .await
        .expect_problem(404, "not-found");
    app.post(
        &secretariat,
        &format!("{path}/screening"),
        json!({"eligible": true}),
    )
    .await
    .expect(200);
    let seen = app.get(&trustee, &path).await.expect(200);
    assert_eq!(seen.body["state"], "under_review");
    app.get(&trustee, &format!("{path}/history"))
        .await
        .expect(200);
    // Seeing is not acting.
    app.post(
        &trustee,
        &format!("{path}/withdraw"),
        json!({"reason": "no longer needed"}),
    )
    .await
    .expect_problem(403, "forbidden");
}

async fn staff_read_everything(app: TestApp) {
    let (applicant, _) = app.verified_applicant().await;
    let call = app.open_call().await;
    let created = app
        .post(&applicant, "/api/v1/applications", application(&call))
        .await
        .expect(201);
    let path = format!(
        "/api/v1/applications/{}",
        created.body["id"].as_str().unwrap()
    );
    for role in [Role::Admin, Role::Secretariat, Role::Finance, Role::Auditor] {
        let user = app.user(role).await;
        let seen = app.get(&user, &path).await.expect(200);
        assert_eq!(seen.body["state"], "draft");
        app.patch(&user, &path, json!({"title": "x"}))
            .await
            .expect_problem(403, "forbidden");
        let list = app.get(&user, "/api/v1/applications").await.expect(200);
        assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    }
}
