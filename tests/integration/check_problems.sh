# SPDX-License-Identifier: MIT
# check_problems.sh: each problem `sdtkit check` promises to find, found with its exact
# report: a declared probe compiled out, a site the .d does not declare, a wrong argument
# type (direct <sys/sdt.h> and a stale generated header), a wrong argument count, a
# semaphore missing, outside .probes, misaligned or read-only, a site in data, a missing
# .stapsdt.base, a site for an _Atomic type; exit 1 for each, the reports of several files in order
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/check/helpers.sh"
need gcc readelf nm objcopy
case $(uname -m) in
x86_64 | aarch64 | riscv64 | ppc64le | s390x) ;;
*) skip "pcdata.c lays a note out for LP64 hosts only" ;;
esac

# work in $T with a copy of check.d, so the reports name 'check.d' and relative files
cp "$D/check.d" "$T/check.d"
cd "$T"
cc() { gcc -O2 -Wall -I. -I"$D" "$@" || fail "gcc $*"; }
"$SDTKIT" header -o check_probes.h check.d || fail "sdtkit header"
cc -c "$D/chk.c" -o chk.o
cc -c "$D/chklib.c" -o chklib.o
"$SDTKIT" object -o sem.o check.d chk.o || fail "sdtkit object"
cc chk.o chklib.o sem.o -o prog
clean "the clean program" check.d prog

# note_field FILE PROBE FIELD: a field of the first note of PROBE, as readelf -n shows it
# (FIELD: Location, Base, Semaphore, or ArgN for the Nth argument)
note_field() {
	readelf -n "$1" | awk -v p="$2" -v f="$3" '
		/^ *Name: / { hit = ($2 == p) && !done }
		hit && /^ *Location: / { loc = $2; base = $4; sem = $6; sub(/,$/, "", loc); sub(/,$/, "", base) }
		hit && /^ *Arguments:/ {
			if (f == "Location") print loc; else if (f == "Base") print base
			else if (f == "Semaphore") print sem; else print $(substr(f, 4) + 1)
			done = 1; hit = 0
		}' | sed 's/^0x0*\([0-9a-f]\)/0x\1/'
}

# 1. the vanished probe: declared, but its only call compiled out
cc -DNO_DONE -c "$D/chk.c" -o nodone.o
cc nodone.o chklib.o sem.o -o nodone
expect_check "vanished probe" 1 "check.d:8:8: probe 'chk:done' has no site in any file" check.d nodone
# ... found in another file of the same check, it is not missing
clean "vanished probe, found elsewhere" check.d nodone prog

# 2. a site of the provider that check.d does not declare, and a long long for an int
cc "$D/direct.c" sem.o -o direct
expect_check "undeclared probe, wrong type" 1 \
"'direct': probe 'chk:extra' is not declared in 'check.d'
'direct': probe 'chk:start' argument 1 is -8@\$5 (8-byte signed), but check.d:3:14 declares 'int' (4-byte signed under LP64)" \
	check.d prog direct

# 3. a stale header: the program follows stale.d (value(int, ...), done(int))
"$SDTKIT" header -o stale_probes.h "$D/stale.d" || fail "header stale.d"
cc -c "$D/stale.c" -o stale.o
"$SDTKIT" object -o stalesem.o "$D/stale.d" stale.o || fail "object stale.d"
cc stale.o stalesem.o -o stale
spec=$(note_field stale value Arg1)
case $spec in -4@*) ;; *) fail "stale: value's first argument is '$spec', not -4@" ;; esac
expect_check "stale header" 1 \
"'stale': probe 'chk:done' has 1 argument, but check.d:8:8 declares 0
'stale': probe 'chk:value' argument 1 is $spec (4-byte signed), but check.d:4:14 declares 'long' (8-byte signed under LP64)" \
	check.d prog stale

# 4. semaphores: missing (beside sites that have one), in .bss, misaligned, read-only
cc -DNONE "$D/semaphores.c" -o nosem
[ "$(note_field nosem done Semaphore)" = 0x0 ] || fail "nosem has a semaphore"
expect_check "missing semaphore" 1 \
	"'nosem': probe 'chk:done' has a site without a semaphore, though other sites have one" \
	check.d prog nosem
cc -DIN_BSS "$D/semaphores.c" -o inbss
expect_check "semaphore in .bss" 1 \
	"'inbss': probe 'chk:done' semaphore 'chk_done_semaphore' is in section '.bss', not '.probes'" \
	check.d prog inbss
cc -DODD -fno-toplevel-reorder "$D/semaphores.c" -o odd
cc -DODD -fno-toplevel-reorder -c "$D/semaphores.c" -o odd.o
addr=$(sym_value odd chk_done_semaphore) || fail "odd: no chk_done_semaphore"
[ $((addr % 2)) = 1 ] || fail "odd: the semaphore is at an even address ($addr): the case checks nothing"
expect_check "misaligned semaphore" 1 \
"'odd': probe 'chk:done' semaphore 'chk_done_semaphore' at $(printf '0x%x' "$addr") is not 2-byte aligned
'odd.o': probe 'chk:done' semaphore 'chk_done_semaphore' at '.probes'+0x1 is not 2-byte aligned" \
	check.d prog odd odd.o
cc -DREADONLY "$D/semaphores.c" -o readonly
cc -DREADONLY -c "$D/semaphores.c" -o readonly.o
readelf -SW readonly | grep -q ' \.probes .* A ' || fail "readonly: .probes is not read-only"
expect_check "read-only semaphore" 1 \
"'readonly': probe 'chk:done' semaphore 'chk_done_semaphore' is in read-only section '.probes'
'readonly.o': probe 'chk:done' semaphore 'chk_done_semaphore' is in read-only section '.probes'" \
	check.d prog readonly readonly.o

# 5. a site that is not in code
cc "$D/pcdata.c" sem.o -o pcdata
pc=$(note_field pcdata done Location)
[ "$pc" = "$(printf '0x%x' "$(sym_value pcdata chk_not_code)")" ] || fail "pcdata: pc $pc is not chk_not_code"
expect_check "site in .data" 1 "'pcdata': probe 'chk:done' site at $pc is in non-executable section '.data'" \
	check.d prog pcdata

# 6. .stapsdt.base removed from a linked program: every site records a base it lacks
objcopy --remove-section .stapsdt.base prog nobase || fail "objcopy"
base=$(note_field prog done Base)
[ "$base" != 0x0 ] || fail "prog: base is 0"
want=
for p in done flag item sizes start value; do
	want="$want'nobase': probe 'chk:$p' site records base $base, but there is no '.stapsdt.base' section
"
done
expect_check "no .stapsdt.base" 1 "${want%?}" check.d nobase

# 7. several files: the declared-probe problems first, then each file's in command-line
# order, each file's by probe
expect_check "several files" 1 \
"check.d:6:8: probe 'chk:sizes' has no site in any file
check.d:7:8: probe 'chk:item' has no site in any file
'odd.o': probe 'chk:done' semaphore 'chk_done_semaphore' at '.probes'+0x1 is not 2-byte aligned
'direct': probe 'chk:extra' is not declared in 'check.d'
'direct': probe 'chk:start' argument 1 is -8@\$5 (8-byte signed), but check.d:3:14 declares 'int' (4-byte signed under LP64)
'stale': probe 'chk:done' has 1 argument, but check.d:8:8 declares 0
'stale': probe 'chk:value' argument 1 is $spec (4-byte signed), but check.d:4:14 declares 'long' (8-byte signed under LP64)" \
	check.d odd.o direct stale nodone.o

# 8. one probe, several semaphores in one process: chklib.c in the program and
# in a shared library too, each with its own semaphore object; two programs
# (prog and nodone, above) are two processes and are not reported
"$SDTKIT" header -o check_probes.h check.d || fail "sdtkit header"
cc -fPIC -c "$D/chklib.c" -o chklib-pic.o
"$SDTKIT" object -o semlib.o check.d chklib-pic.o || fail "sdtkit object (library)"
gcc -shared chklib-pic.o semlib.o -o libchk.so || fail "link libchk.so"
"$SDTKIT" check check.d prog libchk.so >dup.out 2>/dev/null && fail "prog + libchk.so: exit 0"
for p in sizes item; do
	grep -Eq "^probe 'chk:$p' has 2 semaphores across the files \('prog' 0x[0-9a-f]+, 'libchk.so' 0x[0-9a-f]+\): arming one leaves the others' sites disabled\$" dup.out ||
		fail "prog + libchk.so: no report of chk:$p's two semaphores: $(cat dup.out)"
done
[ "$(wc -l <dup.out)" = 2 ] || fail "prog + libchk.so: $(cat dup.out)"

# 9. floating-point arguments (chk:value has a double and a float): check and
# list warn once per probe and file, naming the readers that cannot read them;
# JSON says it per argument instead; --floats=bits passes their bits, which
# check accepts for the declared double and float, and nothing warns
fwarn="sdtkit: warning: 'prog': probe 'chk:value' has floating-point arguments, which gdb 13, bcc, libbpf and bpftrace 0.17 cannot read ('sdtkit header --floats=bits' passes their bits)"
"$SDTKIT" check check.d prog >check.out 2>check.err || fail "check prog: $(cat check.out check.err)"
[ "$(cat check.err)" = "$fwarn" ] || fail "check: not the one float warning: $(cat check.err)"
"$SDTKIT" list prog >list.out 2>list.err || fail "list prog: $(cat list.err)"
[ "$(cat list.err)" = "$fwarn" ] || fail "list: not the one float warning: $(cat list.err)"
"$SDTKIT" list --format=json prog >list.json 2>list.err || fail "list --format=json prog"
[ ! -s list.err ] || fail "list --format=json warns: $(cat list.err)"
"$SDTKIT" header --floats=bits -o check_probes.h check.d || fail "sdtkit header --floats=bits"
cc -c "$D/chk.c" -o bits.o
cc bits.o chklib.o sem.o -o bits
case $(note_arg bits value 3) in 8@*) ;; *) fail "--floats=bits: the double is $(note_arg bits value 3), not 8@" ;; esac
case $(note_arg bits value 4) in 4@*) ;; *) fail "--floats=bits: the float is $(note_arg bits value 4), not 4@" ;; esac
"$SDTKIT" check check.d bits >check.out 2>check.err || fail "check bits: $(cat check.out check.err)"
[ ! -s check.err ] && [ ! -s check.out ] || fail "check bits said: $(cat check.out check.err)"

# an _Atomic qualifier is no part of the type check holds a site to: a short passed
# for an '_Atomic long' (a header built with SDTKIT_TYPECHECK=0) is reported
mkdir at && cd at
printf 'provider at {\n\tprobe v(_Atomic long x);\n};\n' >at.d
"$SDTKIT" header -o at.h at.d || fail "sdtkit header at.d"
printf '#include "at.h"\nint main(void) { short s = 3; AT_V(s); return 0; }\n' >at.c
gcc -O2 -DSDTKIT_TYPECHECK=0 -I. -c at.c -o at.o || fail "gcc at.c"
"$SDTKIT" object -o atsem.o at.d at.o || fail "sdtkit object at.d"
gcc at.o atsem.o -o at || fail "link at"
rc=0
"$SDTKIT" check at.d at >check.out 2>&1 || rc=$?
[ $rc = 1 ] && [ "$(cat check.out)" = "'at': probe 'at:v' argument 1 is -2@\$3 (2-byte signed), but at.d:2:10 declares '_Atomic long' (8-byte signed under LP64)" ] ||
	fail "check of a short for an _Atomic long: exit $rc: $(cat check.out)"
pass
