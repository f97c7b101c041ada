# Las páginas de finanzas (es).

nav-contributions = Contribuciones
nav-periods = Meses contables
nav-statements = Estados financieros

## Inicio
finance-home-title = Finanzas
finance-home-intro = Lo que le espera: los tramos que pueden pagarse y los meses contables que pueden cerrarse.
finance-due-heading = Tramos vencidos
finance-due-none = Ningún tramo ha vencido en una subvención con acuerdo firmado.
finance-col-grant = Subvención
finance-col-organization = Organización
finance-col-tranche = Tramo
finance-col-due-on = Vencimiento
finance-col-left = Por pagar
finance-months-heading = Meses por cerrar
finance-months-open = { $count ->
    [one] Un mes ha terminado y sigue abierto: { $next }.
   *[other] { $count } meses han terminado y siguen abiertos; el próximo por cerrar es { $next }.
}
finance-months-link = Ir a los meses contables
finance-months-none = Todos los meses terminados están cerrados.
finance-more-heading = Además
finance-link-contributions = Contribuciones y fondos recibidos
finance-link-new-contribution = Registrar una contribución
finance-link-statements = Estados financieros

## Contribuciones
finance-contributions-title = Contribuciones
finance-contributions-caption = Contribuciones, las más recientes primero
finance-contributions-none = Aún no se ha registrado ninguna contribución.
finance-col-donor = Donante
finance-col-pledged-on = Prometida el
finance-col-pledged = Promesa
finance-col-received-usd = Recibido (USD)
finance-col-outstanding = Pendiente
finance-gift = Donación única
finance-next-page = Página siguiente
finance-new-title = Registrar una contribución
finance-new-intro = Un donante y su promesa de contribución. Deje el importe en blanco para una donación única sin promesa; registre los fondos en la página de la contribución cuando lleguen.
finance-donor-type = Tipo de donante
finance-donor-member_state = Estado Miembro
finance-donor-public = Donante público
finance-donor-private_sector = Sector privado
finance-donor-individual = Particular
finance-donor-intergovernmental = Organización intergubernamental
finance-country = País
finance-country-hint = Código ISO de dos letras, por ejemplo JP. Obligatorio para un Estado Miembro, que se designa por su país.
finance-donor-name = Nombre del donante
finance-donor-name-hint = Déjelo en blanco para un Estado Miembro.
finance-currency = Moneda
finance-currency-hint = Código ISO de tres letras, por ejemplo USD o EUR.
finance-pledged = Importe prometido
finance-pledged-hint = En blanco para una donación única.
finance-pledged-on = Prometida el
finance-new-button = Registrar la contribución
finance-donor-type-missing = Elija el tipo de donante.
finance-country-invalid = Indique el país con su código ISO de dos letras, por ejemplo JP.
finance-currency-invalid = Indique la moneda con su código ISO de tres letras, por ejemplo USD.
finance-amount-invalid = Indique un importe mayor que cero, por ejemplo 1.250,50.
finance-date-invalid = Indique una fecha.
finance-rate-invalid = Indique el tipo como un número, por ejemplo 0,0067.
finance-reference-missing = Indique la referencia.
finance-tranche-missing = Indique el número del tramo.

## Una contribución
finance-contribution-title = Contribución
finance-done-pledged = La contribución se ha registrado.
finance-done-received = Los fondos recibidos se han registrado y asentado en el libro mayor.
finance-back-to-contributions = Volver a las contribuciones
finance-pledged-usd = Promesa en USD al tipo de su día
finance-received = Recibido
finance-rate-missing = No hay tipo de cambio operacional de las Naciones Unidas registrado para { $currency } en { $month }: algunas cifras en USD no pueden mostrarse.
finance-receipts-heading = Fondos recibidos
finance-receipts-none = Aún no se ha recibido nada.
finance-received-on = Recibido el
finance-amount = Importe
finance-rate = Tipo (USD por unidad)
finance-col-usd = En USD
finance-bank-reference = Referencia bancaria
finance-reversed = anulado
finance-receipt-heading = Registrar fondos recibidos
finance-receipt-currency-hint = La moneda de la promesa.
finance-rate-hint = El tipo de cambio operacional de las Naciones Unidas vigente ese día es { $rate } para { $currency }. Otro tipo necesita su motivo.
finance-rate-hint-none = No hay tipo de cambio operacional de las Naciones Unidas registrado para { $currency } ese día: indique el tipo y su motivo.
finance-rate-reason = Motivo de otro tipo
finance-rate-reason-hint = Solo si el tipo no es el operacional de las Naciones Unidas vigente, por ejemplo la conversión del propio banco.
finance-receipt-button = Registrar los fondos recibidos

## Pagar un tramo
finance-payment-title = Pago
finance-done-paid = El pago se ha registrado y asentado en el libro mayor.
finance-back-home = Volver a lo que le espera
finance-grant-state = Estado
finance-grant-awarded = Concedida, acuerdo aún sin firmar
finance-grant-agreement_signed = Acuerdo firmado
finance-grant-closing = En cierre
finance-grant-closed = Cerrada
finance-grant-cancelled = Cancelada
finance-award = Importe concedido
finance-disbursed = Pagado hasta ahora
finance-remaining = Resto de lo concedido
finance-gates-heading = Antes de pagar
finance-gates-intro = Un pago requiere un acuerdo firmado; un tramo posterior al primero espera a que se paguen los anteriores y se acepten sus informes, que muestren suficiente gasto; ningún tramo se paga más allá de lo que queda de él.
finance-gate-agreement = Acuerdo
finance-agreement-signed = Firmado el { $date }.
finance-agreement-none = El acuerdo no está firmado: no puede pagarse nada.
finance-gate-left = Lo que queda, tramo por tramo
finance-col-paid = Pagado
finance-col-state = Estado
finance-tranche-scheduled = Previsto
finance-tranche-due = Vencido
finance-tranche-part_paid = Pagado en parte
finance-tranche-paid = Pagado
finance-tranche-released = Liberado
finance-gate-reports = Informes
finance-reports-rule = Los informes que presentó el beneficiario y su estado.
finance-col-report = Informe
finance-col-filed = Presentado el
finance-col-spent = Gastado hasta la fecha
finance-report-progress = Informe de progreso
finance-report-final = Informe final
finance-report-version = versión { $version }
finance-report-state-submitted = Pendiente de examen
finance-report-state-accepted = Aceptado
finance-report-state-returned = Devuelto
finance-reports-none = No se ha presentado ningún informe.
finance-pay-heading = Pagar un tramo
finance-tranche-hint = Su número en el acuerdo: 1, 2, …
finance-pay-amount-hint = En { $currency }, como máximo lo que queda del tramo.
finance-value-date = Fecha valor
finance-payment-reference = Referencia del pago
finance-pay-button = Pagar
finance-pay-closed = Esta subvención ya no está abierta: no se paga nada más en ella.
finance-pay-no-agreement = No puede pagarse nada antes de firmar el acuerdo.
finance-payments-heading = Pagos realizados
finance-col-psc = Gastos de apoyo a los programas
finance-payments-none = Aún no se ha pagado nada.

## Meses contables
finance-periods-title = Meses contables
finance-periods-intro = Un mes cerrado no acepta asientos fechados en él: sus cifras ya no cambian. Los meses se cierran en orden, una vez terminados y superados los controles del libro mayor.
finance-first-period = La contabilidad empieza en { $month }.
finance-close-heading = Cerrar un mes
finance-close-hint = El mes más antiguo terminado y aún abierto es { $month }.
finance-close-button = Cerrar { $month }
finance-close-none = No puede cerrarse ningún mes ahora: todos los meses terminados están cerrados.
finance-done-closed = { $month } está cerrado.
finance-periods-caption = Los meses, los más recientes primero
finance-col-month = Mes
finance-col-closed-at = Cerrado el
finance-period-open = Abierto
finance-period-closed = Cerrado

## Estados financieros
finance-statements-title = Estados financieros
finance-from = Desde
finance-to = Hasta
finance-statements-button = Mostrar los estados
finance-statements-period = Del { $from } al { $to }, junto al período anterior (del { $pfrom } al { $pto }). Importes en USD.
finance-download-csv = Descargar los estados (CSV)
finance-download-xlsx = Descargar los estados (Excel)
finance-position-caption = Estado de situación financiera
finance-performance-caption = Estado de rendimiento financiero
finance-col-line = Partida
finance-as-at = Al { $date }
finance-period-range = Del { $from } al { $to }
finance-line-cash = Efectivo
finance-line-contributions_receivable = Contribuciones por recibir
finance-line-refunds_due = Reembolsos adeudados por los beneficiarios
finance-line-commitments_outstanding = Compromisos de subvenciones pendientes
finance-line-net_assets_in_ledger = Activos netos en el libro mayor
finance-line-net_assets = Activos netos
finance-line-contributions = Contribuciones
finance-line-refunds = Reembolsos de los beneficiarios
finance-line-exchange_differences = Diferencias de cambio
finance-line-revenue = Ingresos
finance-line-grants_paid = Subvenciones pagadas
finance-line-programme_support_cost = Gastos de apoyo a los programas
finance-line-commitments_charged = Compromisos imputados
finance-line-expenses = Gastos
finance-line-surplus = Superávit
finance-unvalued = También por recibir, sin valorar en USD (sin tipo): { $amount }.

## Reglas del dinero, como las dice un formulario rechazado
rule-no-agreement = El acuerdo no está firmado: aún no puede pagarse nada.
rule-tranche-exceeded = Es más de lo que queda del tramo.
rule-previous-tranche-unpaid = Un tramo anterior aún no se ha pagado.
rule-report-pending = Los informes sobre los tramos anteriores aún no están todos aceptados.
rule-report-spent-too-little = El informe aceptado sobre el tramo anterior aún no muestra suficiente gasto.
rule-grant-closed = Esta subvención está cerrada: no se paga nada más en ella.
rule-insufficient-funds = El Fondo no tiene suficiente dinero disponible para este pago.
rule-period-closed = Esa fecha cae en un mes cerrado.
rule-before-first-period = Esa fecha es anterior al inicio de la contabilidad del Fondo.
rule-period-not-ended = Este mes aún no ha terminado: ciérrelo a partir del día siguiente a su último día.
rule-periods-out-of-order = Un mes anterior sigue abierto: los meses se cierran en orden.
rule-ledger-check-failed = El control de integridad del libro mayor encontró un problema: el mes no puede cerrarse hasta resolverlo.
rule-exchange-rate-missing = No hay tipo de cambio operacional de las Naciones Unidas registrado para esa moneda ese día: indique el tipo y su motivo.
rule-rate-reason-required = No es el tipo operacional de las Naciones Unidas vigente ese día: indique el motivo de otro tipo.
rule-over-pledge = Es más de lo que queda de la promesa.
rule-receipt-before-pledge = No pueden recibirse fondos antes de la promesa.
rule-currency-mismatch = Registre los fondos en la moneda de la promesa.
rule-below-one-cent = Este importe vale menos de un centavo de dólar.

## Exportación del libro mayor
nav-ledger-export = Exportación del libro mayor
finance-export-title = Exportación del libro mayor
finance-export-intro = Elija los asientos que contiene el archivo; la página muestra entonces lo que contendrá antes de descargarlo.
finance-export-kind = Asientos
finance-export-kind-disbursements = Solo pagos
finance-export-kind-all = Todos los asientos
finance-export-country-hint = Opcional: código ISO de dos letras de un país de ejecución, por ejemplo KE.
finance-export-group = Grupo regional
finance-export-format = Formato del archivo
finance-export-preview-button = Mostrar lo que contendrá el archivo
finance-export-holds = Lo que contendrá el archivo
finance-export-summary = { $entries ->
    [one] Un asiento, fechado del { $from } al { $to }.
   *[other] { $entries } asientos, fechados del { $from } al { $to }.
}
finance-export-opening = Efectivo de apertura
finance-export-cash = Movimiento de efectivo
finance-export-closing = Efectivo de cierre
finance-export-totals-caption = Totales por tipo de asiento, en USD
finance-export-col-kind = Tipo de asiento
finance-export-entries = Asientos
finance-export-usd = Importe
finance-export-download = Descargar { $file }
finance-export-choose = Elija uno de la lista.
finance-export-any = Cualquiera
finance-kind-receipt = Fondos recibidos
finance-kind-commitment = Compromisos
finance-kind-disbursement = Pagos
finance-kind-refund = Reembolsos
finance-kind-exchange_difference = Diferencias de cambio
finance-kind-reversal = Anulaciones
finance-kind-release = Liberaciones de compromisos
finance-kind-award_change = Cambios del importe concedido
