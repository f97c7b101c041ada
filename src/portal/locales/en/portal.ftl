# The portal's words in English. Keys are shared by fr/ and es/ (a unit test checks that
# all three define the same keys).

## Every page
service-name = UN Trust Fund for Victims of Trafficking
skip-to-content = Skip to main content
languages-label = Language
nav-label = Main menu
nav-home = Home
nav-calls = Calls for proposals
nav-applications = Applications
nav-grants = Grants
nav-organization = Organisation
nav-account = Account
nav-votes = Waiting for my vote
nav-board = The Board
nav-decisions = Decisions
sign-out = Sign out
footer-legal = United Nations Voluntary Trust Fund for Victims of Trafficking in Persons, especially Women and Children (General Assembly resolution 64/293).

## Forms
form-errors-title = There is a problem
error-prefix = Error:
field-refused = Not accepted: { $reason }

## Error pages
error-back-home = Go to the home page
error-not-found-title = Page not found
error-not-found-body = There is nothing at this address, or it is not yours to see. Check the address, or go back to the home page.
error-forbidden-title = You cannot do this
error-forbidden-body = Your account is not allowed to see this page or make this change.
error-form-expired-title = This form has expired
error-form-expired-body = The form was sent without its security code, or from an earlier session. Nothing was saved. Go back, reload the page and send it again.
error-bad-form-title = The form could not be read
error-bad-form-body = Nothing was saved. Go back, reload the page and try again.
error-too-many-title = Too many attempts
error-too-many-body = Wait a few minutes, then try again.
error-refused-title = This cannot be done now
error-refused-body = The record's current state does not allow it. Nothing was changed.
error-unavailable-title = The service is unavailable
error-unavailable-body = The service cannot reach its database at the moment. Nothing was saved. Try again in a few minutes.
error-internal-title = Something went wrong
error-internal-body = The error has been recorded. Nothing was saved. Try again later.

## Signing in
sign-in-title = Sign in
sign-in-needed = Sign in to continue.
sign-in-email = Email address
sign-in-password = Password
sign-in-button = Sign in
sign-in-register-prompt = Your organisation has no account yet?
sign-in-register-link = Register your organisation
sign-in-email-missing = Enter your email address
sign-in-password-missing = Enter your password
sign-in-wrong = The email address or the password is wrong
sign-in-throttled = Too many failed attempts: wait a few minutes, then try again
sign-in-notice-signed-out = You have signed out. Every session of your account has ended.
sign-in-notice-password-changed = Your password has been changed. Sign in with the new one.

## Home

## Account
account-title = Your account
account-password-heading = Change your password
account-password-intro = Changing it signs you out everywhere, in this browser too.
account-current = Current password
account-new = New password
account-new-hint = At least { $min } characters.
account-confirm = New password again
account-password-button = Change password
account-language-heading = Language of the pages
account-language-current = chosen
account-current-missing = Enter your current password
account-new-too-weak = Enter a new password of at least { $min } characters
account-confirm-differs = The two new passwords are not the same
account-name = Name
account-email = Email address
account-role = Role
role-admin = Administrator
role-secretariat = Secretariat
role-trustee = Trustee
role-finance = Finance
role-applicant = Applicant of an organisation
role-auditor = Auditor
account-since = Account opened on
