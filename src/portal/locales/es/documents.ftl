# The documents' words (es): a record's documents, their upload and their versions.

## A record's documents
doc-heading = Documentos
doc-none = Todavía no se ha adjuntado ningún documento.
doc-required-intro = La convocatoria pide que cada solicitud incluya estos documentos:
doc-state-missing = Falta
doc-state-attached = Adjunto
doc-required-missing = Adjunte los documentos que faltan antes de presentar la solicitud.
doc-col-title = Título
doc-col-kind = Tipo
doc-col-file = Archivo (descarga)
doc-col-size = Tamaño
doc-col-date = Subido el
doc-col-version = Versión
doc-version = Versión { $version }
doc-current = Vigente
doc-superseded-by = Sustituida por la versión { $version }

## New versions
doc-versions-heading = Sustituir un documento por una nueva versión
doc-versions-intro = Una nueva versión sustituye a la vigente; las versiones anteriores siguen en la lista.
doc-version-summary = Nueva versión de «{ $title }»
doc-version-file = Archivo de la nueva versión de «{ $title }»
doc-version-button = Subir la nueva versión
doc-version-uploaded = La nueva versión se ha subido.

## The upload form
doc-attach-heading = Adjuntar un documento
doc-kind = Tipo de documento
doc-title = Título
doc-title-hint = Opcional: si lo deja vacío, se usa el tipo de documento.
doc-file = Archivo
doc-file-hint = Un PDF, una imagen (PNG, JPEG) o un archivo Word, Excel, PowerPoint u OpenDocument, de hasta { $max }.
doc-attach-button = Subir el documento
doc-uploaded = El documento se ha subido.

## What was wrong with an upload
doc-missing-named = Adjunte el documento «{ $kind }» antes de presentar la solicitud.
doc-file-too-large = El archivo supera { $max }: elija un archivo más pequeño.
doc-file-empty = Elija un archivo para subir: no se eligió ninguno o el archivo está vacío.
doc-file-type = El archivo debe ser un PDF, una imagen (PNG, JPEG) o un archivo Word, Excel, PowerPoint u OpenDocument. Cuenta su contenido, no su nombre.
doc-kind-choose = Elija el tipo de documento.
doc-file-unchanged = Este archivo es idéntico a la versión vigente: elija el archivo de la nueva versión.
doc-record-full = Este expediente ya contiene todos los documentos que admite. Pida ayuda a la secretaría.
doc-conflict = Ya no se pueden adjuntar documentos aquí, o alguien acaba de subir una nueva versión. Vuelva a cargar la página para ver cómo están las cosas.

## Sizes
doc-size-bytes = { $size } bytes
doc-size-kb = { $size } KB
doc-size-mb = { $size } MB

## Kinds of document
doc-kind-registration_certificate = Certificado de registro
doc-kind-audited_financial_statements = Estados financieros auditados
doc-kind-psea_policy = Política de protección contra la explotación y el abuso sexuales (PEAS)
doc-kind-proposal = Propuesta
doc-kind-budget_annex = Anexo presupuestario
doc-kind-reference_letter = Carta de referencia
doc-kind-signed_agreement = Acuerdo de subvención firmado por el Fondo
doc-kind-countersigned_agreement = Acuerdo de subvención contrafirmado
doc-kind-audit_certificate = Certificado de auditoría
doc-kind-financial_statement = Estado financiero
doc-kind-receipts = Recibos
doc-kind-payment_advice = Aviso de pago
doc-kind-refund_advice = Comprobante de reembolso
doc-kind-signed_amendment = Enmienda firmada
doc-kind-other = Otro documento

## On each page
doc-org-intro = Mantenga al día aquí el certificado de registro, los estados financieros auditados y la política PEAS de su organización: la secretaría los consulta al verificar su organización.
doc-application-intro = Adjunte la propuesta, su anexo presupuestario y las cartas de referencia mientras la solicitud sea un borrador: se envían con ella cuando la presenta.
doc-application-closed = Los documentos se enviaron con la solicitud y ya no pueden modificarse.
doc-application-edit-link = Adjuntar la propuesta y los demás documentos
doc-review-attach-link = Adjuntar o sustituir documentos
doc-grant-intro = Descargue el acuerdo de subvención tal como lo firmó el Fondo. Suba el acuerdo contrafirmado por su organización y, una vez auditada la subvención, el certificado de auditoría.
doc-report-intro = Adjunte el estado financiero del informe y los recibos que justifican los gastos que declara.
doc-trustee-intro = Los documentos que la organización adjuntó a su solicitud.
