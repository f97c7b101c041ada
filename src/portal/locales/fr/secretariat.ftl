# The secretariat's pages' words (fr).

nav-sec-organizations = Organisations
nav-sec-applications = Demandes

## Home
sec-home-title = Ce qui attend le secrétariat
sec-home-intro = Les organisations à vérifier, les demandes à examiner, les votes prêts pour la décision du Conseil et la liste de réserve, les plus anciens d’abord quand l’ordre compte.
sec-home-verify-heading = Organisations en attente de vérification
sec-home-verify-caption = { $count ->
    [one] Une organisation attend sa vérification
   *[other] { $count } organisations attendent leur vérification
}
sec-home-verify-more = Toutes les organisations en attente de vérification
sec-home-verify-none = Aucune organisation n’attend de vérification.
sec-home-screen-heading = Demandes en attente d’examen
sec-home-screen-caption = { $count ->
    [one] Une demande attend son examen
   *[other] { $count } demandes attendent leur examen
}
sec-home-screen-more = Toutes les demandes soumises
sec-home-screen-none = Aucune demande n’attend d’examen.
sec-home-decide-heading = Votes prêts pour une décision
sec-home-decide-intro = Les demandes à l’étude sur lesquelles au moins trois administrateurs non récusés ont voté : la décision du Conseil peut être enregistrée.
sec-home-decide-caption = { $count ->
    [one] Un vote peut être clos
   *[other] { $count } votes peuvent être clos
}
sec-home-decide-none = Aucun vote n’a encore atteint le quorum.

## The reserve list
sec-reserve-heading = La liste de réserve
sec-reserve-intro = Les demandes approuvées par le Conseil quand le Fonds ne pouvait pas les couvrir. Elles sont financées dans l’ordre des décisions, dès que l’argent est là.
sec-reserve-available = Disponible pour des subventions : { $amount }.
sec-reserve-caption = La liste de réserve, la première financée en premier
sec-reserve-psc = plus { $amount } de frais de soutien aux programmes
sec-reserve-not-covered = L’argent disponible ne la couvre pas encore.
sec-reserve-none = La liste de réserve est vide.
sec-reserve-place = Rang { $place } sur la liste de réserve.
sec-award-button = Accorder
sec-award-button-for = Accorder : { $title }

## Tables
sec-col-application = Demande
sec-col-organization = Organisation
sec-col-state = Statut
sec-col-requested = Montant demandé
sec-col-submitted = Soumise le
sec-col-country = Pays
sec-col-registered-with-fund = Auprès du Fonds depuis le
sec-col-place = Rang
sec-col-award = Subvention
sec-col-decided = Décidée le
sec-col-action = Action
sec-col-criterion = Critère
sec-col-finding = Constat du secrétariat
sec-col-records = Ce que montrent les dossiers
sec-col-note = Note

## Lists
sec-filter-state = Statut
sec-filter-all = Tous
sec-filter-button = Afficher
sec-next-page = Page suivante
sec-orgs-title = Organisations
sec-orgs-caption = Les organisations, les plus récentes d’abord
sec-orgs-none = Aucune organisation n’a ce statut.
sec-orgs-back = Retour aux organisations
sec-apps-title = Demandes
sec-apps-caption = Les demandes, les plus récentes d’abord
sec-apps-none = Aucune demande n’a ce statut.
sec-apps-back = Retour aux demandes

## An organisation
sec-org-done-verified = L’organisation est vérifiée. Ses demandeurs en ont été informés.
sec-org-done-refused = L’organisation est refusée, avec votre motif. Ses demandeurs en ont été informés.
sec-org-applications-heading = Ses demandes
sec-org-applications-caption = Les demandes de l’organisation
sec-org-applications-none = Elle n’a encore aucune demande.
sec-docs-organization-intro = Les documents fournis par l’organisation : lisez-les avant de décider.
sec-verify-heading = Vérifier l’organisation
sec-verify-intro = Seule une organisation vérifiée peut soumettre des demandes et recevoir de l’argent. Vous pourrez revenir sur cette décision.
sec-verify-legend = Votre décision
sec-verify-verify = Vérifier : le profil et les documents sont en ordre
sec-verify-refuse = Refuser
sec-verify-reason-label = Motif
sec-verify-reason-hint = Obligatoire pour refuser ; l’organisation le lira.
sec-verify-button = Enregistrer la décision
sec-verify-choose = Choisissez de vérifier ou de refuser l’organisation
sec-verify-reason-missing = Indiquez le motif du refus, que l’organisation lira
sec-verify-already = L’organisation est déjà dans cet état

## An application
sec-app-done-screened = L’examen a été enregistré. L’organisation en a été informée.
sec-app-done-decided = La décision du Conseil a été enregistrée.
sec-app-done-awarded = La subvention a été accordée depuis la liste de réserve.
sec-app-who-heading = Qui demande, et au titre de quel appel
sec-app-verification = Vérification
sec-app-call = Appel à propositions
sec-app-call-range = Les limites de l’appel
sec-app-call-range-value = de { $min } à { $max }, au plus { $months } mois
sec-app-text-heading = La demande telle que soumise
sec-docs-application-intro = Les documents joints à la demande.

## Screening
sec-screen-heading = Examiner la demande
sec-screen-intro = Indiquez pour chaque critère s’il est rempli ou non, et pourquoi quand il ne l’est pas. Quand les dossiers tranchent un critère, vous ne pouvez pas le dire rempli s’ils montrent le contraire : corrigez d’abord le dossier.
sec-screen-note-label = Note sur le critère { $criterion } (obligatoire s’il n’est pas rempli)
sec-screen-verdict = Le résultat
sec-screen-eligible = Recevable : la transmettre au Conseil
sec-screen-ineligible = Non recevable
sec-screen-reasons-label = Motifs communiqués à l’organisation
sec-screen-reasons-hint = Un par ligne ; au moins un si la demande n’est pas recevable.
sec-screen-button = Enregistrer l’examen
sec-screen-met-missing = Indiquez si ce critère est rempli
sec-screen-eligible-missing = Choisissez recevable ou non recevable
sec-screen-note-missing = Indiquez pourquoi ce critère n’est pas rempli
sec-screen-reasons-missing = Donnez au moins un motif de non-recevabilité
sec-screened-heading = L’examen
sec-screened-caption = La liste des critères de recevabilité telle qu’enregistrée
sec-screened-reasons = Motifs donnés
sec-met = Rempli
sec-not-met = Non rempli
sec-records-judgement = Affaire d’appréciation
sec-criterion-organization_type_eligible = L’appel admet le type de l’organisation
sec-criterion-organization_verified = Le secrétariat a vérifié l’organisation
sec-criterion-registered_one_year = Enregistrée depuis au moins un an à la soumission
sec-criterion-direct_assistance_one_year = Au moins un an d’assistance directe aux victimes à la soumission
sec-criterion-psea_measures = Des mesures contre l’exploitation et les atteintes sexuelles en place
sec-criterion-within_mandate = Les activités apportent une aide humanitaire, juridique ou financière aux victimes de la traite
sec-criterion-amount_within_limits = Le montant demandé est dans les limites de l’appel
sec-criterion-duration_within_limit = La durée ne dépasse pas le maximum de l’appel

## Votes and decisions
sec-votes-heading = Les votes du Conseil
sec-decide-heading = Enregistrer la décision du Conseil
sec-decide-intro = Clôt le vote et applique la règle du Conseil : un quorum de trois votes d’administrateurs non récusés ; la majorité des approbations et des rejets décide, la présidence départage une égalité ; une approbation accorde le montant médian recommandé si l’enveloppe de l’appel et l’argent disponible le couvrent, sinon elle va sur la liste de réserve.
sec-decide-button = Enregistrer la décision
sec-decision-outcome = Résultat
sec-decision-by-chair = (la voix de la présidence a départagé)
sec-decision-votes = Votes
sec-decision-tally = { $approve } pour, { $reject } contre, { $abstain } abstentions
sec-decision-psc = Frais de soutien aux programmes

## Refusals
sec-refused-conflict = Ce dossier a changé entre-temps, ou n’est plus dans un état qui le permet : rechargez la page.
sec-rule-screening-contradicts-records = Les dossiers montrent que ce critère n’est pas rempli : corrigez le dossier avant de le dire rempli
sec-rule-screening-criterion-unmet = Une demande recevable remplit tous les critères : celui-ci est marqué non rempli
sec-rule-screening-no-unmet-criterion = Une demande non recevable échoue à au moins un critère : indiquez lequel
sec-rule-quorum-not-met = Moins de trois administrateurs non récusés ont voté : le vote ne peut pas encore être clos
sec-rule-quorum-impossible = Moins de trois administrateurs peuvent voter sur cette demande : le Conseil ne peut pas la trancher
sec-rule-tie-unresolved = Les approbations et les rejets sont à égalité et la présidence n’a voté ni pour ni contre
sec-rule-organization-refused = L’organisation est refusée : elle ne peut pas recevoir d’argent
sec-rule-organization-not-verified = L’organisation n’est pas vérifiée : vérifiez-la avant d’accorder de l’argent
sec-rule-envelope-exhausted = L’enveloppe de l’appel ne couvre pas cette subvention
sec-rule-insufficient-funds = L’argent disponible ne couvre pas cette subvention et ses frais de soutien aux programmes
sec-rule-reserve-order = Une autre demande a été mise plus tôt sur la liste de réserve et doit être financée d’abord
