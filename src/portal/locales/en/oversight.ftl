# The pages of auditors and administrators, in English.

## Navigation
nav-audit = Audit trail
nav-checks = Checks
nav-users = Users
nav-outbox = Outgoing mail

## An auditor's home
auditor-home-title = Oversight
auditor-home-intro = You can read every record and check that nothing was altered. Nothing you do here changes a record.
auditor-home-trail-link = Browse the audit trail
auditor-home-latest = Latest events

## The audit trail
audit-trail-title = Audit trail
audit-trail-intro = Every change made in the system, newest first. Each event is chained to the one before it by its hash, so that an event removed or altered afterwards shows.
audit-filter-heading = Filter the events
audit-any = Any
audit-filter-action = Kind of event
audit-filter-entity-type = Kind of record
audit-filter-entity-id = Record identifier
audit-filter-entity-id-hint = The identifier of one record, to see its whole history.
audit-filter-actor = Person (account identifier)
audit-filter-actor-hint = Select a person's name in an event to see everything they did.
audit-filter-from = From
audit-filter-to = To
audit-filter-date-hint = A date, for example 2026-12-07 (UTC).
audit-filter-button = Show events
audit-filter-clear = Clear the filters
audit-date-invalid = Enter a date as year-month-day, for example 2026-12-07
audit-dates-reversed = The end date must be on or after the start date
audit-events-all = All events
audit-events-filtered = Events matching the filters
audit-back-to-newest = Back to the newest events
audit-when = When
audit-who = Who
audit-what = What
audit-system = The system itself (no person)
audit-actor-link-title = Everything this person did
audit-record = Record
audit-record-link-title = This record's whole history
audit-position = Position in the chain
audit-position-value = Event number { $seq }
audit-hash = hash
audit-prev-hash = follows
audit-request = Request
audit-changes = What changed
audit-next-page = Older events
audit-none = The trail has no events yet.
audit-none-filtered = No event matches these filters.

## The checks
checks-title = Checks
checks-intro = Each check reads everything again now and says whether it holds. Running a check changes nothing.
checks-back = Back to the checks
check-trail-heading = Verify the audit trail
check-trail-explained = Walks every event from the first, recomputes its hash and compares it with the one stored and with the next event's link. An event deleted, inserted or altered breaks the chain at that point.
check-trail-run = Verify the audit trail
check-ledger-heading = Check the ledger
check-ledger-explained = Recomputes every balance from the ledger's postings, checks the ledger's rules (every entry balanced, no negative cash, reversals matching), and reconciles every receipt and grant with its postings.
check-ledger-run = Check the ledger
check-run-at = Checked on { $at } (UTC).
check-passed = Passed
check-failed = Failed
check-trail-passed = All { $count } events are in order: each matches its hash and follows the one before it.
check-trail-broken = The chain breaks at event number { $seq }. The { $count } events before it are in order.
check-trail-reason-missing = An event is missing at that point: one was deleted.
check-trail-reason-link = The event does not follow the one before it: an event before it was removed, inserted or altered.
check-trail-reason-content = The event's content does not match its hash: it was altered after it was written.
check-trail-see-trail = Read the trail
check-trail-events = Events checked
check-trail-head = Hash of the last event
check-trail-head-hint = Write this hash down or compare it with a published checkpoint: a later check that does not lead to the same hash means the trail was rewritten.
check-ledger-passed = The ledger holds: { $transactions } entries and { $postings } postings checked, { $owners } receipts and grants reconciled.
check-ledger-broken = { $count } problems found in { $transactions } entries. Each is listed below with the entry it concerns.
check-ledger-violations-caption = What the check found
check-ledger-rule = Rule broken
check-ledger-entry = Entry
check-ledger-detail = Detail
check-ledger-no-entry = The ledger as a whole
check-ledger-balances-caption = Balances recomputed from the postings
check-ledger-balance = Balance
check-ledger-amount = Amount
check-ledger-cash = Cash held
check-ledger-commitments_outstanding = Commitments outstanding
check-ledger-operating_reserve = Operating reserve
check-ledger-available = Available for new grants
check-ledger-received_to_date = Contributions received to date
check-ledger-disbursed_to_date = Paid to grantees to date
check-ledger-programme_support_costs_to_date = Programme support costs to date
check-ledger-refunds_to_date = Refunds to date

## An administrator's home
admin-home-title = Administration
admin-home-users-link = Users
admin-home-new-user-link = Create an account
admin-home-outbox-link = Outgoing mail
admin-home-failed-heading = Mail that could not be sent
admin-home-failed-count = { $count ->
    [one] One mail could not be sent.
   *[other] { $count } mails could not be sent.
}
admin-home-failed-many = More than { $count } mails could not be sent.
admin-home-failed-link = See the failed mail and send it again
admin-home-failed-none = Every mail has been sent or is on its way.

## Users
admin-users-title = Users
admin-users-caption = Accounts, newest first
admin-back-to-newest = Back to the first page
admin-next-page = Next page
admin-back-to-users = Back to the users
admin-user-name = Name
admin-user-email = Email address
admin-user-role = Role
admin-user-organization = Organisation
admin-user-no-organization = None (staff)
admin-user-status = Status
admin-user-enabled = Enabled
admin-user-disabled = Disabled
admin-user-created = Created on
admin-user-password = Password
admin-password-hint = At least { $min } characters. Give it to the person by a safe channel; they can change it on their account page.
admin-new-user-title = Create an account
admin-new-user-intro = For the secretariat, finance, trustees, auditors and administrators. An organisation's accounts come with its registration.
admin-new-user-button = Create the account
admin-role-choose = Choose a role
admin-name-missing = Enter the person's name
admin-email-missing = Enter the email address
admin-email-invalid = Enter an email address like name@example.org
admin-email-taken = An account with this email address already exists
admin-role-missing = Choose the account's role
admin-password-too-weak = Enter a password of at least { $min } characters
admin-done-created = The account has been created. The person can sign in with the password you set.
admin-done-enabled = The account has been enabled. The person can sign in again.
admin-done-disabled = The account has been disabled. The person cannot sign in, and their sessions have ended.
admin-done-password = The password has been reset, and every session of the account has ended.
admin-own-account = This is your own account: another administrator can disable it.
admin-disable-heading = Disable the account
admin-disable-intro = The person will not be able to sign in, and every session of theirs ends now. Their records stay.
admin-disable-button = Disable the account
admin-enable-heading = Enable the account
admin-enable-intro = The person will be able to sign in again with their password.
admin-enable-button = Enable the account
admin-reset-heading = Reset the password
admin-reset-intro = Set a new password for the person, who signs in with it. Every session of the account ends.
admin-reset-new = New password
admin-reset-confirm = New password again
admin-reset-button = Reset the password

## Outgoing mail
outbox-title = Outgoing mail
outbox-intro = Mail the system sends, newest first. A mail is tried several times; when every attempt has failed, you can send it again.
outbox-filter-status = Status
outbox-filter-button = Show
outbox-status-any = Any status
outbox-status-pending = Waiting to be sent
outbox-status-sending = Being sent
outbox-status-sent = Sent
outbox-status-failed = Failed
outbox-list-label = Mail
outbox-recipient = To
outbox-event = About
outbox-created = Written on
outbox-attempts = Attempts
outbox-sent-at = Sent on
outbox-next-attempt = Next attempt
outbox-last-error = Last error
outbox-retry-button = Send again
outbox-retry-not-failed = This mail is no longer failed (it was sent again already): nothing was changed.
outbox-done-retried = The mail will be sent again in a moment.
outbox-none = No mail here.

## Records, as an auditor reads them
nav-journal = Journal
auditor-home-journal-link = The journal of the ledger
audit-record-page = Open the record
record-back-trail = Back to the audit trail
record-back-journal = The journal of the ledger
record-grant = Grant
record-application = Application
record-organization = Organisation
record-contribution = Contribution
record-state = State
record-refunded = Refunded
record-requested = Amount requested
record-duration = Duration
record-months = { $months } months
record-countries = Countries
record-country = Country
record-submitted-at = Submitted
record-history = History
record-step = Change
record-reason = Reason
record-registered-on = Registered on
record-created-at = Created
record-pledged-on = Pledged on
record-received-usd = Received (USD)
record-receipts-none = No money has been received on this contribution.
record-trail-link = This record's history in the audit trail
