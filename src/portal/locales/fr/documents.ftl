# The documents' words (fr): a record's documents, their upload and their versions.

## A record's documents
doc-heading = Documents
doc-none = Aucun document n’a encore été joint.
doc-required-intro = L’appel demande que chaque demande comporte ces documents :
doc-state-missing = Manquant
doc-state-attached = Joint
doc-required-missing = Joignez les documents manquants avant de soumettre la demande.
doc-col-title = Titre
doc-col-kind = Type
doc-col-file = Fichier (téléchargement)
doc-col-size = Taille
doc-col-date = Déposé le
doc-col-version = Version
doc-version = Version { $version }
doc-current = En vigueur
doc-superseded-by = Remplacée par la version { $version }

## New versions
doc-versions-heading = Remplacer un document par une nouvelle version
doc-versions-intro = Une nouvelle version remplace la version en vigueur ; les versions précédentes restent dans la liste.
doc-version-summary = Nouvelle version de « { $title } »
doc-version-file = Fichier de la nouvelle version de « { $title } »
doc-version-button = Déposer la nouvelle version
doc-version-uploaded = La nouvelle version a été déposée.

## The upload form
doc-attach-heading = Joindre un document
doc-kind = Type de document
doc-title = Titre
doc-title-hint = Facultatif : si vous le laissez vide, le type de document sert de titre.
doc-file = Fichier
doc-file-hint = Un PDF, une image (PNG, JPEG) ou un fichier Word, Excel, PowerPoint ou OpenDocument, de { $max } au plus.
doc-attach-button = Déposer le document
doc-uploaded = Le document a été déposé.

## What was wrong with an upload
doc-missing-named = Joignez le document « { $kind } » avant de soumettre.
doc-file-too-large = Le fichier dépasse { $max } : choisissez un fichier plus petit.
doc-file-empty = Choisissez un fichier à déposer : aucun n’a été choisi, ou le fichier est vide.
doc-file-type = Le fichier doit être un PDF, une image (PNG, JPEG) ou un fichier Word, Excel, PowerPoint ou OpenDocument. C’est son contenu qui compte, pas son nom.
doc-kind-choose = Choisissez le type de document.
doc-file-unchanged = Ce fichier est identique à la version en vigueur : choisissez le fichier de la nouvelle version.
doc-record-full = Ce dossier contient déjà autant de documents qu’il le peut. Demandez l’aide du secrétariat.
doc-conflict = Il n’est plus possible de joindre des documents ici, ou quelqu’un vient de déposer une nouvelle version. Rechargez la page pour voir où en sont les choses.

## Sizes
doc-size-bytes = { $size } octets
doc-size-kb = { $size } Ko
doc-size-mb = { $size } Mo

## Kinds of document
doc-kind-registration_certificate = Certificat d’enregistrement
doc-kind-audited_financial_statements = États financiers audités
doc-kind-psea_policy = Politique de protection contre l’exploitation et les abus sexuels (PEAS)
doc-kind-proposal = Proposition
doc-kind-budget_annex = Annexe budgétaire
doc-kind-reference_letter = Lettre de référence
doc-kind-signed_agreement = Accord de subvention signé par le Fonds
doc-kind-countersigned_agreement = Accord de subvention contresigné
doc-kind-audit_certificate = Certificat d’audit
doc-kind-financial_statement = État financier
doc-kind-receipts = Justificatifs de dépenses
doc-kind-payment_advice = Avis de paiement
doc-kind-refund_advice = Preuve de remboursement
doc-kind-signed_amendment = Avenant signé
doc-kind-other = Autre document

## On each page
doc-org-intro = Tenez à jour ici le certificat d’enregistrement, les états financiers audités et la politique PEAS de votre organisation : le secrétariat les consulte pour vérifier votre organisation.
doc-application-intro = Joignez la proposition, son annexe budgétaire et d’éventuelles lettres de référence tant que la demande est un brouillon : ils sont transmis avec elle quand vous la soumettez.
doc-application-closed = Les documents ont été transmis avec la demande et ne peuvent plus être modifiés.
doc-application-edit-link = Joindre la proposition et les autres documents
doc-review-attach-link = Joindre ou remplacer des documents
doc-grant-intro = Téléchargez l’accord de subvention tel que le Fonds l’a signé. Déposez l’accord contresigné par votre organisation et, une fois la subvention auditée, le certificat d’audit.
doc-report-intro = Joignez l’état financier du rapport et les justificatifs des dépenses qu’il déclare.
doc-trustee-intro = Les documents que l’organisation a joints à sa demande.
