//! Who sees which application: every other id answers 404, for reads and for the writes
//! the caller's role may make (a write the role may never make is a 403 whatever the id).

use trustfund::api::applications::{
    ScreenApplicationRequest, UpdateApplicationRequest, WithdrawApplicationRequest,
};
use trustfund::applications::ApplicationState;
use trustfund::auth::Role;
use trustfund::domain::ApplicationId;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, application, short, text};
use crate::support::resources::ALL;
use crate::support::scenarios::{open_call, verified_organization};

on_both_backends!(
    an_applicant_probing_another_organisation_gets_404_everywhere,
    trustees_see_only_what_screening_passed_on,
    staff_read_everything,
);

fn retitle(title: &str) -> UpdateApplicationRequest {
    UpdateApplicationRequest {
        title: Some(short(title)),
        summary: None,
        countries: None,
        beneficiaries: None,
        exploitation: None,
        aid_types: None,
        requested: None,
        duration_months: None,
        budget_lines: None,
    }
}

fn withdrawal() -> WithdrawApplicationRequest {
    WithdrawApplicationRequest {
        reason: text("no longer needed"),
    }
}

fn eligible() -> ScreenApplicationRequest {
    bodies::screen_eligible()
}

/// A draft by a verified Kenyan NGO under an open call: its applicant and its id.
async fn draft(app: &TestApp, country: &str) -> (TestUser, ApplicationId) {
    let (applicant, _) = verified_organization(app, country).await;
    let call = open_call(app).await;
    let created = app
        .as_(&applicant)
        .applications()
        .create(&application(call))
        .await
        .created();
    (applicant, created.id)
}

async fn an_applicant_probing_another_organisation_gets_404_everywhere(app: TestApp) {
    let (victim, id) = draft(&app, "KE").await;
    let (prober, _) = verified_organization(&app, "PH").await;
    let probe = app.as_(&prober).application(id);
    for state in ["draft", "submitted", "under_review"] {
        probe.clone().get().await.refused(404, "not-found");
        probe.clone().history().await.refused(404, "not-found");
        probe
            .clone()
            .edit(&retitle("Mine now"))
            .await
            .refused(404, "not-found");
        probe.clone().submit().await.refused(404, "not-found");
        probe
            .clone()
            .withdraw(&withdrawal())
            .await
            .refused(404, "not-found");
        // Screening is no applicant's to do: refused for the role, whatever the id,
        // before the body is read (so it tells nothing of the application either).
        probe
            .clone()
            .screen(&eligible())
            .await
            .refused(403, "forbidden");
        probe
            .clone()
            .start_screening()
            .await
            .refused(403, "forbidden");
        let list = app.as_(&prober).applications().list(ALL).await.ok();
        assert!(list.items.is_empty(), "{state}");
        match state {
            "draft" => {
                app.as_(&victim).application(id).submit().await.ok();
            }
            "submitted" => {
                let secretariat = app.user(Role::Secretariat).await;
                app.as_(&secretariat)
                    .application(id)
                    .screen(&eligible())
                    .await
                    .ok();
            }
            _ => {}
        }
    }
    // Nothing changed for the owner.
    let own = app.as_(&victim).application(id).get().await.ok();
    assert_eq!(own.title, "Safe shelter and legal aid");
    assert_eq!(own.state, ApplicationState::UnderReview);
    // An unknown id looks the same as someone else's.
    app.as_(&prober)
        .application(ApplicationId::new())
        .get()
        .await
        .refused(404, "not-found");
}

async fn trustees_see_only_what_screening_passed_on(app: TestApp) {
    let (applicant, id) = draft(&app, "KE").await;
    let trustee = app.user(Role::Trustee).await;
    let secretariat = app.user(Role::Secretariat).await;
    let as_trustee = app.as_(&trustee).application(id);
    let as_secretariat = app.as_(&secretariat).application(id);

    as_trustee.clone().get().await.refused(404, "not-found");
    as_trustee.clone().history().await.refused(404, "not-found");
    // Editing and withdrawing are no trustee's to do: 403 for the role whatever the id,
    // decided before the body is read.
    as_trustee
        .clone()
        .edit(&retitle("x"))
        .await
        .refused(403, "forbidden");
    as_trustee
        .clone()
        .withdraw(&withdrawal())
        .await
        .refused(403, "forbidden");
    app.as_(&applicant).application(id).submit().await.ok();
    as_trustee.clone().get().await.refused(404, "not-found");
    as_secretariat.clone().start_screening().await.ok();
    as_trustee.clone().get().await.refused(404, "not-found");
    as_secretariat.screen(&eligible()).await.ok();
    let seen = as_trustee.clone().get().await.ok();
    assert_eq!(seen.state, ApplicationState::UnderReview);
    as_trustee.clone().history().await.ok();
    // Seeing is not acting.
    as_trustee
        .withdraw(&withdrawal())
        .await
        .refused(403, "forbidden");
}

async fn staff_read_everything(app: TestApp) {
    let (_, id) = draft(&app, "KE").await;
    for role in [Role::Admin, Role::Secretariat, Role::Finance, Role::Auditor] {
        let user = app.user(role).await;
        let staff = app.as_(&user);
        let seen = staff.application(id).get().await.ok();
        assert_eq!(seen.state, ApplicationState::Draft);
        staff
            .application(id)
            .edit(&retitle("x"))
            .await
            .refused(403, "forbidden");
        assert_eq!(staff.applications().list(ALL).await.ok().items.len(), 1);
    }
}
