//! The Board's decision rule, as pure functions over plain values (DOMAIN.md, "Board
//! decisions"): who is recused, whether there is a quorum, who wins, and the award.

use crate::domain::{lower_median, AppointmentId, CountryCode, Money};
use crate::error::Rule;

/// What a trustee voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// With the amount the trustee recommends awarding.
    Approve(Money),
    Reject,
    Abstain,
}

/// A vote counted in the decision: cast by an active trustee who is not recused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ballot {
    pub appointment_id: AppointmentId,
    pub choice: Choice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub approve: usize,
    pub reject: usize,
    pub abstain: usize,
}

impl Tally {
    pub fn of(ballots: &[Ballot]) -> Tally {
        ballots.iter().fold(Tally::default(), |mut t, b| {
            match b.choice {
                Choice::Approve(_) => t.approve += 1,
                Choice::Reject => t.reject += 1,
                Choice::Abstain => t.abstain += 1,
            }
            t
        })
    }

    pub fn cast(&self) -> usize {
        self.approve + self.reject + self.abstain
    }
}

/// The quorum: votes cast by trustees who are not recused.
pub const QUORUM: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Approved, with the award: the median of the approving recommendations.
    Approve {
        award: Money,
        by_chair: bool,
    },
    Reject {
        by_chair: bool,
    },
}

/// Why no decision can be taken yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undecided {
    /// Fewer than three trustees can vote at all.
    QuorumImpossible { eligible: usize },
    /// Fewer than three of them have voted.
    QuorumNotMet { cast: usize },
    /// As many approvals as rejections, and the chair voted neither way.
    TieUnresolved,
}

impl Undecided {
    pub fn rule(&self) -> Rule {
        match self {
            Undecided::QuorumImpossible { .. } => Rule::QuorumImpossible,
            Undecided::QuorumNotMet { .. } => Rule::QuorumNotMet,
            Undecided::TieUnresolved => Rule::TieUnresolved,
        }
    }

    pub fn explain(&self) -> String {
        match self {
            Undecided::QuorumImpossible { eligible } => format!(
                "only {eligible} trustee(s) can vote on this application (active and not recused); a decision needs {QUORUM}"
            ),
            Undecided::QuorumNotMet { cast } => {
                format!("{cast} vote(s) cast by trustees who are not recused; a decision needs {QUORUM}")
            }
            Undecided::TieUnresolved => {
                "approvals and rejections are tied and the chair voted neither way".to_string()
            }
        }
    }
}

/// Applies the decision rule. `ballots` are the votes of active, non-recused trustees;
/// `eligible` is how many such trustees there are; `chair` is the chair's appointment.
/// Abstentions count toward the quorum, not the majority.
pub fn decide(
    ballots: &[Ballot],
    eligible: usize,
    chair: Option<AppointmentId>,
) -> Result<Outcome, Undecided> {
    if eligible < QUORUM {
        return Err(Undecided::QuorumImpossible { eligible });
    }
    let tally = Tally::of(ballots);
    if tally.cast() < QUORUM {
        return Err(Undecided::QuorumNotMet { cast: tally.cast() });
    }
    let approve = |by_chair| {
        let recommended = ballots
            .iter()
            .filter_map(|b| match b.choice {
                Choice::Approve(amount) => Some(amount),
                _ => None,
            })
            .collect();
        // There is at least one approval whenever approve wins, so a median exists.
        lower_median(recommended)
            .map(|award| Outcome::Approve { award, by_chair })
            .ok_or(Undecided::TieUnresolved)
    };
    match tally.approve.cmp(&tally.reject) {
        std::cmp::Ordering::Greater => approve(false),
        std::cmp::Ordering::Less => Ok(Outcome::Reject { by_chair: false }),
        std::cmp::Ordering::Equal => {
            let chair_vote = ballots
                .iter()
                .find(|b| Some(b.appointment_id) == chair)
                .map(|b| b.choice);
            match chair_vote {
                Some(Choice::Approve(_)) => approve(true),
                Some(Choice::Reject) => Ok(Outcome::Reject { by_chair: true }),
                _ => Err(Undecided::TieUnresolved),
            }
        }
    }
}

/// Why a trustee is recused automatically: their nationality is the organisation's
/// country of registration or a country where the project would run.
pub fn automatic_recusal(
    nationality: CountryCode,
    organization_country: CountryCode,
    countries: &[CountryCode],
) -> Option<String> {
    if nationality == organization_country {
        Some(format!(
            "nationality {} is the organisation's country of registration",
            nationality.code()
        ))
    } else if countries.contains(&nationality) {
        Some(format!(
            "nationality {} is a country of implementation",
            nationality.code()
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    fn usd(amount: &str) -> Money {
        Money::parse(amount, Currency::USD).unwrap()
    }

    fn ballot(choice: Choice) -> Ballot {
        Ballot {
            appointment_id: AppointmentId::new(),
            choice,
        }
    }

    #[test]
    fn quorum_needs_three_votes_and_three_eligible() {
        let two = [ballot(Choice::Reject), ballot(Choice::Reject)];
        assert_eq!(
            decide(&two, 2, None),
            Err(Undecided::QuorumImpossible { eligible: 2 })
        );
        assert_eq!(
            decide(&two, 5, None),
            Err(Undecided::QuorumNotMet { cast: 2 })
        );
    }

    #[test]
    fn abstentions_count_toward_quorum_not_majority() {
        let votes = [
            ballot(Choice::Abstain),
            ballot(Choice::Abstain),
            ballot(Choice::Approve(usd("30000.00"))),
        ];
        assert_eq!(
            decide(&votes, 5, None),
            Ok(Outcome::Approve {
                award: usd("30000.00"),
                by_chair: false
            })
        );
        let votes = [
            ballot(Choice::Abstain),
            ballot(Choice::Abstain),
            ballot(Choice::Reject),
        ];
        assert_eq!(
            decide(&votes, 5, None),
            Ok(Outcome::Reject { by_chair: false })
        );
    }

    #[test]
    fn award_is_the_median_lower_middle_when_even() {
        let odd = [
            ballot(Choice::Approve(usd("50000.00"))),
            ballot(Choice::Approve(usd("20000.00"))),
            ballot(Choice::Approve(usd("35000.00"))),
        ];
        assert_eq!(
            decide(&odd, 5, None),
            Ok(Outcome::Approve {
                award: usd("35000.00"),
                by_chair: false
            })
        );
        let even = [
            ballot(Choice::Approve(usd("60000.00"))),
            ballot(Choice::Approve(usd("20000.00"))),
            ballot(Choice::Approve(usd("40000.00"))),
            ballot(Choice::Approve(usd("30000.00"))),
        ];
        assert_eq!(
            decide(&even, 5, None),
            Ok(Outcome::Approve {
                award: usd("30000.00"),
                by_chair: false
            })
        );
    }

    #[test]
    fn a_tie_goes_the_chairs_way_or_stays_open() {
        let chair = ballot(Choice::Approve(usd("25000.00")));
        let votes = [chair, ballot(Choice::Reject), ballot(Choice::Abstain)];
        assert_eq!(
            decide(&votes, 5, Some(chair.appointment_id)),
            Ok(Outcome::Approve {
                award: usd("25000.00"),
                by_chair: true
            })
        );
        let chair = ballot(Choice::Reject);
        let votes = [
            chair,
            ballot(Choice::Approve(usd("25000.00"))),
            ballot(Choice::Abstain),
        ];
        assert_eq!(
            decide(&votes, 5, Some(chair.appointment_id)),
            Ok(Outcome::Reject { by_chair: true })
        );
        let chair = ballot(Choice::Abstain);
        let votes = [
            chair,
            ballot(Choice::Approve(usd("25000.00"))),
            ballot(Choice::Reject),
        ];
        assert_eq!(
            decide(&votes, 5, Some(chair.appointment_id)),
            Err(Undecided::TieUnresolved)
        );
        assert_eq!(decide(&votes, 5, None), Err(Undecided::TieUnresolved));
        let all_abstain = [
            ballot(Choice::Abstain),
            ballot(Choice::Abstain),
            ballot(Choice::Abstain),
        ];
        assert_eq!(decide(&all_abstain, 5, None), Err(Undecided::TieUnresolved));
    }

    #[test]
    fn recusal_by_nationality() {
        let ng = CountryCode::parse("NG").unwrap();
        let gh = CountryCode::parse("GH").unwrap();
        let fr = CountryCode::parse("FR").unwrap();
        assert!(automatic_recusal(ng, ng, &[gh]).is_some());
        assert!(automatic_recusal(gh, ng, &[gh, fr]).is_some());
        assert!(automatic_recusal(fr, ng, &[gh]).is_none());
    }
}
