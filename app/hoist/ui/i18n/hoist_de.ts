<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en_US">
<context>
    <name>Actions</name>
    <message>
        <location filename="../window/actions.py" line="+46"/>
        <source>Add files...</source>
        <translation>Dateien hinzufügen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add folder...</source>
        <translation>Ordner hinzufügen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause the selected uploads (all if none is selected)</source>
        <translation>Die ausgewählten Uploads pausieren (alle, wenn keiner ausgewählt ist)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume the selected uploads (all if none is selected)</source>
        <translation>Die ausgewählten Uploads fortsetzen (alle, wenn keiner ausgewählt ist)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel...</source>
        <translation>Abbrechen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the selected uploads (deletes their parts on the server)</source>
        <translation>Die ausgewählten Uploads abbrechen (löscht ihre Teile auf dem Server)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry failed</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue the failed uploads (selected, or all) again</source>
        <translation>Die fehlgeschlagenen Uploads (ausgewählte oder alle) erneut einreihen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear finished</source>
        <translation>Fertige entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take finished uploads off the list (they stay in History)</source>
        <translation>Fertige Uploads aus der Liste nehmen (sie bleiben im Verlauf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause all</source>
        <translation>Alle pausieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume all</source>
        <translation>Alle fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel all...</source>
        <translation>Alle abbrechen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy object URL</source>
        <translation>Objekt-URL kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy key</source>
        <translation>Schlüssel kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open object URL</source>
        <translation>Objekt-URL öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show local file</source>
        <translation>Lokale Datei zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished uploads with their receipts</source>
        <translation>Abgeschlossene Uploads mit ihren Belegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer settings...</source>
        <translation>Übertragungseinstellungen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage profile...</source>
        <translation>Speicherprofil...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New storage profile...</source>
        <translation>Neues Speicherprofil...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove storage profile...</source>
        <translation>Speicherprofil entfernen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use demo storage</source>
        <translation>Demo-Speicher verwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Uploads</source>
        <translation>&amp;Uploads</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../dialogs/conflict.py" line="+16"/>
        <source>The object already exists</source>
        <translation>Das Objekt existiert bereits</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 already exists.

Uploading %2 (%3) would replace it.</source>
        <translation>%1 existiert bereits.

Wenn %2 (%3) hochgeladen wird, ersetzt es das Objekt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do the same for the other files that already exist</source>
        <translation>Für die anderen bereits vorhandenen Dateien genauso verfahren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both (rename)</source>
        <translation>Beide behalten (umbenennen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip this file</source>
        <translation>Diese Datei überspringen</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../demo.py" line="+51"/>
        <source>Temporary in-memory demo storage on this computer: everything in it is gone when Hoist quits.</source>
        <translation>Vorübergehender Demo-Speicher im Arbeitsspeicher dieses Computers: Alles darin ist weg, wenn Hoist beendet wird.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That file went to the demo storage of an earlier run, which was emptied when Hoist quit: there is no object to point at any more.</source>
        <translation>Diese Datei ging in den Demo-Speicher einer früheren Sitzung, der beim Beenden von Hoist geleert wurde: Es gibt kein Objekt mehr, auf das verwiesen werden könnte.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Demo storage (temporary)</source>
        <translation>Demo-Speicher (vorübergehend)</translation>
    </message>
    <message numerus="yes">
        <location line="+128"/>
        <source>The demo storage and everything in it are deleted when Hoist quits, so it/they end(s) there and will not carry on when Hoist starts again.</source>
        <translation>
            <numerusform>Der Demo-Speicher und alles darin werden gelöscht, wenn Hoist beendet wird; dieser Upload endet also dort und wird beim nächsten Start von Hoist nicht fortgesetzt.</numerusform>
            <numerusform>Der Demo-Speicher und alles darin werden gelöscht, wenn Hoist beendet wird; diese Uploads enden also dort und werden beim nächsten Start von Hoist nicht fortgesetzt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Finished parts of the others are kept and they carry on when Hoist starts again; the %n upload(s) to the demo storage end(s) there, as the demo storage and everything in it are deleted when Hoist quits.</source>
        <translation>
            <numerusform>Fertige Teile der anderen bleiben erhalten, und sie werden beim nächsten Start von Hoist fortgesetzt; der Upload in den Demo-Speicher endet dort, denn der Demo-Speicher und alles darin werden gelöscht, wenn Hoist beendet wird.</numerusform>
            <numerusform>Fertige Teile der anderen bleiben erhalten, und sie werden beim nächsten Start von Hoist fortgesetzt; die %n Uploads in den Demo-Speicher enden dort, denn der Demo-Speicher und alles darin werden gelöscht, wenn Hoist beendet wird.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n upload(s) to the demo storage was/were cancelled: the demo storage was emptied when Hoist quit. Add the files again to upload them.</source>
        <translation>
            <numerusform>%n Upload in den Demo-Speicher wurde abgebrochen: Der Demo-Speicher wurde beim Beenden von Hoist geleert. Fügen Sie die Dateien erneut hinzu, um sie hochzuladen.</numerusform>
            <numerusform>%n Uploads in den Demo-Speicher wurden abgebrochen: Der Demo-Speicher wurde beim Beenden von Hoist geleert. Fügen Sie die Dateien erneut hinzu, um sie hochzuladen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DesktopSettingsPage</name>
    <message>
        <location filename="../dialogs/settings_desktop.py" line="+25"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language of the window</source>
        <translation>Sprache des Fensters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoist speaks the chosen language from its next start.</source>
        <translation>Hoist verwendet die gewählte Sprache ab dem nächsten Start.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Window and tray</source>
        <translation>Fenster und Systemleiste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closing the window keeps Hoist running in the system tray</source>
        <translation>Beim Schließen des Fensters läuft Hoist in der Systemleiste weiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start minimised to the tray</source>
        <translation>Minimiert in der Systemleiste starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start Hoist when I log in</source>
        <translation>Hoist bei der Anmeldung starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login entry: %1</source>
        <translation>Anmeldeeintrag: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This desktop shows no system tray right now; Hoist stays in its window.</source>
        <translation>Diese Arbeitsumgebung zeigt gerade keine Systemleiste; Hoist bleibt in seinem Fenster.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show notifications</source>
        <translation>Benachrichtigungen anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When a batch of uploads finishes</source>
        <translation>Wenn ein Stapel von Uploads fertig ist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When an upload fails and needs me (credentials, bucket, changed file)</source>
        <translation>Wenn ein Upload fehlschlägt und mich braucht (Zugangsdaten, Bucket, geänderte Datei)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When everything is uploaded</source>
        <translation>Wenn alles hochgeladen ist</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Hoist could not change its login entry (%1): %2</source>
        <translation>Hoist konnte seinen Anmeldeeintrag (%1) nicht ändern: %2</translation>
    </message>
</context>
<context>
    <name>DestinationBar</name>
    <message>
        <location filename="../window/destination_bar.py" line="+16"/>
        <source>No storage yet: set one up</source>
        <translation>Noch kein Speicher: jetzt einrichten</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+4"/>
        <source>Upload to</source>
        <translation>Hochladen nach</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>folder in the bucket (optional)</source>
        <translation>Ordner im Bucket (optional)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folder in the bucket</source>
        <translation>Ordner im Bucket</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit...</source>
        <translation>Bearbeiten...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New profile...</source>
        <translation>Neues Profil...</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Edit the storage profile uploads go to</source>
        <translation>Das Speicherprofil bearbeiten, in das hochgeladen wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set up another storage profile</source>
        <translation>Ein weiteres Speicherprofil einrichten</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>upload service</source>
        <translation>Upload-Dienst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 chooses the bucket and key of each file</source>
        <translation>%1 wählt Bucket und Schlüssel jeder Datei</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a new destination</source>
        <translation>ein neues Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the upload service at %1</source>
        <translation>den Upload-Dienst unter %1</translation>
    </message>
</context>
<context>
    <name>DropOverlay</name>
    <message>
        <location filename="../window/drop_overlay.py" line="+25"/>
        <source>Drop to upload</source>
        <translation>Zum Hochladen ablegen</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../dialogs/errors.py" line="+43"/>
        <source>Hoist: unexpected error</source>
        <translation>Hoist: unerwarteter Fehler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Something went wrong inside Hoist. Your uploads are safe: finished parts are kept in the journal and carry on after a restart.</source>
        <translation>In Hoist ist etwas schiefgegangen. Ihre Uploads sind sicher: Fertige Teile bleiben im Journal und werden nach einem Neustart fortgesetzt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The details are also in the log: %1</source>
        <translation>Die Einzelheiten stehen auch im Protokoll: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy details</source>
        <translation>Einzelheiten kopieren</translation>
    </message>
</context>
<context>
    <name>FileKinds</name>
    <message>
        <location filename="../platform/file_dialogs.py" line="+56"/>
        <source>Drive</source>
        <translation>Laufwerk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Special file</source>
        <translation>Spezialdatei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>Datei</translation>
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
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 und %n weitere</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FreedesktopNotifications</name>
    <message>
        <location filename="../tray/dbus_notify.py" line="+71"/>
        <source>Open Hoist</source>
        <translation>Hoist öffnen</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../dialogs/history.py" line="+54"/>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>%Ln upload(s)</source>
        <translation>
            <numerusform>%Ln Upload</numerusform>
            <numerusform>%Ln Uploads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location line="+66"/>
        <source>Hoist: history</source>
        <translation>Hoist: Verlauf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search by file name, key or bucket</source>
        <translation>Nach Dateiname, Schlüssel oder Bucket suchen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Finished uploads</source>
        <translation>Abgeschlossene Uploads</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading...</source>
        <translation>Wird geladen...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy receipt</source>
        <translation>Beleg kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the selected uploads&apos; receipts (JSON) to the clipboard</source>
        <translation>Die Belege der ausgewählten Uploads (JSON) in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export CSV...</source>
        <translation>Als CSV exportieren...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export JSON...</source>
        <translation>Als JSON exportieren...</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <source>%Ln finished upload(s) (the most recent; refine the search or export for all)</source>
        <translation>
            <numerusform>%Ln abgeschlossener Upload (die neuesten; verfeinern Sie die Suche oder exportieren Sie, um alle zu erhalten)</numerusform>
            <numerusform>%Ln abgeschlossene Uploads (die neuesten; verfeinern Sie die Suche oder exportieren Sie, um alle zu erhalten)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln finished upload(s)</source>
        <translation>
            <numerusform>%Ln abgeschlossener Upload</numerusform>
            <numerusform>%Ln abgeschlossene Uploads</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select the uploads whose receipts you want to copy.</source>
        <translation>Wählen Sie die Uploads aus, deren Belege Sie kopieren möchten.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln receipt(s) copied to the clipboard (JSON).</source>
        <translation>
            <numerusform>Beleg in die Zwischenablage kopiert (JSON).</numerusform>
            <numerusform>%Ln Belege in die Zwischenablage kopiert (JSON).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export history</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting to %1...</source>
        <translation>Export nach %1...</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an input/output error</source>
        <translation>ein Ein-/Ausgabefehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hoist could not write %1 (%2).</source>
        <translation>Hoist konnte %1 nicht schreiben (%2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was exported. %1 Choose another place and export again.</source>
        <translation>Es wurde nichts exportiert. %1 Wählen Sie einen anderen Ort und exportieren Sie erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported %1 to %2.</source>
        <translation>%1 nach %2 exportiert.</translation>
    </message>
</context>
<context>
    <name>HoistGui</name>
    <message>
        <location filename="../app.py" line="+161"/>
        <source>The journal was damaged; it was moved to %1 and a new one started.</source>
        <translation>Das Journal war beschädigt; es wurde nach %1 verschoben und ein neues begonnen.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window/main_window.py" line="+121"/>
        <source>Upload queue</source>
        <translation>Upload-Warteschlange</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batches and their files; the menu key or Shift+F10 opens the actions for the selected uploads</source>
        <translation>Stapel und ihre Dateien; die Menütaste oder Umschalt+F10 öffnet die Aktionen für die ausgewählten Uploads</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Starting...</source>
        <translation>Wird gestartet...</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Choose where uploads go first: create a storage profile (or try the demo).</source>
        <translation>Wählen Sie zuerst, wohin hochgeladen wird: Legen Sie ein Speicherprofil an (oder probieren Sie die Demo aus).</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The secret key for the profile &apos;%1&apos; is not available (it was kept for the last session only, or the keyring was cleared). Enter it again in the profile, then add the files again.</source>
        <translation>Der geheime Schlüssel für das Profil „%1“ ist nicht verfügbar (er wurde nur für die letzte Sitzung aufbewahrt, oder der Schlüsselbund wurde geleert). Geben Sie ihn im Profil erneut ein und fügen Sie die Dateien dann erneut hinzu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>Nothing was added: %1</source>
        <translation>Es wurde nichts hinzugefügt: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoist ran into an unexpected error (details shown).</source>
        <translation>Hoist ist auf einen unerwarteten Fehler gestoßen (Einzelheiten werden angezeigt).</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Adding %Ln item(s)...</source>
        <translation>
            <numerusform>%Ln Element wird hinzugefügt...</numerusform>
            <numerusform>%Ln Elemente werden hinzugefügt...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>... and %Ln more (listed in the log)</source>
        <translation>
            <numerusform>... und %Ln weiteres (im Protokoll aufgeführt)</numerusform>
            <numerusform>... und %Ln weitere (im Protokoll aufgeführt)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln item(s) not added</source>
        <translation>
            <numerusform>%Ln Element wurde nicht hinzugefügt</numerusform>
            <numerusform>%Ln Elemente wurden nicht hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln other(s) uploading</source>
        <translation>
            <numerusform>%Ln anderes wird hochgeladen</numerusform>
            <numerusform>%Ln andere werden hochgeladen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Remove storage profile</source>
        <translation>Speicherprofil entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the profile &apos;%1&apos; and its stored secret? Files already in the bucket stay.</source>
        <translation>Das Profil „%1“ und sein gespeichertes Geheimnis entfernen? Dateien, die schon im Bucket sind, bleiben dort.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The secret is kept for this session only (no OS keyring); enter it again next time.</source>
        <translation>Das Geheimnis wird nur für diese Sitzung aufbewahrt (kein Schlüsselbund); geben Sie es beim nächsten Mal erneut ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Starting the demo storage...</source>
        <translation>Demo-Speicher wird gestartet...</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Demo storage ready: drop a file to upload it.</source>
        <translation>Demo-Speicher bereit: Legen Sie eine Datei ab, um sie hochzuladen.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Add files to upload</source>
        <translation>Dateien zum Hochladen hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a folder to upload</source>
        <translation>Ordner zum Hochladen hinzufügen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancel uploads</source>
        <translation>Uploads abbrechen</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Cancel these %Ln upload(s)? The parts already sent are deleted from the server; this cannot be undone.</source>
        <translation>
            <numerusform>Diesen Upload abbrechen? Die bereits gesendeten Teile werden vom Server gelöscht; das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>Diese %Ln Uploads abbrechen? Die bereits gesendeten Teile werden vom Server gelöscht; das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel all uploads</source>
        <translation>Alle Uploads abbrechen</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Cancel all %Ln unfinished upload(s)? The parts already sent are deleted from the server.</source>
        <translation>
            <numerusform>Den unfertigen Upload abbrechen? Die bereits gesendeten Teile werden vom Server gelöscht.</numerusform>
            <numerusform>Alle %Ln unfertigen Uploads abbrechen? Die bereits gesendeten Teile werden vom Server gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Object URL copied.</source>
        <translation>Objekt-URL kopiert.</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%Ln key(s) copied.</source>
        <translation>
            <numerusform>Schlüssel kopiert.</numerusform>
            <numerusform>%Ln Schlüssel kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No file manager opened the folder: none is set up on this computer. The file is %1</source>
        <translation>Kein Dateimanager hat den Ordner geöffnet: Auf diesem Computer ist keiner eingerichtet. Die Datei ist %1</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>No storage set up yet: try the demo storage or connect your own to start uploading.</source>
        <translation>Noch kein Speicher eingerichtet: Probieren Sie den Demo-Speicher aus oder verbinden Sie Ihren eigenen, um mit dem Hochladen zu beginnen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Drop files or folders here</source>
        <translation>Dateien oder Ordner hier ablegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>or use Add files / Add folder. They go to the destination shown above.</source>
        <translation>oder „Dateien hinzufügen“ / „Ordner hinzufügen“ verwenden. Sie gehen an das oben angezeigte Ziel.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Skipped %1: the object already exists.</source>
        <translation>%1 übersprungen: Das Objekt existiert bereits.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Drop to upload to %1</source>
        <translation>Ablegen, um nach %1 hochzuladen</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Finished parts are kept; they carry on when Hoist starts again.</source>
        <translation>Fertige Teile bleiben erhalten; sie werden beim nächsten Start von Hoist fortgesetzt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit Hoist?</source>
        <translation>Hoist beenden?</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n upload(s) not finished. Quit anyway?</source>
        <translation>
            <numerusform>%n Upload ist nicht fertig. Trotzdem beenden?</numerusform>
            <numerusform>%n Uploads sind nicht fertig. Trotzdem beenden?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../models/messages.py" line="+36"/>
        <source>Press Retry failed to try again; if it fails the same way, check the profile.</source>
        <translation>Klicken Sie auf „Erneut versuchen“, um es erneut zu versuchen; schlägt es wieder so fehl, prüfen Sie das Profil.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>connection refused (nothing is listening at that address and port)</source>
        <translation>Verbindung abgelehnt (an dieser Adresse und diesem Port lauscht nichts)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the host name does not resolve (check its spelling, or the network&apos;s DNS)</source>
        <translation>der Hostname lässt sich nicht auflösen (prüfen Sie die Schreibweise oder das DNS des Netzwerks)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the network is unreachable (offline?)</source>
        <translation>das Netzwerk ist nicht erreichbar (offline?)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no route to the host</source>
        <translation>es gibt keine Route zum Host</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the connection timed out</source>
        <translation>die Verbindung hat das Zeitlimit überschritten</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Hoist may not read %1 (permission denied). Give your account read access to it, or choose another file.</source>
        <translation>Hoist darf %1 nicht lesen (Zugriff verweigert). Geben Sie Ihrem Konto Lesezugriff darauf oder wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hoist may not read the file (permission denied). Give your account read access to it, or choose another file.</source>
        <translation>Hoist darf die Datei nicht lesen (Zugriff verweigert). Geben Sie Ihrem Konto Lesezugriff darauf oder wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 does not exist any more. Add it again from where it is now.</source>
        <translation>%1 existiert nicht mehr. Fügen Sie die Datei von ihrem jetzigen Ort aus erneut hinzu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file does not exist any more. Add it again from where it is now.</source>
        <translation>Die Datei existiert nicht mehr. Fügen Sie sie von ihrem jetzigen Ort aus erneut hinzu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an input/output error</source>
        <translation>ein Ein-/Ausgabefehler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot be read (%2). Check the file and its disk, then add it again.</source>
        <translation>%1 kann nicht gelesen werden (%2). Prüfen Sie die Datei und ihren Datenträger und fügen Sie sie dann erneut hinzu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A file cannot be read (%1). Check the file and its disk, then add it again.</source>
        <translation>Eine Datei kann nicht gelesen werden (%1). Prüfen Sie die Datei und ihren Datenträger und fügen Sie sie dann erneut hinzu.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The secret key of the storage profile &apos;%1&apos; is not stored on this computer (no keyring kept it). Enter it in the profile (open the profile with Edit... next to &apos;Upload to&apos;) and save: the uploads waiting for it start again by themselves.</source>
        <translation>Der geheime Schlüssel des Speicherprofils „%1“ ist auf diesem Computer nicht gespeichert (kein Schlüsselbund hat ihn aufbewahrt). Geben Sie ihn im Profil ein (öffnen Sie das Profil mit „Bearbeiten...“ neben „Hochladen nach“) und speichern Sie: Die Uploads, die darauf warten, starten dann von selbst neu.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>%1 changed while it was uploading (size or modification time). Nothing mixing old and new bytes was stored; press Retry failed once the file is final.</source>
        <translation>%1 hat sich während des Hochladens geändert (Größe oder Änderungszeit). Nichts, das alte und neue Bytes mischt, wurde gespeichert; klicken Sie auf „Erneut versuchen“, sobald die Datei fertig ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 changed while it was uploading.</source>
        <translation>%1 hat sich während des Hochladens geändert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 no longer exists; it was deleted or moved after it was queued.</source>
        <translation>%1 existiert nicht mehr; die Datei wurde gelöscht oder verschoben, nachdem sie eingereiht wurde.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server lost the multipart upload %1 times while its parts were being sent (it may be removing unfinished uploads early). Check the bucket&apos;s lifecycle rules, then press Retry failed.</source>
        <translation>Der Server hat den mehrteiligen Upload %1-mal verloren, während seine Teile gesendet wurden (vielleicht entfernt er unfertige Uploads zu früh). Prüfen Sie die Lebenszyklusregeln des Buckets und klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server lost the multipart upload %1 times (it may be removing unfinished uploads early). Check the bucket&apos;s lifecycle rules, then press Retry failed.</source>
        <translation>Der Server hat den mehrteiligen Upload %1-mal verloren (vielleicht entfernt er unfertige Uploads zu früh). Prüfen Sie die Lebenszyklusregeln des Buckets und klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This file was queued for %1, but the profile &apos;%2&apos; has been changed since (%3 now), so it was not sent. To upload it with the profile as it is now, cancel it and add the file again.</source>
        <translation>Diese Datei wurde für %1 eingereiht, aber das Profil &apos;%2&apos; wurde seitdem geändert (jetzt %3), deshalb wurde sie nicht gesendet. Um sie mit dem Profil hochzuladen, wie es jetzt ist, brechen Sie sie ab und fügen Sie die Datei erneut hinzu.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 was not sent to %2: Hoist did not queue it on this account (its entry was copied, changed, or made by an older version of Hoist). If you meant to upload it, add it again.</source>
        <translation>%1 wurde nicht an %2 gesendet: Hoist hat sie nicht in diesem Konto eingereiht (ihr Eintrag wurde kopiert, geändert oder von einer älteren Hoist-Version angelegt). Wenn Sie sie hochladen wollten, fügen Sie sie erneut hinzu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server answered HTTP %1.</source>
        <translation>Der Server antwortete mit HTTP %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server&apos;s TLS certificate is not trusted (%1). If this is your own server, add its CA certificate to the system&apos;s trust store. Turning verification off (the profile&apos;s &apos;Verify TLS&apos; setting) lets anyone on the network path read or alter the upload.</source>
        <translation>Dem TLS-Zertifikat des Servers wird nicht vertraut (%1). Wenn es Ihr eigener Server ist, fügen Sie sein CA-Zertifikat dem Zertifikatsspeicher des Systems hinzu. Wer die Prüfung abschaltet (die Einstellung „TLS-Zertifikat prüfen“ des Profils), lässt jeden auf dem Netzwerkweg den Upload lesen oder verändern.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The demo storage was emptied when Hoist quit, and this upload with it. Add the file again to upload it.</source>
        <translation>Der Demo-Speicher wurde beim Beenden von Hoist geleert, und dieser Upload mit ihm. Fügen Sie die Datei erneut hinzu, um sie hochzuladen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A part size of %1 is below S3&apos;s minimum of %2 per part.</source>
        <translation>Eine Teilgröße von %1 liegt unter dem S3-Minimum von %2 pro Teil.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A part size of %1 is above S3&apos;s maximum of %2 per part.</source>
        <translation>Eine Teilgröße von %1 liegt über dem S3-Maximum von %2 pro Teil.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; is not a size; use e.g. 16 MiB, 64M or 1 GiB.</source>
        <translation>„%1“ ist keine Größe; verwenden Sie z. B. 16 MiB, 64M oder 1 GiB.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Cannot reach %1: %2. Check the profile&apos;s endpoint URL and your network; Hoist keeps trying while the window is open.</source>
        <translation>%1 ist nicht erreichbar: %2. Prüfen Sie die Endpunkt-URL des Profils und Ihr Netzwerk; Hoist versucht es weiter, solange das Fenster offen ist.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The bucket does not exist at %1. Check the bucket name and the endpoint: open the profile with Edit... next to &apos;Upload to&apos;, then press Retry failed.</source>
        <translation>Der Bucket existiert nicht bei %1. Prüfen Sie Bucket-Namen und Endpunkt: öffnen Sie das Profil mit „Bearbeiten...“ neben „Hochladen nach“, klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The bucket &apos;%1&apos; does not exist at %2. Check the bucket name and the endpoint: open the profile with Edit... next to &apos;Upload to&apos;, then press Retry failed.</source>
        <translation>Der Bucket „%1“ existiert nicht bei %2. Prüfen Sie Bucket-Namen und Endpunkt: öffnen Sie das Profil mit „Bearbeiten...“ neben „Hochladen nach“, klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The access key is not known to %1. Check the access key and secret key: open the profile with Edit... next to &apos;Upload to&apos;, correct them and save; the uploads that failed for this start again.</source>
        <translation>Der Zugriffsschlüssel ist bei %1 nicht bekannt. Prüfen Sie Zugriffsschlüssel und geheimen Schlüssel: öffnen Sie das Profil mit „Bearbeiten...“ neben „Hochladen nach“, korrigieren Sie sie und speichern Sie; die deshalb fehlgeschlagenen Uploads starten dann neu.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The secret key does not match the access key for %1. Check the access key and secret key: open the profile with Edit... next to &apos;Upload to&apos;, correct them and save; the uploads that failed for this start again.</source>
        <translation>Der geheime Schlüssel passt nicht zum Zugriffsschlüssel für %1. Prüfen Sie Zugriffsschlüssel und geheimen Schlüssel: öffnen Sie das Profil mit „Bearbeiten...“ neben „Hochladen nach“, korrigieren Sie sie und speichern Sie; die deshalb fehlgeschlagenen Uploads starten dann neu.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Access to the bucket was denied at %1. The credentials lack permission to write there: use keys that may (open the profile with Edit... next to &apos;Upload to&apos;), or ask the bucket&apos;s owner, then press Retry failed.</source>
        <translation>Der Zugriff auf den Bucket wurde bei %1 verweigert. Die Zugangsdaten dürfen dort nicht schreiben: Verwenden Sie Schlüssel, die es dürfen (öffnen Sie das Profil mit „Bearbeiten...“ neben „Hochladen nach“), oder fragen Sie den Besitzer des Buckets, klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Access to bucket &apos;%1&apos; was denied at %2. The credentials lack permission to write there: use keys that may (open the profile with Edit... next to &apos;Upload to&apos;), or ask the bucket&apos;s owner, then press Retry failed.</source>
        <translation>Der Zugriff auf den Bucket „%1“ wurde bei %2 verweigert. Die Zugangsdaten dürfen dort nicht schreiben: Verwenden Sie Schlüssel, die es dürfen (öffnen Sie das Profil mit „Bearbeiten...“ neben „Hochladen nach“), oder fragen Sie den Besitzer des Buckets, klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server refused a part as too small (S3 needs 5 MiB per part except the last). Set a part size of at least 5 MiB in Settings, then press Retry failed.</source>
        <translation>Der Server hat einen Teil als zu klein abgelehnt (S3 braucht 5 MiB pro Teil, außer für den letzten). Stellen Sie in den Einstellungen eine Teilgröße von mindestens 5 MiB ein und klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server refused a part or object as too large.</source>
        <translation>Der Server hat einen Teil oder ein Objekt als zu groß abgelehnt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is not a valid bucket name.</source>
        <translation>„%1“ ist kein gültiger Bucket-Name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The object key is too long for the server (1,024 bytes at most).</source>
        <translation>Der Objektschlüssel ist für den Server zu lang (höchstens 1.024 Bytes).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server does not support this request: %1.</source>
        <translation>Der Server unterstützt diese Anfrage nicht: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server needs a Content-Length on every PUT: %1.</source>
        <translation>Der Server verlangt bei jedem PUT eine Content-Length: %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bucket &apos;%1&apos; is in another region; set the region to the bucket&apos;s region (open the profile with Edit... next to &apos;Upload to&apos;), then press Retry failed.</source>
        <translation>Der Bucket „%1“ liegt in einer anderen Region; stellen Sie die Region des Buckets ein (öffnen Sie das Profil mit „Bearbeiten...“ neben „Hochladen nach“), klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The region is wrong for bucket &apos;%1&apos;: %2.</source>
        <translation>Die Region ist für den Bucket „%1“ falsch: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer&apos;s clock differs from %1&apos;s by more than 15 minutes, so the server refuses every signed request. Set the clock right (turn on automatic date and time), then press Retry failed.</source>
        <translation>Die Uhr dieses Computers weicht um mehr als 15 Minuten von der von %1 ab, daher lehnt der Server jede signierte Anfrage ab. Stellen Sie die Uhr richtig (schalten Sie automatisches Datum und Uhrzeit ein) und klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server answered with an error (%1).</source>
        <translation>Der Server antwortete mit einem Fehler (%1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the upload: %1.</source>
        <translation>Der Server hat den Upload abgelehnt: %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot reach %1: %2. Check the endpoint URL and your network.</source>
        <translation>%1 ist nicht erreichbar: %2. Prüfen Sie die Endpunkt-URL und Ihr Netzwerk.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot reach %1: %2.</source>
        <translation>%1 ist nicht erreichbar: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bucket &apos;%1&apos; does not exist at %2. Check the bucket name and the endpoint in the profile.</source>
        <translation>Der Bucket „%1“ existiert nicht bei %2. Prüfen Sie Bucket-Namen und Endpunkt im Profil.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The access key is not known to %1. Check the access key and the secret key.</source>
        <translation>Der Zugriffsschlüssel ist bei %1 nicht bekannt. Prüfen Sie Zugriffsschlüssel und geheimen Schlüssel.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The secret key does not match the access key for %1. Check the access key and the secret key.</source>
        <translation>Der geheime Schlüssel passt nicht zum Zugriffsschlüssel für %1. Prüfen Sie Zugriffsschlüssel und geheimen Schlüssel.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Access to bucket &apos;%1&apos; was denied at %2. The credentials lack permission to write there.</source>
        <translation>Der Zugriff auf den Bucket „%1“ wurde bei %2 verweigert. Die Zugangsdaten dürfen dort nicht schreiben.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The bucket &apos;%1&apos; is in another region; set the profile&apos;s region to the bucket&apos;s region.</source>
        <translation>Der Bucket „%1“ liegt in einer anderen Region; stellen Sie im Profil die Region des Buckets ein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This computer&apos;s clock differs from %1&apos;s by more than 15 minutes, so the server refuses every signed request. Set the clock right (turn on automatic date and time), then test again.</source>
        <translation>Die Uhr dieses Computers weicht um mehr als 15 Minuten von der von %1 ab, daher lehnt der Server jede signierte Anfrage ab. Stellen Sie die Uhr richtig (schalten Sie automatisches Datum und Uhrzeit ein) und testen Sie erneut.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server refused: %1.</source>
        <translation>Der Server lehnte ab: %1.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Hoist ran into a problem of its own and stopped this upload. Press Retry failed to try again; if it happens again, the details are in Hoist&apos;s log.</source>
        <translation>Hoist ist auf ein eigenes Problem gestoßen und hat diesen Upload angehalten. Klicken Sie auf „Erneut versuchen“, um es erneut zu versuchen; passiert es wieder, stehen die Einzelheiten im Protokoll von Hoist.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 exists; uploading as %2.</source>
        <translation>%1 existiert; wird als %2 hochgeladen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 was already complete on the server.</source>
        <translation>%1 war auf dem Server bereits vollständig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 changed since it was queued; uploading it again from the start.</source>
        <translation>%1 hat sich seit dem Einreihen geändert; wird von vorn neu hochgeladen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server lost the unfinished upload of %1; uploading it again from the start.</source>
        <translation>Der Server hat den unfertigen Upload von %1 verloren; wird von vorn neu hochgeladen.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1: the server lacks %n part(s) the journal had; sending them again.</source>
        <translation>
            <numerusform>%1: Dem Server fehlt %n Teil, den das Journal hatte; er wird erneut gesendet.</numerusform>
            <numerusform>%1: Dem Server fehlen %n Teile, die das Journal hatte; sie werden erneut gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skipped %1: %2</source>
        <translation>%1 übersprungen: %2</translation>
    </message>
</context>
<context>
    <name>Notes</name>
    <message>
        <location filename="../tray/integration.py" line="+72"/>
        <location filename="../tray/notifications.py" line="+266"/>
        <source>batch %1</source>
        <translation>Stapel %1</translation>
    </message>
    <message>
        <location line="+58"/>
        <location filename="../tray/notifications.py" line="-1"/>
        <source>upload %1</source>
        <translation>Upload %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../tray/notifications.py" line="-187"/>
        <source>%Ln item(s) not added (see the batch in the window)</source>
        <translation>
            <numerusform>%Ln Element nicht hinzugefügt (siehe den Stapel im Fenster)</numerusform>
            <numerusform>%Ln Elemente nicht hinzugefügt (siehe den Stapel im Fenster)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln file(s) uploaded</source>
        <translation>
            <numerusform>%Ln Datei hochgeladen</numerusform>
            <numerusform>%Ln Dateien hochgeladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln skipped (already on the server)</source>
        <translation>
            <numerusform>%Ln übersprungen (schon auf dem Server)</numerusform>
            <numerusform>%Ln übersprungen (schon auf dem Server)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln abgebrochen</numerusform>
            <numerusform>%Ln abgebrochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln fehlgeschlagen</numerusform>
            <numerusform>%Ln fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Upload failed: %1</source>
        <translation>Upload fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln upload(s) need your attention</source>
        <translation>
            <numerusform>%Ln Upload braucht Ihre Aufmerksamkeit</numerusform>
            <numerusform>%Ln Uploads brauchen Ihre Aufmerksamkeit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>(and %Ln more file(s))</source>
        <translation>
            <numerusform>(und %Ln weitere Datei)</numerusform>
            <numerusform>(und %Ln weitere Dateien)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything else is finished.</source>
        <translation>Alles andere ist fertig.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln batch(es) finished.</source>
        <translation>
            <numerusform>%Ln Stapel fertig.</numerusform>
            <numerusform>%Ln Stapel fertig.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln batch(es): </source>
        <translation>
            <numerusform>%Ln Stapel: </numerusform>
            <numerusform>%Ln Stapel: </numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All uploads finished</source>
        <translation>Alle Uploads fertig</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Upload finished: %1</source>
        <translation>Upload fertig: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%Ln batch(es) finished</source>
        <translation>
            <numerusform>%Ln Stapel fertig</numerusform>
            <numerusform>%Ln Stapel fertig</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartLegend</name>
    <message>
        <location filename="../window/parts_view.py" line="+343"/>
        <source>Legend</source>
        <translation>Legende</translation>
    </message>
</context>
<context>
    <name>PartMap</name>
    <message>
        <location line="-210"/>
        <source>Part map</source>
        <translation>Teilekarte</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Select a file to see its parts</source>
        <translation>Wählen Sie eine Datei, um ihre Teile zu sehen</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Part %1: %2</source>
        <translation>Teil %1: %2</translation>
    </message>
</context>
<context>
    <name>Parts</name>
    <message>
        <location line="-166"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sending</source>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>will retry</source>
        <translation>wird wiederholt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%Ln done</source>
        <translation>
            <numerusform>%Ln fertig</numerusform>
            <numerusform>%Ln fertig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln sending</source>
        <translation>
            <numerusform>%Ln wird gesendet</numerusform>
            <numerusform>%Ln werden gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln waiting</source>
        <translation>
            <numerusform>%Ln wartet</numerusform>
            <numerusform>%Ln warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln will retry</source>
        <translation>
            <numerusform>%Ln wird wiederholt</numerusform>
            <numerusform>%Ln werden wiederholt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln not sent</source>
        <translation>
            <numerusform>%Ln nicht gesendet</numerusform>
            <numerusform>%Ln nicht gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln abgebrochen</numerusform>
            <numerusform>%Ln abgebrochen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No file selected.</source>
        <translation>Keine Datei ausgewählt.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln part(s): %1</source>
        <translation>
            <numerusform>%Ln Teil: %1</numerusform>
            <numerusform>%Ln Teile: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+133"/>
        <source>Part</source>
        <translation>Teil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Byte range</source>
        <translation>Bytebereich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>sending %1%</source>
        <translation>%1 % gesendet</translation>
    </message>
</context>
<context>
    <name>PartsPanel</name>
    <message>
        <location line="+84"/>
        <source>Parts</source>
        <translation>Teile</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Parts of the selected file</source>
        <translation>Teile der ausgewählten Datei</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Parts: select a file in the queue</source>
        <translation>Teile: Wählen Sie eine Datei in der Warteschlange</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parts of %1: cancelled; the parts already sent were deleted from the server.</source>
        <translation>Teile von %1: abgebrochen; die bereits gesendeten Teile wurden vom Server gelöscht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parts of %1: %2 of %3 done, %4 in flight</source>
        <translation>Teile von %1: %2 von %3 fertig, %4 unterwegs</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n retries</source>
        <translation>
            <numerusform>%n Wiederholung</numerusform>
            <numerusform>%n Wiederholungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../dialogs/profile.py" line="+55"/>
        <source>Storage account (access keys)</source>
        <translation>Speicherkonto (Zugriffsschlüssel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload service (presigned URLs)</source>
        <translation>Upload-Dienst (vorsignierte URLs)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access key, secret kept in the OS keyring</source>
        <translation>Zugriffsschlüssel, Geheimnis im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An AWS profile from ~/.aws</source>
        <translation>Ein AWS-Profil aus ~/.aws</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Environment (AWS_ACCESS_KEY_ID, ...) or the default AWS chain</source>
        <translation>Umgebung (AWS_ACCESS_KEY_ID, ...) oder die Standardkette von AWS</translation>
    </message>
    <message>
        <location line="+62"/>
        <location line="+190"/>
        <source>Storage profile</source>
        <translation>Speicherprofil</translation>
    </message>
    <message>
        <location line="-188"/>
        <source>Storage profile: %1</source>
        <translation>Speicherprofil: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>e.g. https://uploads.example.org (Uppy Companion or Hoist Server)</source>
        <translation>z. B. https://uploads.example.org (Uppy Companion oder Hoist Server)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+34"/>
        <source>stored; type a new one to replace it</source>
        <translation>gespeichert; zum Ersetzen einen neuen eingeben</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>blank = Authorization: Bearer; or e.g. X-Api-Key</source>
        <translation>leer = Authorization: Bearer; oder z. B. X-Api-Key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service holds the storage keys and chooses the bucket and key of each file, so the &apos;when an object exists&apos; policy does not apply. The token is kept in the OS keyring.</source>
        <translation>Der Dienst verwahrt die Speicherschlüssel und wählt Bucket und Schlüssel jeder Datei, daher gilt die Regel „Wenn das Objekt existiert“ nicht. Das Token wird im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. Work backups</source>
        <translation>z. B. Arbeitssicherungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blank = AWS S3; e.g. https://s3.example.com</source>
        <translation>leer = AWS S3; z. B. https://s3.example.com</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>optional folder inside the bucket, e.g. photos/2026</source>
        <translation>optionaler Ordner im Bucket, z. B. fotos/2026</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path-style addressing (MinIO, Ceph, moto, most self-hosted servers)</source>
        <translation>Pfad-Adressierung (MinIO, Ceph, moto, die meisten selbst betriebenen Server)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verify the server&apos;s TLS certificate (leave on)</source>
        <translation>TLS-Zertifikat des Servers prüfen (eingeschaltet lassen)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>secret access key</source>
        <translation>geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the secret for this session only (not saved)</source>
        <translation>Geheimnis nur für diese Sitzung behalten (nicht gespeichert)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secret is stored in the OS keyring (%1).</source>
        <translation>Das Geheimnis wird im Schlüsselbund des Systems gespeichert (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No OS keyring is available on this system, so the secret cannot be saved. It will be kept in memory for this session only; enter it again next time.</source>
        <translation>Auf diesem System ist kein Schlüsselbund verfügbar, daher kann das Geheimnis nicht gespeichert werden. Es bleibt nur für diese Sitzung im Arbeitsspeicher; geben Sie es beim nächsten Mal erneut ein.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Access key ID</source>
        <translation>Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret access key</source>
        <translation>Geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>AWS profile</source>
        <translation>AWS-Profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the default profile in ~/.aws, as the AWS command line finds them.</source>
        <translation>Die Zugangsdaten kommen aus AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY oder dem Standardprofil in ~/.aws, so wie die AWS-Kommandozeile sie findet.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>none; e.g. owner=ana, project=q4</source>
        <translation>keine; z. B. owner=ana, project=q4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User metadata stored with every object (x-amz-meta-NAME): NAME=VALUE pairs separated by commas; printable ASCII, 2 KB in all.</source>
        <translation>Benutzer-Metadaten, die mit jedem Objekt gespeichert werden (x-amz-meta-NAME): NAME=WERT-Paare, durch Kommas getrennt; druckbares ASCII, insgesamt 2 KB.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detect each file&apos;s content type from its name</source>
        <translation>Inhaltstyp jeder Datei an ihrem Namen erkennen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check each part&apos;s ETag against its MD5 (leave on)</source>
        <translation>ETag jedes Teils mit seinem MD5 abgleichen (eingeschaltet lassen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catches a part corrupted on the way. Turn off only for storage whose ETag is not the MD5 of the bytes (SSE-KMS, some gateways).</source>
        <translation>Erkennt einen unterwegs beschädigten Teil. Nur für Speicher ausschalten, deren ETag nicht der MD5 der Bytes ist (SSE-KMS, manche Gateways).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload service</source>
        <translation>Upload-Dienst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service URL</source>
        <translation>Dienst-URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token header</source>
        <translation>Token-Header</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where</source>
        <translation>Wohin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Endpoint URL</source>
        <translation>Endpunkt-URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key prefix</source>
        <translation>Schlüsselpräfix</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Objects</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Storage class</source>
        <translation>Speicherklasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server-side encryption</source>
        <translation>Serverseitige Verschlüsselung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Metadata: %1</source>
        <translation>Metadaten: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Storage class: &apos;%1&apos; is not a valid name (e.g. STANDARD_IA).</source>
        <translation>Speicherklasse: „%1“ ist kein gültiger Name (z. B. STANDARD_IA).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the profile a name.</source>
        <translation>Geben Sie dem Profil einen Namen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is already a profile named &apos;%1&apos;.</source>
        <translation>Es gibt bereits ein Profil namens „%1“.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Token header: &apos;%1&apos; is not a header name (e.g. X-Api-Key).</source>
        <translation>Token-Header: „%1“ ist kein Header-Name (z. B. X-Api-Key).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the bucket name.</source>
        <translation>Geben Sie den Bucket-Namen ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The endpoint URL must look like https://s3.example.com (or be blank for AWS).</source>
        <translation>Die Endpunkt-URL muss wie https://s3.example.com aussehen (oder für AWS leer sein).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the access key ID.</source>
        <translation>Geben Sie die Zugriffsschlüssel-ID ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the secret access key again: the stored one is for the former endpoint or access key ID, and Hoist does not hand it to another.</source>
        <translation>Geben Sie den geheimen Zugriffsschlüssel erneut ein: Der gespeicherte gehört zum früheren Endpunkt oder zur früheren Zugriffsschlüssel-ID, und Hoist gibt ihn an keinen anderen weiter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the secret access key.</source>
        <translation>Geben Sie den geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The service URL has an invalid port: &apos;%1&apos;</source>
        <translation>Die Dienst-URL hat einen ungültigen Port: „%1“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service URL must not carry a query or fragment: &apos;%1&apos;</source>
        <translation>Die Dienst-URL darf weder Abfrage noch Fragment enthalten: „%1“</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service URL must be the http(s) URL of an upload service, like https://uploads.example.org, not &apos;%1&apos;</source>
        <translation>Die Dienst-URL muss die http(s)-URL eines Upload-Dienstes sein, etwa https://uploads.example.org, nicht „%1“</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter the bucket name first.</source>
        <translation>Geben Sie zuerst den Bucket-Namen ein.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Testing...</source>
        <translation>Wird getestet...</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <location line="-398"/>
        <source>Connected: the upload service answers and accepts the token; %1.</source>
        <translation>Verbunden: Der Upload-Dienst antwortet und akzeptiert das Token; %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected: the upload service answers; %1.</source>
        <translation>Verbunden: Der Upload-Dienst antwortet; %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter the access key ID and the secret access key first.</source>
        <translation>Geben Sie zuerst die Zugriffsschlüssel-ID und den geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot connect to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected: the bucket &apos;%1&apos; at %2 accepts these credentials.</source>
        <translation>Verbunden: Der Bucket „%1“ bei %2 akzeptiert diese Zugangsdaten.</translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <location filename="../models/queue_model.py" line="+60"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination key</source>
        <translation>Zielschlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>%1 uploaded</source>
        <translation>%1 hochgeladen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled: %1</source>
        <translation>abgebrochen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 does not answer; Hoist keeps trying</source>
        <translation>%1: %2 antwortet nicht; Hoist versucht es weiter</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>uploading (%n retries)</source>
        <translation>
            <numerusform>wird hochgeladen (%n Wiederholung)</numerusform>
            <numerusform>wird hochgeladen (%n Wiederholungen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 (profile &apos;%2&apos;)</source>
        <translation>%1 (Profil „%2“)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server %1 does not answer. Hoist keeps trying for as long as Settings &gt; Wait when offline says, then marks the file failed; check the network or the server.</source>
        <translation>Der Server %1 antwortet nicht. Hoist versucht es so lange weiter, wie Einstellungen &gt; Warten, wenn offline angibt, und markiert die Datei dann als fehlgeschlagen; prüfen Sie das Netzwerk oder den Server.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled: the parts already sent were deleted from the server.</source>
        <translation>Abgebrochen: Die bereits gesendeten Teile wurden vom Server gelöscht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 stored on the server</source>
        <translation>%1 von %2 auf dem Server gespeichert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, %2 on the way</source>
        <translation>%1, %2 unterwegs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1; parts %2/%3, %4 in flight</source>
        <translation>%1; Teile %2/%3, %4 unterwegs</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <location line="+23"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-4"/>
        <source>%Ln not added</source>
        <translation>
            <numerusform>%Ln nicht hinzugefügt</numerusform>
            <numerusform>%Ln nicht hinzugefügt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 on the server; %3 cancelled (%4 not uploaded)</source>
        <translation>%1 von %2 auf dem Server; %3 abgebrochen (%4 nicht hochgeladen)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Profile &apos;%1&apos;, bucket %2</source>
        <translation>Profil „%1“, Bucket %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile &apos;%1&apos;</source>
        <translation>Profil „%1“</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not added:</source>
        <translation>Nicht hinzugefügt:</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>... and %Ln more</source>
        <translation>
            <numerusform>... und %Ln weiteres</numerusform>
            <numerusform>... und %Ln weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Batch %1</source>
        <translation>Stapel %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../dialogs/settings.py" line="+34"/>
        <source>Automatic (16 MiB, larger for big files)</source>
        <translation>Automatisch (16 MiB, größer für große Dateien)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ask me</source>
        <translation>Mich fragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the object</source>
        <translation>Objekt ersetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip the file</source>
        <translation>Datei überspringen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both (upload as &apos;name (1)&apos;)</source>
        <translation>Beide behalten (als „Name (1)“ hochladen)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Transfer settings</source>
        <translation>Übertragungseinstellungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>unlimited; e.g. 10 MiB (per second)</source>
        <translation>unbegrenzt; z. B. 10 MiB (pro Sekunde)</translation>
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
        <translation>Solange der Server gar nicht erreichbar ist, warten Uploads so lange auf ihn, bevor sie fehlschlagen; Wiederholungen werden in dieser Zeit nicht verbraucht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Parts in flight, the bandwidth limit and the offline wait apply at once; part size, retries and the if-exists choice to files added from now on.</source>
        <translation>Gleichzeitige Teile, Bandbreitenlimit und Wartezeit ohne Verbindung gelten sofort; Teilgröße, Wiederholungen und die Wahl bei vorhandenem Objekt für Dateien, die ab jetzt hinzugefügt werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parts in flight</source>
        <translation>Gleichzeitige Teile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part size</source>
        <translation>Teilgröße</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bandwidth limit</source>
        <translation>Bandbreitenlimit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retries per part</source>
        <translation>Wiederholungen pro Teil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait when offline</source>
        <translation>Warten, wenn offline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If the object exists</source>
        <translation>Wenn das Objekt existiert</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Settings pages</source>
        <translation>Einstellungsseiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfers</source>
        <translation>Übertragungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Desktop</source>
        <translation>Arbeitsumgebung</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Part size: %1</source>
        <translation>Teilgröße: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bandwidth limit: %1</source>
        <translation>Bandbreitenlimit: %1</translation>
    </message>
</context>
<context>
    <name>State</name>
    <message>
        <location filename="../models/formatting.py" line="-117"/>
        <source>queued</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>uploading</source>
        <translation>wird hochgeladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verifying</source>
        <translation>wird geprüft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n wartend</numerusform>
            <numerusform>%n wartend</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n uploading</source>
        <translation>
            <numerusform>%n wird hochgeladen</numerusform>
            <numerusform>%n werden hochgeladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n verifying</source>
        <translation>
            <numerusform>%n wird geprüft</numerusform>
            <numerusform>%n werden geprüft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n done</source>
        <translation>
            <numerusform>%n fertig</numerusform>
            <numerusform>%n fertig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n paused</source>
        <translation>
            <numerusform>%n pausiert</numerusform>
            <numerusform>%n pausiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n abgebrochen</numerusform>
            <numerusform>%n abgebrochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n skipped</source>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../window/status_summary.py" line="+40"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 left</source>
        <comment>time left</comment>
        <translation>noch %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing queued. Drop files to upload them.</source>
        <translation>Nichts in der Warteschlange. Legen Sie Dateien hier ab, um sie hochzuladen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Offline: cannot reach %1, retrying</source>
        <translation>Offline: %1 nicht erreichbar, neuer Versuch läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline: cannot reach the server, retrying</source>
        <translation>Offline: Server nicht erreichbar, neuer Versuch läuft</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../tray/state.py" line="+112"/>
        <source>less than a minute</source>
        <translation>weniger als eine Minute</translation>
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
        <translation>noch weniger als eine Minute</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>about %1 left</source>
        <translation>noch etwa %1</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n uploading</source>
        <translation>
            <numerusform>%n wird hochgeladen</numerusform>
            <numerusform>%n werden hochgeladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n paused</source>
        <translation>
            <numerusform>%n pausiert</numerusform>
            <numerusform>%n pausiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing to upload</source>
        <translation>nichts hochzuladen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>all uploads done</source>
        <translation>alle Uploads fertig</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 - waiting</source>
        <translation>%1 - wartet</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiterer</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../tray/controller.py" line="+175"/>
        <source>Hide Hoist</source>
        <translation>Hoist ausblenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show Hoist</source>
        <translation>Hoist zeigen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Pause all</source>
        <translation>Alle pausieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resume all</source>
        <translation>Alle fortsetzen</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Open failed uploads (%n)</source>
        <translation>
            <numerusform>Fehlgeschlagene Uploads öffnen (%n)</numerusform>
            <numerusform>Fehlgeschlagene Uploads öffnen (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings...</source>
        <translation>Einstellungen...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit Hoist</source>
        <translation>Hoist beenden</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Quit Hoist?</source>
        <translation>Hoist beenden?</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+32"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Keep uploading</source>
        <translation>Weiter hochladen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Uploads are running</source>
        <translation>Uploads laufen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep uploading in the window</source>
        <translation>Im Fenster weiter hochladen</translation>
    </message>
</context>
<context>
    <name>TrayQuestions</name>
    <message>
        <location line="-257"/>
        <source>Hoist is still running</source>
        <translation>Hoist läuft noch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoist keeps uploading in the background. Click its icon in the system tray to open the window again, or right-click it to quit.</source>
        <translation>Hoist lädt im Hintergrund weiter hoch. Klicken Sie auf sein Symbol in der Systemleiste, um das Fenster wieder zu öffnen, oder klicken Sie mit der rechten Maustaste darauf, um es zu beenden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Finished parts are kept and the uploads will resume the next time you start Hoist.</source>
        <translation>Fertige Teile bleiben erhalten, und die Uploads werden beim nächsten Start von Hoist fortgesetzt.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n upload(s) still running.</source>
        <translation>
            <numerusform>%n Upload läuft noch.</numerusform>
            <numerusform>%n Uploads laufen noch.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit Hoist anyway?</source>
        <translation>Hoist trotzdem beenden?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Quitting keeps finished parts; the uploads will resume the next time you start Hoist.</source>
        <translation>Beim Beenden bleiben fertige Teile erhalten; die Uploads werden beim nächsten Start von Hoist fortgesetzt.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n upload(s) still running. This desktop has no system tray, so Hoist can only keep uploading with its window open.</source>
        <translation>
            <numerusform>%n Upload läuft noch. Diese Arbeitsumgebung hat keine Systemleiste, daher kann Hoist nur mit offenem Fenster weiter hochladen.</numerusform>
            <numerusform>%n Uploads laufen noch. Diese Arbeitsumgebung hat keine Systemleiste, daher kann Hoist nur mit offenem Fenster weiter hochladen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WelcomePane</name>
    <message>
        <location filename="../dialogs/welcome.py" line="+24"/>
        <source>Welcome to Hoist</source>
        <translation>Willkommen bei Hoist</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hoist uploads files and folders to S3-compatible storage and carries on after any interruption. Where should your uploads go?</source>
        <translation>Hoist lädt Dateien und Ordner in S3-kompatiblen Speicher hoch und macht nach jeder Unterbrechung weiter. Wohin sollen Ihre Uploads gehen?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Try it with built-in demo storage</source>
        <translation>Mit dem eingebauten Demo-Speicher ausprobieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A temporary in-memory server on this computer, no account needed; only this Hoist can use it. Everything in it disappears when Hoist quits, unfinished uploads included.</source>
        <translation>Ein vorübergehender Server im Arbeitsspeicher dieses Computers, ohne Konto; nur dieses Hoist kann ihn nutzen. Alles darin verschwindet, wenn Hoist beendet wird, auch unfertige Uploads.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connect to your storage</source>
        <translation>Mit Ihrem Speicher verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AWS S3, MinIO, Ceph, R2, Wasabi, B2, SeaweedFS... with your keys.</source>
        <translation>AWS S3, MinIO, Ceph, R2, Wasabi, B2, SeaweedFS... mit Ihren Schlüsseln.</translation>
    </message>
</context>
</TS>
