# Las páginas de la secretaría para las convocatorias, la Junta y la configuración del Fondo (es).

nav-sec-calls = Convocatorias
nav-sec-board = Junta
nav-sec-settings = Configuración

## Lo que leen los formularios
sec-typed-required = Rellene este campo
sec-typed-date = Introduzca una fecha, por ejemplo 2027-03-31
sec-typed-amount = Introduzca un importe en dólares de los Estados Unidos, por ejemplo 25.000,00
sec-typed-number = Introduzca un número entero de meses, por ejemplo 24
sec-typed-percent = Introduzca un porcentaje, por ejemplo 7 o 7,5

## Convocatorias
sec-calls-title = Convocatorias de propuestas
sec-calls-intro = Todas las convocatorias publicadas por el Fondo, de la más reciente a la más antigua: abiertas, aún no abiertas, cerradas o canceladas. Abra la página de una convocatoria para prorrogar su plazo, corregirla o cancelarla.
sec-calls-caption = Convocatorias, de la más reciente a la más antigua
sec-calls-none = Aún no se ha publicado ninguna convocatoria.
sec-calls-back = Todas las convocatorias
sec-call-title = Título
sec-call-new-title = Abrir una nueva convocatoria
sec-call-new-intro = Las organizaciones leen estas condiciones antes de presentar una solicitud. Los importes están en dólares de los Estados Unidos, la moneda del Fondo.
sec-call-description = Objeto de la convocatoria
sec-call-description-hint = Las organizaciones leen esto primero: el propósito de la convocatoria y lo que financia.
sec-call-opens-on = Se abre el
sec-call-opens-on-hint = Las solicitudes pueden presentarse desde el comienzo de este día (UTC).
sec-call-closes-on = Plazo
sec-call-closes-on-hint = El último día para presentar: la convocatoria se cierra al final de este día (23:59 UTC).
sec-call-envelope = Importe total de la convocatoria
sec-call-envelope-hint = En dólares de los Estados Unidos; al menos la subvención más alta.
sec-call-min-grant = Subvención más baja
sec-call-max-grant = Subvención más alta
sec-call-usd-hint = En dólares de los Estados Unidos.
sec-call-max-grant-hint = En dólares de los Estados Unidos; no más que el importe total, ni que la subvención máxima que permite la configuración del Fondo.
sec-call-duration = Duración máxima de un proyecto, en meses
sec-call-duration-hint = De 8 a 24 meses.
sec-call-org-types = Quién puede presentar una solicitud
sec-call-priority-exploitation = Formas de explotación prioritarias (opcional)
sec-call-publish = Publicar la convocatoria
sec-call-closes-refused = El plazo debe ser posterior al día de apertura y no haber pasado
sec-call-range-refused = La subvención más baja no debe superar la más alta, ni la más alta el importe total
sec-call-duration-refused = La duración máxima de un proyecto va de 8 a 24 meses
sec-call-org-types-refused = Elija al menos un tipo de organización
sec-call-done-published = La convocatoria está publicada.
sec-call-done-amended = La convocatoria está modificada. Cada organización con una solicitud en ella recibe los cambios.
sec-call-done-cancelled = La convocatoria está cancelada. Sus solicitudes se retiran y sus organizaciones reciben el motivo.
sec-call-cancelled-reason = Motivo: { $reason }
sec-call-committed = Adjudicado en la convocatoria
sec-call-changes = Cambios desde la publicación
sec-call-changed = { $count ->
    [one] Modificada una vez, el { $date }
   *[other] Modificada { $count } veces, la última el { $date }
}
sec-call-never-changed = Ninguno
sec-call-amend-heading = Modificar la convocatoria
sec-call-amend-intro = Cambie solo lo necesario: un plazo solo puede prorrogarse, y ninguna solicitud ya presentada puede quedar fuera de las nuevas condiciones.
sec-call-extend-hint = El plazo es ahora el { $date } (la convocatoria se cierra al final del día, 23:59 UTC). Solo se acepta un día posterior.
sec-call-envelope-amend-hint = En dólares de los Estados Unidos; nunca menos de lo ya adjudicado en la convocatoria.
sec-call-amend-button = Guardar los cambios
sec-call-amend-nothing = No se ha cambiado nada: cambie al menos una condición antes de guardar
sec-call-cancel-heading = Cancelar la convocatoria
sec-call-cancel-intro = Una convocatoria cancelada no admite más solicitudes: cada borrador y cada solicitud presentada, en examen o en evaluación se retira, y cada organización recibe el motivo. No se puede deshacer.
sec-call-cancel-reason = Motivo de la cancelación
sec-call-cancel-reason-hint = Cada organización que presentó una solicitud lo leerá.
sec-call-cancel-reason-missing = Indique por qué se cancela la convocatoria: cada organización que presentó una solicitud lo leerá
sec-call-cancel-button = Cancelar la convocatoria

## Reglas de las convocatorias, en palabras de la secretaría
sec-rule-deadline-shortened = El plazo solo puede prorrogarse: las organizaciones se organizan en función de él
sec-rule-call-closed = El plazo ha pasado: las condiciones de una convocatoria cerrada no cambian
sec-rule-call-cancelled = La convocatoria está cancelada: ya no cambia
sec-rule-call-has-decisions = La Junta ha decidido sobre una solicitud de esta convocatoria: ya no puede cancelarse
sec-rule-excludes-submitted-application = Una solicitud ya presentada quedaría fuera de estas condiciones
sec-rule-envelope-below-committed = El importe total no puede quedar por debajo de lo ya adjudicado en la convocatoria
sec-rule-fund-max-grant = La configuración del Fondo no permite una subvención tan alta
sec-rule-document-kind = Una solicitud no puede llevar este tipo de documento

## La Junta
sec-board-on = Mostrar la Junta el
sec-board-on-hint = Cualquier día, pasado o futuro: la Junta tal como la forman los nombramientos ese día.
sec-board-on-button = Mostrar
sec-board-members-caption = { $count } de { $seats } puestos ocupados
sec-board-col-name = Nombre
sec-board-nobody = Ningún miembro está en funciones ese día.
sec-board-balance-heading = Grupos regionales el { $date }
sec-board-balance-rule = La Junta tiene un miembro de cada uno de los cinco grupos regionales de las Naciones Unidas.
sec-board-vacancies = Puestos vacantes
sec-board-warning-chair_year_ending = El año de la presidencia termina el { $date } y la Junta no ha elegido a la próxima presidencia.
sec-board-warning-no_chair = Hay miembros en funciones el { $date } pero la Junta no tiene presidencia.
sec-board-appoint-heading = Nombrar a un miembro
sec-board-appoint-intro = El Secretario General nombra a los miembros tras consultar a los Estados Miembros y al Director Ejecutivo de la UNODC. Registre el nombramiento una vez hecho: se rechaza si diera a un grupo regional dos puestos a la vez.
sec-board-name = Nombre completo
sec-board-choose-country = Elija un país
sec-board-nationality-hint = La nacionalidad decide el grupo regional al que corresponde el puesto.
sec-board-experience = Experiencia pertinente
sec-board-appointed-on = Nombrado el
sec-board-term-start = Inicio del mandato
sec-board-term-end = Fin del mandato (opcional)
sec-board-term-end-hint = El primer día después del mandato. Déjelo vacío para un mandato completo de tres años.
sec-board-consulted = Estados Miembros consultados
sec-board-consulted-hint = Elija uno o varios (mantenga Ctrl, o Cmd en un Mac, para elegir varios).
sec-board-consulted-ed = Director Ejecutivo de la UNODC consultado el
sec-board-consulted-ed-hint = Como tarde el día del nombramiento, y no en el futuro.
sec-board-appoint-button = Registrar el nombramiento
sec-board-choose-trustee = Elija un miembro
sec-board-end-trustee = Miembro cuyo mandato termina
sec-board-chair-trustee = Miembro elegido para la presidencia
sec-board-end-heading = Terminar un mandato
sec-board-end-intro = Los miembros en funciones el { $date } (elija otro día arriba para los demás). Una renuncia o destitución ocurre durante el mandato; un fin de mandato cae el último día del mandato.
sec-board-choose-reason = Elija un motivo
sec-board-end-reason = Por qué termina el mandato
sec-board-end-reason-resignation = Renuncia
sec-board-end-reason-termination = Destitución
sec-board-end-reason-end_of_term = Fin del mandato
sec-board-ended-on = Primer día fuera de la Junta
sec-board-ended-on-hint = Para un fin de mandato, el día siguiente a su último día.
sec-board-end-note = Nota (opcional)
sec-board-end-button = Terminar el mandato
sec-board-end-already = El mandato de este miembro ya terminó
sec-board-end-reason-missing = Elija por qué termina el mandato
sec-board-chair-heading = Registrar la elección de la presidencia por la Junta
sec-board-chair-intro = La Junta elige su presidencia entre sus miembros, por un año como máximo, en una reunión celebrada como tarde el primer día de la presidencia.
sec-board-chair-from = Presidencia desde el
sec-board-chair-to = Presidencia hasta el
sec-board-chair-to-hint = El primer día después del año de presidencia: como máximo un año después del primero.
sec-board-meeting-on = Día de la reunión de la Junta que eligió la presidencia
sec-board-record = Referencia del acta de la reunión
sec-board-record-hint = Por ejemplo, la signatura del informe y el párrafo.
sec-board-chair-button = Registrar la presidencia
sec-board-done-appointed = El nombramiento está registrado. La Junta se muestra el primer día del nuevo mandato.
sec-board-done-ended = El fin del mandato está registrado. La Junta se muestra el primer día sin el miembro.
sec-board-done-chair = La presidencia está registrada. La Junta se muestra el primer día de la presidencia.
sec-board-country-missing = Elija la nacionalidad del miembro
sec-board-consulted-missing = Elija al menos un Estado Miembro consultado
sec-board-trustee-missing = Elija un miembro
sec-board-refused-geographic-balance = Rechazado: la Junta tiene un miembro de cada grupo regional, y { $name } ya ocupa el puesto del grupo de { $group } del { $from } al { $to }
sec-board-refused-seat-limit = Rechazado: la Junta tiene cinco puestos y los cinco están ocupados el { $date }; espere a que quede uno vacante
sec-board-refused-term-limit = Rechazado: un miembro no cumple más de dos mandatos consecutivos, y este sería el mandato { $run } seguido

## Reglas de la Junta, en palabras de la secretaría
sec-rule-term-dates = Las fechas no se siguen: el nombramiento se hace como tarde al inicio del mandato, y el mandato termina después de empezar
sec-rule-term-length = Un mandato dura como máximo tres años
sec-rule-consultation = El Director Ejecutivo se consulta como tarde el día del nombramiento, y no en el futuro
sec-rule-end-date = Una renuncia o destitución ocurre durante el mandato; un fin de mandato cae al final del mandato
sec-rule-chair-period = Una presidencia dura un año como máximo y termina después de empezar
sec-rule-chair-not-active = El miembro debe estar en funciones durante todo el año de presidencia
sec-rule-chair-overlap = Otra presidencia está en funciones durante ese período
sec-rule-chair-decision = La reunión de la Junta es como tarde hoy y antes del primer día de la presidencia, y se cita su acta

## La configuración del Fondo
sec-settings-title = La configuración del Fondo
sec-settings-intro = Tres parámetros rigen lo que el Fondo adjudica. Cada cambio queda registrado en el registro de auditoría.
sec-settings-done = La configuración está guardada.
sec-settings-now-heading = Ahora
sec-settings-psc = Tasa de gastos de apoyo a los programas
sec-settings-reserve = Reserva operacional
sec-settings-max-grant = Subvención más alta que puede ofrecer una convocatoria
sec-settings-percent = { $value } %
sec-settings-no-cap = Sin límite
sec-settings-available = Disponible para nuevas subvenciones
sec-settings-change-heading = Cambiar la configuración
sec-settings-psc-label = Tasa de gastos de apoyo a los programas, en %
sec-settings-psc-hint = Lo que la UNODC cobra sobre cada subvención por administrarla, fijado cuando la Junta la adjudica: un cambio se aplica a las adjudicaciones posteriores, nunca a las subvenciones ya adjudicadas. De 0 a { $max } %.
sec-settings-reserve-label = Reserva operacional, en %
sec-settings-reserve-hint = La parte del efectivo del Fondo que se reserva frente a contribuciones tardías y pérdidas cambiarias: se aplica de inmediato a lo disponible para nuevas subvenciones. De 0 a { $max } %.
sec-settings-max-grant-label = Subvención más alta que puede ofrecer una convocatoria, en dólares de los Estados Unidos (opcional)
sec-settings-max-grant-hint = Ninguna convocatoria puede ofrecer una subvención más alta. Déjelo vacío para no fijar límite.
sec-settings-button = Guardar la configuración
sec-settings-rate-bounds = Introduzca un porcentaje de 0 a { $max }, con 4 decimales como máximo
sec-settings-reserve-too-high = Una reserva tan alta dejaría menos que nada disponible para las subvenciones ya comprometidas: la reserva nunca puede dejar el saldo disponible por debajo de cero
