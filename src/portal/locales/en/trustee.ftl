# The trustee pages' words (en).

## Waiting for my vote
trustee-queue-title = Waiting for your vote
trustee-queue-intro = Applications the secretariat has passed to the Board that you have neither voted on nor declared a conflict on. Voting stays open until the secretariat closes it with the Board's decision.
trustee-queue-empty = Nothing is waiting for your vote.
trustee-queue-count = { $count ->
    [one] One application is waiting for your vote.
   *[other] { $count } applications are waiting for your vote.
}
trustee-next-page = Next page
trustee-call = Call for proposals
trustee-organization = Organisation
trustee-org-country = Registered in
trustee-countries = Countries of implementation
trustee-requested = Amount requested
trustee-submitted = Submitted
trustee-duration = Duration
trustee-duration-months = { $months ->
    [one] one month
   *[other] { $months } months
}
trustee-state = Status

## One application
trustee-back-to-queue = Back to the applications waiting for your vote
trustee-done-voted = Your vote has been recorded.
trustee-done-conflict = Your conflict of interest has been recorded. You take no part in this vote.
trustee-summary-heading = The application
trustee-project-summary = Summary of the project
trustee-beneficiaries-heading = Beneficiaries
trustee-beneficiaries-caption = Victims the project plans to assist
trustee-sex = Sex
trustee-age-group = Age group
trustee-count = Number
trustee-exploitation = Forms of exploitation
trustee-aid-types = Types of assistance
trustee-budget-heading = Budget
trustee-budget-caption = Budget lines
trustee-budget-line = Line
trustee-amount = Amount
trustee-budget-total = Total requested
trustee-call-range = Grants under this call
trustee-call-range-value = from { $min } to { $max }

## The dossier
trustee-dossier-heading = The organisation's dossier
trustee-dossier-closed = The dossier is shown only while voting is open.
trustee-legal-name = Legal name
trustee-org-type = Type
trustee-registered-on = Registered on
trustee-unpp-id = UN Partner Portal ID
trustee-assistance-since = Direct assistance to victims since
trustee-psea-since = Measures against sexual exploitation and abuse since
trustee-psea-none = None recorded
trustee-verification = Verification by the secretariat
trustee-with-fund-since = Registered with the Fund
trustee-history-heading = Its history with the Fund
trustee-other-applications-caption = Its other applications
trustee-no-other-applications = No other application.
trustee-application = Application
trustee-awarded = Awarded
trustee-decided = Decided
trustee-grants-caption = Its grants
trustee-no-grants = No grant yet.
trustee-award = Award
trustee-disbursed = Paid
trustee-refunded = Refunded
trustee-refund-due = Refund due
trustee-reports = Reports
trustee-reports-tally = { $accepted } accepted, { $returned } returned, { $pending } waiting
trustee-report-overdue = A report is overdue
trustee-none = —

## The vote
trustee-votes-heading = The vote
trustee-votes-sealed = Votes are independent: you will see the others' votes once you have voted.
trustee-votes-sealed-recused = You take no part in this vote: the others' votes are shown once the Board has decided.
trustee-votes-cast = { $count ->
    [0] No vote has been cast.
    [one] One vote has been cast.
   *[other] { $count } votes have been cast.
}
trustee-votes-caption = Votes of the trustees
trustee-trustee = Trustee
trustee-vote = Vote
trustee-recommended = Recommended amount
trustee-comment = Comment
trustee-tally = Approve: { $approve }. Reject: { $reject }. Abstain: { $abstain }. Trustees who may vote: { $eligible }.
trustee-recusals-heading = Trustees taking no part
trustee-recusal-declared = declared a conflict of interest
trustee-recusal-nationality = recused by nationality
trustee-ballot-approve = Approve
trustee-ballot-reject = Reject
trustee-ballot-abstain = Abstain

## The trustee's own part
trustee-your-vote-heading = Your vote
trustee-your-vote-is = Your vote: { $vote }.
trustee-your-vote-amount = You recommend { $amount }.
trustee-change-intro = You may change your vote while voting is open.
trustee-vote-legend = How do you vote?
trustee-recommended-label = Recommended amount (USD)
trustee-recommended-hint = Only when you approve: between { $min } and { $max }, and not above the { $requested } requested. For example { $example }.
trustee-comment-label = Your reasons
trustee-comment-hint = Every vote records why. The other trustees and the secretariat read it.
trustee-vote-button = Record my vote
trustee-change-button = Change my vote
trustee-recused-declared = You declared a conflict of interest on this application: { $reason }. You take no part in the vote.
trustee-recused-nationality = You take no part in this vote: { $reason }.
trustee-no-seat = You do not hold a seat on the Board today, so you cannot vote.
trustee-voting-closed = Voting on this application is closed.
trustee-conflict-heading = Declare a conflict of interest
trustee-conflict-intro = If you or someone close to you has an interest in this organisation or project, declare it. You will take no part in the vote, and any vote you cast is withdrawn. This cannot be undone.
trustee-reason-label = The conflict of interest
trustee-conflict-button = Declare the conflict
trustee-decision-heading = The Board's decision

## Problems with the forms
trustee-vote-missing = Choose approve, reject or abstain
trustee-amount-missing = Enter the amount you recommend, to approve
trustee-amount-invalid = Enter the amount in US dollars, such as 30,000 or 30,000.50
trustee-amount-not-approving = Leave the amount empty when you reject or abstain
trustee-amount-out-of-range = Recommend between { $min } and { $max }, and not above the { $requested } requested
trustee-comment-missing = Enter your reasons for this vote
trustee-comment-too-long = Your reasons must be at most { $max } characters
trustee-reason-missing = Describe the conflict of interest
trustee-reason-too-long = The description must be at most { $max } characters
trustee-refused-recused = You are recused from this application, so you cannot vote on it
trustee-refused-no-seat = You do not hold a seat on the Board today, so you cannot vote
trustee-refused-closed = Voting on this application is closed
trustee-refused-already-declared = You have already declared a conflict on this application

## The Board
trustee-board-title = The Board of Trustees
trustee-board-intro = The Board has { $seats } seats, one for each of the United Nations regional groups. Trustees are appointed by the Secretary-General for three years.
trustee-board-caption = Trustees in office on { $date }
trustee-name = Name
trustee-nationality = Nationality
trustee-regional-group = Regional group
trustee-term = Term
trustee-term-dates = { $from } to { $to }
trustee-chair-tag = Chair
trustee-you = (you)
trustee-vacancies = { $count ->
    [0] Every seat is filled.
    [one] One seat is vacant.
   *[other] { $count } seats are vacant.
}
trustee-chair-heading = The chair
trustee-chair-is = { $name } chairs the Board until { $to }.
trustee-chair-none = The Board has no chair at the moment.
trustee-balance-heading = Regional balance
trustee-groups-represented = Represented
trustee-groups-missing = Not represented
trustee-groups-none = None
trustee-ex-officio = The Fund Manager also sits on the Board, without a vote.
trustee-terms-ending = Terms ending within 90 days

## Decisions
trustee-decisions-title = Decisions of the Board
trustee-decisions-intro = Applications the Board has decided, newest first.
trustee-decisions-empty = The Board has not decided on any application yet.
trustee-outcome = Decision
trustee-votes-count = Votes
trustee-votes-count-value = { $approve } for, { $reject } against, { $abstain } abstaining
trustee-by-chair = The chair's vote broke a tie.
trustee-decided-on = Decided on

## Values
trustee-state-under_review = Under review
trustee-state-approved = Approved
trustee-state-rejected = Rejected
trustee-state-reserve_list = On the reserve list
trustee-state-submitted = Submitted
trustee-state-screening = Being screened
trustee-state-ineligible = Ineligible
trustee-state-withdrawn = Withdrawn
trustee-state-draft = Draft
trustee-decision-approved = Approved
trustee-decision-rejected = Rejected
trustee-decision-reserve_list = Approved, on the reserve list
trustee-sex-female = Female
trustee-sex-male = Male
trustee-sex-other = Other
trustee-age-child = Children
trustee-age-adult = Adults
trustee-exploitation-sexual_exploitation = Sexual exploitation
trustee-exploitation-forced_labour = Forced labour
trustee-exploitation-slavery = Slavery or practices similar to slavery
trustee-exploitation-servitude = Servitude
trustee-exploitation-organ_removal = Removal of organs
trustee-exploitation-forced_begging = Forced begging
trustee-exploitation-forced_criminality = Forced criminality
trustee-exploitation-forced_marriage = Forced marriage
trustee-exploitation-other = Other forms
trustee-aid-humanitarian = Humanitarian
trustee-aid-legal = Legal
trustee-aid-financial = Financial
trustee-org-type-ngo = Non-governmental organisation
trustee-org-type-governmental = Governmental
trustee-org-type-intergovernmental = Intergovernmental
trustee-org-state-pending = Waiting for verification
trustee-org-state-verified = Verified
trustee-org-state-refused = Refused
trustee-grant-awarded = Awarded
trustee-grant-agreement_signed = Agreement signed
trustee-grant-closing = Closing
trustee-grant-closed = Closed
trustee-grant-cancelled = Cancelled
trustee-group-african = African States
trustee-group-asia_pacific = Asia-Pacific States
trustee-group-eastern_european = Eastern European States
trustee-group-latin_american_caribbean = Latin American and Caribbean States
trustee-group-western_european_other = Western European and other States
