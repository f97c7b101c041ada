# Las palabras del portal en español.

## Cada página
service-name = Fondo de las Naciones Unidas para las víctimas de la trata
skip-to-content = Ir al contenido principal
languages-label = Idioma
nav-label = Menú principal
nav-home = Inicio
nav-calls = Convocatorias
nav-applications = Solicitudes
nav-grants = Subvenciones
nav-organization = Organización
nav-account = Cuenta
nav-votes = Pendientes de mi voto
nav-board = La Junta
nav-decisions = Decisiones
sign-out = Cerrar sesión
footer-legal = Fondo Fiduciario de Contribuciones Voluntarias de las Naciones Unidas para las Víctimas de la Trata de Personas, Especialmente Mujeres y Niños (resolución 64/293 de la Asamblea General).

## Formularios
form-errors-title = Hay un problema
error-prefix = Error:
field-refused = No aceptado: { $reason }

## Páginas de error
error-back-home = Ir a la página de inicio
error-not-found-title = Página no encontrada
error-not-found-body = No hay nada en esta dirección, o no le corresponde verlo. Compruebe la dirección o vuelva a la página de inicio.
error-forbidden-title = No puede hacer esto
error-forbidden-body = Su cuenta no está autorizada a ver esta página ni a hacer este cambio.
error-form-expired-title = Este formulario ha caducado
error-form-expired-body = El formulario se envió sin su código de seguridad, o desde una sesión anterior. No se guardó nada. Vuelva atrás, recargue la página y envíelo de nuevo.
error-bad-form-title = No se pudo leer el formulario
error-bad-form-body = No se guardó nada. Vuelva atrás, recargue la página e inténtelo de nuevo.
error-too-many-title = Demasiados intentos
error-too-many-body = Espere unos minutos y vuelva a intentarlo.
error-refused-title = Esto no se puede hacer ahora
error-refused-body = El estado actual del expediente no lo permite. No se cambió nada.
error-unavailable-title = El servicio no está disponible
error-unavailable-body = El servicio no puede acceder a su base de datos en este momento. No se guardó nada. Vuelva a intentarlo en unos minutos.
error-internal-title = Algo salió mal
error-internal-body = El error ha quedado registrado. No se guardó nada. Vuelva a intentarlo más tarde.

## Inicio de sesión
sign-in-title = Iniciar sesión
sign-in-needed = Inicie sesión para continuar.
sign-in-email = Correo electrónico
sign-in-password = Contraseña
sign-in-button = Iniciar sesión
sign-in-register-prompt = ¿Su organización aún no tiene cuenta?
sign-in-register-link = Registrar su organización
sign-in-email-missing = Introduzca su correo electrónico
sign-in-password-missing = Introduzca su contraseña
sign-in-wrong = El correo electrónico o la contraseña no son correctos
sign-in-throttled = Demasiados intentos fallidos: espere unos minutos y vuelva a intentarlo
sign-in-notice-signed-out = Ha cerrado la sesión. Todas las sesiones de su cuenta han terminado.
sign-in-notice-password-changed = Su contraseña ha cambiado. Inicie sesión con la nueva.

## Inicio

## Cuenta
account-title = Su cuenta
account-password-heading = Cambiar su contraseña
account-password-intro = Al cambiarla se cierran todas sus sesiones, también en este navegador.
account-current = Contraseña actual
account-new = Nueva contraseña
account-new-hint = Al menos { $min } caracteres.
account-confirm = Repita la nueva contraseña
account-password-button = Cambiar la contraseña
account-language-heading = Idioma de las páginas
account-language-current = elegido
account-current-missing = Introduzca su contraseña actual
account-new-too-weak = Introduzca una nueva contraseña de al menos { $min } caracteres
account-confirm-differs = Las dos nuevas contraseñas no coinciden
account-name = Nombre
account-email = Correo electrónico
account-role = Función
role-admin = Administración
role-secretariat = Secretaría
role-trustee = Miembro de la Junta
role-finance = Finanzas
role-applicant = Solicitante de una organización
role-auditor = Auditoría
account-since = Cuenta abierta el
