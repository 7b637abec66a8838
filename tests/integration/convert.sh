# SPDX-License-Identifier: MIT
# convert.sh: arguments reach their sites as the types the .d declares, not
# the callers' (an int for a long, -1 for an unsigned int, an unsigned enum
# for an int, a function designator and an array for pointers): each note's
# size and signedness follow the declaration under LP64 (x86-64) and ILP32
# (i686), `sdtkit check` finds the binary clean, and a tracer (gdb) reads the
# declared value. At SDTKIT_TYPECHECK=0 (nothing converted) the notes follow
# the callers, and check says so: the control.
# timeout: 300
. "$TESTDIR/lib.sh"
need gcc readelf gdb
C=$TESTDATA/convert
cd "$T"
"$SDTKIT" header -o convert_probes.h "$C/convert.d" || fail "sdtkit header"

# sizes FILE: "probe: spec sizes" per note, operands left out
sizes() {
	sdt_notes "$1" | awk '{ line = $2 ":"; for (i = 4; i <= NF; i++) { s = $i; sub(/@.*/, "", s); line = line " " s } print line }'
}
# build NAME CC [FLAGS...]: convert.c with CC into NAME
build() {
	local name=$1 cc=$2
	shift 2
	"$cc" -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror "$@" -I. -c "$C/convert.c" -o "$name.o" ||
		fail "$name: $cc $* convert.c"
	"$SDTKIT" object -o "$name-sem.o" "$C/convert.d" "$name.o" || fail "$name: sdtkit object"
	"$cc" "$name.o" "$name-sem.o" -o "$name" || fail "$name: link"
}

step "LP64"
build lp64 gcc
want='widen: -8 8 -8
narrow: 1 -2 1
sign: 4 -4
ptrs: 8 8 8 8
sizes: 8 -8 -8
enm: -4'
[ "$(sizes lp64)" = "$want" ] || fail "LP64 notes:
$(sizes lp64)
expected
$want"
"$SDTKIT" check "$C/convert.d" lp64 >check.out 2>&1 || fail "LP64: sdtkit check: $(cat check.out)"

# what gdb reads at the sites: the declared values (300 as an unsigned char
# is 44, 2 as a _Bool is 1, -1 as an unsigned int is 4294967295)
step "gdb reads the declared values"
bounded 300 gdb -q -nx -batch -ex 'break -probe-stap cv:narrow' -ex 'break -probe-stap cv:sign' -ex run \
	-ex 'printf "narrow %u %d %d\n", $_probe_arg0, $_probe_arg1, $_probe_arg2' -ex continue \
	-ex 'printf "sign %u %d\n", $_probe_arg0, $_probe_arg1' -ex kill --args ./lp64 >gdb.out 2>&1 ||
	fail "gdb: $(tail -n 5 gdb.out)"
[ "$(grep -E '^(narrow|sign) ' gdb.out)" = "narrow 44 -7 1
sign 4294967295 7" ] || fail "gdb read: $(grep -E '^(narrow|sign) |rror' gdb.out)"

step "ILP32"
if type -P i686-linux-gnu-gcc >/dev/null 2>&1; then
	sdt_include inc
	# (-isystem: like the host's, the copied <sys/sdt.h> is a system header)
	build ilp32 i686-linux-gnu-gcc -isystem inc
	want='widen: -4 4 -8
narrow: 1 -2 1
sign: 4 -4
ptrs: 4 4 4 4
sizes: 4 -4 -4
enm: -4'
	[ "$(sizes ilp32)" = "$want" ] || fail "ILP32 notes:
$(sizes ilp32)
expected
$want"
	"$SDTKIT" check "$C/convert.d" ilp32 >check.out 2>&1 || fail "ILP32: sdtkit check: $(cat check.out)"
else
	echo "note: i686-linux-gnu-gcc is not installed; ILP32 is not checked"
fi

# the control: nothing converted, the notes follow the callers' types
step "SDTKIT_TYPECHECK=0"
build raw gcc -DSDTKIT_TYPECHECK=0
[ "$(sizes raw | sed -n 1p)" = "widen: -4 4 -4" ] || fail "SDTKIT_TYPECHECK=0: widen is $(sizes raw | sed -n 1p)"
"$SDTKIT" check "$C/convert.d" raw >check.out 2>&1 && fail "SDTKIT_TYPECHECK=0: check found nothing"
grep -q "probe 'cv:widen' argument 1 is -4@" check.out || fail "SDTKIT_TYPECHECK=0: $(cat check.out)"
pass
