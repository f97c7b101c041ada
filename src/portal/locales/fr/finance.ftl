# Les pages des finances (fr).

nav-contributions = Contributions
nav-periods = Mois comptables
nav-statements = États financiers

## Accueil
finance-home-title = Finances
finance-home-intro = Ce qui vous attend : les tranches qui peuvent être versées et les mois comptables qui peuvent être clôturés.
finance-due-heading = Tranches échues
finance-due-none = Aucune tranche n’est échue sur une subvention dont l’accord est signé.
finance-col-grant = Subvention
finance-col-organization = Organisation
finance-col-tranche = Tranche
finance-col-due-on = Échéance
finance-col-left = Reste à verser
finance-months-heading = Mois à clôturer
finance-months-open = { $count ->
    [one] Un mois est terminé et encore ouvert : { $next }.
   *[other] { $count } mois sont terminés et encore ouverts ; le prochain à clôturer est { $next }.
}
finance-months-link = Voir les mois comptables
finance-months-none = Tous les mois terminés sont clôturés.
finance-more-heading = Aussi
finance-link-contributions = Contributions et fonds reçus
finance-link-new-contribution = Enregistrer une contribution
finance-link-statements = États financiers

## Contributions
finance-contributions-title = Contributions
finance-contributions-caption = Contributions, les plus récentes d’abord
finance-contributions-none = Aucune contribution n’a encore été enregistrée.
finance-col-donor = Donateur
finance-col-pledged-on = Annoncée le
finance-col-pledged = Annonce
finance-col-received-usd = Reçu (USD)
finance-col-outstanding = Restant dû
finance-gift = Don ponctuel
finance-next-page = Page suivante
finance-new-title = Enregistrer une contribution
finance-new-intro = Un donateur et son annonce de contribution. Laissez le montant vide pour un don ponctuel sans annonce ; enregistrez les fonds eux-mêmes sur la page de la contribution à leur arrivée.
finance-donor-type = Type de donateur
finance-donor-member_state = État Membre
finance-donor-public = Donateur public
finance-donor-private_sector = Secteur privé
finance-donor-individual = Particulier
finance-donor-intergovernmental = Organisation intergouvernementale
finance-country = Pays
finance-country-hint = Code ISO à deux lettres, par exemple JP. Obligatoire pour un État Membre, qui est désigné par son pays.
finance-donor-name = Nom du donateur
finance-donor-name-hint = Laissez vide pour un État Membre.
finance-currency = Monnaie
finance-currency-hint = Code ISO à trois lettres, par exemple USD ou EUR.
finance-pledged = Montant annoncé
finance-pledged-hint = Vide pour un don ponctuel.
finance-pledged-on = Annoncée le
finance-new-button = Enregistrer la contribution
finance-donor-type-missing = Choisissez le type de donateur.
finance-country-invalid = Indiquez le pays par son code ISO à deux lettres, par exemple JP.
finance-currency-invalid = Indiquez la monnaie par son code ISO à trois lettres, par exemple USD.
finance-amount-invalid = Indiquez un montant supérieur à zéro, par exemple 1 250,50.
finance-date-invalid = Indiquez une date.
finance-rate-invalid = Indiquez le taux sous forme de nombre, par exemple 0,0067.
finance-reference-missing = Indiquez la référence.
finance-tranche-missing = Indiquez le numéro de la tranche.

## Une contribution
finance-contribution-title = Contribution
finance-done-pledged = La contribution a été enregistrée.
finance-done-received = Les fonds reçus ont été enregistrés et passés au grand livre.
finance-back-to-contributions = Retour aux contributions
finance-pledged-usd = Annonce en USD au taux du jour
finance-received = Reçu
finance-rate-missing = Aucun taux de change opérationnel de l’ONU n’est enregistré pour { $currency } en { $month } : certains montants en USD ne peuvent pas être affichés.
finance-receipts-heading = Fonds reçus
finance-receipts-none = Rien n’a encore été reçu.
finance-received-on = Reçu le
finance-amount = Montant
finance-rate = Taux (USD par unité)
finance-col-usd = En USD
finance-bank-reference = Référence bancaire
finance-reversed = contrepassé
finance-receipt-heading = Enregistrer des fonds reçus
finance-receipt-currency-hint = La monnaie de l’annonce.
finance-rate-hint = Le taux de change opérationnel de l’ONU en vigueur ce jour-là est de { $rate } pour { $currency }. Un autre taux doit être justifié.
finance-rate-hint-none = Aucun taux de change opérationnel de l’ONU n’est enregistré pour { $currency } ce jour-là : indiquez le taux et sa justification.
finance-rate-reason = Justification d’un autre taux
finance-rate-reason-hint = Seulement si le taux n’est pas le taux opérationnel de l’ONU en vigueur, par exemple la conversion faite par la banque.
finance-receipt-button = Enregistrer les fonds reçus

## Verser une tranche
finance-payment-title = Versement
finance-done-paid = Le versement a été enregistré et passé au grand livre.
finance-back-home = Retour à ce qui vous attend
finance-grant-state = État
finance-grant-awarded = Octroyée, accord pas encore signé
finance-grant-agreement_signed = Accord signé
finance-grant-closing = En clôture
finance-grant-closed = Clôturée
finance-grant-cancelled = Annulée
finance-award = Montant octroyé
finance-disbursed = Versé à ce jour
finance-remaining = Reste du montant octroyé
finance-gates-heading = Avant de verser
finance-gates-intro = Un versement exige un accord signé ; une tranche après la première attend que les tranches précédentes soient versées et que leurs rapports soient acceptés, montrant assez de fonds dépensés ; aucune tranche n’est versée au-delà de ce qu’il en reste.
finance-gate-agreement = Accord
finance-agreement-signed = Signé le { $date }.
finance-agreement-none = L’accord n’est pas signé : rien ne peut être versé.
finance-gate-left = Ce qui reste, tranche par tranche
finance-col-paid = Versé
finance-col-state = État
finance-tranche-scheduled = Prévue
finance-tranche-due = Échue
finance-tranche-part_paid = Versée en partie
finance-tranche-paid = Versée
finance-tranche-released = Libérée
finance-gate-reports = Rapports
finance-reports-rule = Les rapports déposés par le bénéficiaire et leur état.
finance-col-report = Rapport
finance-col-filed = Déposé le
finance-col-spent = Dépensé à ce jour
finance-report-progress = Rapport d’étape
finance-report-final = Rapport final
finance-report-version = version { $version }
finance-report-state-submitted = En attente d’examen
finance-report-state-accepted = Accepté
finance-report-state-returned = Renvoyé
finance-reports-none = Aucun rapport n’a été déposé.
finance-pay-heading = Verser une tranche
finance-tranche-hint = Son numéro dans l’accord : 1, 2, …
finance-pay-amount-hint = En { $currency }, au plus ce qui reste de la tranche.
finance-value-date = Date de valeur
finance-payment-reference = Référence du paiement
finance-pay-button = Verser
finance-pay-closed = Cette subvention n’est plus ouverte : plus rien n’y est versé.
finance-pay-no-agreement = Rien ne peut être versé avant la signature de l’accord.
finance-payments-heading = Versements effectués
finance-col-psc = Coûts d’appui au programme
finance-payments-none = Rien n’a encore été versé.

## Mois comptables
finance-periods-title = Mois comptables
finance-periods-intro = Un mois clôturé n’accepte aucune écriture datée de ce mois : ses chiffres ne changent plus. Les mois se clôturent dans l’ordre, une fois terminés et les contrôles du grand livre réussis.
finance-first-period = Les comptes commencent en { $month }.
finance-close-heading = Clôturer un mois
finance-close-hint = Le plus ancien mois terminé et encore ouvert est { $month }.
finance-close-button = Clôturer { $month }
finance-close-none = Aucun mois ne peut être clôturé maintenant : tous les mois terminés sont clôturés.
finance-done-closed = { $month } est clôturé.
finance-periods-caption = Les mois, les plus récents d’abord
finance-col-month = Mois
finance-col-closed-at = Clôturé le
finance-period-open = Ouvert
finance-period-closed = Clôturé

## États financiers
finance-statements-title = États financiers
finance-from = Du
finance-to = Au
finance-statements-button = Afficher les états
finance-statements-period = Du { $from } au { $to }, à côté de la période précédente (du { $pfrom } au { $pto }). Montants en USD.
finance-download-csv = Télécharger les états (CSV)
finance-download-xlsx = Télécharger les états (Excel)
finance-position-caption = État de la situation financière
finance-performance-caption = État de la performance financière
finance-col-line = Poste
finance-as-at = Au { $date }
finance-period-range = Du { $from } au { $to }
finance-line-cash = Trésorerie
finance-line-contributions_receivable = Contributions à recevoir
finance-line-refunds_due = Remboursements dus par les bénéficiaires
finance-line-commitments_outstanding = Engagements de subventions en cours
finance-line-net_assets_in_ledger = Actif net au grand livre
finance-line-net_assets = Actif net
finance-line-contributions = Contributions
finance-line-refunds = Remboursements des bénéficiaires
finance-line-exchange_differences = Écarts de change
finance-line-revenue = Produits
finance-line-grants_paid = Subventions versées
finance-line-programme_support_cost = Coûts d’appui au programme
finance-line-commitments_charged = Engagements comptabilisés
finance-line-expenses = Charges
finance-line-surplus = Excédent
finance-unvalued = Également à recevoir, non évalué en USD (sans taux) : { $amount }.

## Règles financières, telles qu’un formulaire refusé les énonce
rule-no-agreement = L’accord n’est pas signé : rien ne peut encore être versé.
rule-tranche-exceeded = C’est plus que ce qui reste de la tranche.
rule-previous-tranche-unpaid = Une tranche précédente n’a pas encore été versée.
rule-report-pending = Les rapports sur les tranches précédentes ne sont pas encore tous acceptés.
rule-report-spent-too-little = Le rapport accepté sur la tranche précédente ne montre pas encore assez de fonds dépensés.
rule-grant-closed = Cette subvention est clôturée : plus rien n’y est versé.
rule-insufficient-funds = Le Fonds ne dispose pas d’assez de fonds disponibles pour ce versement.
rule-period-closed = Cette date tombe dans un mois clôturé.
rule-before-first-period = Cette date est antérieure au début des comptes du Fonds.
rule-period-not-ended = Ce mois n’est pas terminé : clôturez-le à partir du lendemain de son dernier jour.
rule-periods-out-of-order = Un mois antérieur est encore ouvert : les mois se clôturent dans l’ordre.
rule-ledger-check-failed = Le contrôle d’intégrité du grand livre a trouvé un problème : le mois ne peut pas être clôturé avant qu’il soit résolu.
rule-exchange-rate-missing = Aucun taux de change opérationnel de l’ONU n’est enregistré pour cette monnaie ce jour-là : indiquez le taux et sa justification.
rule-rate-reason-required = Ce n’est pas le taux opérationnel de l’ONU en vigueur ce jour-là : justifiez cet autre taux.
rule-over-pledge = C’est plus que ce qui reste de l’annonce.
rule-receipt-before-pledge = Des fonds ne peuvent pas être reçus avant l’annonce.
rule-currency-mismatch = Enregistrez les fonds dans la monnaie de l’annonce.
rule-below-one-cent = Ce montant vaut moins d’un cent des États-Unis.

## Export du grand livre
nav-ledger-export = Export du grand livre
finance-export-title = Export du grand livre
finance-export-intro = Choisissez les écritures que le fichier contient ; la page montre alors ce que le fichier contiendra avant que vous ne le téléchargiez.
finance-export-kind = Écritures
finance-export-kind-disbursements = Versements seulement
finance-export-kind-all = Toutes les écritures
finance-export-country-hint = Facultatif : code ISO à deux lettres d’un pays de mise en œuvre, par exemple KE.
finance-export-group = Groupe régional
finance-export-format = Format du fichier
finance-export-preview-button = Montrer ce que le fichier contiendra
finance-export-holds = Ce que le fichier contiendra
finance-export-summary = { $entries ->
    [one] Une écriture, datée du { $from } au { $to }.
   *[other] { $entries } écritures, datées du { $from } au { $to }.
}
finance-export-opening = Trésorerie d’ouverture
finance-export-cash = Mouvement de trésorerie
finance-export-closing = Trésorerie de clôture
finance-export-totals-caption = Totaux par type d’écriture, en USD
finance-export-col-kind = Type d’écriture
finance-export-entries = Écritures
finance-export-usd = Montant
finance-export-download = Télécharger { $file }
finance-export-choose = Choisissez dans la liste.
finance-export-any = Tous
finance-kind-receipt = Fonds reçus
finance-kind-commitment = Engagements
finance-kind-disbursement = Versements
finance-kind-refund = Remboursements
finance-kind-exchange_difference = Écarts de change
finance-kind-reversal = Contrepassations
finance-kind-release = Libérations d’engagements
finance-kind-award_change = Modifications du montant octroyé
