# Las palabras de las páginas de la secretaría sobre subvenciones (es): subvenciones,
# acuerdos, revisión de informes, enmiendas, cancelación.

nav-sec-grants = Subvenciones

## La lista y una subvención
sgr-list-title = Subvenciones
sgr-list-caption = Subvenciones, las más recientes primero
sgr-list-none = Ninguna subvención en este estado.
sgr-col-grant = Subvención
sgr-col-award = Monto adjudicado
sgr-col-disbursed = Pagado al beneficiario
sgr-col-awarded-on = Adjudicada el
sgr-col-application = Solicitud
sgr-back-to-grants = Volver a las subvenciones
sgr-back-to-grant = Volver a la subvención
sgr-actions-heading = Qué se puede hacer ahora
sgr-sign-link = Firmar el acuerdo
sgr-amend-link = Enmendar la subvención
sgr-cancel-link = Cancelar la subvención
sgr-who-heading = Beneficiario
sgr-money-heading = Montos
sgr-psc = Gastos de apoyo a programas
sgr-remaining = Por pagar
sgr-committed = Aún comprometido (monto adjudicado y gastos de apoyo)
sgr-refunded = Reembolsado por el beneficiario
sgr-refund-due = Reembolso adeudado por el beneficiario
sgr-written-off = Reembolso dado de baja
sgr-released = Liberado al Fondo
sgr-cancelled-on = Cancelada el { $date }: { $released } liberados al Fondo.
sgr-board-decision = Decisión de la Junta
sgr-amendments-heading = Enmiendas
sgr-amendments-none = La subvención no ha sido enmendada.
sgr-amendment-name = Enmienda { $version }
sgr-docs-intro = Los documentos de la subvención: el acuerdo firmado debe adjuntarse antes de registrar el acuerdo.
sgr-done-signed = El acuerdo está firmado: los tramos pueden pagarse.
sgr-done-amended = La subvención está enmendada.
sgr-done-cancelled = La subvención está cancelada: lo no pagado se libera al Fondo.
sgr-done-written-off = El reembolso adeudado se ha dado de baja.
sgr-done-reviewed = El informe está revisado: se informa al beneficiario.
sgr-done-uploaded = El documento está adjunto.
sgr-attach-agreement = Adjuntar el acuerdo firmado en la página de la subvención

## Baja
sgr-write-off-heading = Dar de baja el reembolso adeudado
sgr-write-off-intro = El beneficiario debe devolver { $amount }. Dé de baja el reembolso solo si no llegará: la subvención termina entonces.
sgr-write-off-reason = Por qué no llegará el reembolso
sgr-write-off-button = Dar de baja { $amount }
sgr-write-off-reason-missing = Indique por qué no llegará el reembolso

## El acuerdo
sgr-agreement-title = Firmar el acuerdo: { $grant }
sgr-agreement-heading = Firmar el acuerdo
sgr-agreement-intro = Los tramos y las líneas presupuestarias deben sumar cada uno exactamente el monto adjudicado, { $award }.
sgr-agreement-dates = Fechas
sgr-field-signed-on = Firmado el
sgr-field-period-start = Inicio del período de la subvención
sgr-field-period-end = Fin del período de la subvención
sgr-field-period-end-hint = La convocatoria permite subvenciones de hasta { $months } meses. Por ejemplo 2027-12-31.
sgr-tranches-legend = Tramos
sgr-tranches-hint = El monto de cada tramo y su fecha de vencimiento, en orden, desde la firma hasta el fin del período. Deje una fila vacía para omitirla.
sgr-tranche-amount = Tramo { $number }: monto
sgr-tranche-due = Tramo { $number }: vence el
sgr-tranche-report-none = Se paga sin informe.
sgr-tranche-report-required = Se paga una vez aceptado el informe sobre el tramo { $number }.
sgr-tranches-total = Total de los tramos:
sgr-add-tranche = Añadir un tramo
sgr-lines-legend = Líneas presupuestarias
sgr-lines-hint = Cada línea del presupuesto al monto adjudicado. Deje todas las filas vacías para conservar el presupuesto de la solicitud, si ya suma el monto adjudicado.
sgr-line-label = Línea { $number }: concepto
sgr-line-amount = Línea { $number }: monto
sgr-lines-total = Total de las líneas presupuestarias:
sgr-add-line = Añadir una línea presupuestaria
sgr-sum-meets = Igual al monto adjudicado de { $award }
sgr-sum-short = { $gap } menos que el monto adjudicado de { $award }
sgr-sum-over = { $gap } más que el monto adjudicado de { $award }
sgr-sum-partial = (los montos ilegibles no se cuentan)
sgr-sign-button = Firmar el acuerdo
sgr-tranches-missing = Introduzca al menos un tramo
sgr-amount-missing = Introduzca el monto
sgr-amount-unreadable = Introduzca el monto en cifras, por ejemplo 12500,00
sgr-tranche-amount-unreadable = Introduzca un monto mayor que cero, por ejemplo 12500,00
sgr-line-label-missing = Introduzca el concepto de la línea
sgr-date-missing = Introduzca la fecha
sgr-date-unreadable = Introduzca la fecha como año-mes-día, por ejemplo 2027-03-31

## Rechazos de los casos de uso de subvenciones
sgr-rule-schedule-mismatch = Los tramos deben sumar exactamente el monto adjudicado
sgr-rule-schedule-dates = Las fechas de vencimiento deben ir en orden, desde la firma hasta el fin del período
sgr-rule-budget-mismatch = Las líneas presupuestarias deben sumar exactamente el monto adjudicado
sgr-rule-budget-lines-required = El presupuesto de la solicitud no suma el monto adjudicado: introduzca las líneas presupuestarias
sgr-rule-documents-missing = Adjunte primero el acuerdo firmado a la subvención
sgr-rule-no-agreement = El acuerdo aún no está firmado: fírmelo primero
sgr-rule-duration-too-long = El período de la subvención superaría lo que permiten la convocatoria y las prórrogas
sgr-rule-award-below-paid = El monto adjudicado no puede quedar por debajo de lo ya pagado
sgr-rule-board-decision-required = Un aumento del monto adjudicado requiere la decisión de la Junta
sgr-rule-currency-mismatch = Los montos van en la moneda del monto adjudicado

## Revisión de un informe
sgr-report-docs-intro = Los documentos presentados con el informe.
sgr-review-heading = Revisar el informe
sgr-review-legend = Su decisión
sgr-review-accept = Aceptar el informe
sgr-review-return = Devolverlo al beneficiario para que lo corrija
sgr-review-comments = Comentarios para el beneficiario
sgr-review-comments-hint = Obligatorios para devolver el informe: qué debe corregir el beneficiario.
sgr-review-button = Registrar la revisión
sgr-review-decision-missing = Elija si acepta o devuelve el informe
sgr-review-comments-missing = Indique qué debe corregir el beneficiario antes de devolver el informe

## Enmiendas
sgr-amend-title = Enmendar: { $grant }
sgr-amend-heading = Enmendar la subvención
sgr-amend-kind-legend = ¿Qué tipo de enmienda?
sgr-kind-extension = Prórroga
sgr-kind-budget_revision = Revisión presupuestaria
sgr-kind-award_change = Cambio del monto adjudicado
sgr-kind-hint-extension = Un fin del período más tardío, sin costo.
sgr-kind-hint-budget_revision = Fondos movidos entre líneas presupuestarias; el monto adjudicado no cambia.
sgr-kind-hint-award_change = Un nuevo monto: una reducción libera fondos al Fondo, un aumento requiere la decisión de la Junta.
sgr-continue = Continuar
sgr-amend-other-kind = Elegir otro tipo
sgr-amend-period-now = El período de la subvención termina el { $end }.
sgr-field-new-period-end = Nuevo fin del período de la subvención
sgr-field-new-award = Nuevo monto adjudicado
sgr-field-new-award-hint = El monto adjudicado es { $award }; se han pagado { $paid }.
sgr-amend-lines-hint = Las líneas revisadas, que suman el monto adjudicado.
sgr-amend-lines-hint-award = Opcional: las líneas al nuevo monto. Si se dejan como están, la última línea absorbe el cambio.
sgr-field-reason = Motivo de la enmienda
sgr-field-board-decision-hint = Su referencia o texto (obligatorio para un aumento del monto adjudicado).
sgr-amend-button = Registrar la enmienda
sgr-reason-missing = Introduzca el motivo

## Cancelación
sgr-cancel-title = Cancelar: { $grant }
sgr-cancel-heading = Cancelar la subvención
sgr-cancel-releases-heading = Qué hace la cancelación
sgr-cancel-releases = { $amount } aún comprometidos se liberan al saldo disponible del Fondo ({ $award } del monto adjudicado no pagados, con sus gastos de apoyo).
sgr-cancel-unpaid-tranches = Tramos no pagados, que no se pagarán: { $tranches }.
sgr-cancel-payments-stand = Los pagos realizados se mantienen: { $paid }.
sgr-cancel-refund-owed = Lo que el beneficiario recibió por encima de los gastos justificados en sus informes aceptados pasa a ser un reembolso adeudado.
sgr-field-cancel-reason = Por qué se cancela la subvención
sgr-field-cancel-board-hint = La referencia o el texto de la decisión de cancelación de la Junta.
sgr-cancel-button = Cancelar la subvención
sgr-board-decision-missing = Introduzca la decisión de la Junta en la que se basa la cancelación
