# SPDX-License-Identifier: MIT
# diff.sh: `sdtkit diff` over built files: a program against its own .d
# (nothing changes), two builds of it (the one from a stale header breaks:
# an argument narrowed, an argument added, probes gone), semaphores dropped
# (breaking) and added (compatible), several files as one side with '--',
# and what the README offers as a project's CI line
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/check/helpers.sh"
need gcc
# the program (and its objects), from check.d
check_build "$T" gcc -O2
cp "$D/check.d" "$T/check.d"
cd "$T"
cc() { gcc -O2 -Wall -I. -I"$D" "$@" || fail "gcc $*"; }

# expect_diff WHAT STATUS EXPECTED ARGS...: sdtkit diff ARGS exits STATUS, prints EXPECTED
expect_diff() {
	local what=$1 status=$2 want=$3 rc=0
	shift 3
	"$SDTKIT" diff "$@" >diff.out 2>diff.err || rc=$?
	[ ! -s diff.err ] || fail "$what: stderr: $(cat diff.err)"
	[ "$(cat diff.out)" = "$want" ] || fail "$what: printed
$(cat diff.out)
expected
$want"
	[ "$rc" = "$status" ] || fail "$what: exit status $rc, expected $status"
}

step "a program against its own .d, and against itself"
expect_diff ".d and its program" 0 "" check.d prog
expect_diff "the program and itself" 0 "" prog prog

step "a stale build"
"$SDTKIT" header -o stale_probes.h "$D/stale.d" || fail "header stale.d"
cc -c "$D/stale.c" -o stale.o
"$SDTKIT" object -o stalesem.o "$D/stale.d" stale.o || fail "object stale.d"
cc stale.o stalesem.o -o stale
expect_diff "program to stale build" 1 \
"breaking: probe 'chk:done' has 1 argument, was 0
breaking: probe 'chk:flag' removed
breaking: probe 'chk:item' removed
breaking: probe 'chk:sizes' removed
breaking: probe 'chk:start' removed
breaking: probe 'chk:value' argument 1 is 4-byte signed, was 8-byte signed under LP64" prog stale
# the other way round: the probes come back (compatible), the rest still breaks
"$SDTKIT" diff stale prog >diff.out 2>&1 && fail "stale to program: exit 0"
[ "$(grep -c '^compatible: probe .* added$' diff.out)" = 4 ] || fail "stale to program: $(cat diff.out)"

step "semaphores"
"$SDTKIT" header --semaphores=none -o check_probes.h check.d || fail "header --semaphores=none"
cc -c "$D/chk.c" -o nosem.o
cc -c "$D/chklib.c" -o nosemlib.o
cc nosem.o nosemlib.o -o nosem
"$SDTKIT" diff prog nosem >diff.out 2>&1 && fail "semaphores dropped: exit 0"
grep -qx "breaking: probe 'chk:value' semaphore dropped" diff.out || fail "semaphores dropped: $(cat diff.out)"
"$SDTKIT" diff nosem prog >diff.out 2>&1 || fail "semaphores added: exit $?: $(cat diff.out)"
grep -qx "compatible: probe 'chk:value' semaphore added" diff.out || fail "semaphores added: $(cat diff.out)"

step "several files as one side"
# the object and the library object together carry what prog carries
expect_diff "objects against the program" 0 "" chk.o chklib.o -- prog
expect_diff ".d against the objects" 0 "" check.d -- chk.o chklib.o
rc=0
"$SDTKIT" diff check.d chk.o chklib.o >diff.out 2>&1 || rc=$?
[ $rc = 2 ] || fail "three files without '--': exit $rc"

step "a project's CI line"
# the interface of the last release, kept as a .d, against this build
"$SDTKIT" diff check.d prog || fail "the CI line fails on an unchanged interface"
pass
