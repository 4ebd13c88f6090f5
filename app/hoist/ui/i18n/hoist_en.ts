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
        <location filename="../models/formatting.py" line="+120"/>
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>History</name>
    <message numerus="yes">
        <location filename="../dialogs/history.py" line="+85"/>
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
        <location line="+144"/>
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
    <name>State</name>
    <message numerus="yes">
        <location filename="../models/formatting.py" line="-50"/>
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
</TS>
