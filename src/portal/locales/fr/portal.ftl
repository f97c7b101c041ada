# Les mots du portail en français.

## Chaque page
service-name = Fonds des Nations Unies pour les victimes de la traite
skip-to-content = Aller au contenu principal
languages-label = Langue
nav-label = Menu principal
nav-home = Accueil
nav-calls = Appels à propositions
nav-applications = Demandes
nav-grants = Subventions
nav-organization = Organisation
nav-account = Compte
nav-votes = En attente de mon vote
nav-board = Le Conseil
nav-decisions = Décisions
sign-out = Se déconnecter
footer-legal = Fonds de contributions volontaires des Nations Unies en faveur des victimes de la traite des personnes, en particulier des femmes et des enfants (résolution 64/293 de l’Assemblée générale).

## Formulaires
form-errors-title = Il y a un problème
error-prefix = Erreur :
field-refused = Refusé : { $reason }

## Pages d’erreur
error-back-home = Aller à la page d’accueil
error-not-found-title = Page introuvable
error-not-found-body = Il n’y a rien à cette adresse, ou vous n’avez pas à le voir. Vérifiez l’adresse ou revenez à la page d’accueil.
error-forbidden-title = Vous ne pouvez pas faire cela
error-forbidden-body = Votre compte n’est pas autorisé à voir cette page ni à faire cette modification.
error-form-expired-title = Ce formulaire a expiré
error-form-expired-body = Le formulaire a été envoyé sans son code de sécurité, ou depuis une session antérieure. Rien n’a été enregistré. Revenez en arrière, rechargez la page et envoyez-le de nouveau.
error-bad-form-title = Le formulaire n’a pas pu être lu
error-bad-form-body = Rien n’a été enregistré. Revenez en arrière, rechargez la page et réessayez.
error-too-many-title = Trop de tentatives
error-too-many-body = Attendez quelques minutes, puis réessayez.
error-refused-title = Cela ne peut pas être fait maintenant
error-refused-body = L’état actuel du dossier ne le permet pas. Rien n’a été modifié.
error-unavailable-title = Le service est indisponible
error-unavailable-body = Le service ne peut pas joindre sa base de données pour le moment. Rien n’a été enregistré. Réessayez dans quelques minutes.
error-internal-title = Une erreur s’est produite
error-internal-body = L’erreur a été enregistrée. Rien n’a été enregistré. Réessayez plus tard.

## Connexion
sign-in-title = Se connecter
sign-in-needed = Connectez-vous pour continuer.
sign-in-email = Adresse électronique
sign-in-password = Mot de passe
sign-in-button = Se connecter
sign-in-register-prompt = Votre organisation n’a pas encore de compte ?
sign-in-register-link = Enregistrer votre organisation
sign-in-email-missing = Saisissez votre adresse électronique
sign-in-password-missing = Saisissez votre mot de passe
sign-in-wrong = L’adresse électronique ou le mot de passe est incorrect
sign-in-throttled = Trop de tentatives échouées : attendez quelques minutes, puis réessayez
sign-in-notice-signed-out = Vous êtes déconnecté. Toutes les sessions de votre compte ont pris fin.
sign-in-notice-password-changed = Votre mot de passe a été modifié. Connectez-vous avec le nouveau.

## Accueil

## Compte
account-title = Votre compte
account-password-heading = Modifier votre mot de passe
account-password-intro = Le modifier vous déconnecte partout, y compris dans ce navigateur.
account-current = Mot de passe actuel
account-new = Nouveau mot de passe
account-new-hint = Au moins { $min } caractères.
account-confirm = Nouveau mot de passe, à nouveau
account-password-button = Modifier le mot de passe
account-language-heading = Langue des pages
account-language-current = choisie
account-current-missing = Saisissez votre mot de passe actuel
account-new-too-weak = Saisissez un nouveau mot de passe d’au moins { $min } caractères
account-confirm-differs = Les deux nouveaux mots de passe ne sont pas identiques
account-name = Nom
account-email = Adresse électronique
account-role = Rôle
role-admin = Administrateur
role-secretariat = Secrétariat
role-trustee = Membre du Conseil
role-finance = Finances
role-applicant = Demandeur d’une organisation
role-auditor = Auditeur
account-since = Compte ouvert le
