# The secretariat's pages for calls, the Board and the Fund's settings (en).

nav-sec-calls = Calls
nav-sec-board = Board
nav-sec-settings = Settings

## What the forms read
sec-typed-required = Fill this in
sec-typed-date = Enter a date, such as 2027-03-31
sec-typed-amount = Enter an amount in US dollars, such as 25,000.00
sec-typed-number = Enter a whole number of months, such as 24
sec-typed-percent = Enter a percentage, such as 7 or 7.5

## Calls
sec-calls-title = Calls for proposals
sec-calls-intro = Every call the Fund has published, newest first: open, not yet open, closed or cancelled. Open a call's page to extend its deadline, correct it or cancel it.
sec-calls-caption = Calls, newest first
sec-calls-none = No call has been published yet.
sec-calls-back = All calls
sec-call-title = Title
sec-call-new-title = Open a new call
sec-call-new-intro = Organisations read these terms before they apply. Amounts are in US dollars, the Fund's currency.
sec-call-description = What the call is for
sec-call-description-hint = Organisations read this first: the aim of the call and what it funds.
sec-call-opens-on = Opens on
sec-call-opens-on-hint = Applications can be submitted from the start of this day (UTC).
sec-call-closes-on = Deadline
sec-call-closes-on-hint = The last day to submit: the call closes at the end of this day (23:59 UTC).
sec-call-envelope = Total available under the call
sec-call-envelope-hint = In US dollars; at least the largest grant.
sec-call-min-grant = Smallest grant
sec-call-max-grant = Largest grant
sec-call-usd-hint = In US dollars.
sec-call-max-grant-hint = In US dollars; no more than the total, nor the largest grant the Fund's settings allow.
sec-call-duration = Longest project, in months
sec-call-duration-hint = From 8 to 24 months.
sec-call-org-types = Who may apply
sec-call-priority-exploitation = Priority forms of exploitation (optional)
sec-call-publish = Publish the call
sec-call-closes-refused = The deadline must be after the opening day, and not in the past
sec-call-range-refused = The smallest grant must not exceed the largest, nor the largest the total available
sec-call-duration-refused = The longest project must be from 8 to 24 months
sec-call-org-types-refused = Choose at least one kind of organisation
sec-call-done-published = The call is published.
sec-call-done-amended = The call is changed. Every organisation with an application under it is told what changed.
sec-call-done-cancelled = The call is cancelled. Its applications are withdrawn and their organisations told why.
sec-call-cancelled-reason = Reason: { $reason }
sec-call-committed = Awarded under the call
sec-call-changes = Changes since publication
sec-call-changed = { $count ->
    [one] Changed once, last on { $date }
   *[other] Changed { $count } times, last on { $date }
}
sec-call-never-changed = None
sec-call-amend-heading = Change the call
sec-call-amend-intro = Change only what needs changing: a deadline may only move later, and no application already submitted may fall outside the new terms.
sec-call-extend-hint = The deadline is now { $date } (the call closes at the end of the day, 23:59 UTC). Only a later day is accepted.
sec-call-envelope-amend-hint = In US dollars; never less than what is already awarded under the call.
sec-call-amend-button = Save the changes
sec-call-amend-nothing = Nothing was changed: change at least one term before saving
sec-call-cancel-heading = Cancel the call
sec-call-cancel-intro = A cancelled call takes no more applications: every draft and every application submitted, in screening or under review is withdrawn, and each organisation is told the reason. It cannot be undone.
sec-call-cancel-reason = Why the call is cancelled
sec-call-cancel-reason-hint = Every organisation that applied reads this.
sec-call-cancel-reason-missing = Enter why the call is cancelled: every organisation that applied reads it
sec-call-cancel-button = Cancel the call

## Rules of calls, in the secretariat's words
sec-rule-deadline-shortened = The deadline may only move later: organisations plan on it
sec-rule-call-closed = The deadline has passed: the terms of a closed call stand
sec-rule-call-cancelled = The call is cancelled: it changes no more
sec-rule-call-has-decisions = The Board has decided on an application under this call: it can no longer be cancelled
sec-rule-excludes-submitted-application = An application already submitted would fall outside these terms
sec-rule-envelope-below-committed = The total may not fall below what is already awarded under the call
sec-rule-fund-max-grant = The Fund's settings allow no larger grant than this
sec-rule-document-kind = An application cannot carry this kind of document

## The Board
sec-board-on = Show the Board on
sec-board-on-hint = Any day, past or future: the Board as its appointments make it on that day.
sec-board-on-button = Show
sec-board-members-caption = { $count } of the { $seats } seats filled
sec-board-col-name = Name
sec-board-nobody = No trustee is in office on this day.
sec-board-balance-heading = Regional groups on { $date }
sec-board-balance-rule = The Board has one member from each of the five United Nations regional groups.
sec-board-vacancies = Vacant seats
sec-board-warning-chair_year_ending = The chair's year ends on { $date } and the Board has not chosen the next chair.
sec-board-warning-no_chair = Trustees sit on { $date } but the Board has no chair.
sec-board-appoint-heading = Appoint a trustee
sec-board-appoint-intro = The Secretary-General appoints trustees after consulting Member States and the Executive Director of UNODC. Record the appointment once it is made: it is refused if it would give a regional group two seats at once.
sec-board-name = Full name
sec-board-choose-country = Choose a country
sec-board-nationality-hint = The nationality decides the regional group the trustee's seat is for.
sec-board-experience = Relevant experience
sec-board-appointed-on = Appointed on
sec-board-term-start = Term starts on
sec-board-term-end = Term ends on (optional)
sec-board-term-end-hint = The first day after the term. Leave empty for a full term of three years.
sec-board-consulted = Member States consulted
sec-board-consulted-hint = Choose one or more (hold Ctrl, or Cmd on a Mac, to choose several).
sec-board-consulted-ed = Executive Director of UNODC consulted on
sec-board-consulted-ed-hint = On or before the appointment, and not in the future.
sec-board-appoint-button = Record the appointment
sec-board-choose-trustee = Choose a trustee
sec-board-end-trustee = Trustee whose term ends
sec-board-chair-trustee = Trustee chosen as chair
sec-board-end-heading = End a term
sec-board-end-intro = The trustees in office on { $date } (pick another day above for others). A resignation or termination falls within the term; an end of term falls on the term's last day.
sec-board-choose-reason = Choose a reason
sec-board-end-reason = Why the term ends
sec-board-end-reason-resignation = Resignation
sec-board-end-reason-termination = Termination
sec-board-end-reason-end_of_term = End of term
sec-board-ended-on = First day no longer on the Board
sec-board-ended-on-hint = For an end of term, the day after its last day.
sec-board-end-note = Note (optional)
sec-board-end-button = End the term
sec-board-end-already = This trustee's term has already ended
sec-board-end-reason-missing = Choose why the term ends
sec-board-chair-heading = Record the Board's choice of chair
sec-board-chair-intro = The Board chooses its chair among the trustees, for a year at most, at a meeting held on or before the chair's first day.
sec-board-chair-from = Chair from
sec-board-chair-to = Chair until
sec-board-chair-to-hint = The first day after the chair's year: at most a year after the first.
sec-board-meeting-on = Day of the Board's meeting that chose the chair
sec-board-record = Reference of the meeting's record
sec-board-record-hint = For example, the report's symbol and paragraph.
sec-board-chair-button = Record the chair
sec-board-done-appointed = The appointment is recorded. The Board is shown on the first day of the new term.
sec-board-done-ended = The term's end is recorded. The Board is shown on the first day without the trustee.
sec-board-done-chair = The chair is recorded. The Board is shown on the chair's first day.
sec-board-country-missing = Choose the trustee's nationality
sec-board-consulted-missing = Choose at least one Member State consulted
sec-board-trustee-missing = Choose a trustee
sec-board-refused-geographic-balance = Refused: the Board has one member from each regional group, and { $name } already holds the seat of the { $group } from { $from } to { $to }
sec-board-refused-seat-limit = Refused: the Board has five seats and all five are taken on { $date }; wait for a seat to fall vacant
sec-board-refused-term-limit = Refused: a trustee serves no more than two consecutive terms, and this would be term { $run } in a row

## Rules of the Board, in the secretariat's words
sec-rule-term-dates = The dates do not follow each other: the appointment is made on or before the term starts, and the term ends after it starts
sec-rule-term-length = A term lasts at most three years
sec-rule-consultation = The Executive Director is consulted on or before the appointment, and not in the future
sec-rule-end-date = A resignation or termination falls within the term; an end of term falls on the term's end
sec-rule-chair-period = A chair serves for a year at most, ending after it starts
sec-rule-chair-not-active = The trustee must be in office over the whole of the chair's year
sec-rule-chair-overlap = Another chair serves during this period
sec-rule-chair-decision = The Board's meeting is on or before today and before the chair's first day, and its record is named

## The Fund's settings
sec-settings-title = The Fund's settings
sec-settings-intro = Three settings govern what the Fund awards. Every change is recorded in the audit trail.
sec-settings-done = The settings are saved.
sec-settings-now-heading = Now
sec-settings-psc = Programme support cost rate
sec-settings-reserve = Operating reserve
sec-settings-max-grant = Largest grant a call may offer
sec-settings-percent = { $value }%
sec-settings-no-cap = No limit
sec-settings-available = Available for new grants
sec-settings-change-heading = Change the settings
sec-settings-psc-label = Programme support cost rate, in %
sec-settings-psc-hint = What UNODC charges on each grant for administering it, taken when the Board makes the award: a change applies to awards made after it, never to grants already awarded. From 0 to { $max }%.
sec-settings-reserve-label = Operating reserve, in %
sec-settings-reserve-hint = The share of the Fund's cash held back against late contributions and exchange losses: it applies at once to the money available for new grants. From 0 to { $max }%.
sec-settings-max-grant-label = Largest grant a call may offer, in US dollars (optional)
sec-settings-max-grant-hint = No call may offer a larger grant. Leave empty for no limit.
sec-settings-button = Save the settings
sec-settings-rate-bounds = Enter a percentage from 0 to { $max }, with no more than 4 decimals
sec-settings-reserve-too-high = A reserve this high would leave less than nothing available for grants already committed: the reserve may never push the available balance below zero
