; Inno Setup 6 script for the Windows installer of Storekeeper (防疫物资库管).
; Build the bundle first (packaging\build_windows.ps1 does both steps); the version is passed in
; from app/__init__.py:  iscc /DAppVersion=0.1.0 packaging\storekeeper.iss
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\storekeeper.iss
#endif

[Setup]
AppId={{6E0F3C52-5B1B-4C39-9C55-3E8A2D7F5A10}
AppName=Storekeeper 防疫物资库管
AppVersion={#AppVersion}
AppPublisher=Storekeeper
DefaultDirName={autopf}\Storekeeper
DefaultGroupName=Storekeeper 防疫物资库管
OutputDir=..\build\installer
OutputBaseFilename=storekeeper-{#AppVersion}-setup
SetupIconFile=..\resources\icons\storekeeper.ico
UninstallDisplayIcon={app}\storekeeper.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; per-user install by default: no administrator needed on a kindergarten PC
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.DataKept=数据没有删除，仍保存在：%n%1%n如需彻底删除，请先备份后手动删除该文件夹。
english.DataKept=Your data was not removed. It is still in:%n%1%nBack it up before you delete that folder by hand.
chinesesimplified.DesktopIcon=创建桌面快捷方式
english.DesktopIcon=Create a desktop shortcut

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[Files]
Source: "..\build\dist\storekeeper\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Storekeeper 防疫物资库管"; Filename: "{app}\storekeeper.exe"
Name: "{group}\{cm:UninstallProgram,Storekeeper}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Storekeeper 防疫物资库管"; Filename: "{app}\storekeeper.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\storekeeper.exe"; Description: "{cm:LaunchProgram,Storekeeper}"; Flags: nowait postinstall skipifsilent

[Code]
// The books live in the user's data folder, never in {app}: uninstalling leaves them and says where.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\Storekeeper')]),
           mbInformation, MB_OK);
end;
