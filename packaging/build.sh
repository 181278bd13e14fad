#!/usr/bin/env bash
# Build the Linux one-folder bundle with PyInstaller and smoke-test the built program from a
# folder with no source tree and no Python path: --version, demo, verify, labels, screenshot.
# Usage: bash packaging/build.sh        (output: build/dist/storekeeper/)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
python -m pip install -q "pyinstaller>=6.5" -e .
python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath build/dist --workpath build/work packaging/storekeeper.spec

BUNDLE="$ROOT/build/dist/storekeeper"
BIN="$BUNDLE/storekeeper"
VERSION=$(python -c "import app; print(app.__version__)")
echo "== bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"

SMOKE=$(mktemp -d)
trap 'rm -rf "$SMOKE"' EXIT
cd "$SMOKE"
run() { env -i HOME="$SMOKE" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
        STOREKEEPER_LANG=en "$BIN" "$@"; }

out=$(run --version)
[ "$out" = "storekeeper $VERSION" ] || { echo "FAIL --version: $out"; exit 1; }
echo "ok   --version: $out"
run demo --db "$SMOKE/demo.db" >/dev/null && echo "ok   demo"
run verify --db "$SMOKE/demo.db" && echo "ok   verify"
tmpl=$(run labels --list-templates | head -1 | cut -d' ' -f1)
run labels --db "$SMOKE/demo.db" --template "$tmpl" --all -o "$SMOKE/labels.pdf" >/dev/null
[ -s "$SMOKE/labels.pdf" ] && echo "ok   labels ($tmpl): $(stat -c %s "$SMOKE/labels.pdf") bytes"
run screenshot --db "$SMOKE/demo.db" --page stock -o "$SMOKE/stock.png" >/dev/null
[ -s "$SMOKE/stock.png" ] && echo "ok   screenshot: $(stat -c %s "$SMOKE/stock.png") bytes"
cp "$SMOKE/stock.png" "$ROOT/build/smoke-stock.png"
echo "== smoke test passed; bundle size $(du -sh "$BUNDLE" | cut -f1)"
