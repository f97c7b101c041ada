# Las páginas de los auditores y de los administradores, en español.

## Navegación
nav-audit = Registro de auditoría
nav-checks = Comprobaciones
nav-users = Usuarios
nav-outbox = Correo saliente

## La página de inicio de un auditor
auditor-home-title = Supervisión
auditor-home-intro = Puede leer cada expediente y comprobar que nada se ha alterado. Nada de lo que haga aquí modifica un expediente.
auditor-home-trail-link = Consultar el registro de auditoría
auditor-home-latest = Últimos eventos

## El registro de auditoría
audit-trail-title = Registro de auditoría
audit-trail-intro = Cada cambio hecho en el sistema, del más reciente al más antiguo. Cada evento está encadenado al anterior por su huella: un evento suprimido o alterado después se nota.
audit-filter-heading = Filtrar los eventos
audit-any = Cualquiera
audit-filter-action = Tipo de evento
audit-filter-entity-type = Tipo de expediente
audit-filter-entity-id = Identificador del expediente
audit-filter-entity-id-hint = El identificador de un expediente, para ver todo su historial.
audit-filter-actor = Persona (identificador de la cuenta)
audit-filter-actor-hint = Elija el nombre de una persona en un evento para ver todo lo que hizo.
audit-filter-from = Desde
audit-filter-to = Hasta
audit-filter-date-hint = Una fecha, por ejemplo 2026-12-07 (UTC).
audit-filter-button = Mostrar los eventos
audit-filter-clear = Quitar los filtros
audit-date-invalid = Escriba una fecha como año-mes-día, por ejemplo 2026-12-07
audit-dates-reversed = La fecha final debe ser igual o posterior a la fecha inicial
audit-events-all = Todos los eventos
audit-events-filtered = Eventos que cumplen los filtros
audit-back-to-newest = Volver a los eventos más recientes
audit-when = Cuándo
audit-who = Quién
audit-what = Qué
audit-system = El propio sistema (ninguna persona)
audit-actor-link-title = Todo lo que hizo esta persona
audit-record = Expediente
audit-record-link-title = Todo el historial de este expediente
audit-position = Posición en la cadena
audit-position-value = Evento número { $seq }
audit-hash = huella
audit-prev-hash = sigue a
audit-request = Solicitud
audit-changes = Qué cambió
audit-next-page = Eventos más antiguos
audit-none = El registro aún no tiene eventos.
audit-none-filtered = Ningún evento cumple estos filtros.

## Las comprobaciones
checks-title = Comprobaciones
checks-intro = Cada comprobación vuelve a leerlo todo ahora y dice si todo cuadra. Ejecutar una comprobación no cambia nada.
checks-back = Volver a las comprobaciones
check-trail-heading = Verificar el registro de auditoría
check-trail-explained = Recorre cada evento desde el primero, recalcula su huella y la compara con la guardada y con el enlace del evento siguiente. Un evento suprimido, insertado o alterado rompe la cadena en ese punto.
check-trail-run = Verificar el registro de auditoría
check-ledger-heading = Comprobar el libro mayor
check-ledger-explained = Recalcula cada saldo a partir de los apuntes del libro mayor, comprueba sus reglas (cada asiento cuadrado, sin efectivo negativo, reversiones correspondientes) y concilia cada cobro y cada subvención con sus apuntes.
check-ledger-run = Comprobar el libro mayor
check-run-at = Comprobado el { $at } (UTC).
check-passed = Superada
check-failed = Fallida
check-trail-passed = Los { $count } eventos están en orden: cada uno coincide con su huella y sigue al anterior.
check-trail-broken = La cadena se rompe en el evento número { $seq }. Los { $count } eventos anteriores están en orden.
check-trail-reason-missing = Falta un evento en ese punto: se suprimió.
check-trail-reason-link = El evento no sigue al anterior: un evento anterior se suprimió, insertó o alteró.
check-trail-reason-content = El contenido del evento no coincide con su huella: se alteró después de escribirse.
check-trail-see-trail = Leer el registro
check-trail-events = Eventos comprobados
check-trail-head = Huella del último evento
check-trail-head-hint = Anote esta huella o compárela con un punto de control publicado: una comprobación posterior que no lleve a ella significa que el registro se reescribió.
check-ledger-passed = El libro mayor cuadra: { $transactions } asientos y { $postings } apuntes comprobados, { $owners } cobros y subvenciones conciliados.
check-ledger-broken = Se encontraron { $count } problemas en { $transactions } asientos. Cada uno figura abajo con el asiento al que se refiere.
check-ledger-violations-caption = Lo que encontró la comprobación
check-ledger-rule = Regla incumplida
check-ledger-entry = Asiento
check-ledger-detail = Detalle
check-ledger-no-entry = El libro mayor en su conjunto
check-ledger-balances-caption = Saldos recalculados a partir de los apuntes
check-ledger-balance = Saldo
check-ledger-amount = Importe
check-ledger-cash = Efectivo
check-ledger-commitments_outstanding = Compromisos pendientes
check-ledger-operating_reserve = Reserva operacional
check-ledger-available = Disponible para nuevas subvenciones
check-ledger-received_to_date = Contribuciones recibidas hasta la fecha
check-ledger-disbursed_to_date = Pagado a los beneficiarios hasta la fecha
check-ledger-programme_support_costs_to_date = Gastos de apoyo a los programas hasta la fecha
check-ledger-refunds_to_date = Reembolsos hasta la fecha

## La página de inicio de un administrador
admin-home-title = Administración
admin-home-users-link = Usuarios
admin-home-new-user-link = Crear una cuenta
admin-home-outbox-link = Correo saliente
admin-home-failed-heading = Correo que no se pudo enviar
admin-home-failed-count = { $count ->
    [one] Un correo no se pudo enviar.
   *[other] { $count } correos no se pudieron enviar.
}
admin-home-failed-many = Más de { $count } correos no se pudieron enviar.
admin-home-failed-link = Ver el correo fallido y volver a enviarlo
admin-home-failed-none = Todo el correo se ha enviado o está en camino.

## Usuarios
admin-users-title = Usuarios
admin-users-caption = Cuentas, de la más reciente a la más antigua
admin-back-to-newest = Volver a la primera página
admin-next-page = Página siguiente
admin-back-to-users = Volver a los usuarios
admin-user-name = Nombre
admin-user-email = Correo electrónico
admin-user-role = Función
admin-user-organization = Organización
admin-user-no-organization = Ninguna (personal)
admin-user-status = Estado
admin-user-enabled = Activa
admin-user-disabled = Desactivada
admin-user-created = Creada el
admin-user-password = Contraseña
admin-password-hint = Al menos { $min } caracteres. Entréguela a la persona por un medio seguro; podrá cambiarla en la página de su cuenta.
admin-new-user-title = Crear una cuenta
admin-new-user-intro = Para la secretaría, finanzas, los miembros de la Junta, los auditores y los administradores. Las cuentas de una organización llegan con su registro.
admin-new-user-button = Crear la cuenta
admin-role-choose = Elija una función
admin-name-missing = Escriba el nombre de la persona
admin-email-missing = Escriba el correo electrónico
admin-email-invalid = Escriba un correo electrónico como nombre@ejemplo.org
admin-email-taken = Ya existe una cuenta con este correo electrónico
admin-role-missing = Elija la función de la cuenta
admin-password-too-weak = Escriba una contraseña de al menos { $min } caracteres
admin-done-created = La cuenta se ha creado. La persona puede iniciar sesión con la contraseña que usted eligió.
admin-done-enabled = La cuenta se ha reactivado. La persona puede volver a iniciar sesión.
admin-done-disabled = La cuenta se ha desactivado. La persona no puede iniciar sesión y sus sesiones han terminado.
admin-done-password = La contraseña se ha restablecido y todas las sesiones de la cuenta han terminado.
admin-own-account = Es su propia cuenta: otro administrador puede desactivarla.
admin-disable-heading = Desactivar la cuenta
admin-disable-intro = La persona no podrá iniciar sesión y todas sus sesiones terminan ahora. Sus expedientes se conservan.
admin-disable-button = Desactivar la cuenta
admin-enable-heading = Reactivar la cuenta
admin-enable-intro = La persona podrá volver a iniciar sesión con su contraseña.
admin-enable-button = Reactivar la cuenta
admin-reset-heading = Restablecer la contraseña
admin-reset-intro = Elija una nueva contraseña para la persona, que iniciará sesión con ella. Todas las sesiones de la cuenta terminan.
admin-reset-new = Nueva contraseña
admin-reset-confirm = Nueva contraseña otra vez
admin-reset-button = Restablecer la contraseña

## Correo saliente
outbox-title = Correo saliente
outbox-intro = El correo que envía el sistema, del más reciente al más antiguo. Cada correo se intenta varias veces; cuando todos los intentos han fallado, puede volver a enviarlo.
outbox-filter-status = Estado
outbox-filter-button = Mostrar
outbox-status-any = Cualquier estado
outbox-status-pending = En espera de envío
outbox-status-sending = Enviándose
outbox-status-sent = Enviado
outbox-status-failed = Fallido
outbox-list-label = Correo
outbox-recipient = Para
outbox-event = Asunto
outbox-created = Escrito el
outbox-attempts = Intentos
outbox-sent-at = Enviado el
outbox-next-attempt = Próximo intento
outbox-last-error = Último error
outbox-retry-button = Volver a enviar
outbox-retry-not-failed = Este correo ya no está fallido (ya se volvió a enviar): no se cambió nada.
outbox-done-retried = El correo se volverá a enviar en un momento.
outbox-none = No hay correo aquí.

## Los expedientes, tal como los lee un auditor
nav-journal = Diario
auditor-home-journal-link = El diario del libro mayor
audit-record-page = Abrir el expediente
record-back-trail = Volver al registro de auditoría
record-back-journal = El diario del libro mayor
record-grant = Subvención
record-application = Solicitud
record-organization = Organización
record-contribution = Contribución
record-state = Estado
record-refunded = Reembolsado
record-requested = Importe solicitado
record-duration = Duración
record-months = { $months } meses
record-countries = Países
record-country = País
record-submitted-at = Presentada el
record-history = Historial
record-step = Cambio
record-reason = Motivo
record-registered-on = Registrada el
record-created-at = Creada el
record-pledged-on = Prometida el
record-received-usd = Recibido (USD)
record-receipts-none = No se ha recibido dinero de esta contribución.
record-trail-link = El historial de este expediente en el registro de auditoría
