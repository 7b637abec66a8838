# lib.sh: helpers shared by the integration scripts (sourced by bash)
set -eu

: "${SDTKIT:?SDTKIT must name the sdtkit binary (run through ctest)}"
: "${SRCDIR:?}" "${TESTDATA:?}"

# a private scratch directory, removed on success, kept on failure for a look
T=$(mktemp -d "${TMPDIR:-/tmp}/sdtkit-test.XXXXXX")
_keep=1
trap '[ "$_keep" = 0 ] && rm -rf "$T"; true' EXIT

# fail MESSAGE...: report and exit 1
fail() {
	printf 'FAIL: %s\n' "$*" >&2
	printf '(scratch directory kept: %s)\n' "$T" >&2
	exit 1
}

# skip REASON...: report and exit 77 (ctest: skipped)
skip() {
	printf 'SKIP: %s\n' "$*"
	_keep=0
	exit 77
}

# pass: the script's last word
pass() {
	_keep=0
	printf 'PASS\n'
	exit 0
}

# need CMD...: skip unless each command exists
need() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "'$c' is not installed"
	done
}

# sdt_include DIR: copy <sys/sdt.h> into DIR/sys for compilers that cannot see
# the host's multiarch include directory (cross compilers)
sdt_include() {
	mkdir -p "$1/sys"
	h=$(echo '#include <sys/sdt.h>' | cpp -H -o /dev/null 2>&1 | awk '/sdt.h$/ {print $2; exit}')
	[ -n "$h" ] || fail "cannot find <sys/sdt.h>"
	cp "$h" "$(dirname "$h")/sdt-config.h" "$1/sys/"
}

# bpftrace_usable: 0 if this kernel lets bpftrace attach uprobes, else prints why
bpftrace_usable() {
	command -v bpftrace >/dev/null 2>&1 || { echo "bpftrace is not installed"; return 1; }
	[ "$(id -u)" = 0 ] || { echo "bpftrace needs root"; return 1; }
	out=$(timeout 20 bpftrace -e 'BEGIN { printf("ok\n"); exit(); }' 2>&1) || {
		echo "bpftrace cannot run here: $(printf '%s' "$out" | grep -v WARNING | head -n 2 | tr '\n' ' ')"
		return 1
	}
	case $out in *ok*) return 0 ;; esac
	echo "bpftrace cannot run here: $out"
	return 1
}
