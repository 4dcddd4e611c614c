; PermitDesk installer for Windows (Inno Setup 6). Installs the one-folder bundle built by
; packaging/permitdesk.spec for the whole machine, under Program Files (needs admin).
;
; Build (after pyinstaller, from the repository root):  iscc packaging\windows\permitdesk.iss
; Output: dist\installer\PermitDesk-<version>-setup.exe
;
; Silent install with the machine configuration (written to
; %PROGRAMDATA%\PermitDesk\permitdesk.toml, see docs/admin.md):
;   PermitDesk-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART ^
;       /DB="D:\PermitDesk\permitdesk.sqlite" /LANG=nl /LOG="C:\Windows\Temp\permitdesk-setup.log"
; /DB=   the counter's database file (a local disk; never a network share)
; /LANG= the interface language until a clerk picks one: fr, nl or de
; Without /DB= and /LANG=, an existing configuration file (from a GPO) is left as it is.
;
; NOT TESTED: written and reviewed on Linux; no Windows machine was available.

#define AppName "PermitDesk"
#define AppVersion "0.1.0"
#define AppPublisher "PermitDesk"
#define GuiExe "permitdesk-gui.exe"

[Setup]
AppId={{7C3E2A61-4B8F-4E0B-9B1C-5D2F6A8E9C41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
; Every path below is taken from the repository root.
SourceDir=..\..
OutputDir=dist\installer
OutputBaseFilename=PermitDesk-{#AppVersion}-setup
SetupIconFile=resources\icons\permitdesk.ico
UninstallDisplayIcon={app}\{#GuiExe}
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes
SetupLogging=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "dist\permitdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; The database, its backups and the configuration file: every clerk of the machine runs
; PermitDesk as himself and must be able to write the database (users-modify).
Name: "{commonappdata}\PermitDesk"; Permissions: users-modify; Flags: uninsneveruninstall
Name: "{commonappdata}\PermitDesk\backups"; Permissions: users-modify; Flags: uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{commonappdata}\PermitDesk"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{commonappdata}\PermitDesk"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The program folder only: the database, backups and configuration in ProgramData stay.
Type: filesandordirs; Name: "{app}"

[Code]
const
  ConfigName = 'permitdesk.toml';

function ParamDb(): String;
begin
  Result := Trim(ExpandConstant('{param:DB|}'));
end;

function ParamLang(): String;
begin
  Result := Lowercase(Trim(ExpandConstant('{param:LANG|}')));
end;

function InitializeSetup(): Boolean;
var
  Db, Lang: String;
begin
  Result := True;
  Db := ParamDb();
  Lang := ParamLang();
  if (Lang <> '') and (Lang <> 'fr') and (Lang <> 'nl') and (Lang <> 'de') then
  begin
    SuppressibleMsgBox('/LANG= must be fr, nl or de (got "' + Lang + '").', mbError, MB_OK, IDOK);
    Result := False;
  end
  else if (Copy(Db, 1, 2) = '\\') then
  begin
    SuppressibleMsgBox('/DB= must be on a local disk, not a network share: ' + Db, mbError, MB_OK, IDOK);
    Result := False;
  end
  else if (Pos('''', Db) > 0) then
  begin
    SuppressibleMsgBox('/DB= must not contain a quote (''): ' + Db, mbError, MB_OK, IDOK);
    Result := False;
  end;
end;

{ Replace the line of Key, or append it: other keys (a GPO's backups, log_folder) stay. }
procedure SetKey(var Lines: TArrayOfString; Key, Line: String);
var
  I, N: Integer;
  Found: Boolean;
begin
  Found := False;
  for I := 0 to GetArrayLength(Lines) - 1 do
    if (Pos(Key + ' ', Lines[I]) = 1) or (Pos(Key + '=', Lines[I]) = 1) then
    begin
      Lines[I] := Line;
      Found := True;
    end;
  if not Found then
  begin
    N := GetArrayLength(Lines);
    SetArrayLength(Lines, N + 1);
    Lines[N] := Line;
  end;
end;

{ Give the machine's users (S-1-5-32-545) modify rights on a database folder outside ProgramData. }
procedure GrantUsers(Folder: String);
var
  Code: Integer;
begin
  ForceDirectories(Folder);
  if not Exec(ExpandConstant('{sys}\icacls.exe'), '"' + Folder + '" /grant *S-1-5-32-545:(OI)(CI)M',
              '', SW_HIDE, ewWaitUntilTerminated, Code) or (Code <> 0) then
    Log('icacls failed on ' + Folder + ' (code ' + IntToStr(Code) + ')');
end;

{ The installed bundle must start: window offscreen on a temporary database, every annex. }
procedure SelfTest();
var
  Code: Integer;
begin
  if Exec(ExpandConstant('{app}\permitdesk.exe'), '--self-test', '', SW_HIDE,
          ewWaitUntilTerminated, Code) and (Code = 0) then
    Log('permitdesk --self-test passed')
  else
    SuppressibleMsgBox('PermitDesk was installed but its self-test failed (code ' + IntToStr(Code)
      + '). Run "' + ExpandConstant('{app}\permitdesk.exe') + ' --self-test" in a command prompt '
      + 'to see which check fails.', mbError, MB_OK, IDOK);
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Db, Lang, Path: String;
  Lines: TArrayOfString;
begin
  if CurStep <> ssPostInstall then
    Exit;
  SelfTest();
  Db := ParamDb();
  Lang := ParamLang();
  if (Db = '') and (Lang = '') then
    Exit;
  Path := ExpandConstant('{commonappdata}\PermitDesk\') + ConfigName;
  if not LoadStringsFromFile(Path, Lines) then
  begin
    SetArrayLength(Lines, 1);
    Lines[0] := '# PermitDesk machine configuration (docs/admin.md). Written by the installer.';
  end;
  { TOML literal strings (single quotes): a Windows backslash stays a backslash. }
  if Db <> '' then
  begin
    SetKey(Lines, 'database', 'database = ''' + Db + '''');
    GrantUsers(ExtractFileDir(Db));
  end;
  if Lang <> '' then
    SetKey(Lines, 'default_language', 'default_language = "' + Lang + '"');
  if SaveStringsToUTF8File(Path, Lines, False) then
    Log('wrote ' + Path)
  else
    SuppressibleMsgBox('Could not write ' + Path, mbError, MB_OK, IDOK);
end;
