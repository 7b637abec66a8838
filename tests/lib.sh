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

# sdt_notes FILE: one line per SystemTap SDT note of FILE, in note order:
# "PROVIDER NAME SEMAPHORE ARGS" (SEMAPHORE as readelf prints it, ARGS verbatim)
sdt_notes() {
	readelf -n "$1" | awk '
		/Provider: / { p = $NF }
		/^ *Name: / { n = $2 }
		/^ *Location: / { s = $NF }
		/^ *Arguments:/ {
			a = $0; sub(/^ *Arguments: */, "", a); sub(/ +$/, "", a)
			line = p " " n " " s " " a; sub(/ +$/, "", line); print line
		}'
}

# sym_value FILE SYMBOL: the value of SYMBOL in FILE's symbol table, as a
# decimal number (fails if the symbol is absent or defined twice)
sym_value() {
	_v=$(readelf -sW "$1" | awk -v s="$2" '$8 == s { print $2 }')
	[ -n "$_v" ] && [ "$(printf '%s\n' "$_v" | wc -l)" = 1 ] || return 1
	echo $((16#$_v))
}

# section_range FILE SECTION: "START END" (decimal, END exclusive) of SECTION
section_range() {
	_r=$(readelf -SW "$1" | sed 's/^ *\[ *[0-9]*\]//' | awk -v s="$2" '$1 == s { print $3, $5 }')
	[ -n "$_r" ] || return 1
	set -- $_r
	echo $((16#$1)) $((16#$1 + 16#$2))
}

# elf_ident FILE: the ELF header fields that tell a target apart
# (class, data, OS/ABI, machine, flags), one per line
elf_ident() {
	readelf -hW "$1" | grep -E '^ *(Class|Data|OS/ABI|Machine|Flags):' | sed 's/^ *//; s/  */ /g'
}

# e2e_build: build tests/data/e2e's program in the current directory, twice:
# e2e-exe (probes and the `sdtkit object` semaphore object linked into the
# executable) and e2e-shared + libe2e.so (probes and the `dtrace -G` object in
# the library). Also leaves e2e.h, probes.o, sem.o, probes-pic.o, sem-pic.o.
e2e_build() {
	_d=$TESTDATA/e2e
	_cf="-std=c11 -O2 -g -Wall -Wextra -Wpedantic -Werror"
	"$SDTKIT" header -o e2e.h "$_d/e2e.d" || fail "sdtkit header e2e.d"
	gcc $_cf -I. -c "$_d/e2e_probes.c" -o probes.o || fail "compile e2e_probes.c"
	gcc $_cf -c "$_d/e2e_main.c" -o main.o || fail "compile e2e_main.c"
	"$SDTKIT" object -o sem.o "$_d/e2e.d" probes.o || fail "sdtkit object"
	gcc main.o probes.o sem.o -o e2e-exe || fail "link e2e-exe"
	gcc $_cf -fPIC -I. -c "$_d/e2e_probes.c" -o probes-pic.o || fail "compile e2e_probes.c -fPIC"
	"$SDTKIT_DTRACE" -G -s "$_d/e2e.d" -o sem-pic.o probes-pic.o || fail "dtrace -G (pic)"
	gcc -shared -o libe2e.so probes-pic.o sem-pic.o || fail "link libe2e.so"
	gcc main.o -L. -le2e -Wl,-rpath,"$PWD" -o e2e-shared || fail "link e2e-shared"
}
