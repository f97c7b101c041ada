# The secretariat's grant pages' words (en): grants, agreements, report reviews,
# amendments, cancellation.

nav-sec-grants = Grants

## The list and one grant
sgr-list-title = Grants
sgr-list-caption = Grants, newest first
sgr-list-none = No grant in this state.
sgr-col-grant = Grant
sgr-col-award = Award
sgr-col-disbursed = Paid to the grantee
sgr-col-awarded-on = Awarded on
sgr-col-application = Application
sgr-back-to-grants = Back to the grants
sgr-back-to-grant = Back to the grant
sgr-actions-heading = What can be done now
sgr-sign-link = Sign the agreement
sgr-amend-link = Amend the grant
sgr-cancel-link = Cancel the grant
sgr-who-heading = Grantee
sgr-money-heading = Money
sgr-psc = Programme support cost
sgr-remaining = Left to pay
sgr-committed = Still committed (award and support cost)
sgr-refunded = Refunded by the grantee
sgr-refund-due = Refund owed by the grantee
sgr-written-off = Refund written off
sgr-released = Released to the Fund
sgr-cancelled-on = Cancelled on { $date }: { $released } released to the Fund.
sgr-board-decision = Board decision
sgr-amendments-heading = Amendments
sgr-amendments-none = The grant has not been amended.
sgr-amendment-name = Amendment { $version }
sgr-docs-intro = The grant's documents: the signed agreement must be attached before the agreement is recorded.
sgr-done-signed = The agreement is signed: the tranches can be paid.
sgr-done-amended = The grant is amended.
sgr-done-cancelled = The grant is cancelled: what was not paid is released to the Fund.
sgr-done-written-off = The refund owed is written off.
sgr-done-reviewed = The report is reviewed: the grantee is told.
sgr-done-uploaded = The document is attached.
sgr-attach-agreement = Attach the signed agreement on the grant's page

## Write-off
sgr-write-off-heading = Write off the refund owed
sgr-write-off-intro = The grantee owes { $amount } back. Write it off only when it will not come: the grant then ends.
sgr-write-off-reason = Why the refund will not come
sgr-write-off-button = Write off { $amount }
sgr-write-off-reason-missing = Say why the refund will not come

## The agreement's builder
sgr-agreement-title = Sign the agreement: { $grant }
sgr-agreement-heading = Sign the agreement
sgr-agreement-intro = The tranches and the budget lines must each add up to the award, { $award }, exactly.
sgr-agreement-dates = Dates
sgr-field-signed-on = Signed on
sgr-field-period-start = Start of the grant period
sgr-field-period-end = End of the grant period
sgr-field-period-end-hint = The call allows grants of up to { $months } months. For example 2027-12-31.
sgr-tranches-legend = Tranches
sgr-tranches-hint = Each tranche's amount and the day it is due, in order, from the signature to the end of the period. Leave a row empty to leave it out.
sgr-tranche-amount = Tranche { $number }: amount
sgr-tranche-due = Tranche { $number }: due on
sgr-tranche-report-none = Paid without a report.
sgr-tranche-report-required = Paid once the report on tranche { $number } is accepted.
sgr-tranches-total = Total of the tranches:
sgr-add-tranche = Add a tranche
sgr-lines-legend = Budget lines
sgr-lines-hint = Each line of the budget at the award. Leave every row empty to keep the application's budget, if it already adds up to the award.
sgr-line-label = Line { $number }: label
sgr-line-amount = Line { $number }: amount
sgr-lines-total = Total of the budget lines:
sgr-add-line = Add a budget line
sgr-sum-meets = Meets the award of { $award }
sgr-sum-short = { $gap } short of the award of { $award }
sgr-sum-over = { $gap } over the award of { $award }
sgr-sum-partial = (amounts that could not be read are left out)
sgr-sign-button = Sign the agreement
sgr-tranches-missing = Enter at least one tranche
sgr-amount-missing = Enter the amount
sgr-amount-unreadable = Enter the amount as a number, for example 12500.00
sgr-tranche-amount-unreadable = Enter an amount above zero, for example 12500.00
sgr-line-label-missing = Enter the line's label
sgr-date-missing = Enter the date
sgr-date-unreadable = Enter the date as year-month-day, for example 2027-03-31

## Refusals of the grant use cases, in the pages' words
sgr-rule-schedule-mismatch = The tranches must add up to the award exactly
sgr-rule-schedule-dates = Due dates must be in order, from the signature to the end of the grant period
sgr-rule-budget-mismatch = The budget lines must add up to the award exactly
sgr-rule-budget-lines-required = The application's budget does not add up to the award: enter the budget lines
sgr-rule-documents-missing = Attach the signed agreement to the grant first
sgr-rule-no-agreement = The agreement is not signed yet: sign it first
sgr-rule-duration-too-long = The grant period would be longer than the call and the extensions allow
sgr-rule-award-below-paid = The award cannot go below what was already paid
sgr-rule-board-decision-required = An increase of the award needs the Board's decision
sgr-rule-currency-mismatch = Amounts are in the award's currency

## Report review
sgr-report-docs-intro = The documents filed with the report.
sgr-review-heading = Review the report
sgr-review-legend = Your decision
sgr-review-accept = Accept the report
sgr-review-return = Return it to the grantee for correction
sgr-review-comments = Comments for the grantee
sgr-review-comments-hint = Required to return the report: what the grantee must put right.
sgr-review-button = Record the review
sgr-review-decision-missing = Choose whether to accept or return the report
sgr-review-comments-missing = Say what the grantee must put right before returning the report

## Amendments
sgr-amend-title = Amend: { $grant }
sgr-amend-heading = Amend the grant
sgr-amend-kind-legend = What kind of amendment?
sgr-kind-extension = Extension
sgr-kind-budget_revision = Budget revision
sgr-kind-award_change = Award change
sgr-kind-hint-extension = A later end of the grant period, at no cost.
sgr-kind-hint-budget_revision = Money moved between budget lines; the award stays.
sgr-kind-hint-award_change = A new award: a decrease releases money to the Fund, an increase needs the Board's decision.
sgr-continue = Continue
sgr-amend-other-kind = Choose another kind
sgr-amend-period-now = The grant period ends on { $end }.
sgr-field-new-period-end = New end of the grant period
sgr-field-new-award = New award
sgr-field-new-award-hint = The award is { $award }; { $paid } has been paid.
sgr-amend-lines-hint = The revised lines, adding up to the award.
sgr-amend-lines-hint-award = Optional: the lines at the new award. Left as they are, the last line takes the change.
sgr-field-reason = Reason for the amendment
sgr-field-board-decision-hint = Its reference or wording (required for an increase of the award).
sgr-amend-button = Record the amendment
sgr-reason-missing = Enter the reason

## Cancellation
sgr-cancel-title = Cancel: { $grant }
sgr-cancel-heading = Cancel the grant
sgr-cancel-releases-heading = What cancelling does
sgr-cancel-releases = { $amount } still committed is released to the Fund's available balance ({ $award } of the award not paid, with its programme support cost).
sgr-cancel-unpaid-tranches = Tranches not paid, which will not be paid: { $tranches }.
sgr-cancel-payments-stand = Payments made stand: { $paid }.
sgr-cancel-refund-owed = What the grantee received beyond the spending its accepted reports account for becomes a refund owed.
sgr-field-cancel-reason = Why the grant is cancelled
sgr-field-cancel-board-hint = The reference or wording of the Board's decision to cancel.
sgr-cancel-button = Cancel the grant
sgr-board-decision-missing = Enter the Board's decision the cancellation rests on
