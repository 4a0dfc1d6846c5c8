#!/usr/bin/env bash
# The Debian packages as a user gets them: CPack from the already-built build dir into a
# temporary directory, lintian without errors, then each package unpacked with dpkg -x:
# expected files and modes, conffiles and maintainer scripts, dependencies from
# dpkg-shlibdeps, valid desktop file and AppStream metainfo, man pages, bash completion,
# and every program answering --version with the CMake version.
#
#   packaging_test.sh BUILD_DIR VERSION
# Exit 77 (skipped) with the reason printed when not root.
set -uo pipefail
build_dir=$1 version=$2
repo=$(cd "$(dirname "$0")/.." && pwd)

if [[ $(id -u) -ne 0 ]]; then
    echo "SKIPPED: not running as root (uid $(id -u)): the package build and its checks" \
        "(root:root ownership, installed tools) run as root only, as scripts/test does in CI"
    exit 77
fi
for tool in cpack lintian dpkg-deb desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || { echo "FAILED: $tool is missing (scripts/setup installs it)"; exit 1; }
done

work=$(mktemp -d -t sandbox-packaging.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
check() { # check DESCRIPTION COMMAND...
    local out
    if out=$("${@:2}" 2>&1); then
        echo "ok: $1"
    else
        echo "FAILED: $1"
        [[ -n $out ]] && printf '    %s\n' "$out"
        failures=$((failures + 1))
    fi
}

echo "--- cpack (from $build_dir, no rebuild)"
if ! cpack --config "$build_dir/CPackConfig.cmake" -B "$work/dist" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    echo "FAILED: cpack"
    exit 1
fi
arch=$(dpkg --print-architecture)
for p in sandbox-console sandboxctl sandbox-agent; do
    deb=$work/dist/${p}_${version}_$arch.deb
    check "$p: $(basename "$deb") built" test -f "$deb"
    mkdir -p "$work/x/$p" "$work/control/$p"
    dpkg-deb -x "$deb" "$work/x/$p" 2>/dev/null
    dpkg-deb -e "$deb" "$work/control/$p" 2>/dev/null
done
((failures == 0)) || exit 1

echo "--- lintian"
lintian --fail-on error --tag-display-limit 0 "$work"/dist/*.deb
check "lintian reports no errors" test "${PIPESTATUS[0]}" -eq 0

# mode_is PACKAGE PATH MODE: PATH exists in the unpacked PACKAGE with octal MODE.
mode_is() {
    local file=$work/x/$1$2
    [[ -e $file ]] || { echo "$2 is missing from $1"; return 1; }
    local mode
    mode=$(stat -c %a "$file")
    [[ $mode == "$3" ]] || { echo "$2 has mode $mode, expected $3"; return 1; }
}
owned_by_root() { # every entry of the .deb is root:root
    dpkg-deb -c "$work/dist/${1}_${version}_$arch.deb" | awk '$2 != "root/root" { print; bad = 1 } END { exit bad }'
}
depends_on() { # depends_on PACKAGE WORD: the Depends line names WORD
    grep -q "^Depends:.*\b$2" "$work/control/$1/control" || { grep '^Depends' "$work/control/$1/control"; return 1; }
}

echo "--- sandbox-console"
check "binary /usr/bin/sandbox-console 0755" mode_is sandbox-console /usr/bin/sandbox-console 755
check "desktop file" mode_is sandbox-console /usr/share/applications/sandbox-console.desktop 644
check "icon" mode_is sandbox-console /usr/share/icons/hicolor/scalable/apps/sandbox-console.svg 644
check "man page man1/sandbox-console.1.gz" mode_is sandbox-console /usr/share/man/man1/sandbox-console.1.gz 644
check "copyright" mode_is sandbox-console /usr/share/doc/sandbox-console/copyright 644
metainfo=$(ls "$work"/x/sandbox-console/usr/share/metainfo/*.metainfo.xml 2>/dev/null | head -1)
check "AppStream metainfo installed" test -n "$metainfo"
check "desktop-file-validate passes" desktop-file-validate "$work/x/sandbox-console/usr/share/applications/sandbox-console.desktop"
check "appstreamcli validate --no-net passes" appstreamcli validate --no-net "$metainfo"
check "AppStream release is $version" grep -q "<release version=\"$version\"" "$metainfo"
screenshots_exist() { # every screenshot the metainfo names is one of docs/screenshots
    local png names
    names=$(grep -o '[a-z-]*\.png' "$metainfo") || return 1
    for png in $names; do
        [[ -f $repo/docs/screenshots/$png ]] || { echo "$png is not in docs/screenshots"; return 1; }
    done
}
check "AppStream screenshots are those of docs/screenshots" screenshots_exist
check "depends on Qt (dpkg-shlibdeps)" depends_on sandbox-console libqt6widgets6
check "depends on the Qt platform plugins" depends_on sandbox-console qt6-qpa-plugins
check "all files root-owned" owned_by_root sandbox-console
check "sandbox-console --version is $version" sh -c \
    "QT_QPA_PLATFORM=offscreen '$work/x/sandbox-console/usr/bin/sandbox-console' --version | grep -qx 'sandbox-console $version'"

echo "--- sandboxctl"
check "binary /usr/bin/sandboxctl 0755" mode_is sandboxctl /usr/bin/sandboxctl 755
check "man page man1/sandboxctl.1.gz" mode_is sandboxctl /usr/share/man/man1/sandboxctl.1.gz 644
check "man page documents --addr" sh -c "zcat '$work/x/sandboxctl/usr/share/man/man1/sandboxctl.1.gz' | grep -q -- 'addr'"
check "man page renders" sh -c "MANWIDTH=80 man -l '$work/x/sandboxctl/usr/share/man/man1/sandboxctl.1.gz' | grep -q 'sandboxctl'"
check "bash completion" mode_is sandboxctl /usr/share/bash-completion/completions/sandboxctl 644
check "depends on gRPC (dpkg-shlibdeps)" depends_on sandboxctl 'libgrpc++'
check "all files root-owned" owned_by_root sandboxctl
check "sandboxctl --version is $version" sh -c \
    "'$work/x/sandboxctl/usr/bin/sandboxctl' --version | grep -qx 'sandboxctl $version'"
# Completion as bash runs it: subcommands, and flags taken from the packaged sandboxctl.
complete_words() { # complete_words WORD...: what Tab offers after "sandboxctl WORD..."
    PATH="$work/x/sandboxctl/usr/bin:$PATH" bash -c '
        source /usr/share/bash-completion/bash_completion
        source "$0"
        COMP_WORDS=(sandboxctl "$@"); COMP_CWORD=$#
        COMP_LINE="sandboxctl $*"; COMP_POINT=${#COMP_LINE}
        _sandboxctl sandboxctl "${@: -1}" "${@: -2:1}"
        printf "%s\n" "${COMPREPLY[@]}"' \
        "$work/x/sandboxctl/usr/share/bash-completion/completions/sandboxctl" "$@"
}
offers() { # offers EXPECTED WORD...: Tab after "sandboxctl WORD..." offers EXPECTED
    local offered # captured first: grep -q in a pipe under pipefail could fail on SIGPIPE
    offered=$(complete_words "${@:2}")
    grep -qx -- "$1" <<<"$offered" || { echo "offered: $offered"; return 1; }
}
if [[ -f /usr/share/bash-completion/bash_completion ]]; then
    check "completion: 'sandboxctl ex' offers exec" offers exec ex
    check "completion: 'sandboxctl exec --ad' offers --addr" offers --addr exec --ad
    check "completion: 'sandboxctl exec --profile ' offers strict" offers strict exec --profile ''
    check "completion: 'sandboxctl token ' offers set" offers set token ''
    # Profile names come from `sandboxctl profiles list`; without profiles (this test's
    # private config) or without that subcommand, Tab offers nothing and prints nothing.
    quiet_without_profiles() {
        local out
        out=$(XDG_CONFIG_HOME=$work/empty-config complete_words exec --profile-name '' 2>&1)
        [[ -z $out ]] || { echo "printed: $out"; return 1; }
    }
    check "completion: --profile-name without profiles is silent" quiet_without_profiles
    check "completion: 'sandboxctl token ' offers delete" offers delete token ''
else
    echo "FAILED: bash-completion is not installed (scripts/setup installs it)"
    failures=$((failures + 1))
fi

echo "--- sandbox-agent"
x=$work/x/sandbox-agent
check "binary /usr/sbin/sandbox-agent 0755" mode_is sandbox-agent /usr/sbin/sandbox-agent 755
check "man page man8/sandbox-agent.8.gz" mode_is sandbox-agent /usr/share/man/man8/sandbox-agent.8.gz 644
check "systemd unit" mode_is sandbox-agent /lib/systemd/system/sandbox-agent.service 644
check "config /etc/sandbox-agent/agent.conf" mode_is sandbox-agent /etc/sandbox-agent/agent.conf 644
check "README.Debian" mode_is sandbox-agent /usr/share/doc/sandbox-agent/README.Debian 644
check "agent.conf is a conffile" grep -qx /etc/sandbox-agent/agent.conf "$work/control/sandbox-agent/conffiles"
for script in postinst prerm postrm; do
    check "maintainer script $script 0755" test -x "$work/control/sandbox-agent/$script"
done
creates_user() { # the adduser call, continuation lines joined
    sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' "$work/control/sandbox-agent/postinst" |
        grep -q 'adduser .*--system.* sandbox-agent$'
}
check "postinst creates the service user" creates_user
# Only the printed instructions may say "enable": no command at a line's start does it.
check "postinst does not enable or start the unit" sh -c \
    "! grep -Eq '^[[:space:]]*(systemctl|deb-systemd-helper|deb-systemd-invoke)[^#]*[[:space:]](enable|start)[[:space:]]' '$work/control/sandbox-agent/postinst'"
check "the unit runs as sandbox-agent with agent.conf" sh -c \
    "grep -qx 'User=sandbox-agent' '$x/lib/systemd/system/sandbox-agent.service' && grep -q '^ExecStart=/usr/sbin/sandbox-agent --config /etc/sandbox-agent/agent.conf$' '$x/lib/systemd/system/sandbox-agent.service'"
check "depends on bubblewrap and adduser" sh -c "grep '^Depends' '$work/control/sandbox-agent/control' | grep -q bubblewrap && grep '^Depends' '$work/control/sandbox-agent/control' | grep -q adduser"
check "all files root-owned" owned_by_root sandbox-agent
check "sandbox-agent --version is $version" sh -c "'$x/usr/sbin/sandbox-agent' --version | grep -qx 'sandbox-agent $version'"
# The shipped config is accepted by the agent's parser: with the token and certificates
# still missing, it names the first missing file (and not a syntax error in agent.conf).
check "the shipped agent.conf parses; the missing token file is named" sh -c \
    "'$x/usr/sbin/sandbox-agent' --config '$x/etc/sandbox-agent/agent.conf' 2>&1 | grep -q '/etc/sandbox-agent/token'"
# systemd's own parser on the unit (offline; no running systemd needed), with ExecStart
# pointing at the unpacked binary: any unknown key or bad value fails.
unit_verifies() {
    mkdir -p "$work/unit"
    sed "s|/usr/sbin/sandbox-agent|$x/usr/sbin/sandbox-agent|" \
        "$x/lib/systemd/system/sandbox-agent.service" >"$work/unit/sandbox-agent.service"
    local out
    out=$(systemd-analyze verify --man=no "$work/unit/sandbox-agent.service" 2>&1)
    [[ $? -eq 0 && -z $out ]] || { echo "$out"; return 1; }
}
if command -v systemd-analyze >/dev/null; then
    check "systemd-analyze verify accepts the unit" unit_verifies
else
    echo "(no systemd-analyze on this machine: the unit's syntax is not verified)"
fi

((failures == 0)) || { echo "$failures check(s) failed"; exit 1; }
echo "all package checks passed"
