; Inno Setup 6 script for Hoist on Windows (x64). NOT built or run on the Linux machine
; where it was written: the release workflow (.github/workflows/release.yml) builds it
; on a windows runner. From the repository root, after the PyInstaller folder exists:
;
;   python packaging\render_icons.py packaging\build\icons --ico
;   pyinstaller --noconfirm --distpath packaging\dist --workpath packaging\build\pyinstaller packaging\hoist.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\hoist.iss
;
; Output: packaging\dist\hoist-VERSION-windows-x64-setup.exe. Installs per machine
; (Program Files) or, if the user chooses, per user without admin rights. Uninstall
; removes the program files and shortcuts; the user's data (%LOCALAPPDATA%\hoist,
; credentials in Windows Credential Manager) stays.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (from pyproject.toml)
#endif

#define AppName "Hoist"
#define AppExe "hoist.exe"

[Setup]
; AppId identifies Hoist across versions (upgrades, uninstall): never change it.
AppId={{5B8E2C4A-7D1F-4E39-9A6B-3C0D8F2E1A47}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Hoist developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=hoist-{#AppVersion}-windows-x64-setup
SetupIconFile=..\build\icons\hoist.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\hoist\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon
; "Send to > Hoist" in Explorer's context menu, for files and folders.
Name: "{usersendto}\{#AppName}"; Filename: "{app}\{#AppExe}"

[Registry]
; "Open with > Hoist" for any file (Applications key + OpenWithList), removed on uninstall.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\*\OpenWithList\{#AppExe}"; Flags: uninsdeletekey
; "Start Hoist at login" (Settings > Desktop) writes HKCU\...\Run\Hoist; it would point at a
; deleted program after uninstall, so remove it then (never created by the installer).
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "Hoist"; Flags: uninsdeletevalue dontcreatekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
