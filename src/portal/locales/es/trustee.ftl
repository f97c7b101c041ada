# The trustee pages' words (es).

## Waiting for my vote
trustee-queue-title = Pendientes de su voto
trustee-queue-intro = Las solicitudes que la secretaría ha remitido a la Junta y sobre las que usted no ha votado ni declarado un conflicto de intereses. La votación sigue abierta hasta que la secretaría la cierra con la decisión de la Junta.
trustee-queue-empty = No hay ninguna solicitud pendiente de su voto.
trustee-queue-count = { $count ->
    [one] Una solicitud está pendiente de su voto.
   *[other] { $count } solicitudes están pendientes de su voto.
}
trustee-next-page = Página siguiente
trustee-call = Convocatoria de propuestas
trustee-organization = Organización
trustee-org-country = País de registro
trustee-countries = Países de ejecución
trustee-requested = Importe solicitado
trustee-submitted = Presentada el
trustee-duration = Duración
trustee-duration-months = { $months ->
    [one] un mes
   *[other] { $months } meses
}
trustee-state = Estado

## One application
trustee-back-to-queue = Volver a las solicitudes pendientes de su voto
trustee-done-voted = Su voto ha quedado registrado.
trustee-done-conflict = Su conflicto de intereses ha quedado registrado. No participa en esta votación.
trustee-summary-heading = La solicitud
trustee-project-summary = Resumen del proyecto
trustee-beneficiaries-heading = Beneficiarios
trustee-beneficiaries-caption = Víctimas a las que el proyecto prevé prestar asistencia
trustee-sex = Sexo
trustee-age-group = Grupo de edad
trustee-count = Número
trustee-exploitation = Formas de explotación
trustee-aid-types = Tipos de asistencia
trustee-budget-heading = Presupuesto
trustee-budget-caption = Partidas presupuestarias
trustee-budget-line = Partida
trustee-amount = Importe
trustee-budget-total = Total solicitado
trustee-call-range = Subvenciones de esta convocatoria
trustee-call-range-value = de { $min } a { $max }

## The dossier
trustee-dossier-heading = El expediente de la organización
trustee-dossier-closed = El expediente solo puede consultarse mientras la votación está abierta.
trustee-legal-name = Denominación legal
trustee-org-type = Tipo
trustee-registered-on = Fecha de registro
trustee-unpp-id = Identificador en el Portal de Asociados de las Naciones Unidas
trustee-assistance-since = Asistencia directa a víctimas desde el
trustee-psea-since = Medidas contra la explotación y el abuso sexuales desde el
trustee-psea-none = No constan medidas
trustee-verification = Verificación de la secretaría
trustee-with-fund-since = Inscrita en el Fondo el
trustee-history-heading = Su historial con el Fondo
trustee-other-applications-caption = Sus otras solicitudes
trustee-no-other-applications = Ninguna otra solicitud.
trustee-application = Solicitud
trustee-awarded = Importe concedido
trustee-decided = Decisión del
trustee-grants-caption = Sus subvenciones
trustee-no-grants = Todavía no tiene subvenciones.
trustee-award = Subvención
trustee-disbursed = Pagado
trustee-refunded = Reembolsado
trustee-refund-due = Reembolso pendiente
trustee-reports = Informes
trustee-reports-tally = { $accepted } aceptado(s), { $returned } devuelto(s), { $pending } pendiente(s)
trustee-report-overdue = Hay un informe atrasado
trustee-none = —

## The vote
trustee-votes-heading = La votación
trustee-votes-sealed = Los votos son independientes: verá los de los demás miembros cuando haya votado.
trustee-votes-sealed-recused = No participa en esta votación: los votos de los demás miembros se mostrarán cuando la Junta haya decidido.
trustee-votes-cast = { $count ->
    [0] No se ha emitido ningún voto.
    [one] Se ha emitido un voto.
   *[other] Se han emitido { $count } votos.
}
trustee-votes-caption = Votos de los miembros de la Junta
trustee-trustee = Miembro de la Junta
trustee-vote = Voto
trustee-recommended = Importe recomendado
trustee-comment = Comentario
trustee-tally = A favor: { $approve }. En contra: { $reject }. Abstenciones: { $abstain }. Miembros que pueden votar: { $eligible }.
trustee-recusals-heading = Miembros que no participan en la votación
trustee-recusal-declared = declaró un conflicto de intereses
trustee-recusal-nationality = inhibido por su nacionalidad
trustee-ballot-approve = Aprobar
trustee-ballot-reject = Rechazar
trustee-ballot-abstain = Abstenerse

## The trustee's own part
trustee-your-vote-heading = Su voto
trustee-your-vote-is = Su voto: { $vote }.
trustee-your-vote-amount = Recomienda { $amount }.
trustee-change-intro = Puede cambiar su voto mientras la votación siga abierta.
trustee-vote-legend = ¿Cómo vota?
trustee-recommended-label = Importe recomendado (USD)
trustee-recommended-hint = Solo si aprueba: entre { $min } y { $max }, y no más de los { $requested } solicitados. Por ejemplo, { $example }.
trustee-comment-label = Sus motivos
trustee-comment-hint = Cada voto se acompaña de sus motivos. Los demás miembros de la Junta y la secretaría los leerán.
trustee-vote-button = Registrar mi voto
trustee-change-button = Cambiar mi voto
trustee-recused-declared = Declaró un conflicto de intereses sobre esta solicitud: { $reason }. No participa en la votación.
trustee-recused-nationality = No participa en esta votación: { $reason }.
trustee-no-seat = Hoy no ocupa un puesto en la Junta, por lo que no puede votar.
trustee-voting-closed = La votación sobre esta solicitud está cerrada.
trustee-conflict-heading = Declarar un conflicto de intereses
trustee-conflict-intro = Si usted o una persona cercana tiene algún interés en esta organización o en este proyecto, declárelo. No participará en la votación y se retirará cualquier voto que haya emitido. La declaración no puede deshacerse.
trustee-reason-label = El conflicto de intereses
trustee-conflict-button = Declarar el conflicto
trustee-decision-heading = La decisión de la Junta

## Problems with the forms
trustee-vote-missing = Elija aprobar, rechazar o abstenerse
trustee-amount-missing = Indique el importe que recomienda para aprobar
trustee-amount-invalid = Indique el importe en dólares de los Estados Unidos, por ejemplo 30.000 o 30.000,50
trustee-amount-not-approving = Deje el importe en blanco si rechaza o se abstiene
trustee-amount-out-of-range = Recomiende un importe entre { $min } y { $max }, y no más de los { $requested } solicitados
trustee-comment-missing = Indique los motivos de su voto
trustee-comment-too-long = Sus motivos no pueden superar los { $max } caracteres
trustee-reason-missing = Describa el conflicto de intereses
trustee-reason-too-long = La descripción no puede superar los { $max } caracteres
trustee-refused-recused = Está inhibido respecto de esta solicitud, por lo que no puede votar
trustee-refused-no-seat = Hoy no ocupa un puesto en la Junta, por lo que no puede votar
trustee-refused-closed = La votación sobre esta solicitud está cerrada
trustee-refused-already-declared = Ya declaró un conflicto de intereses sobre esta solicitud

## The Board
trustee-board-title = La Junta de Síndicos
trustee-board-intro = La Junta tiene { $seats } puestos, uno por cada grupo regional de las Naciones Unidas. El Secretario General nombra a sus miembros por tres años.
trustee-board-caption = Miembros en funciones el { $date }
trustee-name = Nombre
trustee-nationality = Nacionalidad
trustee-regional-group = Grupo regional
trustee-term = Mandato
trustee-term-dates = del { $from } al { $to }
trustee-chair-tag = Presidencia
trustee-you = (usted)
trustee-vacancies = { $count ->
    [0] Todos los puestos están cubiertos.
    [one] Hay un puesto vacante.
   *[other] Hay { $count } puestos vacantes.
}
trustee-chair-heading = La presidencia
trustee-chair-is = { $name } preside la Junta hasta el { $to }.
trustee-chair-none = La Junta no tiene presidencia en este momento.
trustee-balance-heading = Equilibrio regional
trustee-groups-represented = Representados
trustee-groups-missing = Sin representación
trustee-groups-none = Ninguno
trustee-ex-officio = La persona que gestiona el Fondo también forma parte de la Junta, sin derecho a voto.
trustee-terms-ending = Mandatos que terminan en los próximos 90 días

## Decisions
trustee-decisions-title = Decisiones de la Junta
trustee-decisions-intro = Las solicitudes sobre las que la Junta ha decidido, de la más reciente a la más antigua.
trustee-decisions-empty = La Junta todavía no ha decidido sobre ninguna solicitud.
trustee-outcome = Decisión
trustee-votes-count = Votos
trustee-votes-count-value = { $approve } a favor, { $reject } en contra, { $abstain } abstenciones
trustee-by-chair = El voto de la presidencia deshizo un empate.
trustee-decided-on = Fecha de la decisión

## Values
trustee-state-under_review = En examen
trustee-state-approved = Aprobada
trustee-state-rejected = Rechazada
trustee-state-reserve_list = En la lista de reserva
trustee-state-submitted = Presentada
trustee-state-screening = En preselección
trustee-state-ineligible = No admisible
trustee-state-withdrawn = Retirada
trustee-state-draft = Borrador
trustee-decision-approved = Aprobada
trustee-decision-rejected = Rechazada
trustee-decision-reserve_list = Aprobada, en la lista de reserva
trustee-sex-female = Mujeres
trustee-sex-male = Hombres
trustee-sex-other = Otro
trustee-age-child = Niños y niñas
trustee-age-adult = Personas adultas
trustee-exploitation-sexual_exploitation = Explotación sexual
trustee-exploitation-forced_labour = Trabajo forzoso
trustee-exploitation-slavery = Esclavitud o prácticas análogas
trustee-exploitation-servitude = Servidumbre
trustee-exploitation-organ_removal = Extracción de órganos
trustee-exploitation-forced_begging = Mendicidad forzada
trustee-exploitation-forced_criminality = Delincuencia forzada
trustee-exploitation-forced_marriage = Matrimonio forzado
trustee-exploitation-other = Otras formas
trustee-aid-humanitarian = Humanitaria
trustee-aid-legal = Jurídica
trustee-aid-financial = Financiera
trustee-org-type-ngo = Organización no gubernamental
trustee-org-type-governmental = Gubernamental
trustee-org-type-intergovernmental = Intergubernamental
trustee-org-state-pending = Pendiente de verificación
trustee-org-state-verified = Verificada
trustee-org-state-refused = Rechazada
trustee-grant-awarded = Concedida
trustee-grant-agreement_signed = Acuerdo firmado
trustee-grant-closing = En cierre
trustee-grant-closed = Cerrada
trustee-grant-cancelled = Cancelada
trustee-group-african = Estados de África
trustee-group-asia_pacific = Estados de Asia y el Pacífico
trustee-group-eastern_european = Estados de Europa Oriental
trustee-group-latin_american_caribbean = Estados de América Latina y el Caribe
trustee-group-western_european_other = Estados de Europa Occidental y otros Estados
