#!/usr/bin/env bash
# The issue's "sandboxctl exec --profile-name "Local demo (mTLS)" -- id" from another
# terminal: scripts/demo runs with its own private D-Bus session and gnome-keyring, and a
# second, clean environment (no bus, no config dir) attaches with `scripts/demo --shell`.
# sandboxctl there must find the demo's profile and the token in the demo's keychain, and
# no token may be in the session file or the attached shell's environment.
#   demo_shell_test.sh BUILD_DIR
set -euo pipefail
build_dir=$(cd "$1" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d -t sandbox-demo-shell-test.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
home=$scratch/home
runtime=$scratch/runtime
mkdir -p "$home" "$runtime"
chmod 700 "$runtime"
fail() { echo "FAIL: $*" >&2; exit 1; }

# Stands in for the console: while the demo runs, "another terminal" (env -i) attaches.
cat >"$scratch/other-terminal" <<'SCRIPT'
#!/usr/bin/env bash
session=$TEST_HOME/.local/share/sandbox-console/demo-session
cp "$session" "$TEST_SCRATCH/session-copy"
env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin XDG_DATA_HOME="$TEST_HOME/.local/share" \
    "$TEST_REPO/scripts/demo" --shell -- sh -c '
        sandboxctl exec --profile-name "Local demo (mTLS)" -- id
        echo "sandboxctl status $?"
        env >"$0"' "$TEST_SCRATCH/shell-env" >"$TEST_SCRATCH/out" 2>&1
SCRIPT
chmod +x "$scratch/other-terminal"

status=0
env -u DBUS_SESSION_BUS_ADDRESS HOME="$home" XDG_DATA_HOME="$home/.local/share" \
    XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$runtime" SANDBOX_BUILD_DIR="$build_dir" \
    SANDBOX_DEMO_CONSOLE="$scratch/other-terminal" TEST_HOME="$home" TEST_REPO="$repo" \
    TEST_SCRATCH="$scratch" "$repo/scripts/demo" --no-setup >"$scratch/demo-out" 2>&1 ||
    status=$?
cat "$scratch/demo-out"
echo "--- the attached shell:"
cat "$scratch/out" 2>/dev/null || fail "the attached shell did not run"
[[ $status -eq 0 ]] || fail "scripts/demo exited with $status"
grep -q 'private D-Bus session' "$scratch/demo-out" ||
    fail "the demo did not start its own keychain (the case this test is about)"
grep -q 'scripts/demo --shell' "$scratch/demo-out" || fail "the demo does not say how to attach"
grep -qx 'sandboxctl status 0' "$scratch/out" || fail "sandboxctl --profile-name failed"
grep -q '^uid=' "$scratch/out" || fail "no output of id"
token=$(cat "$home/.local/share/sandbox-console/demo-pki/token-mtls")
[[ ${#token} -ge 32 ]] || fail "no demo token to look for"
! grep -qF "$token" "$scratch/session-copy" "$scratch/shell-env" "$scratch/out" "$scratch/demo-out" ||
    fail "the token is in the session file, the shell's environment or the output"
grep -q '^SANDBOX_CONSOLE_CONFIG_DIR=' "$scratch/shell-env" || fail "no config dir in the shell"
[[ ! -e $home/.local/share/sandbox-console/demo-session ]] ||
    fail "the session file outlived the demo"

# After the demo: attaching says so.
if out=$(env -i HOME="$home" PATH=/usr/bin:/bin XDG_DATA_HOME="$home/.local/share" \
    "$repo/scripts/demo" --shell -- true 2>&1); then
    fail "--shell attached to a demo that is not running"
fi
grep -q 'no demo is running' <<<"$out" || fail "unclear message without a demo: $out"
echo "PASS"
