# Finance's pages (en).

nav-contributions = Contributions
nav-periods = Months of the books
nav-statements = Statements

## Home
finance-home-title = Finance
finance-home-intro = What waits for you: tranches that can be paid, and months of the books that can be closed.
finance-due-heading = Tranches due
finance-due-none = No tranche is due on a signed grant.
finance-col-grant = Grant
finance-col-organization = Organisation
finance-col-tranche = Tranche
finance-col-due-on = Due on
finance-col-left = Left to pay
finance-months-heading = Months to close
finance-months-open = { $count ->
    [one] One month has ended and is still open: { $next }.
   *[other] { $count } months have ended and are still open; the next to close is { $next }.
}
finance-months-link = Go to the months of the books
finance-months-none = Every month that has ended is closed.
finance-more-heading = Also
finance-link-contributions = Contributions and money received
finance-link-new-contribution = Record a contribution
finance-link-statements = Financial statements

## Contributions
finance-contributions-title = Contributions
finance-contributions-caption = Contributions, newest first
finance-contributions-none = No contribution has been recorded yet.
finance-col-donor = Donor
finance-col-pledged-on = Pledged on
finance-col-pledged = Pledged
finance-col-received-usd = Received (USD)
finance-col-outstanding = Outstanding
finance-gift = One-off gift
finance-next-page = Next page
finance-new-title = Record a contribution
finance-new-intro = A donor and their pledge. Leave the amount blank for a one-off gift without a pledge; record the money itself on the contribution's page once it arrives.
finance-donor-type = Type of donor
finance-donor-member_state = Member State
finance-donor-public = Public donor
finance-donor-private_sector = Private sector
finance-donor-individual = Individual
finance-donor-intergovernmental = Intergovernmental organisation
finance-country = Country
finance-country-hint = Two-letter ISO code, such as JP. Required for a Member State, which is named by its country.
finance-donor-name = Donor's name
finance-donor-name-hint = Leave blank for a Member State.
finance-currency = Currency
finance-currency-hint = Three-letter ISO code, such as USD or EUR.
finance-pledged = Amount pledged
finance-pledged-hint = Blank for a one-off gift.
finance-pledged-on = Pledged on
finance-new-button = Record the contribution
finance-donor-type-missing = Choose the type of donor.
finance-country-invalid = Enter a country as its two-letter ISO code, such as JP.
finance-currency-invalid = Enter a currency as its three-letter ISO code, such as USD.
finance-amount-invalid = Enter an amount greater than zero, such as 1,250.50.
finance-date-invalid = Enter a date.
finance-rate-invalid = Enter a rate as a number, such as 0.0067.
finance-reference-missing = Enter the reference.
finance-tranche-missing = Enter the tranche's number.

## One contribution
finance-contribution-title = Contribution
finance-done-pledged = The contribution has been recorded.
finance-done-received = The money received has been recorded and posted to the ledger.
finance-back-to-contributions = Back to the contributions
finance-pledged-usd = Pledge in USD at the rate of its day
finance-received = Received
finance-rate-missing = No UN operational rate of exchange is recorded for { $currency } in { $month }: some figures in USD cannot be shown.
finance-receipts-heading = Money received
finance-receipts-none = Nothing has been received yet.
finance-received-on = Received on
finance-amount = Amount
finance-rate = Rate (USD per unit)
finance-col-usd = In USD
finance-bank-reference = Bank reference
finance-reversed = reversed
finance-receipt-heading = Record money received
finance-receipt-currency-hint = The pledge's currency.
finance-rate-hint = The UN operational rate of exchange in force on that day is { $rate } for { $currency }. Another rate needs its reason.
finance-rate-hint-none = No UN operational rate of exchange is recorded for { $currency } on that day: give the rate and its reason.
finance-rate-reason = Reason for another rate
finance-rate-reason-hint = Only when the rate is not the UN operational rate in force, such as the bank's own conversion.
finance-receipt-button = Record the money received

## Paying a tranche
finance-payment-title = Payment
finance-done-paid = The payment has been recorded and posted to the ledger.
finance-back-home = Back to what waits
finance-grant-state = Status
finance-grant-awarded = Awarded, agreement not yet signed
finance-grant-agreement_signed = Agreement signed
finance-grant-closing = Closing
finance-grant-closed = Closed
finance-grant-cancelled = Cancelled
finance-award = Award
finance-disbursed = Paid so far
finance-remaining = Left of the award
finance-gates-heading = Before paying
finance-gates-intro = A payment needs a signed agreement; a tranche after the first waits for the tranches before it to be paid and for their reports to be accepted, showing enough of the money spent; no tranche is paid beyond what is left of it.
finance-gate-agreement = Agreement
finance-agreement-signed = Signed on { $date }.
finance-agreement-none = The agreement is not signed: nothing can be paid.
finance-gate-left = What is left, tranche by tranche
finance-col-paid = Paid
finance-col-state = Status
finance-tranche-scheduled = Scheduled
finance-tranche-due = Due
finance-tranche-part_paid = Paid in part
finance-tranche-paid = Paid
finance-tranche-released = Released
finance-gate-reports = Reports
finance-reports-rule = Reports the grantee filed, with where they stand.
finance-col-report = Report
finance-col-filed = Filed on
finance-col-spent = Spent to date
finance-report-progress = Progress report
finance-report-final = Final report
finance-report-version = version { $version }
finance-report-state-submitted = Waiting for review
finance-report-state-accepted = Accepted
finance-report-state-returned = Returned
finance-reports-none = No report has been filed.
finance-pay-heading = Pay a tranche
finance-tranche-hint = Its number in the agreement: 1, 2, …
finance-pay-amount-hint = In { $currency }, at most what is left of the tranche.
finance-value-date = Value date
finance-payment-reference = Payment reference
finance-pay-button = Pay
finance-pay-closed = This grant is no longer open: nothing more is paid on it.
finance-pay-no-agreement = Nothing can be paid before the agreement is signed.
finance-payments-heading = Payments made
finance-col-psc = Programme support cost
finance-payments-none = Nothing has been paid yet.

## Months of the books
finance-periods-title = Months of the books
finance-periods-intro = A closed month accepts no entry dated in it, so its figures never change. Months close in order, once they have ended and the ledger's checks pass.
finance-first-period = The books begin in { $month }.
finance-close-heading = Close a month
finance-close-hint = The oldest month that has ended and is still open is { $month }.
finance-close-button = Close { $month }
finance-close-none = No month can be closed now: the months that have ended are all closed.
finance-done-closed = { $month } is closed.
finance-periods-caption = The months, newest first
finance-col-month = Month
finance-col-closed-at = Closed at
finance-period-open = Open
finance-period-closed = Closed

## Statements
finance-statements-title = Financial statements
finance-from = From
finance-to = To
finance-statements-button = Show the statements
finance-statements-period = From { $from } to { $to }, beside the period before it ({ $pfrom } to { $pto }). Amounts in USD.
finance-download-csv = Download the statements (CSV)
finance-download-xlsx = Download the statements (Excel)
finance-position-caption = Statement of financial position
finance-performance-caption = Statement of financial performance
finance-col-line = Line
finance-as-at = At { $date }
finance-period-range = { $from } to { $to }
finance-line-cash = Cash
finance-line-contributions_receivable = Contributions receivable
finance-line-refunds_due = Refunds due from grantees
finance-line-commitments_outstanding = Grant commitments outstanding
finance-line-net_assets_in_ledger = Net assets in the ledger
finance-line-net_assets = Net assets
finance-line-contributions = Contributions
finance-line-refunds = Refunds from grantees
finance-line-exchange_differences = Exchange differences
finance-line-revenue = Revenue
finance-line-grants_paid = Grants paid
finance-line-programme_support_cost = Programme support cost
finance-line-commitments_charged = Commitments charged
finance-line-expenses = Expenses
finance-line-surplus = Surplus
finance-unvalued = Also receivable, not valued in USD (no rate): { $amount }.

## Rules of money, as a refused form tells them
rule-no-agreement = The agreement is not signed: nothing can be paid yet.
rule-tranche-exceeded = This is more than is left of the tranche.
rule-previous-tranche-unpaid = A tranche before this one has not been paid yet.
rule-report-pending = The reports on the tranches before this one are not all accepted yet.
rule-report-spent-too-little = The accepted report on the tranche before does not show enough of the money spent yet.
rule-grant-closed = This grant is closed: nothing more is paid on it.
rule-insufficient-funds = The Fund does not hold enough available money for this payment.
rule-period-closed = That date is in a month that is closed.
rule-before-first-period = That date is before the Fund's books begin.
rule-period-not-ended = This month has not ended yet: close it from the day after its last day.
rule-periods-out-of-order = An earlier month is still open: months close in order.
rule-ledger-check-failed = The ledger's integrity check found a problem: the month cannot be closed until it is resolved.
rule-exchange-rate-missing = No UN operational rate of exchange is recorded for that currency on that day: give the rate and its reason.
rule-rate-reason-required = This is not the UN operational rate in force on that day: give the reason for another rate.
rule-over-pledge = This is more than is left of the pledge.
rule-receipt-before-pledge = Money cannot be received before the pledge was made.
rule-currency-mismatch = Record the money in the pledge's currency.
rule-below-one-cent = This amount is worth less than one US cent.

## Ledger export
nav-ledger-export = Ledger export
finance-export-title = Ledger export
finance-export-intro = Choose the entries the file holds; the page then shows what the file will hold before you download it.
finance-export-kind = Entries
finance-export-kind-disbursements = Disbursements only
finance-export-kind-all = Every entry
finance-export-country-hint = Optional: two-letter ISO code of a country of implementation, such as KE.
finance-export-group = Regional group
finance-export-format = Format of the file
finance-export-preview-button = Show what the file will hold
finance-export-holds = What the file will hold
finance-export-summary = { $entries ->
    [one] One entry, dated from { $from } to { $to }.
   *[other] { $entries } entries, dated from { $from } to { $to }.
}
finance-export-opening = Opening cash
finance-export-cash = Cash moved
finance-export-closing = Closing cash
finance-export-totals-caption = Totals per kind of entry, in USD
finance-export-col-kind = Kind of entry
finance-export-entries = Entries
finance-export-usd = Amount
finance-export-download = Download { $file }
finance-export-choose = Choose one from the list.
finance-export-any = Any
finance-kind-receipt = Money received
finance-kind-commitment = Commitments
finance-kind-disbursement = Disbursements
finance-kind-refund = Refunds
finance-kind-exchange_difference = Exchange differences
finance-kind-reversal = Reversals
finance-kind-release = Releases of commitments
finance-kind-award_change = Changes of award
