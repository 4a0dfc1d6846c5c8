#!/usr/bin/env bash
# The installed desktop file and shared-mime-info package make a file manager open
# *.sandbox-job.json with the console: install into a scratch prefix, build its MIME
# database and ask GIO (what file managers use) for a job file's type and default app.
#   mime_registration_test.sh BUILD_DIR
set -euo pipefail
build_dir=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cmake --install "$build_dir" --prefix "$scratch" >/dev/null
desktop=$scratch/share/applications/sandbox-console.desktop
desktop-file-validate "$desktop" | grep -v '^.*hint:' || true
grep -qx 'MimeType=application/x-sandbox-job+json;' "$desktop" ||
    { echo "FAIL: $desktop has no MimeType= for jobs" >&2; exit 1; }
grep -q '^Exec=sandbox-console %f$' "$desktop" ||
    { echo "FAIL: $desktop does not pass the file (Exec=... %f)" >&2; exit 1; }
[[ -f $scratch/share/mime/packages/sandbox-console.xml ]] ||
    { echo "FAIL: share/mime/packages/sandbox-console.xml is not installed" >&2; exit 1; }
update-mime-database "$scratch/share/mime"
grep -q 'application/x-sandbox-job+json:\*\.sandbox-job\.json' "$scratch/share/mime/globs2" ||
    { echo "FAIL: the MIME database has no glob for *.sandbox-job.json" >&2; exit 1; }
echo '{"schema": 1}' >"$scratch/x.sandbox-job.json"
type=$(XDG_DATA_HOME="$scratch/share" XDG_DATA_DIRS="$scratch/share:/usr/share" \
    gio info -a standard::content-type "$scratch/x.sandbox-job.json" |
    sed -n 's/.*standard::content-type: //p')
[[ $type == application/x-sandbox-job+json ]] ||
    { echo "FAIL: GIO sees x.sandbox-job.json as '$type'" >&2; exit 1; }
echo "ok: *.sandbox-job.json is $type and opens with sandbox-console"
