//! The public figures held in memory, so that a flood of anonymous readers costs the
//! database at most one cheap read every [`CHECK_EVERY`] per instance and never touches its
//! write path (no lock, no transaction that writes).
//!
//! Each instance of the service keeps the last figures it built and the audit chain's
//! head they were built at: every change to the Fund appends an audit event in its own
//! transaction, so an unmoved head means unchanged figures. A request within
//! [`CHECK_EVERY`] of the last check is answered from memory; after that, one request
//! (the others wait for it) reads the head, and rebuilds the figures in one read snapshot
//! only if the head moved or the day changed. Published figures may therefore lag a change
//! by up to [`CHECK_EVERY`]; instances share nothing and may differ by as much.
//!
//! The public IATI files are kept beside them, built on the first request that finds the
//! figures newer than the files (a file is written only when someone asks for it).

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use diesel::prelude::*;

use super::figures::{public_figures, PublicFigures};
use crate::audit::Signer;
use crate::config::IatiSettings;
use crate::db::schema::audit_head;
use crate::db::{ActingAs, Actor, Db, DbConnection};
use crate::error::AppError;
use crate::exports::iati::{public_files, PublicFiles};

/// How long figures are served before the audit chain's head is read again.
pub const CHECK_EVERY: Duration = Duration::from_secs(5);

struct Built {
    figures: Arc<PublicFigures>,
    head: i64,
    day: NaiveDate,
    checked: Instant,
}

/// One instance's public figures (shared by its workers as app data).
#[derive(Default)]
pub struct Snapshot {
    built: RwLock<Option<Built>>,
    /// Held by the one request that checks or rebuilds.
    refresh: tokio::sync::Mutex<()>,
    /// The IATI files and the figures' (head, day) they were written at.
    iati: RwLock<Option<(i64, NaiveDate, Arc<PublicFiles>)>>,
    /// Held by the one request that writes the IATI files.
    writing: tokio::sync::Mutex<()>,
}

fn head(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(audit_head::table
        .find(1)
        .select(audit_head::last_seq)
        .get_result(conn)?)
}

impl Snapshot {
    fn fresh(&self, today: NaiveDate) -> Option<Arc<PublicFigures>> {
        let built = self.built.read().ok()?;
        built
            .as_ref()
            .filter(|b| b.day == today && b.checked.elapsed() < CHECK_EVERY)
            .map(|b| b.figures.clone())
    }

    fn store(&self, built: Built) -> Arc<PublicFigures> {
        let figures = built.figures.clone();
        if let Ok(mut slot) = self.built.write() {
            *slot = Some(built);
        }
        figures
    }

    /// The (head, day) the figures in memory were built at.
    fn built_at(&self) -> Option<(i64, NaiveDate)> {
        let built = self.built.read().ok()?;
        built.as_ref().map(|b| (b.head, b.day))
    }

    fn written_iati(&self, at: Option<(i64, NaiveDate)>) -> Option<Arc<PublicFiles>> {
        let iati = self.iati.read().ok()?;
        iati.as_ref()
            .filter(|(head, day, _)| Some((*head, *day)) == at)
            .map(|(_, _, files)| files.clone())
    }

    /// The public IATI files as of the figures (so never older than they are): written
    /// again once the figures have been rebuilt since. The files read the database in
    /// one snapshot, a little later than the figures did, so they may be the newer.
    pub async fn iati(
        &self,
        db: &Db,
        settings: &IatiSettings,
        signer: &Signer,
    ) -> Result<Arc<PublicFiles>, AppError> {
        self.figures(db).await?;
        let at = self.built_at();
        if let Some(files) = self.written_iati(at) {
            return Ok(files);
        }
        let _writing = self.writing.lock().await;
        let at = self.built_at();
        if let Some(files) = self.written_iati(at) {
            return Ok(files);
        }
        let (settings, signer, clock) = (settings.clone(), signer.clone(), db.clock());
        let files = Arc::new(
            db.read(move |conn| public_files(conn, &settings, clock, &signer))
                .await?,
        );
        if let (Some((head, day)), Ok(mut slot)) = (at, self.iati.write()) {
            *slot = Some((head, day, files.clone()));
        }
        Ok(files)
    }

    /// The figures, from memory while fresh, else checked and rebuilt if the data changed.
    pub async fn figures(&self, db: &Db) -> Result<Arc<PublicFigures>, AppError> {
        let clock = db.clock();
        if let Some(figures) = self.fresh(clock.today()) {
            return Ok(figures);
        }
        let _refreshing = self.refresh.lock().await;
        let today = clock.today();
        if let Some(figures) = self.fresh(today) {
            return Ok(figures);
        }
        let known = self
            .built
            .read()
            .ok()
            .and_then(|b| b.as_ref().map(|b| (b.head, b.day, b.figures.clone())));
        if let Some((known_head, day, figures)) = known {
            if day == today && db.read(head).await? == known_head {
                return Ok(self.store(Built {
                    figures,
                    head: known_head,
                    day,
                    checked: Instant::now(),
                }));
            }
        }
        let actor = Actor {
            user_id: None,
            acting_as: ActingAs::Public,
            organization_id: None,
            request_id: "public-figures".to_string(),
            clock,
        };
        let (head, figures) = db
            .read(move |conn| Ok((head(conn)?, public_figures(conn, &actor)?)))
            .await?;
        Ok(self.store(Built {
            figures: Arc::new(figures),
            head,
            day: today,
            checked: Instant::now(),
        }))
    }
}
