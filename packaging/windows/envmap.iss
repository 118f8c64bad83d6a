; Windows installer for Wuhan EnvMap (Inno Setup 6). Installs the PyInstaller folder that
; packaging/build.py leaves in dist\envmap for the current user, without administrator
; rights, with a Start-menu shortcut and an uninstaller. Built and tested under Wine by
; packaging/windows/build.sh (issue #14), on Windows by .github/workflows/windows-installer.yml:
;     iscc /DAppVersion=0.1.0 [/DBundle=DIR] [/OOUTDIR] packaging\windows\envmap.iss
; The user's own data (status store, imported documents, %APPDATA%\WuhanEnvMap) is kept on
; uninstall on purpose: it holds the office's recorded statuses.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define Root "..\.."
#ifndef Bundle
  #define Bundle Root + "\dist\envmap"
#endif
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
; Per user: %LOCALAPPDATA%\Programs\WuhanEnvMap (what {autopf} means per user on Windows; Wine 8
; cannot expand {autopf} per user, so it is spelled out); all users: Program Files.
DefaultDirName={code:DefaultDir}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 1809 (build 17763) or later; it also uses the system's icuuc.dll.
MinVersion=10.0.17763
Compression=lzma2/max
SolidCompression=yes
SetupIconFile={#Root}\resources\icons\envmap.ico
UninstallDisplayIcon={app}\envmap.exe
UninstallDisplayName={#AppNameZh} Wuhan EnvMap
OutputDir={#Root}\dist
ShowLanguageDialog=auto
OutputBaseFilename=EnvMap-Setup-{#AppVersion}
WizardStyle=modern
CloseApplications=yes

[Languages]
; Chinese first (the default), English second. ChineseSimplified.isl is the project's own.
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppNameZh}"; Filename: "{app}\envmap.exe"; Comment: "Wuhan EnvMap"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\envmap.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\envmap.exe"; Description: "{cm:LaunchProgram,{#AppNameZh}}"; Flags: nowait postinstall skipifsilent

[Code]
function DefaultDir(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := ExpandConstant('{commonpf64}\WuhanEnvMap')
  else
    Result := ExpandConstant('{localappdata}\Programs\WuhanEnvMap');
end;
