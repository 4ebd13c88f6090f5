<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>Demo</name>
    <message numerus="yes">
        <location filename="../demo.py" line="+196"/>
        <source>The demo storage and everything in it are deleted when Hoist quits, so it/they end(s) there and will not carry on when Hoist starts again.</source>
        <translation>
            <numerusform>The demo storage and everything in it are deleted when Hoist quits, so it ends there and will not carry on when Hoist starts again.</numerusform>
            <numerusform>The demo storage and everything in it are deleted when Hoist quits, so they end there and will not carry on when Hoist starts again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Finished parts of the others are kept and they carry on when Hoist starts again; the %n upload(s) to the demo storage end(s) there, as the demo storage and everything in it are deleted when Hoist quits.</source>
        <translation>
            <numerusform>Finished parts of the others are kept and they carry on when Hoist starts again; the upload to the demo storage ends there, as the demo storage and everything in it are deleted when Hoist quits.</numerusform>
            <numerusform>Finished parts of the others are kept and they carry on when Hoist starts again; the %n uploads to the demo storage end there, as the demo storage and everything in it are deleted when Hoist quits.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n upload(s) to the demo storage was/were cancelled: the demo storage was emptied when Hoist quit. Add the files again to upload them.</source>
        <translation>
            <numerusform>%n upload to the demo storage was cancelled: the demo storage was emptied when Hoist quit. Add the files again to upload them.</numerusform>
            <numerusform>%n uploads to the demo storage were cancelled: the demo storage was emptied when Hoist quit. Add the files again to upload them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message numerus="yes">
        <location filename="../models/formatting.py" line="+121"/>
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>History</name>
    <message numerus="yes">
        <location filename="../dialogs/history.py" line="+95"/>
        <source>%Ln upload(s)</source>
        <translation>
            <numerusform>%Ln upload</numerusform>
            <numerusform>%Ln uploads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message numerus="yes">
        <location line="+172"/>
        <source>%Ln finished upload(s) (the most recent; refine the search or export for all)</source>
        <translation>
            <numerusform>%Ln finished upload (the most recent; refine the search or export for all)</numerusform>
            <numerusform>%Ln finished uploads (the most recent; refine the search or export for all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln finished upload(s)</source>
        <translation>
            <numerusform>%Ln finished upload</numerusform>
            <numerusform>%Ln finished uploads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%Ln receipt(s) copied to the clipboard (JSON).</source>
        <translation>
            <numerusform>Receipt copied to the clipboard (JSON).</numerusform>
            <numerusform>%Ln receipts copied to the clipboard (JSON).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../window/main_window.py" line="+323"/>
        <source>Adding %Ln item(s)...</source>
        <translation>
            <numerusform>Adding %Ln item...</numerusform>
            <numerusform>Adding %Ln items...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>... and %Ln more (listed in the log)</source>
        <translation>
            <numerusform>... and %Ln more (listed in the log)</numerusform>
            <numerusform>... and %Ln more (listed in the log)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln item(s) not added</source>
        <translation>
            <numerusform>%Ln item was not added</numerusform>
            <numerusform>%Ln items were not added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln other(s) uploading</source>
        <translation>
            <numerusform>%Ln other is uploading</numerusform>
            <numerusform>%Ln others are uploading</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+175"/>
        <source>Cancel these %Ln upload(s)? The parts already sent are deleted from the server; this cannot be undone.</source>
        <translation>
            <numerusform>Cancel this upload? The parts already sent are deleted from the server; this cannot be undone.</numerusform>
            <numerusform>Cancel these %Ln uploads? The parts already sent are deleted from the server; this cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Cancel all %Ln unfinished upload(s)? The parts already sent are deleted from the server.</source>
        <translation>
            <numerusform>Cancel the unfinished upload? The parts already sent are deleted from the server.</numerusform>
            <numerusform>Cancel all %Ln unfinished uploads? The parts already sent are deleted from the server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>%Ln key(s) copied.</source>
        <translation>
            <numerusform>Key copied.</numerusform>
            <numerusform>%Ln keys copied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+193"/>
        <source>%n upload(s) not finished. Quit anyway?</source>
        <translation>
            <numerusform>1 upload is not finished. Quit anyway?</numerusform>
            <numerusform>%n uploads are not finished. Quit anyway?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message numerus="yes">
        <location filename="../models/messages.py" line="+641"/>
        <source>%1: the server lacks %n part(s) the journal had; sending them again.</source>
        <translation>
            <numerusform>%1: the server lacks %n part the journal had; sending it again.</numerusform>
            <numerusform>%1: the server lacks %n parts the journal had; sending them again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notes</name>
    <message numerus="yes">
        <location filename="../tray/notifications.py" line="+78"/>
        <source>%Ln item(s) not added (see the batch in the window)</source>
        <translation>
            <numerusform>%Ln item not added (see the batch in the window)</numerusform>
            <numerusform>%Ln items not added (see the batch in the window)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln file(s) uploaded</source>
        <translation>
            <numerusform>%Ln file uploaded</numerusform>
            <numerusform>%Ln files uploaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln skipped (already on the server)</source>
        <translation>
            <numerusform>%Ln skipped (already on the server)</numerusform>
            <numerusform>%Ln skipped (already on the server)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln cancelled</numerusform>
            <numerusform>%Ln cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln failed</numerusform>
            <numerusform>%Ln failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+124"/>
        <source>%Ln upload(s) need your attention</source>
        <translation>
            <numerusform>%Ln upload needs your attention</numerusform>
            <numerusform>%Ln uploads need your attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>(and %Ln more file(s))</source>
        <translation>
            <numerusform>(and %Ln more file)</numerusform>
            <numerusform>(and %Ln more files)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln batch(es) finished.</source>
        <translation>
            <numerusform>%Ln batch finished.</numerusform>
            <numerusform>%Ln batches finished.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln batch(es): </source>
        <translation>
            <numerusform>%Ln batch: </numerusform>
            <numerusform>%Ln batches: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%Ln batch(es) finished</source>
        <translation>
            <numerusform>%Ln batch finished</numerusform>
            <numerusform>%Ln batches finished</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Parts</name>
    <message numerus="yes">
        <location filename="../window/parts_view.py" line="+92"/>
        <source>%Ln done</source>
        <translation>
            <numerusform>%Ln done</numerusform>
            <numerusform>%Ln done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln sending</source>
        <translation>
            <numerusform>%Ln sending</numerusform>
            <numerusform>%Ln sending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln waiting</source>
        <translation>
            <numerusform>%Ln waiting</numerusform>
            <numerusform>%Ln waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln will retry</source>
        <translation>
            <numerusform>%Ln will retry</numerusform>
            <numerusform>%Ln will retry</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln not sent</source>
        <translation>
            <numerusform>%Ln not sent</numerusform>
            <numerusform>%Ln not sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln cancelled</numerusform>
            <numerusform>%Ln cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln part(s): %1</source>
        <translation>
            <numerusform>%Ln part: %1</numerusform>
            <numerusform>%Ln parts: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartsPanel</name>
    <message numerus="yes">
        <location line="+333"/>
        <source>%n retries</source>
        <translation>
            <numerusform>%n retries</numerusform>
            <numerusform>%n retries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message numerus="yes">
        <location filename="../models/queue_model.py" line="+263"/>
        <source>uploading (%n retries)</source>
        <translation>
            <numerusform>uploading (%n retry)</numerusform>
            <numerusform>uploading (%n retries)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+64"/>
        <location line="+23"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-4"/>
        <source>%Ln not added</source>
        <translation>
            <numerusform>%Ln not added</numerusform>
            <numerusform>%Ln not added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>... and %Ln more</source>
        <translation>
            <numerusform>... and %Ln more</numerusform>
            <numerusform>... and %Ln more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>State</name>
    <message numerus="yes">
        <location filename="../models/formatting.py" line="-70"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n uploading</source>
        <translation>
            <numerusform>%n uploading</numerusform>
            <numerusform>%n uploading</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n verifying</source>
        <translation>
            <numerusform>%n verifying</numerusform>
            <numerusform>%n verifying</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n done</source>
        <translation>
            <numerusform>%n done</numerusform>
            <numerusform>%n done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n paused</source>
        <translation>
            <numerusform>%n paused</numerusform>
            <numerusform>%n paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n cancelled</numerusform>
            <numerusform>%n cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message numerus="yes">
        <location filename="../window/status_summary.py" line="+59"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <location filename="../tray/state.py" line="+135"/>
        <source>%n uploading</source>
        <translation>
            <numerusform>%n uploading</numerusform>
            <numerusform>%n uploading</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n paused</source>
        <translation>
            <numerusform>%n paused</numerusform>
            <numerusform>%n paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message numerus="yes">
        <location filename="../tray/controller.py" line="+207"/>
        <source>Open failed uploads (%n)</source>
        <translation>
            <numerusform>Open failed uploads (%n)</numerusform>
            <numerusform>Open failed uploads (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayQuestions</name>
    <message numerus="yes">
        <location line="-148"/>
        <source>%n upload(s) still running.</source>
        <translation>
            <numerusform>1 upload is still running.</numerusform>
            <numerusform>%n uploads are still running.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n upload(s) still running. This desktop has no system tray, so Hoist can only keep uploading with its window open.</source>
        <translation>
            <numerusform>1 upload is still running. This desktop has no system tray, so Hoist can only keep uploading with its window open.</numerusform>
            <numerusform>%n uploads are still running. This desktop has no system tray, so Hoist can only keep uploading with its window open.</numerusform>
        </translation>
    </message>
</context>
</TS>
