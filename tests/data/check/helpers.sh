# helpers.sh: shell functions shared by the tests/integration/check_*.sh scripts
# (sourced after lib.sh)

D=$TESTDATA/check

# check_build DIR CC [CFLAGS...]: in DIR, from check.d, chk.c and chklib.c built with CC:
# chk.o chklib.o (probes), sem.o (semaphores), prog (everything), libchk.a (the three
# objects); the compiler must see <sys/sdt.h> (sdt_include for a cross compiler)
check_build() {
	_dir=$1 _cc=$2
	shift 2
	mkdir -p "$_dir"
	"$SDTKIT" header -o "$_dir/check_probes.h" "$D/check.d" || fail "sdtkit header"
	"$_cc" -std=c11 -Wall -Wextra -Werror "$@" -I"$_dir" -I"$D" -c "$D/chk.c" -o "$_dir/chk.o" ||
		fail "$_cc $*: compile chk.c"
	"$_cc" -std=c11 -Wall -Wextra -Werror "$@" -I"$_dir" -I"$D" -c "$D/chklib.c" -o "$_dir/chklib.o" ||
		fail "$_cc $*: compile chklib.c"
	"$SDTKIT" object -o "$_dir/sem.o" "$D/check.d" "$_dir/chk.o" || fail "$_cc: sdtkit object"
	"$_cc" "$_dir/chk.o" "$_dir/chklib.o" "$_dir/sem.o" -o "$_dir/prog" || fail "$_cc $*: link prog"
	rm -f "$_dir/libchk.a"
	(cd "$_dir" && ar rc libchk.a chk.o chklib.o sem.o) || fail "ar"
}

# expect_check WHAT STATUS EXPECTED-STDOUT ARGS...: sdtkit check ARGS exits with STATUS,
# prints exactly EXPECTED-STDOUT (lines) and nothing on stderr but the warnings
# about floating-point arguments (check.d's chk:value has a double)
expect_check() {
	_what=$1 _status=$2 _want=$3
	shift 3
	_rc=0
	"$SDTKIT" check "$@" >"$T/check.out" 2>"$T/check.err" || _rc=$?
	drop_float_notes "$T/check.err"
	[ ! -s "$T/check.err" ] || fail "$_what: stderr: $(cat "$T/check.err")"
	if [ -n "$_want" ]; then
		printf '%s\n' "$_want" >"$T/check.want"
	else
		: >"$T/check.want"
	fi
	diff -u "$T/check.want" "$T/check.out" >&2 || fail "$_what: unexpected report (--- expected, +++ actual)"
	[ "$_rc" = "$_status" ] || fail "$_what: exit status $_rc, expected $_status"
}

# clean WHAT ARGS...: sdtkit check ARGS finds nothing and exits 0
clean() {
	_what=$1
	shift
	expect_check "$_what" 0 "" "$@"
}

# note_arg FILE PROBE N: the Nth argument spec of the first note of PROBE in FILE
note_arg() {
	readelf -n "$1" | awk -v p="$2" -v n="$3" '
		/^ *Name: / { hit = ($2 == p) && !done }
		hit && /^ *Arguments:/ { print $(n + 1); done = 1; hit = 0 }'
}
