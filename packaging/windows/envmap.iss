; Windows installer for Wuhan EnvMap (Inno Setup 6). Installs the PyInstaller folder that
; packaging/build.py leaves in dist\envmap for the current user, without administrator
; rights, with a Start-menu shortcut and an uninstaller. Built by
; .github/workflows/windows-installer.yml:
;     iscc /DAppVersion=0.1.0 packaging\windows\envmap.iss
; The user's own data (status store, imported documents, %APPDATA%\WuhanEnvMap) is kept on
; uninstall on purpose: it holds the office's recorded statuses.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define Root "..\.."
#define AppNameZh "武汉环保行动地图"

[Setup]
AppId={{9E07F6E8-D640-42D6-982E-9DC9C33F66A2}
AppName={#AppNameZh} Wuhan EnvMap
AppVersion={#AppVersion}
AppPublisher=Wuhan EnvMap
VersionInfoVersion={#AppVersion}
; Per-user by default (no UAC prompt); an administrator may still choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\WuhanEnvMap
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
Compression=lzma2/max
SolidCompression=yes
SetupIconFile={#Root}\resources\icons\envmap.ico
UninstallDisplayIcon={app}\envmap-gui.exe
UninstallDisplayName={#AppNameZh} Wuhan EnvMap
OutputDir={#Root}\dist
OutputBaseFilename=EnvMap-Setup-{#AppVersion}
WizardStyle=modern
CloseApplications=yes

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\envmap\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppNameZh}"; Filename: "{app}\envmap-gui.exe"; Comment: "Wuhan EnvMap"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\envmap-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\envmap-gui.exe"; Description: "{cm:LaunchProgram,{#AppNameZh}}"; Flags: nowait postinstall skipifsilent
