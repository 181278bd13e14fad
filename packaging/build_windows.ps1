# Build the Windows bundle and installer (run in PowerShell on Windows, from the project root):
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Needs Python 3.11+ (python.org installer) and Inno Setup 6 (iscc on PATH).
$ErrorActionPreference = "Stop"
python -m pip install "pyinstaller>=6.5" -e .
python -m PyInstaller --noconfirm --clean --distpath build\dist --workpath build\work packaging\storekeeper.spec
$version = python -c "import app; print(app.__version__)"
& build\dist\storekeeper\storekeeper-cli.exe --version
iscc /DAppVersion=$version packaging\storekeeper.iss
Write-Host "Installer: build\installer\storekeeper-$version-setup.exe"
