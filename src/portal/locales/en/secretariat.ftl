# The secretariat's pages' words (en).

nav-sec-organizations = Organisations
nav-sec-applications = Applications

## Home
sec-home-title = What waits for the secretariat
sec-home-intro = Organisations to verify, applications to screen, votes ready for the Board's decision and the reserve list, oldest first where order matters.
sec-home-verify-heading = Organisations awaiting verification
sec-home-verify-caption = { $count ->
    [one] One organisation awaits verification
   *[other] { $count } organisations await verification
}
sec-home-verify-more = All organisations awaiting verification
sec-home-verify-none = No organisation awaits verification.
sec-home-screen-heading = Applications awaiting screening
sec-home-screen-caption = { $count ->
    [one] One application awaits screening
   *[other] { $count } applications await screening
}
sec-home-screen-more = All submitted applications
sec-home-screen-none = No application awaits screening.
sec-home-decide-heading = Votes ready for a decision
sec-home-decide-intro = Applications under review on which at least three trustees who are not recused have voted: the Board's decision can be recorded.
sec-home-decide-caption = { $count ->
    [one] One vote can be decided
   *[other] { $count } votes can be decided
}
sec-home-decide-none = No vote has reached the quorum yet.

## The reserve list
sec-reserve-heading = The reserve list
sec-reserve-intro = Applications the Board approved when the Fund could not cover them. They are awarded in the order of decision, once the money is there.
sec-reserve-available = Available to award now: { $amount }.
sec-reserve-caption = The reserve list, first to be awarded first
sec-reserve-psc = plus { $amount } programme support cost
sec-reserve-not-covered = The money available does not cover it yet.
sec-reserve-none = The reserve list is empty.
sec-reserve-place = Place { $place } on the reserve list.
sec-award-button = Award
sec-award-button-for = Award: { $title }

## Tables
sec-col-application = Application
sec-col-organization = Organisation
sec-col-state = Status
sec-col-requested = Requested
sec-col-submitted = Submitted
sec-col-country = Country
sec-col-registered-with-fund = With the Fund since
sec-col-place = Place
sec-col-award = Award
sec-col-decided = Decided
sec-col-action = Action
sec-col-criterion = Criterion
sec-col-finding = Secretariat's finding
sec-col-records = What the records show
sec-col-note = Note

## Lists
sec-filter-state = Status
sec-filter-all = All
sec-filter-button = Show
sec-next-page = Next page
sec-orgs-title = Organisations
sec-orgs-caption = Organisations, newest first
sec-orgs-none = No organisation has this status.
sec-orgs-back = Back to the organisations
sec-apps-title = Applications
sec-apps-caption = Applications, newest first
sec-apps-none = No application has this status.
sec-apps-back = Back to the applications

## An organisation
sec-org-done-verified = The organisation is verified. Its applicants have been told.
sec-org-done-refused = The organisation is refused, with your reason. Its applicants have been told.
sec-org-applications-heading = Its applications
sec-org-applications-caption = The organisation's applications
sec-org-applications-none = It has no application yet.
sec-docs-organization-intro = The documents the organisation has given: read them before deciding.
sec-verify-heading = Verify the organisation
sec-verify-intro = Only a verified organisation may submit applications and receive money. You may change the decision later.
sec-verify-legend = Your decision
sec-verify-verify = Verify: the profile and documents are in order
sec-verify-refuse = Refuse
sec-verify-reason-label = Reason
sec-verify-reason-hint = Required to refuse; the organisation reads it.
sec-verify-button = Record the decision
sec-verify-choose = Choose to verify or to refuse the organisation
sec-verify-reason-missing = Enter the reason for refusing, which the organisation will read
sec-verify-already = The organisation is already in that state

## An application
sec-app-done-screened = The screening has been recorded. The organisation has been told.
sec-app-done-decided = The Board's decision has been recorded.
sec-app-done-awarded = The application has been awarded from the reserve list.
sec-app-who-heading = Who applies, and under which call
sec-app-verification = Verification
sec-app-call = Call for proposals
sec-app-call-range = The call's limits
sec-app-call-range-value = from { $min } to { $max }, at most { $months } months
sec-app-text-heading = The application as submitted
sec-docs-application-intro = The documents attached to the application.

## Screening
sec-screen-heading = Screen the application
sec-screen-intro = State every criterion, met or not, and say why where one is not met. Where the records decide a criterion, you cannot find it met when they show it is not: correct the record first.
sec-screen-note-label = Note on criterion { $criterion } (required if not met)
sec-screen-verdict = The result
sec-screen-eligible = Eligible: pass it to the Board
sec-screen-ineligible = Not eligible
sec-screen-reasons-label = Reasons the organisation is told
sec-screen-reasons-hint = One per line; at least one when not eligible.
sec-screen-button = Record the screening
sec-screen-met-missing = Say whether this criterion is met
sec-screen-eligible-missing = Choose eligible or not eligible
sec-screen-note-missing = Say why this criterion is not met
sec-screen-reasons-missing = Give at least one reason the application is not eligible
sec-screened-heading = The screening
sec-screened-caption = The eligibility checklist as recorded
sec-screened-reasons = Reasons given
sec-met = Met
sec-not-met = Not met
sec-records-judgement = A matter of judgement
sec-criterion-organization_type_eligible = The call admits the organisation's type
sec-criterion-organization_verified = The secretariat has verified the organisation
sec-criterion-registered_one_year = Registered for at least a year when it submitted
sec-criterion-direct_assistance_one_year = At least a year of direct assistance to victims when it submitted
sec-criterion-psea_measures = Measures against sexual exploitation and abuse in place
sec-criterion-within_mandate = The activities give humanitarian, legal or financial aid to victims of trafficking
sec-criterion-amount_within_limits = The amount requested is within the call's limits
sec-criterion-duration_within_limit = The duration is within the call's maximum

## Votes and decisions
sec-votes-heading = The Board's votes
sec-decide-heading = Record the Board's decision
sec-decide-intro = Closes the vote and applies the Board's rule: a quorum of three votes by trustees who are not recused; the majority of approvals and rejections decides, the chair breaks a tie; an approval awards the median recommended amount if the call's envelope and the money available cover it, else it goes to the reserve list.
sec-decide-button = Record the decision
sec-decision-outcome = Outcome
sec-decision-by-chair = (the chair's vote broke a tie)
sec-decision-votes = Votes
sec-decision-tally = { $approve } for, { $reject } against, { $abstain } abstaining
sec-decision-psc = Programme support cost

## Refusals
sec-refused-conflict = This record changed meanwhile, or is no longer in a state that allows this: reload the page.
sec-rule-screening-contradicts-records = The records show this criterion is not met: correct the record before finding it met
sec-rule-screening-criterion-unmet = An eligible application meets every criterion: this one is marked not met
sec-rule-screening-no-unmet-criterion = A not-eligible application fails at least one criterion: mark which
sec-rule-quorum-not-met = Fewer than three trustees who are not recused have voted: the vote cannot be decided yet
sec-rule-quorum-impossible = Fewer than three trustees may vote on this application: the Board cannot decide it
sec-rule-tie-unresolved = Approvals and rejections are tied and the chair voted neither way
sec-rule-organization-refused = The organisation is refused: it cannot be awarded money
sec-rule-organization-not-verified = The organisation is not verified: verify it before awarding money
sec-rule-envelope-exhausted = The call's envelope does not cover this award
sec-rule-insufficient-funds = The money available does not cover this award and its programme support cost
sec-rule-reserve-order = Another application was put on the reserve list earlier and must be awarded first
