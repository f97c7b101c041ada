# Les pages des auditeurs et des administrateurs, en français.

## Navigation
nav-audit = Piste d'audit
nav-checks = Contrôles
nav-users = Utilisateurs
nav-outbox = Courrier sortant

## L'accueil d'un auditeur
auditor-home-title = Contrôle
auditor-home-intro = Vous pouvez lire chaque dossier et vérifier que rien n'a été altéré. Rien de ce que vous faites ici ne modifie un dossier.
auditor-home-trail-link = Parcourir la piste d'audit
auditor-home-latest = Derniers événements

## La piste d'audit
audit-trail-title = Piste d'audit
audit-trail-intro = Chaque modification faite dans le système, de la plus récente à la plus ancienne. Chaque événement est chaîné au précédent par son empreinte : un événement supprimé ou altéré après coup se voit.
audit-filter-heading = Filtrer les événements
audit-any = Tous
audit-filter-action = Type d'événement
audit-filter-entity-type = Type de dossier
audit-filter-entity-id = Identifiant du dossier
audit-filter-entity-id-hint = L'identifiant d'un dossier, pour voir tout son historique.
audit-filter-actor = Personne (identifiant du compte)
audit-filter-actor-hint = Choisissez le nom d'une personne dans un événement pour voir tout ce qu'elle a fait.
audit-filter-from = Du
audit-filter-to = Au
audit-filter-date-hint = Une date, par exemple 2026-12-07 (UTC).
audit-filter-button = Afficher les événements
audit-filter-clear = Effacer les filtres
audit-date-invalid = Saisissez une date sous la forme année-mois-jour, par exemple 2026-12-07
audit-dates-reversed = La date de fin doit être égale ou postérieure à la date de début
audit-events-all = Tous les événements
audit-events-filtered = Événements correspondant aux filtres
audit-back-to-newest = Revenir aux événements les plus récents
audit-when = Quand
audit-who = Qui
audit-what = Quoi
audit-system = Le système lui-même (aucune personne)
audit-actor-link-title = Tout ce qu'a fait cette personne
audit-record = Dossier
audit-record-link-title = Tout l'historique de ce dossier
audit-position = Position dans la chaîne
audit-position-value = Événement numéro { $seq }
audit-hash = empreinte
audit-prev-hash = suit
audit-request = Requête
audit-changes = Ce qui a changé
audit-next-page = Événements plus anciens
audit-none = La piste ne contient encore aucun événement.
audit-none-filtered = Aucun événement ne correspond à ces filtres.

## Les contrôles
checks-title = Contrôles
checks-intro = Chaque contrôle relit tout maintenant et dit si tout tient. Lancer un contrôle ne modifie rien.
checks-back = Revenir aux contrôles
check-trail-heading = Vérifier la piste d'audit
check-trail-explained = Parcourt chaque événement depuis le premier, recalcule son empreinte et la compare à celle enregistrée et au lien de l'événement suivant. Un événement supprimé, inséré ou altéré rompt la chaîne à cet endroit.
check-trail-run = Vérifier la piste d'audit
check-ledger-heading = Contrôler le grand livre
check-ledger-explained = Recalcule chaque solde à partir des imputations du grand livre, vérifie ses règles (chaque écriture équilibrée, pas de trésorerie négative, contre-passations correspondantes) et rapproche chaque encaissement et chaque subvention de ses imputations.
check-ledger-run = Contrôler le grand livre
check-run-at = Contrôlé le { $at } (UTC).
check-passed = Réussi
check-failed = Échoué
check-trail-passed = Les { $count } événements sont en ordre : chacun correspond à son empreinte et suit le précédent.
check-trail-broken = La chaîne se rompt à l'événement numéro { $seq }. Les { $count } événements qui le précèdent sont en ordre.
check-trail-reason-missing = Un événement manque à cet endroit : il a été supprimé.
check-trail-reason-link = L'événement ne suit pas le précédent : un événement antérieur a été supprimé, inséré ou altéré.
check-trail-reason-content = Le contenu de l'événement ne correspond pas à son empreinte : il a été altéré après son écriture.
check-trail-see-trail = Lire la piste
check-trail-events = Événements vérifiés
check-trail-head = Empreinte du dernier événement
check-trail-head-hint = Notez cette empreinte ou comparez-la à un point de contrôle publié : un contrôle ultérieur qui n'y mène pas signifie que la piste a été réécrite.
check-ledger-passed = Le grand livre tient : { $transactions } écritures et { $postings } imputations contrôlées, { $owners } encaissements et subventions rapprochés.
check-ledger-broken = { $count } problèmes trouvés dans { $transactions } écritures. Chacun est listé ci-dessous avec l'écriture qu'il concerne.
check-ledger-violations-caption = Ce que le contrôle a trouvé
check-ledger-rule = Règle enfreinte
check-ledger-entry = Écriture
check-ledger-detail = Détail
check-ledger-no-entry = Le grand livre dans son ensemble
check-ledger-balances-caption = Soldes recalculés à partir des imputations
check-ledger-balance = Solde
check-ledger-amount = Montant
check-ledger-cash = Trésorerie
check-ledger-commitments_outstanding = Engagements restant dus
check-ledger-operating_reserve = Réserve opérationnelle
check-ledger-available = Disponible pour de nouvelles subventions
check-ledger-received_to_date = Contributions reçues à ce jour
check-ledger-disbursed_to_date = Versé aux bénéficiaires à ce jour
check-ledger-programme_support_costs_to_date = Dépenses d'appui aux programmes à ce jour
check-ledger-refunds_to_date = Remboursements à ce jour

## L'accueil d'un administrateur
admin-home-title = Administration
admin-home-users-link = Utilisateurs
admin-home-new-user-link = Créer un compte
admin-home-outbox-link = Courrier sortant
admin-home-failed-heading = Courrier qui n'a pas pu être envoyé
admin-home-failed-count = { $count ->
    [one] Un courrier n'a pas pu être envoyé.
   *[other] { $count } courriers n'ont pas pu être envoyés.
}
admin-home-failed-many = Plus de { $count } courriers n'ont pas pu être envoyés.
admin-home-failed-link = Voir le courrier en échec et le renvoyer
admin-home-failed-none = Tout le courrier a été envoyé ou est en cours d'envoi.

## Utilisateurs
admin-users-title = Utilisateurs
admin-users-caption = Comptes, du plus récent au plus ancien
admin-back-to-newest = Revenir à la première page
admin-next-page = Page suivante
admin-back-to-users = Revenir aux utilisateurs
admin-user-name = Nom
admin-user-email = Adresse électronique
admin-user-role = Rôle
admin-user-organization = Organisation
admin-user-no-organization = Aucune (personnel)
admin-user-status = État
admin-user-enabled = Actif
admin-user-disabled = Désactivé
admin-user-created = Créé le
admin-user-password = Mot de passe
admin-password-hint = Au moins { $min } caractères. Transmettez-le à la personne par un moyen sûr ; elle pourra le changer sur la page de son compte.
admin-new-user-title = Créer un compte
admin-new-user-intro = Pour le secrétariat, les finances, les administrateurs du Fonds, les auditeurs et les administrateurs. Les comptes d'une organisation viennent avec son inscription.
admin-new-user-button = Créer le compte
admin-role-choose = Choisissez un rôle
admin-name-missing = Saisissez le nom de la personne
admin-email-missing = Saisissez l'adresse électronique
admin-email-invalid = Saisissez une adresse électronique comme nom@exemple.org
admin-email-taken = Un compte existe déjà avec cette adresse électronique
admin-role-missing = Choisissez le rôle du compte
admin-password-too-weak = Saisissez un mot de passe d'au moins { $min } caractères
admin-done-created = Le compte a été créé. La personne peut se connecter avec le mot de passe que vous avez choisi.
admin-done-enabled = Le compte a été réactivé. La personne peut de nouveau se connecter.
admin-done-disabled = Le compte a été désactivé. La personne ne peut plus se connecter et ses sessions ont pris fin.
admin-done-password = Le mot de passe a été réinitialisé et toutes les sessions du compte ont pris fin.
admin-own-account = C'est votre propre compte : un autre administrateur peut le désactiver.
admin-disable-heading = Désactiver le compte
admin-disable-intro = La personne ne pourra plus se connecter et toutes ses sessions prennent fin maintenant. Ses dossiers restent.
admin-disable-button = Désactiver le compte
admin-enable-heading = Réactiver le compte
admin-enable-intro = La personne pourra de nouveau se connecter avec son mot de passe.
admin-enable-button = Réactiver le compte
admin-reset-heading = Réinitialiser le mot de passe
admin-reset-intro = Choisissez un nouveau mot de passe pour la personne, qui se connectera avec. Toutes les sessions du compte prennent fin.
admin-reset-new = Nouveau mot de passe
admin-reset-confirm = Nouveau mot de passe, à nouveau
admin-reset-button = Réinitialiser le mot de passe

## Courrier sortant
outbox-title = Courrier sortant
outbox-intro = Le courrier que le système envoie, du plus récent au plus ancien. Un courrier est essayé plusieurs fois ; quand toutes les tentatives ont échoué, vous pouvez le renvoyer.
outbox-filter-status = État
outbox-filter-button = Afficher
outbox-status-any = Tous les états
outbox-status-pending = En attente d'envoi
outbox-status-sending = En cours d'envoi
outbox-status-sent = Envoyé
outbox-status-failed = En échec
outbox-list-label = Courrier
outbox-recipient = À
outbox-event = Objet
outbox-created = Écrit le
outbox-attempts = Tentatives
outbox-sent-at = Envoyé le
outbox-next-attempt = Prochaine tentative
outbox-last-error = Dernière erreur
outbox-retry-button = Renvoyer
outbox-retry-not-failed = Ce courrier n'est plus en échec (il a déjà été renvoyé) : rien n'a été modifié.
outbox-done-retried = Le courrier va être renvoyé dans un instant.
outbox-none = Aucun courrier ici.

## Les dossiers, tels qu’un auditeur les lit
nav-journal = Journal
auditor-home-journal-link = Le journal du grand livre
audit-record-page = Ouvrir le dossier
record-back-trail = Retour à la piste d’audit
record-back-journal = Le journal du grand livre
record-grant = Subvention
record-application = Demande
record-organization = Organisation
record-contribution = Contribution
record-state = État
record-refunded = Remboursé
record-requested = Montant demandé
record-duration = Durée
record-months = { $months } mois
record-countries = Pays
record-country = Pays
record-submitted-at = Soumise le
record-history = Historique
record-step = Changement
record-reason = Motif
record-registered-on = Enregistrée le
record-created-at = Créée le
record-pledged-on = Annoncée le
record-received-usd = Reçu (USD)
record-receipts-none = Aucun montant n’a été reçu sur cette contribution.
record-trail-link = L’historique de ce dossier dans la piste d’audit
