//! The clock the app reads for every date rule: a report's due date and its reminders, a
//! Board term's end, a call open or closed, a vote's window, the transaction's instant on
//! every row it writes. Production reads the system clock; tests hand the app a fixed
//! instant or an offset in its `Settings` (`settings.clock`), so "three months later" is a
//! setting, not rows written with dates in the past.
//!
//! It is a value, not a service: the same setting gives every instance the same time (an
//! offset moves the system clock, a fixed clock stands still), with no state to share.
//!
//! Not a configuration key on purpose: no file or environment variable can start a server
//! on a false clock. Only code that builds its `Settings` (the tests) sets it.
//!
//! What stays on the real clock, whatever this one says, and why:
//! - the bearer tokens' issue and expiry times (`auth::token`), and the moment an
//!   account's sessions end (`users::sessions`), compared with them: the token library
//!   checks them against the system time, and a token is a fact about the real world (how
//!   long a stolen one works), not a rule of the Fund's calendar;
//! - the request deadlines, pool waits, rate limits' buckets and supervisors' backoff
//!   (`Instant`s): they measure elapsed time, which a moved calendar does not change;
//! - the audit checkpoints' signing time (`audit::checkpoint`, `audit::anchor`): it says
//!   when a signature was made, for whoever checks the trail against the outside world.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SubsecRound, TimeDelta, Utc};

/// The app's clock: the system's, or a fixed or shifted one handed to it by a test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock(Source);

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Source {
    #[default]
    System,
    Fixed(DateTime<Utc>),
    Offset(TimeDelta),
}

impl Clock {
    /// The system clock (production, the command line).
    pub const fn system() -> Clock {
        Clock(Source::System)
    }

    /// A clock that always reads `at`.
    pub const fn fixed(at: DateTime<Utc>) -> Clock {
        Clock(Source::Fixed(at))
    }

    /// The system clock moved by `by` (forward when positive): time still passes, so rows
    /// written one after the other keep their order.
    pub const fn offset(by: TimeDelta) -> Clock {
        Clock(Source::Offset(by))
    }

    /// The instant, with its offset, as the wire shows it.
    pub fn now_utc(&self) -> DateTime<Utc> {
        let at = match self.0 {
            Source::System => Utc::now(),
            Source::Fixed(at) => at,
            Source::Offset(by) => Utc::now() + by,
        };
        // Stored to the microsecond (PostgreSQL's precision), so both backends round-trip
        // the same value.
        at.trunc_subsecs(6)
    }

    /// The instant as the database stores it: UTC, without offset.
    pub fn now(&self) -> NaiveDateTime {
        self.now_utc().naive_utc()
    }

    /// Today in UTC: the day every date rule compares with.
    pub fn today(&self) -> NaiveDate {
        self.now().date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stands_still_and_an_offset_one_moves_the_system_clock() {
        let at: DateTime<Utc> = "2027-03-01T12:00:00.1234567Z".parse().unwrap();
        let fixed = Clock::fixed(at);
        assert_eq!(fixed.now(), fixed.now());
        assert_eq!(
            fixed.now_utc().to_rfc3339(),
            "2027-03-01T12:00:00.123456+00:00"
        );
        assert_eq!(fixed.today(), NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());

        let ahead = Clock::offset(TimeDelta::days(400));
        let shift = ahead.now() - Clock::system().now();
        assert!(
            shift >= TimeDelta::days(400) - TimeDelta::seconds(5),
            "{shift}"
        );
        assert!(
            shift <= TimeDelta::days(400) + TimeDelta::seconds(5),
            "{shift}"
        );
        assert_eq!(Clock::default(), Clock::system());
    }
}
