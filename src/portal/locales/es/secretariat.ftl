# The secretariat's pages' words (es).

nav-sec-organizations = Organizaciones
nav-sec-applications = Solicitudes

## Home
sec-home-title = Lo que espera a la secretaría
sec-home-intro = Organizaciones por verificar, solicitudes por examinar, votaciones listas para la decisión de la Junta y la lista de reserva, las más antiguas primero cuando el orden importa.
sec-home-verify-heading = Organizaciones pendientes de verificación
sec-home-verify-caption = { $count ->
    [one] Una organización espera su verificación
   *[other] { $count } organizaciones esperan su verificación
}
sec-home-verify-more = Todas las organizaciones pendientes de verificación
sec-home-verify-none = Ninguna organización espera verificación.
sec-home-screen-heading = Solicitudes pendientes de examen
sec-home-screen-caption = { $count ->
    [one] Una solicitud espera su examen
   *[other] { $count } solicitudes esperan su examen
}
sec-home-screen-more = Todas las solicitudes presentadas
sec-home-screen-none = Ninguna solicitud espera examen.
sec-home-decide-heading = Votaciones listas para una decisión
sec-home-decide-intro = Solicitudes en estudio sobre las que han votado al menos tres miembros de la Junta no recusados: se puede registrar la decisión de la Junta.
sec-home-decide-caption = { $count ->
    [one] Una votación puede cerrarse
   *[other] { $count } votaciones pueden cerrarse
}
sec-home-decide-none = Ninguna votación ha alcanzado aún el quórum.

## The reserve list
sec-reserve-heading = La lista de reserva
sec-reserve-intro = Solicitudes que la Junta aprobó cuando el Fondo no podía cubrirlas. Se conceden en el orden de las decisiones, en cuanto hay dinero.
sec-reserve-available = Disponible para conceder ahora: { $amount }.
sec-reserve-caption = La lista de reserva, la primera en concederse primero
sec-reserve-psc = más { $amount } de gastos de apoyo a los programas
sec-reserve-not-covered = El dinero disponible aún no la cubre.
sec-reserve-none = La lista de reserva está vacía.
sec-reserve-place = Puesto { $place } en la lista de reserva.
sec-award-button = Conceder
sec-award-button-for = Conceder: { $title }

## Tables
sec-col-application = Solicitud
sec-col-organization = Organización
sec-col-state = Estado
sec-col-requested = Importe solicitado
sec-col-submitted = Presentada el
sec-col-country = País
sec-col-registered-with-fund = En el Fondo desde
sec-col-place = Puesto
sec-col-award = Subvención
sec-col-decided = Decidida el
sec-col-action = Acción
sec-col-criterion = Criterio
sec-col-finding = Conclusión de la secretaría
sec-col-records = Lo que muestran los registros
sec-col-note = Nota

## Lists
sec-filter-state = Estado
sec-filter-all = Todos
sec-filter-button = Mostrar
sec-next-page = Página siguiente
sec-orgs-title = Organizaciones
sec-orgs-caption = Las organizaciones, las más recientes primero
sec-orgs-none = Ninguna organización tiene este estado.
sec-orgs-back = Volver a las organizaciones
sec-apps-title = Solicitudes
sec-apps-caption = Las solicitudes, las más recientes primero
sec-apps-none = Ninguna solicitud tiene este estado.
sec-apps-back = Volver a las solicitudes

## An organisation
sec-org-done-verified = La organización está verificada. Se ha informado a sus solicitantes.
sec-org-done-refused = La organización ha sido rechazada, con su motivo. Se ha informado a sus solicitantes.
sec-org-applications-heading = Sus solicitudes
sec-org-applications-caption = Las solicitudes de la organización
sec-org-applications-none = Aún no tiene ninguna solicitud.
sec-docs-organization-intro = Los documentos que ha aportado la organización: léalos antes de decidir.
sec-verify-heading = Verificar la organización
sec-verify-intro = Solo una organización verificada puede presentar solicitudes y recibir dinero. Podrá cambiar la decisión más adelante.
sec-verify-legend = Su decisión
sec-verify-verify = Verificar: el perfil y los documentos están en regla
sec-verify-refuse = Rechazar
sec-verify-reason-label = Motivo
sec-verify-reason-hint = Obligatorio para rechazar; la organización lo leerá.
sec-verify-button = Registrar la decisión
sec-verify-choose = Elija verificar o rechazar la organización
sec-verify-reason-missing = Indique el motivo del rechazo, que la organización leerá
sec-verify-already = La organización ya está en ese estado

## An application
sec-app-done-screened = El examen ha quedado registrado. Se ha informado a la organización.
sec-app-done-decided = La decisión de la Junta ha quedado registrada.
sec-app-done-awarded = La subvención se ha concedido desde la lista de reserva.
sec-app-who-heading = Quién solicita, y en qué convocatoria
sec-app-verification = Verificación
sec-app-call = Convocatoria
sec-app-call-range = Los límites de la convocatoria
sec-app-call-range-value = de { $min } a { $max }, como máximo { $months } meses
sec-app-text-heading = La solicitud tal como se presentó
sec-docs-application-intro = Los documentos adjuntos a la solicitud.

## Screening
sec-screen-heading = Examinar la solicitud
sec-screen-intro = Indique para cada criterio si se cumple o no, y por qué cuando no se cumple. Cuando los registros deciden un criterio, no puede darlo por cumplido si muestran lo contrario: corrija primero el registro.
sec-screen-note-label = Nota sobre el criterio { $criterion } (obligatoria si no se cumple)
sec-screen-verdict = El resultado
sec-screen-eligible = Admisible: pasarla a la Junta
sec-screen-ineligible = No admisible
sec-screen-reasons-label = Motivos que se comunican a la organización
sec-screen-reasons-hint = Uno por línea; al menos uno si no es admisible.
sec-screen-button = Registrar el examen
sec-screen-met-missing = Indique si este criterio se cumple
sec-screen-eligible-missing = Elija admisible o no admisible
sec-screen-note-missing = Indique por qué este criterio no se cumple
sec-screen-reasons-missing = Dé al menos un motivo por el que la solicitud no es admisible
sec-screened-heading = El examen
sec-screened-caption = La lista de criterios de admisibilidad tal como se registró
sec-screened-reasons = Motivos dados
sec-met = Se cumple
sec-not-met = No se cumple
sec-records-judgement = Cuestión de criterio
sec-criterion-organization_type_eligible = La convocatoria admite el tipo de organización
sec-criterion-organization_verified = La secretaría ha verificado la organización
sec-criterion-registered_one_year = Registrada desde hace al menos un año al presentar
sec-criterion-direct_assistance_one_year = Al menos un año de asistencia directa a víctimas al presentar
sec-criterion-psea_measures = Medidas contra la explotación y el abuso sexuales en vigor
sec-criterion-within_mandate = Las actividades prestan ayuda humanitaria, jurídica o financiera a víctimas de la trata
sec-criterion-amount_within_limits = El importe solicitado está dentro de los límites de la convocatoria
sec-criterion-duration_within_limit = La duración no supera el máximo de la convocatoria

## Votes and decisions
sec-votes-heading = Los votos de la Junta
sec-decide-heading = Registrar la decisión de la Junta
sec-decide-intro = Cierra la votación y aplica la regla de la Junta: un quórum de tres votos de miembros no recusados; decide la mayoría entre aprobaciones y rechazos, la presidencia deshace un empate; una aprobación concede el importe mediano recomendado si la dotación de la convocatoria y el dinero disponible lo cubren, si no pasa a la lista de reserva.
sec-decide-button = Registrar la decisión
sec-decision-outcome = Resultado
sec-decision-by-chair = (el voto de la presidencia deshizo un empate)
sec-decision-votes = Votos
sec-decision-tally = { $approve } a favor, { $reject } en contra, { $abstain } abstenciones
sec-decision-psc = Gastos de apoyo a los programas

## Refusals
sec-refused-conflict = Este registro ha cambiado entretanto, o ya no está en un estado que lo permita: vuelva a cargar la página.
sec-rule-screening-contradicts-records = Los registros muestran que este criterio no se cumple: corrija el registro antes de darlo por cumplido
sec-rule-screening-criterion-unmet = Una solicitud admisible cumple todos los criterios: este está marcado como no cumplido
sec-rule-screening-no-unmet-criterion = Una solicitud no admisible incumple al menos un criterio: indique cuál
sec-rule-quorum-not-met = Han votado menos de tres miembros no recusados: la votación aún no puede cerrarse
sec-rule-quorum-impossible = Menos de tres miembros pueden votar sobre esta solicitud: la Junta no puede decidirla
sec-rule-tie-unresolved = Las aprobaciones y los rechazos están empatados y la presidencia no votó ni a favor ni en contra
sec-rule-organization-refused = La organización está rechazada: no puede recibir dinero
sec-rule-organization-not-verified = La organización no está verificada: verifíquela antes de conceder dinero
sec-rule-envelope-exhausted = La dotación de la convocatoria no cubre esta subvención
sec-rule-insufficient-funds = El dinero disponible no cubre esta subvención y sus gastos de apoyo a los programas
sec-rule-reserve-order = Otra solicitud entró antes en la lista de reserva y debe concederse primero
