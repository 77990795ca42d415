; Inno Setup 6 script: the Windows installer of Huaibei Reader (淮北阅读器).
;
; Built by packaging/build-windows.ps1, which passes the one project version and the paths:
;   iscc /DAppVersion=0.1.0 /DAppNumericVersion=0.1.0.0 /DSourceDir=...\dist\huaibei-reader
;        /DOutputDir=...\dist packaging\windows\huaibei-reader.iss
;
; Per-user install (no administrator rights, into %LOCALAPPDATA%\Programs), a Start menu
; entry, an optional desktop icon, an uninstaller in Settings > Apps, English and Simplified
; Chinese pages (chosen from the Windows display language). The library and settings in
; %LOCALAPPDATA%\huaibei-reader belong to the user and stay when the app is uninstalled.
; This file is UTF-8 with a byte order mark, which Inno Setup needs for the Chinese text.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (packaging/build-windows.ps1 does)
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\huaibei-reader"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef ChineseIsl
  ; Official since Inno Setup 6.5; build-windows.ps1 passes another copy for older compilers.
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif
#define AppExe "huaibei-reader.exe"

[Setup]
; The AppId identifies the app across versions (upgrades, uninstall): never change it.
AppId={{3F6B2C1E-8D4A-4B7E-A5C9-2E71D09F4B38}
AppName=Huaibei Reader
AppVersion={#AppVersion}
AppVerName={cm:AppDisplayName} {#AppVersion}
AppPublisher=Huaibei Reader developers
AppPublisherURL=https://github.com/huaibei-reader/huaibei-reader
AppSupportURL=https://github.com/huaibei-reader/huaibei-reader/issues
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName=Huaibei Reader
VersionInfoDescription=Huaibei Reader Setup
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\Huaibei Reader
DisableProgramGroupPage=yes
DisableWelcomePage=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 and later.
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=huaibei-reader-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={cm:AppDisplayName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"

[CustomMessages]
english.AppDisplayName=Huaibei Reader
chinesesimplified.AppDisplayName=淮北阅读器
english.AppComment=Read local news as clean text and keep it offline
chinesesimplified.AppComment=以干净的正文阅读本地新闻并离线保存
english.DemoShortcut=Huaibei Reader (sample edition)
chinesesimplified.DemoShortcut=淮北阅读器（示例内容）
english.DemoComment=Try the reader on the bundled sample edition, without network
chinesesimplified.DemoComment=用内置的示例内容试用阅读器，无需联网

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: no library of the old version is left beside the new.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppDisplayName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autoprograms}\{cm:DemoShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; Comment: "{cm:DemoComment}"
Name: "{autodesktop}\{cm:AppDisplayName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppDisplayName}}"; Flags: nowait postinstall skipifsilent
