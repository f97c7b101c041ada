# Les mots des pages du secrétariat sur les subventions (fr) : subventions, accords,
# examen des rapports, avenants, annulation.

nav-sec-grants = Subventions

## La liste et une subvention
sgr-list-title = Subventions
sgr-list-caption = Subventions, les plus récentes d'abord
sgr-list-none = Aucune subvention dans cet état.
sgr-col-grant = Subvention
sgr-col-award = Montant accordé
sgr-col-disbursed = Versé au bénéficiaire
sgr-col-awarded-on = Accordée le
sgr-col-application = Demande
sgr-back-to-grants = Retour aux subventions
sgr-back-to-grant = Retour à la subvention
sgr-actions-heading = Ce qui peut être fait maintenant
sgr-sign-link = Signer l'accord
sgr-amend-link = Modifier la subvention
sgr-cancel-link = Annuler la subvention
sgr-who-heading = Bénéficiaire
sgr-money-heading = Montants
sgr-psc = Frais de gestion du programme
sgr-remaining = Reste à verser
sgr-committed = Encore engagé (montant accordé et frais de gestion)
sgr-refunded = Remboursé par le bénéficiaire
sgr-refund-due = Remboursement dû par le bénéficiaire
sgr-written-off = Remboursement passé en perte
sgr-released = Libéré au profit du Fonds
sgr-cancelled-on = Annulée le { $date } : { $released } libérés au profit du Fonds.
sgr-board-decision = Décision du Conseil
sgr-amendments-heading = Avenants
sgr-amendments-none = La subvention n'a fait l'objet d'aucun avenant.
sgr-amendment-name = Avenant { $version }
sgr-docs-intro = Les documents de la subvention : l'accord signé doit être joint avant que l'accord soit enregistré.
sgr-done-signed = L'accord est signé : les tranches peuvent être versées.
sgr-done-amended = La subvention est modifiée.
sgr-done-cancelled = La subvention est annulée : ce qui n'a pas été versé est libéré au profit du Fonds.
sgr-done-written-off = Le remboursement dû est passé en perte.
sgr-done-reviewed = Le rapport est examiné : le bénéficiaire en est informé.
sgr-done-uploaded = Le document est joint.
sgr-attach-agreement = Joindre l'accord signé sur la page de la subvention

## Passage en perte
sgr-write-off-heading = Passer en perte le remboursement dû
sgr-write-off-intro = Le bénéficiaire doit rembourser { $amount }. Ne le passez en perte que s'il ne viendra pas : la subvention prend alors fin.
sgr-write-off-reason = Pourquoi le remboursement ne viendra pas
sgr-write-off-button = Passer { $amount } en perte
sgr-write-off-reason-missing = Indiquez pourquoi le remboursement ne viendra pas

## L'accord
sgr-agreement-title = Signer l'accord : { $grant }
sgr-agreement-heading = Signer l'accord
sgr-agreement-intro = Les tranches et les lignes budgétaires doivent chacune totaliser exactement le montant accordé, { $award }.
sgr-agreement-dates = Dates
sgr-field-signed-on = Signé le
sgr-field-period-start = Début de la période de subvention
sgr-field-period-end = Fin de la période de subvention
sgr-field-period-end-hint = L'appel permet des subventions d'au plus { $months } mois. Par exemple 2027-12-31.
sgr-tranches-legend = Tranches
sgr-tranches-hint = Le montant de chaque tranche et sa date d'échéance, dans l'ordre, de la signature à la fin de la période. Laissez une ligne vide pour l'omettre.
sgr-tranche-amount = Tranche { $number } : montant
sgr-tranche-due = Tranche { $number } : échéance
sgr-tranche-report-none = Versée sans rapport.
sgr-tranche-report-required = Versée une fois le rapport sur la tranche { $number } accepté.
sgr-tranches-total = Total des tranches :
sgr-add-tranche = Ajouter une tranche
sgr-lines-legend = Lignes budgétaires
sgr-lines-hint = Chaque ligne du budget au montant accordé. Laissez toutes les lignes vides pour garder le budget de la demande, s'il totalise déjà le montant accordé.
sgr-line-label = Ligne { $number } : libellé
sgr-line-amount = Ligne { $number } : montant
sgr-lines-total = Total des lignes budgétaires :
sgr-add-line = Ajouter une ligne budgétaire
sgr-sum-meets = Égal au montant accordé de { $award }
sgr-sum-short = { $gap } de moins que le montant accordé de { $award }
sgr-sum-over = { $gap } de plus que le montant accordé de { $award }
sgr-sum-partial = (les montants illisibles ne sont pas comptés)
sgr-sign-button = Signer l'accord
sgr-tranches-missing = Saisissez au moins une tranche
sgr-amount-missing = Saisissez le montant
sgr-amount-unreadable = Saisissez le montant en chiffres, par exemple 12500,00
sgr-tranche-amount-unreadable = Saisissez un montant supérieur à zéro, par exemple 12500,00
sgr-line-label-missing = Saisissez le libellé de la ligne
sgr-date-missing = Saisissez la date
sgr-date-unreadable = Saisissez la date sous la forme année-mois-jour, par exemple 2027-03-31

## Refus des cas d'utilisation des subventions
sgr-rule-schedule-mismatch = Les tranches doivent totaliser exactement le montant accordé
sgr-rule-schedule-dates = Les échéances doivent se suivre, de la signature à la fin de la période de subvention
sgr-rule-budget-mismatch = Les lignes budgétaires doivent totaliser exactement le montant accordé
sgr-rule-budget-lines-required = Le budget de la demande ne totalise pas le montant accordé : saisissez les lignes budgétaires
sgr-rule-documents-missing = Joignez d'abord l'accord signé à la subvention
sgr-rule-no-agreement = L'accord n'est pas encore signé : signez-le d'abord
sgr-rule-duration-too-long = La période de subvention dépasserait ce que l'appel et les prolongations permettent
sgr-rule-award-below-paid = Le montant accordé ne peut pas descendre sous ce qui a déjà été versé
sgr-rule-board-decision-required = Une augmentation du montant accordé exige la décision du Conseil
sgr-rule-currency-mismatch = Les montants sont dans la monnaie du montant accordé

## Examen d'un rapport
sgr-report-docs-intro = Les documents déposés avec le rapport.
sgr-review-heading = Examiner le rapport
sgr-review-legend = Votre décision
sgr-review-accept = Accepter le rapport
sgr-review-return = Le renvoyer au bénéficiaire pour correction
sgr-review-comments = Commentaires pour le bénéficiaire
sgr-review-comments-hint = Obligatoires pour renvoyer le rapport : ce que le bénéficiaire doit corriger.
sgr-review-button = Enregistrer l'examen
sgr-review-decision-missing = Choisissez d'accepter ou de renvoyer le rapport
sgr-review-comments-missing = Indiquez ce que le bénéficiaire doit corriger avant de renvoyer le rapport

## Avenants
sgr-amend-title = Modifier : { $grant }
sgr-amend-heading = Modifier la subvention
sgr-amend-kind-legend = Quel type d'avenant ?
sgr-kind-extension = Prolongation
sgr-kind-budget_revision = Révision budgétaire
sgr-kind-award_change = Modification du montant accordé
sgr-kind-hint-extension = Une fin de période plus tardive, sans coût.
sgr-kind-hint-budget_revision = Des fonds déplacés entre lignes budgétaires ; le montant accordé reste le même.
sgr-kind-hint-award_change = Un nouveau montant : une baisse libère des fonds au profit du Fonds, une hausse exige la décision du Conseil.
sgr-continue = Continuer
sgr-amend-other-kind = Choisir un autre type
sgr-amend-period-now = La période de subvention se termine le { $end }.
sgr-field-new-period-end = Nouvelle fin de la période de subvention
sgr-field-new-award = Nouveau montant accordé
sgr-field-new-award-hint = Le montant accordé est de { $award } ; { $paid } ont été versés.
sgr-amend-lines-hint = Les lignes révisées, totalisant le montant accordé.
sgr-amend-lines-hint-award = Facultatif : les lignes au nouveau montant. Laissées telles quelles, la dernière ligne absorbe la différence.
sgr-field-reason = Motif de l'avenant
sgr-field-board-decision-hint = Sa référence ou son texte (obligatoire pour une hausse du montant accordé).
sgr-amend-button = Enregistrer l'avenant
sgr-reason-missing = Saisissez le motif

## Annulation
sgr-cancel-title = Annuler : { $grant }
sgr-cancel-heading = Annuler la subvention
sgr-cancel-releases-heading = Ce que fait l'annulation
sgr-cancel-releases = { $amount } encore engagés sont libérés au profit du solde disponible du Fonds ({ $award } du montant accordé non versés, avec leurs frais de gestion).
sgr-cancel-unpaid-tranches = Tranches non versées, qui ne le seront pas : { $tranches }.
sgr-cancel-payments-stand = Les versements effectués restent acquis : { $paid }.
sgr-cancel-refund-owed = Ce que le bénéficiaire a reçu au-delà des dépenses justifiées par ses rapports acceptés devient un remboursement dû.
sgr-field-cancel-reason = Pourquoi la subvention est annulée
sgr-field-cancel-board-hint = La référence ou le texte de la décision d'annulation du Conseil.
sgr-cancel-button = Annuler la subvention
sgr-board-decision-missing = Saisissez la décision du Conseil sur laquelle repose l'annulation
