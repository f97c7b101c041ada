# The trustee pages' words (fr).

## Waiting for my vote
trustee-queue-title = En attente de votre vote
trustee-queue-intro = Les demandes que le secrétariat a transmises au Conseil et sur lesquelles vous n’avez ni voté ni déclaré de conflit d’intérêts. Le vote reste ouvert jusqu’à ce que le secrétariat le clôture par la décision du Conseil.
trustee-queue-empty = Aucune demande n’attend votre vote.
trustee-queue-count = { $count ->
    [one] Une demande attend votre vote.
   *[other] { $count } demandes attendent votre vote.
}
trustee-next-page = Page suivante
trustee-call = Appel à propositions
trustee-organization = Organisation
trustee-org-country = Pays d’enregistrement
trustee-countries = Pays de mise en œuvre
trustee-requested = Montant demandé
trustee-submitted = Soumise le
trustee-duration = Durée
trustee-duration-months = { $months ->
    [one] un mois
   *[other] { $months } mois
}
trustee-state = Statut

## One application
trustee-back-to-queue = Retour aux demandes en attente de votre vote
trustee-done-voted = Votre vote a été enregistré.
trustee-done-conflict = Votre conflit d’intérêts a été enregistré. Vous ne prenez pas part à ce vote.
trustee-summary-heading = La demande
trustee-project-summary = Résumé du projet
trustee-beneficiaries-heading = Bénéficiaires
trustee-beneficiaries-caption = Victimes que le projet prévoit d’aider
trustee-sex = Sexe
trustee-age-group = Tranche d’âge
trustee-count = Nombre
trustee-exploitation = Formes d’exploitation
trustee-aid-types = Types d’assistance
trustee-budget-heading = Budget
trustee-budget-caption = Lignes budgétaires
trustee-budget-line = Ligne
trustee-amount = Montant
trustee-budget-total = Total demandé
trustee-call-range = Subventions au titre de cet appel
trustee-call-range-value = de { $min } à { $max }

## The dossier
trustee-dossier-heading = Le dossier de l’organisation
trustee-dossier-closed = Le dossier n’est consultable que pendant le vote.
trustee-legal-name = Dénomination légale
trustee-org-type = Type
trustee-registered-on = Date d’enregistrement
trustee-unpp-id = Identifiant sur le Portail des partenaires des Nations Unies
trustee-assistance-since = Assistance directe aux victimes depuis le
trustee-psea-since = Mesures contre l’exploitation et les atteintes sexuelles depuis le
trustee-psea-none = Aucune mesure enregistrée
trustee-verification = Vérification par le secrétariat
trustee-with-fund-since = Inscrite auprès du Fonds le
trustee-history-heading = Son historique avec le Fonds
trustee-other-applications-caption = Ses autres demandes
trustee-no-other-applications = Aucune autre demande.
trustee-application = Demande
trustee-awarded = Montant accordé
trustee-decided = Décision du
trustee-grants-caption = Ses subventions
trustee-no-grants = Aucune subvention pour l’instant.
trustee-award = Subvention
trustee-disbursed = Versé
trustee-refunded = Remboursé
trustee-refund-due = Remboursement dû
trustee-reports = Rapports
trustee-reports-tally = { $accepted } accepté(s), { $returned } renvoyé(s), { $pending } en attente
trustee-report-overdue = Un rapport est en retard
trustee-none = —

## The vote
trustee-votes-heading = Le vote
trustee-votes-sealed = Les votes sont indépendants : vous verrez ceux des autres administrateurs une fois que vous aurez voté.
trustee-votes-sealed-recused = Vous ne prenez pas part à ce vote : les votes des autres administrateurs seront visibles une fois que le Conseil aura décidé.
trustee-votes-cast = { $count ->
    [0] Aucun vote n’a été exprimé.
    [one] Un vote a été exprimé.
   *[other] { $count } votes ont été exprimés.
}
trustee-votes-caption = Votes des administrateurs
trustee-trustee = Administrateur
trustee-vote = Vote
trustee-recommended = Montant recommandé
trustee-comment = Commentaire
trustee-tally = Pour : { $approve }. Contre : { $reject }. Abstentions : { $abstain }. Administrateurs pouvant voter : { $eligible }.
trustee-recusals-heading = Administrateurs ne prenant pas part au vote
trustee-recusal-declared = a déclaré un conflit d’intérêts
trustee-recusal-nationality = récusé en raison de sa nationalité
trustee-ballot-approve = Approuver
trustee-ballot-reject = Rejeter
trustee-ballot-abstain = S’abstenir

## The trustee's own part
trustee-your-vote-heading = Votre vote
trustee-your-vote-is = Votre vote : { $vote }.
trustee-your-vote-amount = Vous recommandez { $amount }.
trustee-change-intro = Vous pouvez modifier votre vote tant que le vote est ouvert.
trustee-vote-legend = Comment votez-vous ?
trustee-recommended-label = Montant recommandé (USD)
trustee-recommended-hint = Seulement si vous approuvez : entre { $min } et { $max }, sans dépasser les { $requested } demandés. Par exemple { $example }.
trustee-comment-label = Vos motifs
trustee-comment-hint = Chaque vote est motivé. Les autres administrateurs et le secrétariat liront vos motifs.
trustee-vote-button = Enregistrer mon vote
trustee-change-button = Modifier mon vote
trustee-recused-declared = Vous avez déclaré un conflit d’intérêts sur cette demande : { $reason }. Vous ne prenez pas part au vote.
trustee-recused-nationality = Vous ne prenez pas part à ce vote : { $reason }.
trustee-no-seat = Vous ne siégez pas au Conseil aujourd’hui : vous ne pouvez pas voter.
trustee-voting-closed = Le vote sur cette demande est clos.
trustee-conflict-heading = Déclarer un conflit d’intérêts
trustee-conflict-intro = Si vous-même ou l’un de vos proches avez un intérêt dans cette organisation ou ce projet, déclarez-le. Vous ne prendrez pas part au vote et tout vote déjà exprimé sera retiré. Cette déclaration est définitive.
trustee-reason-label = Le conflit d’intérêts
trustee-conflict-button = Déclarer le conflit
trustee-decision-heading = La décision du Conseil

## Problems with the forms
trustee-vote-missing = Choisissez d’approuver, de rejeter ou de vous abstenir
trustee-amount-missing = Indiquez le montant que vous recommandez pour approuver
trustee-amount-invalid = Indiquez le montant en dollars des États-Unis, par exemple 30 000 ou 30 000,50
trustee-amount-not-approving = Laissez le montant vide si vous rejetez ou vous abstenez
trustee-amount-out-of-range = Recommandez un montant entre { $min } et { $max }, sans dépasser les { $requested } demandés
trustee-comment-missing = Indiquez les motifs de votre vote
trustee-comment-too-long = Vos motifs ne doivent pas dépasser { $max } caractères
trustee-reason-missing = Décrivez le conflit d’intérêts
trustee-reason-too-long = La description ne doit pas dépasser { $max } caractères
trustee-refused-recused = Vous êtes récusé pour cette demande : vous ne pouvez pas voter
trustee-refused-no-seat = Vous ne siégez pas au Conseil aujourd’hui : vous ne pouvez pas voter
trustee-refused-closed = Le vote sur cette demande est clos
trustee-refused-already-declared = Vous avez déjà déclaré un conflit d’intérêts sur cette demande

## The Board
trustee-board-title = Le Conseil d’administration
trustee-board-intro = Le Conseil compte { $seats } sièges, un pour chaque groupe régional des Nations Unies. Les administrateurs sont nommés par le Secrétaire général pour trois ans.
trustee-board-caption = Administrateurs en fonction le { $date }
trustee-name = Nom
trustee-nationality = Nationalité
trustee-regional-group = Groupe régional
trustee-term = Mandat
trustee-term-dates = du { $from } au { $to }
trustee-chair-tag = Président(e)
trustee-you = (vous)
trustee-vacancies = { $count ->
    [0] Tous les sièges sont pourvus.
    [one] Un siège est vacant.
   *[other] { $count } sièges sont vacants.
}
trustee-chair-heading = La présidence
trustee-chair-is = { $name } préside le Conseil jusqu’au { $to }.
trustee-chair-none = Le Conseil n’a pas de président pour le moment.
trustee-balance-heading = Équilibre régional
trustee-groups-represented = Représentés
trustee-groups-missing = Non représentés
trustee-groups-none = Aucun
trustee-ex-officio = Le gestionnaire du Fonds siège également au Conseil, sans droit de vote.
trustee-terms-ending = Mandats prenant fin dans les 90 jours

## Decisions
trustee-decisions-title = Décisions du Conseil
trustee-decisions-intro = Les demandes sur lesquelles le Conseil s’est prononcé, des plus récentes aux plus anciennes.
trustee-decisions-empty = Le Conseil ne s’est encore prononcé sur aucune demande.
trustee-outcome = Décision
trustee-votes-count = Votes
trustee-votes-count-value = { $approve } pour, { $reject } contre, { $abstain } abstention(s)
trustee-by-chair = La voix du président a départagé les votes.
trustee-decided-on = Date de la décision

## Values
trustee-state-under_review = En cours d’examen
trustee-state-approved = Approuvée
trustee-state-rejected = Rejetée
trustee-state-reserve_list = Sur la liste de réserve
trustee-state-submitted = Soumise
trustee-state-screening = En cours de présélection
trustee-state-ineligible = Non recevable
trustee-state-withdrawn = Retirée
trustee-state-draft = Brouillon
trustee-decision-approved = Approuvée
trustee-decision-rejected = Rejetée
trustee-decision-reserve_list = Approuvée, sur la liste de réserve
trustee-sex-female = Femmes
trustee-sex-male = Hommes
trustee-sex-other = Autre
trustee-age-child = Enfants
trustee-age-adult = Adultes
trustee-exploitation-sexual_exploitation = Exploitation sexuelle
trustee-exploitation-forced_labour = Travail forcé
trustee-exploitation-slavery = Esclavage ou pratiques analogues
trustee-exploitation-servitude = Servitude
trustee-exploitation-organ_removal = Prélèvement d’organes
trustee-exploitation-forced_begging = Mendicité forcée
trustee-exploitation-forced_criminality = Criminalité forcée
trustee-exploitation-forced_marriage = Mariage forcé
trustee-exploitation-other = Autres formes
trustee-aid-humanitarian = Humanitaire
trustee-aid-legal = Juridique
trustee-aid-financial = Financière
trustee-org-type-ngo = Organisation non gouvernementale
trustee-org-type-governmental = Gouvernementale
trustee-org-type-intergovernmental = Intergouvernementale
trustee-org-state-pending = En attente de vérification
trustee-org-state-verified = Vérifiée
trustee-org-state-refused = Refusée
trustee-grant-awarded = Accordée
trustee-grant-agreement_signed = Accord signé
trustee-grant-closing = En clôture
trustee-grant-closed = Clôturée
trustee-grant-cancelled = Annulée
trustee-group-african = États d’Afrique
trustee-group-asia_pacific = États d’Asie et du Pacifique
trustee-group-eastern_european = États d’Europe orientale
trustee-group-latin_american_caribbean = États d’Amérique latine et des Caraïbes
trustee-group-western_european_other = États d’Europe occidentale et autres États
