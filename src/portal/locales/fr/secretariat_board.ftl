# Les pages du secrétariat pour les appels, le Conseil et les paramètres du Fonds (fr).

nav-sec-calls = Appels
nav-sec-board = Conseil
nav-sec-settings = Paramètres

## Ce que lisent les formulaires
sec-typed-required = Remplissez ce champ
sec-typed-date = Saisissez une date, par exemple 2027-03-31
sec-typed-amount = Saisissez un montant en dollars des États-Unis, par exemple 25 000,00
sec-typed-number = Saisissez un nombre entier de mois, par exemple 24
sec-typed-percent = Saisissez un pourcentage, par exemple 7 ou 7,5

## Appels
sec-calls-title = Appels à propositions
sec-calls-intro = Tous les appels publiés par le Fonds, du plus récent au plus ancien : ouverts, pas encore ouverts, clos ou annulés. Ouvrez la page d’un appel pour en reporter la date limite, le corriger ou l’annuler.
sec-calls-caption = Appels, du plus récent au plus ancien
sec-calls-none = Aucun appel n’a encore été publié.
sec-calls-back = Tous les appels
sec-call-title = Titre
sec-call-new-title = Ouvrir un nouvel appel
sec-call-new-intro = Les organisations lisent ces conditions avant de présenter une demande. Les montants sont en dollars des États-Unis, la monnaie du Fonds.
sec-call-description = Objet de l’appel
sec-call-description-hint = Les organisations lisent ceci en premier : le but de l’appel et ce qu’il finance.
sec-call-opens-on = Ouverture le
sec-call-opens-on-hint = Les demandes peuvent être soumises dès le début de ce jour (UTC).
sec-call-closes-on = Date limite
sec-call-closes-on-hint = Le dernier jour pour soumettre : l’appel se clôt à la fin de ce jour (23 h 59 UTC).
sec-call-envelope = Montant total de l’appel
sec-call-envelope-hint = En dollars des États-Unis ; au moins la subvention la plus élevée.
sec-call-min-grant = Subvention la plus faible
sec-call-max-grant = Subvention la plus élevée
sec-call-usd-hint = En dollars des États-Unis.
sec-call-max-grant-hint = En dollars des États-Unis ; pas plus que le montant total, ni que la subvention maximale permise par les paramètres du Fonds.
sec-call-duration = Durée maximale d’un projet, en mois
sec-call-duration-hint = De 8 à 24 mois.
sec-call-org-types = Qui peut présenter une demande
sec-call-priority-exploitation = Formes d’exploitation prioritaires (facultatif)
sec-call-publish = Publier l’appel
sec-call-closes-refused = La date limite doit suivre le jour d’ouverture et ne pas être passée
sec-call-range-refused = La subvention la plus faible ne doit pas dépasser la plus élevée, ni la plus élevée le montant total
sec-call-duration-refused = La durée maximale d’un projet va de 8 à 24 mois
sec-call-org-types-refused = Choisissez au moins un type d’organisation
sec-call-done-published = L’appel est publié.
sec-call-done-amended = L’appel est modifié. Chaque organisation ayant une demande au titre de l’appel est informée des changements.
sec-call-done-cancelled = L’appel est annulé. Ses demandes sont retirées et leurs organisations informées du motif.
sec-call-cancelled-reason = Motif : { $reason }
sec-call-committed = Attribué au titre de l’appel
sec-call-changes = Modifications depuis la publication
sec-call-changed = { $count ->
    [one] Modifié une fois, le { $date }
   *[other] Modifié { $count } fois, dernièrement le { $date }
}
sec-call-never-changed = Aucune
sec-call-amend-heading = Modifier l’appel
sec-call-amend-intro = Ne modifiez que ce qui doit l’être : une date limite ne peut qu’être reportée, et aucune demande déjà soumise ne peut sortir des nouvelles conditions.
sec-call-extend-hint = La date limite est actuellement le { $date } (l’appel se clôt à la fin du jour, 23 h 59 UTC). Seul un jour plus tardif est accepté.
sec-call-envelope-amend-hint = En dollars des États-Unis ; jamais moins que ce qui est déjà attribué au titre de l’appel.
sec-call-amend-button = Enregistrer les modifications
sec-call-amend-nothing = Rien n’a été modifié : modifiez au moins une condition avant d’enregistrer
sec-call-cancel-heading = Annuler l’appel
sec-call-cancel-intro = Un appel annulé ne reçoit plus de demandes : chaque brouillon et chaque demande soumise, en examen ou en cours d’évaluation est retiré, et chaque organisation est informée du motif. C’est irréversible.
sec-call-cancel-reason = Motif de l’annulation
sec-call-cancel-reason-hint = Chaque organisation ayant présenté une demande le lira.
sec-call-cancel-reason-missing = Indiquez pourquoi l’appel est annulé : chaque organisation ayant présenté une demande le lira
sec-call-cancel-button = Annuler l’appel

## Règles des appels, dans les mots du secrétariat
sec-rule-deadline-shortened = La date limite ne peut qu’être reportée : les organisations s’organisent en fonction d’elle
sec-rule-call-closed = La date limite est passée : les conditions d’un appel clos ne changent plus
sec-rule-call-cancelled = L’appel est annulé : il ne change plus
sec-rule-call-has-decisions = Le Conseil a statué sur une demande au titre de cet appel : il ne peut plus être annulé
sec-rule-excludes-submitted-application = Une demande déjà soumise sortirait de ces conditions
sec-rule-envelope-below-committed = Le montant total ne peut pas descendre sous ce qui est déjà attribué au titre de l’appel
sec-rule-fund-max-grant = Les paramètres du Fonds ne permettent pas une subvention aussi élevée
sec-rule-document-kind = Une demande ne peut pas porter ce type de document

## Le Conseil
sec-board-on = Afficher le Conseil au
sec-board-on-hint = N’importe quel jour, passé ou futur : le Conseil tel que les nominations le composent ce jour-là.
sec-board-on-button = Afficher
sec-board-members-caption = { $count } sièges occupés sur { $seats }
sec-board-col-name = Nom
sec-board-nobody = Aucun administrateur n’est en fonctions ce jour-là.
sec-board-balance-heading = Groupes régionaux le { $date }
sec-board-balance-rule = Le Conseil compte un membre de chacun des cinq groupes régionaux des Nations Unies.
sec-board-vacancies = Sièges vacants
sec-board-warning-chair_year_ending = L’année du président se termine le { $date } et le Conseil n’a pas choisi le prochain président.
sec-board-warning-no_chair = Des administrateurs siègent le { $date } mais le Conseil n’a pas de président.
sec-board-appoint-heading = Nommer un administrateur
sec-board-appoint-intro = Le Secrétaire général nomme les administrateurs après consultation des États Membres et du Directeur exécutif de l’ONUDC. Enregistrez la nomination une fois faite : elle est refusée si elle donnait deux sièges à la fois à un groupe régional.
sec-board-name = Nom complet
sec-board-choose-country = Choisissez un pays
sec-board-nationality-hint = La nationalité détermine le groupe régional auquel le siège est attribué.
sec-board-experience = Expérience pertinente
sec-board-appointed-on = Nommé le
sec-board-term-start = Début du mandat
sec-board-term-end = Fin du mandat (facultatif)
sec-board-term-end-hint = Le premier jour après le mandat. Laissez vide pour un mandat complet de trois ans.
sec-board-consulted = États Membres consultés
sec-board-consulted-hint = Choisissez-en un ou plusieurs (maintenez Ctrl, ou Cmd sur un Mac, pour en choisir plusieurs).
sec-board-consulted-ed = Directeur exécutif de l’ONUDC consulté le
sec-board-consulted-ed-hint = Au plus tard le jour de la nomination, et pas dans le futur.
sec-board-appoint-button = Enregistrer la nomination
sec-board-choose-trustee = Choisissez un administrateur
sec-board-end-trustee = Administrateur dont le mandat prend fin
sec-board-chair-trustee = Administrateur choisi comme président
sec-board-end-heading = Mettre fin à un mandat
sec-board-end-intro = Les administrateurs en fonctions le { $date } (choisissez un autre jour ci-dessus pour les autres). Une démission ou une révocation intervient pendant le mandat ; une fin de mandat tombe le dernier jour du mandat.
sec-board-choose-reason = Choisissez un motif
sec-board-end-reason = Motif de la fin du mandat
sec-board-end-reason-resignation = Démission
sec-board-end-reason-termination = Révocation
sec-board-end-reason-end_of_term = Fin de mandat
sec-board-ended-on = Premier jour hors du Conseil
sec-board-ended-on-hint = Pour une fin de mandat, le lendemain de son dernier jour.
sec-board-end-note = Note (facultatif)
sec-board-end-button = Mettre fin au mandat
sec-board-end-already = Le mandat de cet administrateur a déjà pris fin
sec-board-end-reason-missing = Choisissez pourquoi le mandat prend fin
sec-board-chair-heading = Enregistrer le choix du président par le Conseil
sec-board-chair-intro = Le Conseil choisit son président parmi les administrateurs, pour un an au plus, lors d’une réunion tenue au plus tard le premier jour de la présidence.
sec-board-chair-from = Président à partir du
sec-board-chair-to = Président jusqu’au
sec-board-chair-to-hint = Le premier jour après l’année de présidence : au plus un an après le premier.
sec-board-meeting-on = Jour de la réunion du Conseil qui a choisi le président
sec-board-record = Référence du compte rendu de la réunion
sec-board-record-hint = Par exemple, la cote du rapport et le paragraphe.
sec-board-chair-button = Enregistrer le président
sec-board-done-appointed = La nomination est enregistrée. Le Conseil est affiché au premier jour du nouveau mandat.
sec-board-done-ended = La fin du mandat est enregistrée. Le Conseil est affiché au premier jour sans l’administrateur.
sec-board-done-chair = Le président est enregistré. Le Conseil est affiché au premier jour de la présidence.
sec-board-country-missing = Choisissez la nationalité de l’administrateur
sec-board-consulted-missing = Choisissez au moins un État Membre consulté
sec-board-trustee-missing = Choisissez un administrateur
sec-board-refused-geographic-balance = Refusé : le Conseil compte un membre de chaque groupe régional, et { $name } occupe déjà le siège du groupe des { $group } du { $from } au { $to }
sec-board-refused-seat-limit = Refusé : le Conseil compte cinq sièges et tous les cinq sont occupés le { $date } ; attendez qu’un siège se libère
sec-board-refused-term-limit = Refusé : un administrateur n’exerce pas plus de deux mandats consécutifs, et ce serait le mandat { $run } d’affilée

## Règles du Conseil, dans les mots du secrétariat
sec-rule-term-dates = Les dates ne se suivent pas : la nomination a lieu au plus tard au début du mandat, et le mandat se termine après avoir commencé
sec-rule-term-length = Un mandat dure au plus trois ans
sec-rule-consultation = Le Directeur exécutif est consulté au plus tard le jour de la nomination, et pas dans le futur
sec-rule-end-date = Une démission ou une révocation intervient pendant le mandat ; une fin de mandat tombe à la fin du mandat
sec-rule-chair-period = Une présidence dure un an au plus et se termine après avoir commencé
sec-rule-chair-not-active = L’administrateur doit être en fonctions pendant toute l’année de présidence
sec-rule-chair-overlap = Un autre président est en fonctions pendant cette période
sec-rule-chair-decision = La réunion du Conseil a lieu au plus tard aujourd’hui et avant le premier jour de la présidence, et son compte rendu est cité

## Les paramètres du Fonds
sec-settings-title = Les paramètres du Fonds
sec-settings-intro = Trois paramètres régissent ce que le Fonds attribue. Chaque modification est consignée dans la piste d’audit.
sec-settings-done = Les paramètres sont enregistrés.
sec-settings-now-heading = Actuellement
sec-settings-psc = Taux des frais d’appui aux programmes
sec-settings-reserve = Réserve de fonctionnement
sec-settings-max-grant = Subvention la plus élevée qu’un appel peut offrir
sec-settings-percent = { $value } %
sec-settings-no-cap = Aucune limite
sec-settings-available = Disponible pour de nouvelles subventions
sec-settings-change-heading = Modifier les paramètres
sec-settings-psc-label = Taux des frais d’appui aux programmes, en %
sec-settings-psc-hint = Ce que l’ONUDC prélève sur chaque subvention pour la gérer, fixé lorsque le Conseil l’attribue : une modification s’applique aux attributions ultérieures, jamais aux subventions déjà attribuées. De 0 à { $max } %.
sec-settings-reserve-label = Réserve de fonctionnement, en %
sec-settings-reserve-hint = La part de la trésorerie du Fonds mise de côté contre les contributions tardives et les pertes de change : elle s’applique immédiatement au montant disponible pour de nouvelles subventions. De 0 à { $max } %.
sec-settings-max-grant-label = Subvention la plus élevée qu’un appel peut offrir, en dollars des États-Unis (facultatif)
sec-settings-max-grant-hint = Aucun appel ne peut offrir une subvention plus élevée. Laissez vide pour aucune limite.
sec-settings-button = Enregistrer les paramètres
sec-settings-rate-bounds = Saisissez un pourcentage de 0 à { $max }, avec au plus 4 décimales
sec-settings-reserve-too-high = Une réserve aussi élevée laisserait moins que rien de disponible pour les subventions déjà engagées : la réserve ne peut jamais rendre le solde disponible négatif
