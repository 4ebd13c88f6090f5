<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>Actions</name>
    <message>
        <location filename="../window/actions.py" line="+46"/>
        <source>Add files...</source>
        <translation>Añadir archivos...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add folder...</source>
        <translation>Añadir carpeta...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause the selected uploads (all if none is selected)</source>
        <translation>Pausar las subidas seleccionadas (todas si no hay ninguna seleccionada)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume the selected uploads (all if none is selected)</source>
        <translation>Reanudar las subidas seleccionadas (todas si no hay ninguna seleccionada)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel...</source>
        <translation>Cancelar...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the selected uploads (deletes their parts on the server)</source>
        <translation>Cancelar las subidas seleccionadas (borra sus partes en el servidor)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry failed</source>
        <translation>Reintentar fallidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue the failed uploads (selected, or all) again</source>
        <translation>Volver a poner en cola las subidas fallidas (las seleccionadas, o todas)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear finished</source>
        <translation>Quitar terminadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take finished uploads off the list (they stay in History)</source>
        <translation>Quitar de la lista las subidas terminadas (siguen en el historial)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause all</source>
        <translation>Pausar todas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume all</source>
        <translation>Reanudar todas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel all...</source>
        <translation>Cancelar todas...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy object URL</source>
        <translation>Copiar la URL del objeto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy key</source>
        <translation>Copiar la clave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open object URL</source>
        <translation>Abrir la URL del objeto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show local file</source>
        <translation>Mostrar el archivo local</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished uploads with their receipts</source>
        <translation>Subidas terminadas con sus comprobantes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer settings...</source>
        <translation>Ajustes de transferencia...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage profile...</source>
        <translation>Perfil de almacenamiento...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New storage profile...</source>
        <translation>Nuevo perfil de almacenamiento...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove storage profile...</source>
        <translation>Eliminar el perfil de almacenamiento...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use demo storage</source>
        <translation>Usar el almacenamiento de demostración</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Uploads</source>
        <translation>&amp;Subidas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings</source>
        <translation>A&amp;justes</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../dialogs/conflict.py" line="+16"/>
        <source>The object already exists</source>
        <translation>El objeto ya existe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 already exists.

Uploading %2 (%3) would replace it.</source>
        <translation>%1 ya existe.

Subir %2 (%3) lo reemplazaría.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do the same for the other files that already exist</source>
        <translation>Hacer lo mismo con los demás archivos que ya existen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replace</source>
        <translation>Reemplazar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both (rename)</source>
        <translation>Conservar ambos (renombrar)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip this file</source>
        <translation>Omitir este archivo</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../demo.py" line="+51"/>
        <source>Temporary in-memory demo storage on this computer: everything in it is gone when Hoist quits.</source>
        <translation>Almacenamiento de demostración temporal en la memoria de este equipo: todo su contenido desaparece al salir de Hoist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That file went to the demo storage of an earlier run, which was emptied when Hoist quit: there is no object to point at any more.</source>
        <translation>Ese archivo fue al almacenamiento de demostración de una sesión anterior, que se vació al salir de Hoist: ya no hay ningún objeto al que apuntar.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Demo storage (temporary)</source>
        <translation>Almacenamiento de demostración (temporal)</translation>
    </message>
    <message numerus="yes">
        <location line="+128"/>
        <source>The demo storage and everything in it are deleted when Hoist quits, so it/they end(s) there and will not carry on when Hoist starts again.</source>
        <translation>
            <numerusform>El almacenamiento de demostración y todo su contenido se borran al salir de Hoist, así que esta subida termina ahí y no continuará cuando Hoist vuelva a iniciarse.</numerusform>
            <numerusform>El almacenamiento de demostración y todo su contenido se borran al salir de Hoist, así que estas subidas terminan ahí y no continuarán cuando Hoist vuelva a iniciarse.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Finished parts of the others are kept and they carry on when Hoist starts again; the %n upload(s) to the demo storage end(s) there, as the demo storage and everything in it are deleted when Hoist quits.</source>
        <translation>
            <numerusform>Las partes terminadas de las demás se conservan y continúan cuando Hoist vuelva a iniciarse; la subida al almacenamiento de demostración termina ahí, porque el almacenamiento de demostración y todo su contenido se borran al salir de Hoist.</numerusform>
            <numerusform>Las partes terminadas de las demás se conservan y continúan cuando Hoist vuelva a iniciarse; las %n subidas al almacenamiento de demostración terminan ahí, porque el almacenamiento de demostración y todo su contenido se borran al salir de Hoist.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n upload(s) to the demo storage was/were cancelled: the demo storage was emptied when Hoist quit. Add the files again to upload them.</source>
        <translation>
            <numerusform>Se canceló %n subida al almacenamiento de demostración: el almacenamiento de demostración se vació al salir de Hoist. Vuelva a añadir los archivos para subirlos.</numerusform>
            <numerusform>Se cancelaron %n subidas al almacenamiento de demostración: el almacenamiento de demostración se vació al salir de Hoist. Vuelva a añadir los archivos para subirlos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DesktopSettingsPage</name>
    <message>
        <location filename="../dialogs/settings_desktop.py" line="+25"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System (%1)</source>
        <translation>Sistema (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language of the window</source>
        <translation>Idioma de la ventana</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoist speaks the chosen language from its next start.</source>
        <translation>Hoist usará el idioma elegido a partir del próximo inicio.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Window and tray</source>
        <translation>Ventana y bandeja</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closing the window keeps Hoist running in the system tray</source>
        <translation>Al cerrar la ventana, Hoist sigue funcionando en la bandeja del sistema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start minimised to the tray</source>
        <translation>Iniciar minimizado en la bandeja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start Hoist when I log in</source>
        <translation>Iniciar Hoist al iniciar sesión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login entry: %1</source>
        <translation>Entrada de inicio de sesión: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This desktop shows no system tray right now; Hoist stays in its window.</source>
        <translation>Este escritorio no muestra ahora ninguna bandeja del sistema; Hoist se queda en su ventana.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show notifications</source>
        <translation>Mostrar notificaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When a batch of uploads finishes</source>
        <translation>Cuando termine un lote de subidas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When an upload fails and needs me (credentials, bucket, changed file)</source>
        <translation>Cuando una subida falle y me necesite (credenciales, bucket, archivo modificado)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When everything is uploaded</source>
        <translation>Cuando todo esté subido</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Hoist could not change its login entry (%1): %2</source>
        <translation>Hoist no pudo cambiar su entrada de inicio de sesión (%1): %2</translation>
    </message>
</context>
<context>
    <name>DestinationBar</name>
    <message>
        <location filename="../window/destination_bar.py" line="+16"/>
        <source>No storage yet: set one up</source>
        <translation>Aún no hay almacenamiento: configure uno</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+4"/>
        <source>Upload to</source>
        <translation>Subir a</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>folder in the bucket (optional)</source>
        <translation>carpeta en el bucket (opcional)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folder in the bucket</source>
        <translation>Carpeta en el bucket</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit...</source>
        <translation>Editar...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New profile...</source>
        <translation>Nuevo perfil...</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Edit the storage profile uploads go to</source>
        <translation>Editar el perfil de almacenamiento al que van las subidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set up another storage profile</source>
        <translation>Configurar otro perfil de almacenamiento</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>upload service</source>
        <translation>servicio de subida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 chooses the bucket and key of each file</source>
        <translation>%1 elige el bucket y la clave de cada archivo</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a new destination</source>
        <translation>un destino nuevo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the upload service at %1</source>
        <translation>el servicio de subida en %1</translation>
    </message>
</context>
<context>
    <name>DropOverlay</name>
    <message>
        <location filename="../window/drop_overlay.py" line="+25"/>
        <source>Drop to upload</source>
        <translation>Suelte para subir</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../dialogs/errors.py" line="+43"/>
        <source>Hoist: unexpected error</source>
        <translation>Hoist: error inesperado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Something went wrong inside Hoist. Your uploads are safe: finished parts are kept in the journal and carry on after a restart.</source>
        <translation>Algo ha fallado dentro de Hoist. Sus subidas están a salvo: las partes terminadas se guardan en el diario y continúan tras reiniciar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The details are also in the log: %1</source>
        <translation>Los detalles también están en el registro: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy details</source>
        <translation>Copiar los detalles</translation>
    </message>
</context>
<context>
    <name>FileKinds</name>
    <message>
        <location filename="../platform/file_dialogs.py" line="+56"/>
        <source>Drive</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Special file</source>
        <translation>Archivo especial</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../models/formatting.py" line="+106"/>
        <source>%1/s</source>
        <comment>a speed: bytes per second</comment>
        <translation>%1/s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 s</source>
        <comment>a duration in seconds</comment>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n days</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 y %n más</numerusform>
            <numerusform>%1 y %n más</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FreedesktopNotifications</name>
    <message>
        <location filename="../tray/dbus_notify.py" line="+71"/>
        <source>Open Hoist</source>
        <translation>Abrir Hoist</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../dialogs/history.py" line="+54"/>
        <source>Finished</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>%Ln upload(s)</source>
        <translation>
            <numerusform>%Ln subida</numerusform>
            <numerusform>%Ln subidas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location line="+66"/>
        <source>Hoist: history</source>
        <translation>Hoist: historial</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search by file name, key or bucket</source>
        <translation>Buscar por nombre de archivo, clave o bucket</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Finished uploads</source>
        <translation>Subidas terminadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading...</source>
        <translation>Cargando...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy receipt</source>
        <translation>Copiar el comprobante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the selected uploads&apos; receipts (JSON) to the clipboard</source>
        <translation>Copiar al portapapeles los comprobantes (JSON) de las subidas seleccionadas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export CSV...</source>
        <translation>Exportar CSV...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export JSON...</source>
        <translation>Exportar JSON...</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <source>%Ln finished upload(s) (the most recent; refine the search or export for all)</source>
        <translation>
            <numerusform>%Ln subida terminada (las más recientes; afine la búsqueda o exporte para tenerlas todas)</numerusform>
            <numerusform>%Ln subidas terminadas (las más recientes; afine la búsqueda o exporte para tenerlas todas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln finished upload(s)</source>
        <translation>
            <numerusform>%Ln subida terminada</numerusform>
            <numerusform>%Ln subidas terminadas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select the uploads whose receipts you want to copy.</source>
        <translation>Seleccione las subidas cuyos comprobantes quiera copiar.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln receipt(s) copied to the clipboard (JSON).</source>
        <translation>
            <numerusform>Comprobante copiado al portapapeles (JSON).</numerusform>
            <numerusform>%Ln comprobantes copiados al portapapeles (JSON).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export history</source>
        <translation>Exportar el historial</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting to %1...</source>
        <translation>Exportando a %1...</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an input/output error</source>
        <translation>un error de entrada/salida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hoist could not write %1 (%2).</source>
        <translation>Hoist no pudo escribir %1 (%2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was exported. %1 Choose another place and export again.</source>
        <translation>No se exportó nada. %1 Elija otro lugar y vuelva a exportar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported %1 to %2.</source>
        <translation>Exportado a %2: %1.</translation>
    </message>
</context>
<context>
    <name>HoistGui</name>
    <message>
        <location filename="../app.py" line="+161"/>
        <source>The journal was damaged; it was moved to %1 and a new one started.</source>
        <translation>El diario estaba dañado; se movió a %1 y se empezó uno nuevo.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window/main_window.py" line="+121"/>
        <source>Upload queue</source>
        <translation>Cola de subidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batches and their files; the menu key or Shift+F10 opens the actions for the selected uploads</source>
        <translation>Lotes y sus archivos; la tecla de menú o Mayús+F10 abre las acciones de las subidas seleccionadas</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Starting...</source>
        <translation>Iniciando...</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Choose where uploads go first: create a storage profile (or try the demo).</source>
        <translation>Elija primero adónde van las subidas: cree un perfil de almacenamiento (o pruebe la demostración).</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The secret key for the profile &apos;%1&apos; is not available (it was kept for the last session only, or the keyring was cleared). Enter it again in the profile, then add the files again.</source>
        <translation>La clave secreta del perfil «%1» no está disponible (se guardó solo para la última sesión, o se vació el llavero). Vuelva a introducirla en el perfil y después vuelva a añadir los archivos.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>Nothing was added: %1</source>
        <translation>No se añadió nada: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoist ran into an unexpected error (details shown).</source>
        <translation>Hoist tuvo un error inesperado (se muestran los detalles).</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Adding %Ln item(s)...</source>
        <translation>
            <numerusform>Añadiendo %Ln elemento...</numerusform>
            <numerusform>Añadiendo %Ln elementos...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>... and %Ln more (listed in the log)</source>
        <translation>
            <numerusform>... y %Ln más (en el registro)</numerusform>
            <numerusform>... y %Ln más (en el registro)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln item(s) not added</source>
        <translation>
            <numerusform>%Ln elemento no se añadió</numerusform>
            <numerusform>%Ln elementos no se añadieron</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln other(s) uploading</source>
        <translation>
            <numerusform>%Ln otro se está subiendo</numerusform>
            <numerusform>%Ln otros se están subiendo</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Remove storage profile</source>
        <translation>Eliminar el perfil de almacenamiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the profile &apos;%1&apos; and its stored secret? Files already in the bucket stay.</source>
        <translation>¿Eliminar el perfil «%1» y su secreto guardado? Los archivos que ya están en el bucket se quedan.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The secret is kept for this session only (no OS keyring); enter it again next time.</source>
        <translation>El secreto se conserva solo durante esta sesión (no hay llavero del sistema); introdúzcalo de nuevo la próxima vez.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Starting the demo storage...</source>
        <translation>Iniciando el almacenamiento de demostración...</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Demo storage ready: drop a file to upload it.</source>
        <translation>Almacenamiento de demostración listo: suelte un archivo para subirlo.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Add files to upload</source>
        <translation>Añadir archivos para subir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a folder to upload</source>
        <translation>Añadir una carpeta para subir</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancel uploads</source>
        <translation>Cancelar subidas</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Cancel these %Ln upload(s)? The parts already sent are deleted from the server; this cannot be undone.</source>
        <translation>
            <numerusform>¿Cancelar esta subida? Las partes ya enviadas se borran del servidor; no se puede deshacer.</numerusform>
            <numerusform>¿Cancelar estas %Ln subidas? Las partes ya enviadas se borran del servidor; no se puede deshacer.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel all uploads</source>
        <translation>Cancelar todas las subidas</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Cancel all %Ln unfinished upload(s)? The parts already sent are deleted from the server.</source>
        <translation>
            <numerusform>¿Cancelar la subida sin terminar? Las partes ya enviadas se borran del servidor.</numerusform>
            <numerusform>¿Cancelar las %Ln subidas sin terminar? Las partes ya enviadas se borran del servidor.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Object URL copied.</source>
        <translation>URL del objeto copiada.</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%Ln key(s) copied.</source>
        <translation>
            <numerusform>Clave copiada.</numerusform>
            <numerusform>%Ln claves copiadas.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No file manager opened the folder: none is set up on this computer. The file is %1</source>
        <translation>Ningún gestor de archivos abrió la carpeta: no hay ninguno configurado en este equipo. El archivo es %1</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>No storage set up yet: try the demo storage or connect your own to start uploading.</source>
        <translation>Aún no hay almacenamiento configurado: pruebe el almacenamiento de demostración o conecte el suyo para empezar a subir.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Drop files or folders here</source>
        <translation>Suelte aquí archivos o carpetas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>or use Add files / Add folder. They go to the destination shown above.</source>
        <translation>o use «Añadir archivos» / «Añadir carpeta». Van al destino indicado arriba.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Skipped %1: the object already exists.</source>
        <translation>Se omitió %1: el objeto ya existe.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Drop to upload to %1</source>
        <translation>Suelte para subir a %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Finished parts are kept; they carry on when Hoist starts again.</source>
        <translation>Las partes terminadas se conservan; continúan cuando Hoist vuelva a iniciarse.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit Hoist?</source>
        <translation>¿Salir de Hoist?</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n upload(s) not finished. Quit anyway?</source>
        <translation>
            <numerusform>%n subida no ha terminado. ¿Salir de todos modos?</numerusform>
            <numerusform>%n subidas no han terminado. ¿Salir de todos modos?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../models/messages.py" line="+36"/>
        <source>Press Retry failed to try again; if it fails the same way, check the profile.</source>
        <translation>Pulse «Reintentar fallidas» para volver a intentarlo; si falla de la misma manera, revise el perfil.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>connection refused (nothing is listening at that address and port)</source>
        <translation>conexión rechazada (nada escucha en esa dirección y puerto)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the host name does not resolve (check its spelling, or the network&apos;s DNS)</source>
        <translation>el nombre de host no se resuelve (revise cómo está escrito, o el DNS de la red)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the network is unreachable (offline?)</source>
        <translation>la red no es accesible (¿sin conexión?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no route to the host</source>
        <translation>no hay ruta hasta el host</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the connection timed out</source>
        <translation>se agotó el tiempo de la conexión</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Hoist may not read %1 (permission denied). Give your account read access to it, or choose another file.</source>
        <translation>Hoist no tiene permiso para leer %1 (permiso denegado). Dé a su cuenta acceso de lectura o elija otro archivo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hoist may not read the file (permission denied). Give your account read access to it, or choose another file.</source>
        <translation>Hoist no tiene permiso para leer el archivo (permiso denegado). Dé a su cuenta acceso de lectura o elija otro archivo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 does not exist any more. Add it again from where it is now.</source>
        <translation>%1 ya no existe. Vuelva a añadirlo desde donde esté ahora.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file does not exist any more. Add it again from where it is now.</source>
        <translation>El archivo ya no existe. Vuelva a añadirlo desde donde esté ahora.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an input/output error</source>
        <translation>un error de entrada/salida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot be read (%2). Check the file and its disk, then add it again.</source>
        <translation>No se puede leer %1 (%2). Revise el archivo y su disco y vuelva a añadirlo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A file cannot be read (%1). Check the file and its disk, then add it again.</source>
        <translation>No se puede leer un archivo (%1). Revise el archivo y su disco y vuelva a añadirlo.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The secret key of the storage profile &apos;%1&apos; is not stored on this computer (no keyring kept it). Enter it in the profile (open the profile with Edit... next to &apos;Upload to&apos;) and save: the uploads waiting for it start again by themselves.</source>
        <translation>La clave secreta del perfil de almacenamiento «%1» no está guardada en este equipo (ningún llavero la conservó). Introdúzcala en el perfil (abra el perfil con «Editar...» junto a «Subir a») y guarde: las subidas que la esperan vuelven a empezar solas.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>%1 changed while it was uploading (size or modification time). Nothing mixing old and new bytes was stored; press Retry failed once the file is final.</source>
        <translation>%1 cambió mientras se subía (tamaño o fecha de modificación). No se guardó nada que mezcle bytes antiguos y nuevos; pulse «Reintentar fallidas» cuando el archivo sea definitivo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 changed while it was uploading.</source>
        <translation>%1 cambió mientras se subía.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 no longer exists; it was deleted or moved after it was queued.</source>
        <translation>%1 ya no existe; se borró o se movió después de ponerlo en cola.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot be read: %2.</source>
        <translation>No se puede leer %1: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server lost the multipart upload %1 times while its parts were being sent (it may be removing unfinished uploads early). Check the bucket&apos;s lifecycle rules, then press Retry failed.</source>
        <translation>El servidor perdió la subida multiparte %1 veces mientras se enviaban sus partes (quizá elimina antes de tiempo las subidas sin terminar). Revise las reglas de ciclo de vida del bucket y pulse «Reintentar fallidas».</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server lost the multipart upload %1 times (it may be removing unfinished uploads early). Check the bucket&apos;s lifecycle rules, then press Retry failed.</source>
        <translation>El servidor perdió la subida multiparte %1 veces (quizá elimina antes de tiempo las subidas sin terminar). Revise las reglas de ciclo de vida del bucket y pulse «Reintentar fallidas».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This file was queued for %1, but the profile &apos;%2&apos; has been changed since (%3 now), so it was not sent. To upload it with the profile as it is now, cancel it and add the file again.</source>
        <translation>Este archivo se puso en cola para %1, pero el perfil &apos;%2&apos; ha cambiado desde entonces (ahora %3), así que no se envió. Para subirlo con el perfil tal como está ahora, cancélelo y vuelva a añadir el archivo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 was not sent to %2: Hoist did not queue it on this account (its entry was copied, changed, or made by an older version of Hoist). If you meant to upload it, add it again.</source>
        <translation>%1 no se envió a %2: Hoist no lo puso en cola en esta cuenta (su entrada se copió, se modificó o la creó una versión anterior de Hoist). Si quería subirlo, vuelva a añadirlo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server answered HTTP %1.</source>
        <translation>El servidor respondió HTTP %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server&apos;s TLS certificate is not trusted (%1). If this is your own server, add its CA certificate to the system&apos;s trust store. Turning verification off (the profile&apos;s &apos;Verify TLS&apos; setting) lets anyone on the network path read or alter the upload.</source>
        <translation>El certificado TLS del servidor no es de confianza (%1). Si es su propio servidor, añada su certificado de CA al almacén de confianza del sistema. Desactivar la verificación (el ajuste «Verificar el certificado TLS» del perfil) permite a cualquiera en el camino de red leer o alterar la subida.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The demo storage was emptied when Hoist quit, and this upload with it. Add the file again to upload it.</source>
        <translation>El almacenamiento de demostración se vació al salir de Hoist, y esta subida con él. Vuelva a añadir el archivo para subirlo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A part size of %1 is below S3&apos;s minimum of %2 per part.</source>
        <translation>Un tamaño de parte de %1 está por debajo del mínimo de S3 de %2 por parte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A part size of %1 is above S3&apos;s maximum of %2 per part.</source>
        <translation>Un tamaño de parte de %1 está por encima del máximo de S3 de %2 por parte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; is not a size; use e.g. 16 MiB, 64M or 1 GiB.</source>
        <translation>«%1» no es un tamaño; use p. ej. 16 MiB, 64M o 1 GiB.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Cannot reach %1: %2. Check the profile&apos;s endpoint URL and your network; Hoist keeps trying while the window is open.</source>
        <translation>No se puede conectar con %1: %2. Revise la URL del endpoint del perfil y su red; Hoist sigue intentándolo mientras la ventana esté abierta.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The bucket does not exist at %1. Check the bucket name and the endpoint: open the profile with Edit... next to &apos;Upload to&apos;, then press Retry failed.</source>
        <translation>El bucket no existe en %1. Revise el nombre del bucket y el endpoint: abra el perfil con «Editar...» junto a «Subir a» y después pulse «Reintentar fallidas».</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The bucket &apos;%1&apos; does not exist at %2. Check the bucket name and the endpoint: open the profile with Edit... next to &apos;Upload to&apos;, then press Retry failed.</source>
        <translation>El bucket «%1» no existe en %2. Revise el nombre del bucket y el endpoint: abra el perfil con «Editar...» junto a «Subir a» y después pulse «Reintentar fallidas».</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The access key is not known to %1. Check the access key and secret key: open the profile with Edit... next to &apos;Upload to&apos;, correct them and save; the uploads that failed for this start again.</source>
        <translation>%1 no conoce la clave de acceso. Revise la clave de acceso y la clave secreta: abra el perfil con «Editar...» junto a «Subir a», corríjalas y guarde; las subidas que fallaron por esto vuelven a empezar.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The secret key does not match the access key for %1. Check the access key and secret key: open the profile with Edit... next to &apos;Upload to&apos;, correct them and save; the uploads that failed for this start again.</source>
        <translation>La clave secreta no corresponde a la clave de acceso para %1. Revise la clave de acceso y la clave secreta: abra el perfil con «Editar...» junto a «Subir a», corríjalas y guarde; las subidas que fallaron por esto vuelven a empezar.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Access to the bucket was denied at %1. The credentials lack permission to write there: use keys that may (open the profile with Edit... next to &apos;Upload to&apos;), or ask the bucket&apos;s owner, then press Retry failed.</source>
        <translation>%1 denegó el acceso al bucket. Las credenciales no tienen permiso para escribir ahí: use claves que lo tengan (abra el perfil con «Editar...» junto a «Subir a») o pregunte al propietario del bucket, y después pulse «Reintentar fallidas».</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Access to bucket &apos;%1&apos; was denied at %2. The credentials lack permission to write there: use keys that may (open the profile with Edit... next to &apos;Upload to&apos;), or ask the bucket&apos;s owner, then press Retry failed.</source>
        <translation>%2 denegó el acceso al bucket «%1». Las credenciales no tienen permiso para escribir ahí: use claves que lo tengan (abra el perfil con «Editar...» junto a «Subir a») o pregunte al propietario del bucket, y después pulse «Reintentar fallidas».</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server refused a part as too small (S3 needs 5 MiB per part except the last). Set a part size of at least 5 MiB in Settings, then press Retry failed.</source>
        <translation>El servidor rechazó una parte por ser demasiado pequeña (S3 necesita 5 MiB por parte, salvo la última). Establezca en Ajustes un tamaño de parte de al menos 5 MiB y después pulse «Reintentar fallidas».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server refused a part or object as too large.</source>
        <translation>El servidor rechazó una parte o un objeto por ser demasiado grande.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is not a valid bucket name.</source>
        <translation>«%1» no es un nombre de bucket válido.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The object key is too long for the server (1,024 bytes at most).</source>
        <translation>La clave del objeto es demasiado larga para el servidor (1024 bytes como máximo).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server does not support this request: %1.</source>
        <translation>El servidor no admite esta solicitud: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server needs a Content-Length on every PUT: %1.</source>
        <translation>El servidor necesita un Content-Length en cada PUT: %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bucket &apos;%1&apos; is in another region; set the region to the bucket&apos;s region (open the profile with Edit... next to &apos;Upload to&apos;), then press Retry failed.</source>
        <translation>El bucket «%1» está en otra región; establezca la región del bucket (abra el perfil con «Editar...» junto a «Subir a») y después pulse «Reintentar fallidas».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The region is wrong for bucket &apos;%1&apos;: %2.</source>
        <translation>La región no es correcta para el bucket «%1»: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer&apos;s clock differs from %1&apos;s by more than 15 minutes, so the server refuses every signed request. Set the clock right (turn on automatic date and time), then press Retry failed.</source>
        <translation>El reloj de este equipo difiere del de %1 en más de 15 minutos, así que el servidor rechaza todas las solicitudes firmadas. Ponga el reloj en hora (active la fecha y hora automáticas) y después pulse «Reintentar fallidas».</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server answered with an error (%1).</source>
        <translation>El servidor respondió con un error (%1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the upload: %1.</source>
        <translation>El servidor rechazó la subida: %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot reach %1: %2. Check the endpoint URL and your network.</source>
        <translation>No se puede conectar con %1: %2. Revise la URL del endpoint y su red.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot reach %1: %2.</source>
        <translation>No se puede conectar con %1: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bucket &apos;%1&apos; does not exist at %2. Check the bucket name and the endpoint in the profile.</source>
        <translation>El bucket «%1» no existe en %2. Revise el nombre del bucket y el endpoint en el perfil.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The access key is not known to %1. Check the access key and the secret key.</source>
        <translation>%1 no conoce la clave de acceso. Revise la clave de acceso y la clave secreta.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The secret key does not match the access key for %1. Check the access key and the secret key.</source>
        <translation>La clave secreta no corresponde a la clave de acceso para %1. Revise la clave de acceso y la clave secreta.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Access to bucket &apos;%1&apos; was denied at %2. The credentials lack permission to write there.</source>
        <translation>%2 denegó el acceso al bucket «%1». Las credenciales no tienen permiso para escribir ahí.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The bucket &apos;%1&apos; is in another region; set the profile&apos;s region to the bucket&apos;s region.</source>
        <translation>El bucket «%1» está en otra región; establezca en el perfil la región del bucket.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This computer&apos;s clock differs from %1&apos;s by more than 15 minutes, so the server refuses every signed request. Set the clock right (turn on automatic date and time), then test again.</source>
        <translation>El reloj de este equipo difiere del de %1 en más de 15 minutos, así que el servidor rechaza todas las solicitudes firmadas. Ponga el reloj en hora (active la fecha y hora automáticas) y vuelva a probar.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server refused: %1.</source>
        <translation>El servidor lo rechazó: %1.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Hoist ran into a problem of its own and stopped this upload. Press Retry failed to try again; if it happens again, the details are in Hoist&apos;s log.</source>
        <translation>Hoist tuvo un problema propio y detuvo esta subida. Pulse «Reintentar fallidas» para volver a intentarlo; si vuelve a ocurrir, los detalles están en el registro de Hoist.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 exists; uploading as %2.</source>
        <translation>%1 ya existe; se sube como %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 was already complete on the server.</source>
        <translation>%1 ya estaba completo en el servidor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 changed since it was queued; uploading it again from the start.</source>
        <translation>%1 cambió desde que se puso en cola; se vuelve a subir desde el principio.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server lost the unfinished upload of %1; uploading it again from the start.</source>
        <translation>El servidor perdió la subida sin terminar de %1; se vuelve a subir desde el principio.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1: the server lacks %n part(s) the journal had; sending them again.</source>
        <translation>
            <numerusform>%1: al servidor le falta %n parte que tenía el diario; se vuelve a enviar.</numerusform>
            <numerusform>%1: al servidor le faltan %n partes que tenía el diario; se vuelven a enviar.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skipped %1: %2</source>
        <translation>Se omitió %1: %2</translation>
    </message>
</context>
<context>
    <name>Notes</name>
    <message>
        <location filename="../tray/integration.py" line="+72"/>
        <location filename="../tray/notifications.py" line="+266"/>
        <source>batch %1</source>
        <translation>lote %1</translation>
    </message>
    <message>
        <location line="+58"/>
        <location filename="../tray/notifications.py" line="-1"/>
        <source>upload %1</source>
        <translation>subida %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../tray/notifications.py" line="-187"/>
        <source>%Ln item(s) not added (see the batch in the window)</source>
        <translation>
            <numerusform>%Ln elemento no añadido (vea el lote en la ventana)</numerusform>
            <numerusform>%Ln elementos no añadidos (vea el lote en la ventana)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln file(s) uploaded</source>
        <translation>
            <numerusform>%Ln archivo subido</numerusform>
            <numerusform>%Ln archivos subidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln skipped (already on the server)</source>
        <translation>
            <numerusform>%Ln omitido (ya está en el servidor)</numerusform>
            <numerusform>%Ln omitidos (ya están en el servidor)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln cancelado</numerusform>
            <numerusform>%Ln cancelados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln fallido</numerusform>
            <numerusform>%Ln fallidos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Upload failed: %1</source>
        <translation>Subida fallida: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln upload(s) need your attention</source>
        <translation>
            <numerusform>%Ln subida necesita su atención</numerusform>
            <numerusform>%Ln subidas necesitan su atención</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>(and %Ln more file(s))</source>
        <translation>
            <numerusform>(y %Ln archivo más)</numerusform>
            <numerusform>(y %Ln archivos más)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything else is finished.</source>
        <translation>Todo lo demás está terminado.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln batch(es) finished.</source>
        <translation>
            <numerusform>%Ln lote terminado.</numerusform>
            <numerusform>%Ln lotes terminados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln batch(es): </source>
        <translation>
            <numerusform>%Ln lote: </numerusform>
            <numerusform>%Ln lotes: </numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All uploads finished</source>
        <translation>Todas las subidas terminaron</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Upload finished: %1</source>
        <translation>Subida terminada: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%Ln batch(es) finished</source>
        <translation>
            <numerusform>%Ln lote terminado</numerusform>
            <numerusform>%Ln lotes terminados</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartLegend</name>
    <message>
        <location filename="../window/parts_view.py" line="+343"/>
        <source>Legend</source>
        <translation>Leyenda</translation>
    </message>
</context>
<context>
    <name>PartMap</name>
    <message>
        <location line="-210"/>
        <source>Part map</source>
        <translation>Mapa de partes</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Select a file to see its parts</source>
        <translation>Seleccione un archivo para ver sus partes</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Part %1: %2</source>
        <translation>Parte %1: %2</translation>
    </message>
</context>
<context>
    <name>Parts</name>
    <message>
        <location line="-166"/>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sending</source>
        <translation>enviándose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>enviada</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>will retry</source>
        <translation>se reintentará</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not sent</source>
        <translation>sin enviar</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%Ln done</source>
        <translation>
            <numerusform>%Ln enviada</numerusform>
            <numerusform>%Ln enviadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln sending</source>
        <translation>
            <numerusform>%Ln enviándose</numerusform>
            <numerusform>%Ln enviándose</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln waiting</source>
        <translation>
            <numerusform>%Ln en espera</numerusform>
            <numerusform>%Ln en espera</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln will retry</source>
        <translation>
            <numerusform>%Ln se reintentará</numerusform>
            <numerusform>%Ln se reintentarán</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln not sent</source>
        <translation>
            <numerusform>%Ln sin enviar</numerusform>
            <numerusform>%Ln sin enviar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln cancelada</numerusform>
            <numerusform>%Ln canceladas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No file selected.</source>
        <translation>Ningún archivo seleccionado.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln part(s): %1</source>
        <translation>
            <numerusform>%Ln parte: %1</numerusform>
            <numerusform>%Ln partes: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+133"/>
        <source>Part</source>
        <translation>Parte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Byte range</source>
        <translation>Rango de bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retries</source>
        <translation>Reintentos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speed</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>sending %1%</source>
        <translation>enviando %1 %</translation>
    </message>
</context>
<context>
    <name>PartsPanel</name>
    <message>
        <location line="+84"/>
        <source>Parts</source>
        <translation>Partes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Parts of the selected file</source>
        <translation>Partes del archivo seleccionado</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Parts: select a file in the queue</source>
        <translation>Partes: seleccione un archivo en la cola</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parts of %1: cancelled; the parts already sent were deleted from the server.</source>
        <translation>Partes de %1: cancelada; las partes ya enviadas se borraron del servidor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parts of %1: %2 of %3 done, %4 in flight</source>
        <translation>Partes de %1: %2 de %3 enviadas, %4 en curso</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n retries</source>
        <translation>
            <numerusform>%n reintento</numerusform>
            <numerusform>%n reintentos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../dialogs/profile.py" line="+55"/>
        <source>Storage account (access keys)</source>
        <translation>Cuenta de almacenamiento (claves de acceso)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload service (presigned URLs)</source>
        <translation>Servicio de subida (URL prefirmadas)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access key, secret kept in the OS keyring</source>
        <translation>Clave de acceso, secreto guardado en el llavero del sistema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An AWS profile from ~/.aws</source>
        <translation>Un perfil de AWS de ~/.aws</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Environment (AWS_ACCESS_KEY_ID, ...) or the default AWS chain</source>
        <translation>Entorno (AWS_ACCESS_KEY_ID, ...) o la cadena predeterminada de AWS</translation>
    </message>
    <message>
        <location line="+62"/>
        <location line="+190"/>
        <source>Storage profile</source>
        <translation>Perfil de almacenamiento</translation>
    </message>
    <message>
        <location line="-188"/>
        <source>Storage profile: %1</source>
        <translation>Perfil de almacenamiento: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>e.g. https://uploads.example.org (Uppy Companion or Hoist Server)</source>
        <translation>p. ej. https://uploads.example.org (Uppy Companion o Hoist Server)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+34"/>
        <source>stored; type a new one to replace it</source>
        <translation>guardado; escriba uno nuevo para reemplazarlo</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>blank = Authorization: Bearer; or e.g. X-Api-Key</source>
        <translation>vacío = Authorization: Bearer; o p. ej. X-Api-Key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service holds the storage keys and chooses the bucket and key of each file, so the &apos;when an object exists&apos; policy does not apply. The token is kept in the OS keyring.</source>
        <translation>El servicio guarda las claves del almacenamiento y elige el bucket y la clave de cada archivo, así que la regla «Si el objeto existe» no se aplica. El token se guarda en el llavero del sistema.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. Work backups</source>
        <translation>p. ej. Copias del trabajo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blank = AWS S3; e.g. https://s3.example.com</source>
        <translation>vacío = AWS S3; p. ej. https://s3.example.com</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>optional folder inside the bucket, e.g. photos/2026</source>
        <translation>carpeta opcional dentro del bucket, p. ej. fotos/2026</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path-style addressing (MinIO, Ceph, moto, most self-hosted servers)</source>
        <translation>Direccionamiento por ruta (MinIO, Ceph, moto, la mayoría de los servidores propios)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verify the server&apos;s TLS certificate (leave on)</source>
        <translation>Verificar el certificado TLS del servidor (déjelo activado)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>secret access key</source>
        <translation>clave de acceso secreta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the secret for this session only (not saved)</source>
        <translation>Conservar el secreto solo durante esta sesión (no se guarda)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secret is stored in the OS keyring (%1).</source>
        <translation>El secreto se guarda en el llavero del sistema (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No OS keyring is available on this system, so the secret cannot be saved. It will be kept in memory for this session only; enter it again next time.</source>
        <translation>No hay ningún llavero disponible en este sistema, así que el secreto no se puede guardar. Se conservará en memoria solo durante esta sesión; introdúzcalo de nuevo la próxima vez.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Access key ID</source>
        <translation>ID de la clave de acceso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret access key</source>
        <translation>Clave de acceso secreta</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>AWS profile</source>
        <translation>Perfil de AWS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the default profile in ~/.aws, as the AWS command line finds them.</source>
        <translation>Las credenciales salen de AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, o del perfil predeterminado de ~/.aws, tal como las encuentra la línea de comandos de AWS.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>none; e.g. owner=ana, project=q4</source>
        <translation>ninguno; p. ej. owner=ana, project=q4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User metadata stored with every object (x-amz-meta-NAME): NAME=VALUE pairs separated by commas; printable ASCII, 2 KB in all.</source>
        <translation>Metadatos de usuario guardados con cada objeto (x-amz-meta-NOMBRE): pares NOMBRE=VALOR separados por comas; ASCII imprimible, 2 KB en total.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detect each file&apos;s content type from its name</source>
        <translation>Detectar el tipo de contenido de cada archivo por su nombre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check each part&apos;s ETag against its MD5 (leave on)</source>
        <translation>Comprobar el ETag de cada parte con su MD5 (déjelo activado)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catches a part corrupted on the way. Turn off only for storage whose ETag is not the MD5 of the bytes (SSE-KMS, some gateways).</source>
        <translation>Detecta una parte dañada por el camino. Desactívelo solo para almacenamientos cuyo ETag no sea el MD5 de los bytes (SSE-KMS, algunas pasarelas).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload service</source>
        <translation>Servicio de subida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service URL</source>
        <translation>URL del servicio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token header</source>
        <translation>Cabecera del token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Endpoint URL</source>
        <translation>URL del endpoint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>Región</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key prefix</source>
        <translation>Prefijo de clave</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Credentials</source>
        <translation>Credenciales</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Objects</source>
        <translation>Objetos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Storage class</source>
        <translation>Clase de almacenamiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server-side encryption</source>
        <translation>Cifrado en el servidor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata</source>
        <translation>Metadatos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test connection</source>
        <translation>Probar la conexión</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Metadata: %1</source>
        <translation>Metadatos: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Storage class: &apos;%1&apos; is not a valid name (e.g. STANDARD_IA).</source>
        <translation>Clase de almacenamiento: «%1» no es un nombre válido (p. ej. STANDARD_IA).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the profile a name.</source>
        <translation>Dé un nombre al perfil.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is already a profile named &apos;%1&apos;.</source>
        <translation>Ya hay un perfil llamado «%1».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Token header: &apos;%1&apos; is not a header name (e.g. X-Api-Key).</source>
        <translation>Cabecera del token: «%1» no es un nombre de cabecera (p. ej. X-Api-Key).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the bucket name.</source>
        <translation>Introduzca el nombre del bucket.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The endpoint URL must look like https://s3.example.com (or be blank for AWS).</source>
        <translation>La URL del endpoint debe ser como https://s3.example.com (o quedar vacía para AWS).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the access key ID.</source>
        <translation>Introduzca el ID de la clave de acceso.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the secret access key again: the stored one is for the former endpoint or access key ID, and Hoist does not hand it to another.</source>
        <translation>Vuelva a introducir la clave de acceso secreta: la guardada es del endpoint o del ID de clave de acceso anterior, y Hoist no se la da a otro.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the secret access key.</source>
        <translation>Introduzca la clave de acceso secreta.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The service URL has an invalid port: &apos;%1&apos;</source>
        <translation>La URL del servicio tiene un puerto no válido: «%1»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service URL must not carry a query or fragment: &apos;%1&apos;</source>
        <translation>La URL del servicio no debe llevar consulta ni fragmento: «%1»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service URL must be the http(s) URL of an upload service, like https://uploads.example.org, not &apos;%1&apos;</source>
        <translation>La URL del servicio debe ser la URL http(s) de un servicio de subida, como https://uploads.example.org, no «%1»</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter the bucket name first.</source>
        <translation>Introduzca primero el nombre del bucket.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Testing...</source>
        <translation>Probando...</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <location line="-398"/>
        <source>Connected: the upload service answers and accepts the token; %1.</source>
        <translation>Conectado: el servicio de subida responde y acepta el token; %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected: the upload service answers; %1.</source>
        <translation>Conectado: el servicio de subida responde; %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter the access key ID and the secret access key first.</source>
        <translation>Introduzca primero el ID de la clave de acceso y la clave de acceso secreta.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot connect to %1: %2</source>
        <translation>No se puede conectar con %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected: the bucket &apos;%1&apos; at %2 accepts these credentials.</source>
        <translation>Conectado: el bucket «%1» en %2 acepta estas credenciales.</translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <location filename="../models/queue_model.py" line="+60"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination key</source>
        <translation>Clave de destino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speed</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time left</source>
        <translation>Tiempo restante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>%1 uploaded</source>
        <translation>%1 subido</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>failed: %1</source>
        <translation>fallida: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled: %1</source>
        <translation>cancelada: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 does not answer; Hoist keeps trying</source>
        <translation>%1: %2 no responde; Hoist sigue intentándolo</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>uploading (%n retries)</source>
        <translation>
            <numerusform>subiendo (%n reintento)</numerusform>
            <numerusform>subiendo (%n reintentos)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 (profile &apos;%2&apos;)</source>
        <translation>%1 (perfil «%2»)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server %1 does not answer. Hoist keeps trying for as long as Settings &gt; Wait when offline says, then marks the file failed; check the network or the server.</source>
        <translation>El servidor %1 no responde. Hoist sigue intentándolo durante el tiempo que indique Ajustes &gt; Esperar sin conexión y después marca el archivo como fallido; revise la red o el servidor.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled: the parts already sent were deleted from the server.</source>
        <translation>Cancelada: las partes ya enviadas se borraron del servidor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 stored on the server</source>
        <translation>%1 de %2 guardados en el servidor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, %2 on the way</source>
        <translation>%1, %2 en camino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1; parts %2/%3, %4 in flight</source>
        <translation>%1; partes %2/%3, %4 en curso</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <location line="+23"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln archivo</numerusform>
            <numerusform>%Ln archivos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-4"/>
        <source>%Ln not added</source>
        <translation>
            <numerusform>%Ln no añadido</numerusform>
            <numerusform>%Ln no añadidos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 on the server; %3 cancelled (%4 not uploaded)</source>
        <translation>%1 de %2 en el servidor; %3 cancelados (%4 sin subir)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Profile &apos;%1&apos;, bucket %2</source>
        <translation>Perfil «%1», bucket %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile &apos;%1&apos;</source>
        <translation>Perfil «%1»</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not added:</source>
        <translation>No añadidos:</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>... and %Ln more</source>
        <translation>
            <numerusform>... y %Ln más</numerusform>
            <numerusform>... y %Ln más</numerusform>
        </translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Batch %1</source>
        <translation>Lote %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../dialogs/settings.py" line="+34"/>
        <source>Automatic (16 MiB, larger for big files)</source>
        <translation>Automático (16 MiB, más para archivos grandes)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ask me</source>
        <translation>Preguntarme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the object</source>
        <translation>Reemplazar el objeto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip the file</source>
        <translation>Omitir el archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both (upload as &apos;name (1)&apos;)</source>
        <translation>Conservar ambos (subir como «nombre (1)»)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Transfer settings</source>
        <translation>Ajustes de transferencia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>unlimited; e.g. 10 MiB (per second)</source>
        <translation>sin límite; p. ej. 10 MiB (por segundo)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>min</source>
        <comment>minutes</comment>
        <translation>min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>While the server cannot be reached at all, uploads wait this long for it before they fail; retries are not used up meanwhile.</source>
        <translation>Mientras no se pueda conectar en absoluto con el servidor, las subidas lo esperan este tiempo antes de fallar; entretanto no se gastan reintentos.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Parts in flight, the bandwidth limit and the offline wait apply at once; part size, retries and the if-exists choice to files added from now on.</source>
        <translation>Las partes simultáneas, el límite de ancho de banda y la espera sin conexión se aplican de inmediato; el tamaño de parte, los reintentos y la opción «Si el objeto existe», a los archivos que se añadan a partir de ahora.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parts in flight</source>
        <translation>Partes simultáneas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part size</source>
        <translation>Tamaño de parte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bandwidth limit</source>
        <translation>Límite de ancho de banda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retries per part</source>
        <translation>Reintentos por parte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait when offline</source>
        <translation>Esperar sin conexión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If the object exists</source>
        <translation>Si el objeto existe</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Settings pages</source>
        <translation>Páginas de ajustes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfers</source>
        <translation>Transferencias</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Desktop</source>
        <translation>Escritorio</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Part size: %1</source>
        <translation>Tamaño de parte: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unlimited</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bandwidth limit: %1</source>
        <translation>Límite de ancho de banda: %1</translation>
    </message>
</context>
<context>
    <name>State</name>
    <message>
        <location filename="../models/formatting.py" line="-117"/>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>uploading</source>
        <translation>subiendo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verifying</source>
        <translation>verificando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>completada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>omitida</translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n en cola</numerusform>
            <numerusform>%n en cola</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n uploading</source>
        <translation>
            <numerusform>%n subiendo</numerusform>
            <numerusform>%n subiendo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n verifying</source>
        <translation>
            <numerusform>%n verificando</numerusform>
            <numerusform>%n verificando</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n done</source>
        <translation>
            <numerusform>%n completada</numerusform>
            <numerusform>%n completadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fallida</numerusform>
            <numerusform>%n fallidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n paused</source>
        <translation>
            <numerusform>%n en pausa</numerusform>
            <numerusform>%n en pausa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n cancelada</numerusform>
            <numerusform>%n canceladas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n skipped</source>
        <translation>
            <numerusform>%n omitida</numerusform>
            <numerusform>%n omitidas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../window/status_summary.py" line="+40"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 left</source>
        <comment>time left</comment>
        <translation>quedan %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing queued. Drop files to upload them.</source>
        <translation>No hay nada en cola. Suelte archivos para subirlos.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Offline: cannot reach %1, retrying</source>
        <translation>Sin conexión: no se puede conectar con %1, reintentando</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline: cannot reach the server, retrying</source>
        <translation>Sin conexión: no se puede conectar con el servidor, reintentando</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fallida</numerusform>
            <numerusform>%n fallidas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../tray/state.py" line="+112"/>
        <source>less than a minute</source>
        <translation>menos de un minuto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>less than a minute left</source>
        <translation>queda menos de un minuto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>about %1 left</source>
        <translation>quedan unos %1</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n uploading</source>
        <translation>
            <numerusform>%n subiendo</numerusform>
            <numerusform>%n subiendo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n paused</source>
        <translation>
            <numerusform>%n en pausa</numerusform>
            <numerusform>%n en pausa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fallida</numerusform>
            <numerusform>%n fallidas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing to upload</source>
        <translation>nada que subir</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>all uploads done</source>
        <translation>todas las subidas completadas</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 - waiting</source>
        <translation>%1 - en espera</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>and %n more</source>
        <translation>
            <numerusform>y %n más</numerusform>
            <numerusform>y %n más</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../tray/controller.py" line="+175"/>
        <source>Hide Hoist</source>
        <translation>Ocultar Hoist</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show Hoist</source>
        <translation>Mostrar Hoist</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Pause all</source>
        <translation>Pausar todas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resume all</source>
        <translation>Reanudar todas</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Open failed uploads (%n)</source>
        <translation>
            <numerusform>Abrir las subidas fallidas (%n)</numerusform>
            <numerusform>Abrir las subidas fallidas (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings...</source>
        <translation>Ajustes...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit Hoist</source>
        <translation>Salir de Hoist</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Quit Hoist?</source>
        <translation>¿Salir de Hoist?</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+32"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Keep uploading</source>
        <translation>Seguir subiendo</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Uploads are running</source>
        <translation>Hay subidas en curso</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep uploading in the window</source>
        <translation>Seguir subiendo en la ventana</translation>
    </message>
</context>
<context>
    <name>TrayQuestions</name>
    <message>
        <location line="-257"/>
        <source>Hoist is still running</source>
        <translation>Hoist sigue en marcha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoist keeps uploading in the background. Click its icon in the system tray to open the window again, or right-click it to quit.</source>
        <translation>Hoist sigue subiendo en segundo plano. Haga clic en su icono de la bandeja del sistema para volver a abrir la ventana, o haga clic derecho para salir.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Finished parts are kept and the uploads will resume the next time you start Hoist.</source>
        <translation>Las partes terminadas se conservan y las subidas se reanudarán la próxima vez que inicie Hoist.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n upload(s) still running.</source>
        <translation>
            <numerusform>%n subida sigue en curso.</numerusform>
            <numerusform>%n subidas siguen en curso.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit Hoist anyway?</source>
        <translation>¿Salir de Hoist de todos modos?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Quitting keeps finished parts; the uploads will resume the next time you start Hoist.</source>
        <translation>Al salir se conservan las partes terminadas; las subidas se reanudarán la próxima vez que inicie Hoist.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n upload(s) still running. This desktop has no system tray, so Hoist can only keep uploading with its window open.</source>
        <translation>
            <numerusform>%n subida sigue en curso. Este escritorio no tiene bandeja del sistema, así que Hoist solo puede seguir subiendo con su ventana abierta.</numerusform>
            <numerusform>%n subidas siguen en curso. Este escritorio no tiene bandeja del sistema, así que Hoist solo puede seguir subiendo con su ventana abierta.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WelcomePane</name>
    <message>
        <location filename="../dialogs/welcome.py" line="+24"/>
        <source>Welcome to Hoist</source>
        <translation>Bienvenido a Hoist</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hoist uploads files and folders to S3-compatible storage and carries on after any interruption. Where should your uploads go?</source>
        <translation>Hoist sube archivos y carpetas a almacenamiento compatible con S3 y continúa tras cualquier interrupción. ¿Adónde deben ir sus subidas?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Try it with built-in demo storage</source>
        <translation>Probarlo con el almacenamiento de demostración integrado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A temporary in-memory server on this computer, no account needed; only this Hoist can use it. Everything in it disappears when Hoist quits, unfinished uploads included.</source>
        <translation>Un servidor temporal en la memoria de este equipo, sin necesidad de cuenta; solo este Hoist puede usarlo. Todo lo que contiene desaparece al salir de Hoist, incluidas las subidas sin terminar.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connect to your storage</source>
        <translation>Conectar con su almacenamiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AWS S3, MinIO, Ceph, R2, Wasabi, B2, SeaweedFS... with your keys.</source>
        <translation>AWS S3, MinIO, Ceph, R2, Wasabi, B2, SeaweedFS... con sus claves.</translation>
    </message>
</context>
</TS>
