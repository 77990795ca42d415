# Build the Windows app and its installer: one command, from PowerShell on Windows.
#
#   packaging\build-windows.ps1 [-Python python]
#
# Makes dist\huaibei-reader\ (the frozen one-folder app: huaibei-reader.exe for the window,
# huaibei-reader-cli.exe for the command line) and
# dist\huaibei-reader-VERSION-windows-x64-setup.exe (Inno Setup 6: per-user, English and
# Simplified Chinese). The version comes from src\huaibei_reader\__init__.py.
param(
    [string]$Python = "$PSScriptRoot\..\.venv\Scripts\python.exe"
)
$ErrorActionPreference = "Stop"
$repo = (Resolve-Path "$PSScriptRoot\..").Path
Set-Location $repo

function Invoke-Checked {
    param([string]$What, [scriptblock]$Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "build-windows: $What failed (exit $LASTEXITCODE)" }
}

& $Python -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) {
    throw "build-windows: PyInstaller is not installed for $Python; run: $Python -m pip install -e .[package]"
}
$version = (& $Python packaging\version.py).Trim()
$numeric = (& $Python packaging\version.py --numeric).Trim()
Write-Host "build-windows: Huaibei Reader $version"

$started = Get-Date
$env:HUAIBEI_VERSION = $version
Invoke-Checked "PyInstaller" {
    & $Python -m PyInstaller --noconfirm --log-level WARN --distpath "$repo\dist" `
        --workpath "$repo\build" packaging\huaibei-reader.spec
}

# Inno Setup 6: on PATH, in Program Files, or installed per-user by winget/choco.
$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
    $iscc = @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    ) | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $iscc) {
    throw "build-windows: Inno Setup 6 not found; install it (choco install innosetup, or winget install JRSoftware.InnoSetup)"
}

# The Simplified Chinese messages ship with Inno Setup 6.5 and later; older compilers get
# the translation from the Inno Setup repository, fetched at build time.
$isccDir = Split-Path $iscc
$chinese = Join-Path $isccDir "Languages\ChineseSimplified.isl"
if (-not (Test-Path $chinese)) {
    $chinese = "$repo\build\ChineseSimplified.isl"
    $sources = @(
        "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/ChineseSimplified.isl",
        "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial/ChineseSimplified.isl"
    )
    foreach ($url in $sources) {
        try { Invoke-WebRequest -Uri $url -OutFile $chinese -UseBasicParsing; break } catch { }
    }
    if (-not (Test-Path $chinese)) { throw "build-windows: no ChineseSimplified.isl for Inno Setup" }
}

Invoke-Checked "Inno Setup" {
    & $iscc /Qp "/DAppVersion=$version" "/DAppNumericVersion=$numeric" `
        "/DSourceDir=$repo\dist\huaibei-reader" "/DOutputDir=$repo\dist" `
        "/DChineseIsl=$chinese" packaging\windows\huaibei-reader.iss
}
$setup = "$repo\dist\huaibei-reader-$version-windows-x64-setup.exe"
if (-not (Test-Path $setup)) { throw "build-windows: $setup was not made" }
$folderMB = [math]::Round(((Get-ChildItem "$repo\dist\huaibei-reader" -Recurse -File |
    Measure-Object Length -Sum).Sum / 1MB), 1)
$setupMB = [math]::Round((Get-Item $setup).Length / 1MB, 1)
$seconds = [math]::Round(((Get-Date) - $started).TotalSeconds)
Write-Host "build-windows: built in $seconds s; folder $folderMB MB; installer $setupMB MB: $setup"
