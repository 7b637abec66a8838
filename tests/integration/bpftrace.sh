# SPDX-License-Identifier: MIT
# bpftrace.sh: bpftrace attached to tests/data/e2e's program (executable and
# shared-library builds) reads the probe arguments and arms the semaphores.
# bpftrace 0.17 reads arg0..arg5 only and rejects 8f@ arguments: twelve is
# checked up to arg5, dbl for its firing only (e2e.sh checks the rest).
# timeout: 300
. "$TESTDIR/lib.sh"
need gcc
why=$(bpftrace_usable) || skip "$why"

cd "$T"
e2e_build

want='GOT dbl
GOT one 1234567
GOT six -5 200 -1234 65000 -123456 4000000000
GOT str__arg probe string 7
GOT twelve -1234567890123 18000000000000000000 -7 123456789 hello e2e 0x12345678
GOT zero'

# script PATH: print every probe of e2e.d in PATH; exit after the 2nd str__arg
script() {
	cat <<-BT
	usdt:$1:e2e:zero { printf("GOT zero\n"); }
	usdt:$1:e2e:one { printf("GOT one %d\n", arg0); }
	usdt:$1:e2e:six { printf("GOT six %d %d %d %d %d %u\n", arg0, arg1, arg2, arg3, arg4, arg5); }
	usdt:$1:e2e:twelve { printf("GOT twelve %lld %llu %ld %lu %s %p\n", arg0, arg1, arg2, arg3, str(arg4), arg5); }
	usdt:$1:e2e:dbl { printf("GOT dbl\n"); }
	usdt:$1:e2e:str__arg { printf("GOT str__arg %s %d\n", str(arg0), arg1); if (@n++ >= 1) { exit(); } }
	BT
}

# check_got OUT: each probe's line, the same in every round, 2 rounds at least
check_got() {
	got=$(grep '^GOT ' "$1" | sort -u)
	[ "$got" = "$want" ] || fail "bpftrace printed
$got
expected
$want
($(grep -v -e '^GOT ' -e 'Parse error' -e '8f@' -e '^-*^$' "$1" | head -n 20))"
	for p in zero one six twelve dbl str__arg; do
		[ "$(grep -c "^GOT $p\\b" "$1")" -ge 2 ] || fail "bpftrace saw e2e:$p less than twice"
	done
}

# wait_for FILE PATTERN: up to 30 s for PATTERN to appear in FILE
wait_for() {
	wait_until 300 "'$2' in $1 (it holds: $(tail -n 5 "$1" 2>/dev/null | tr '\n' ' '))" grep -q "$2" "$1"
}

# 1. executable, started by bpftrace: the semaphores are armed before main
step "bpftrace -c e2e-exe"
script "$T/e2e-exe" > exe.bt
touch stop
bpftrace exe.bt -c "$T/e2e-exe -s $T/stop -n 1" > exe.out 2>&1 ||
	fail "bpftrace -c e2e-exe: $(tail -n 5 exe.out)"
check_got exe.out
[ "$(grep '^e2e: ' exe.out)" = "e2e: twelve enabled" ] ||
	fail "e2e-exe under bpftrace -c did not see E2E_TWELVE_ENABLED(): $(grep '^e2e: ' exe.out)"

# 2. executable already running, then traced with -p: ENABLED() turns true
# while bpftrace is attached and false again once it has left
step "bpftrace -p on a running e2e-exe"
touch stop
bg_start e2e-exe pid.prog ./e2e-exe -s "$T/stop"
prog=$BG_PID
wait_for pid.prog 'twelve disabled'
ppid=$(bg_child "$prog")
bpftrace -p "$ppid" -e "usdt:$T/e2e-exe:e2e:twelve { printf(\"GOT twelve %lld\n\", arg0); if (@n++ >= 2) { exit(); } }" > pid.out 2>&1 ||
	fail "bpftrace -p: $(tail -n 5 pid.out)"
[ "$(grep -c '^GOT twelve -1234567890123$' pid.out)" = 3 ] || fail "bpftrace -p: $(cat pid.out)"
wait_for pid.prog 'twelve enabled'
wait_until 300 "e2e-exe to report its third state" eval '[ "$(grep -c "^e2e: " pid.prog)" -ge 3 ]'
rm -f stop
bg_wait "$prog" 300 || fail "e2e-exe exited with $? under bpftrace -p"
[ "$(cat pid.prog)" = "e2e: twelve disabled
e2e: twelve enabled
e2e: twelve disabled" ] || fail "E2E_TWELVE_ENABLED() under bpftrace -p went: $(cat pid.prog)"

# 3. shared library: attach by the library's path, then start the program
step "bpftrace on libe2e.so, then e2e-shared"
script "$T/libe2e.so" > lib.bt
bg_start bpftrace lib.out bpftrace lib.bt
bt=$BG_PID
wait_for lib.out '^Attaching'
touch stop
bounded 300 ./e2e-shared -s "$T/stop" -n 1 > lib.prog 2>&1 || fail "e2e-shared: $(cat lib.prog)"
bg_wait "$bt" 300 || fail "bpftrace on libe2e.so: $(tail -n 5 lib.out)"
check_got lib.out
[ "$(cat lib.prog)" = "e2e: twelve enabled" ] ||
	fail "e2e-shared did not see E2E_TWELVE_ENABLED() with bpftrace attached to libe2e.so: $(cat lib.prog)"

pass
