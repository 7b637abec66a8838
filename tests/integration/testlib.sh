# SPDX-License-Identifier: MIT
# testlib.sh: the time bounds of tests/lib.sh itself. Child scripts that source
# lib.sh hang on purpose: bg_stop kills a child that ignores SIGINT within its
# bound and names the step; a bounded command (run directly, from a subshell, or
# as a tool such as make) that passes its bound reports the step, the command,
# the script line and its log's tail and fails the test; the watchdog stops a
# test stuck in any command at its deadline, kills what ignores SIGTERM and
# reports the same; the exit trap stops background processes when a test fails.
# timeout: 300
. "$TESTDIR/lib.sh"
need make

mkdir -p "$T/tmp"
# child NAME DEADLINE: run $T/NAME.sh (which sources lib.sh) with that deadline
# (or, for DEADLINE "-", with the deadline lib.sh derives from a light test's
# ctest TIMEOUT of 300 s);
# its stdout, stderr, exit status and wall time land in $T/NAME.{out,err,rc,secs}
child() {
	local start=$SECONDS rc=0
	# (in a subshell of its own: the shell's "Killed" notice goes nowhere)
	(if [ "$2" = - ]; then unset SDTKIT_TEST_DEADLINE; export SDTKIT_TEST_TIMEOUT=300;
		else export SDTKIT_TEST_DEADLINE=$2; fi
		TMPDIR=$T/tmp OUT=$T \
		"$_timeout_cmd" -k 5 60 bash "$T/$1.sh" >"$T/$1.out" 2>"$T/$1.err" || rc=$?
		echo $rc >"$T/$1.rc") 2>/dev/null
	rc=$(cat "$T/$1.rc")
	echo $((SECONDS - start)) >"$T/$1.secs"
	[ $rc != 124 ] || fail "$1: the child itself hung (60 s): $(cat "$T/$1.err")"
}
# expect_err NAME ERE...: each ERE matches a line of NAME's standard error
expect_err() {
	local n=$1 re
	shift
	for re in "$@"; do
		grep -Eq -- "$re" "$T/$n.err" || fail "$n: no line matching '$re' in its stderr:
$(cat "$T/$n.err")"
	done
}
# gone PIDFILE WHAT: the process named in PIDFILE has ended (waits up to 10 s)
gone() {
	local pid
	pid=$(cat "$1") || fail "$2: no pid file $1"
	wait_until 10 "$2 (pid $pid) to be gone" eval "! kill -0 $pid 2>/dev/null"
}
stubborn='trap "" INT TERM; echo $$ >"$1"; exec sleep 300'

# the child scripts
cat >"$T/stop.sh" <<EOF
. "\$TESTDIR/lib.sh"
step "tracing the sleeper"
bg_start sleeper "\$T/sleeper.log" bash -c '$stubborn' _ "\$OUT/stop.pid"
wait_until 10 "the sleeper to start" test -s "\$OUT/stop.pid"
rc=0
bg_stop "\$BG_PID" 2 || rc=\$?
echo "bg_stop returned \$rc"
pass
EOF
cat >"$T/bounded.sh" <<'EOF'
. "$TESTDIR/lib.sh"
step "configuring the thing"
bounded 2 bash -c 'echo line-one; echo line-two; echo $$ >"$1"; exec sleep 300' _ "$OUT/bounded.pid" >"$T/conf.log" 2>&1
echo "not reached"
EOF
cat >"$T/subshell.sh" <<'EOF'
. "$TESTDIR/lib.sh"
step "building in a subshell"
printf 'all:\n\techo $$$$ >"$(OUT)/subshell.pid"; exec sleep 300\n' >"$T/Makefile"
got=$(cd "$T" && make OUT="$OUT" 2>&1) || true
echo "not reached: $got"
EOF
cat >"$T/watchdog.sh" <<EOF
. "\$TESTDIR/lib.sh"
step "waiting on a stuck program"
echo "progress: halfway" >"\$T/prog.log"
bash -c '$stubborn' _ "\$OUT/watchdog.pid" >>"\$T/prog.log" 2>&1
echo "not reached"
EOF
cat >"$T/failing.sh" <<EOF
. "\$TESTDIR/lib.sh"
step "tracing"
bg_start tracer "\$T/tracer.log" bash -c '$stubborn' _ "\$OUT/failing.pid"
wait_until 10 "the tracer to start" test -s "\$OUT/failing.pid"
fail "on purpose"
EOF
cat >"$T/bgwait.sh" <<EOF
. "\$TESTDIR/lib.sh"
step "waiting for the tracer to finish"
bg_start tracer "\$T/tracer.log" bash -c 'echo attached; $stubborn' _ "\$OUT/bgwait.pid"
wait_until 10 "the tracer to start" test -s "\$OUT/bgwait.pid"
bg_wait "\$BG_PID" 2
echo "not reached"
EOF
cat >"$T/until.sh" <<'EOF'
. "$TESTDIR/lib.sh"
wait_until 1 "a file that never comes" test -e "$T/never"
EOF
# slow but not stuck: on a busy machine a configure step and a build step each
# take 9 s, three times the few seconds the slowest steps were once left with;
# under the default deadline of a light test both finish and the test passes
cat >"$T/slow.sh" <<'EOF'
. "$TESTDIR/lib.sh"
step "configuring slowly"
bounded bash -c 'sleep 9; echo configured' >"$T/conf.log" 2>&1
grep -q configured "$T/conf.log" || fail "no configure output"
step "building slowly"
printf 'all:\n\tsleep 9\n\techo built\n' >"$T/Makefile"
(cd "$T" && make) >"$T/make.log" 2>&1
grep -q '^built$' "$T/make.log" || fail "no build output"
echo "deadline $_deadline"
pass
EOF

# the children run side by side (each bounded by child's own 60 s; a bare
# `wait` would wait for lib.sh's watchdog too)
pids=
child stop 50 &
pids="$pids $!"
child bounded 50 &
pids="$pids $!"
child subshell 6 &
pids="$pids $!"
child watchdog 3 &
pids="$pids $!"
child failing 50 &
pids="$pids $!"
child bgwait 50 &
pids="$pids $!"
child until 50 &
pids="$pids $!"
child slow - &
pids="$pids $!"
# shellcheck disable=SC2086
wait $pids

# 1. bg_stop: SIGINT is ignored, SIGKILL follows after the bound (2 s), the step is named
[ "$(cat "$T/stop.rc")" = 0 ] || fail "stop: exit status $(cat "$T/stop.rc"): $(cat "$T/stop.err")"
expect_err stop "^stop: 'sleeper' \\[[0-9]+\\] did not stop on SIGINT within 2 s \\(step: tracing the sleeper\\): killing it$"
grep -Eq '^bg_stop returned (137|1[0-9][0-9])$' "$T/stop.out" || fail "stop: $(cat "$T/stop.out")"
gone "$T/stop.pid" "the sleeper"
[ "$(cat "$T/stop.secs")" -le 20 ] || fail "stop: took $(cat "$T/stop.secs") s for a 2 s bound"

# 2. bounded: a command past its bound is reported with the step, the script line and its log
[ "$(cat "$T/bounded.rc")" = 1 ] || fail "bounded: exit status $(cat "$T/bounded.rc"), expected 1"
expect_err bounded "^TIMEOUT: bounded: 'bash -c .*' did not finish within 2 s \\(at bounded\\.sh:3\\)$" \
	'^  in step: configuring the thing$' '^  last lines of .*/conf\.log:$' '^  \| line-two$'
! grep -q 'not reached' "$T/bounded.out" || fail "bounded: the test went on after the timeout"
gone "$T/bounded.pid" "the bounded command"

# 3. the same from a subshell, and through a tool's function (make): the test still fails
[ "$(cat "$T/subshell.rc")" = 1 ] || fail "subshell: exit status $(cat "$T/subshell.rc"), expected 1"
expect_err subshell "^TIMEOUT: subshell: 'make OUT=.*' did not finish within [0-9]+ s \\(at subshell\\.sh:4\\)$" \
	'^  in step: building in a subshell$'
! grep -q 'not reached' "$T/subshell.out" || fail "subshell: the test went on after the timeout"
gone "$T/subshell.pid" "make's command"

# 4. the watchdog: stuck in an unbounded command that ignores SIGTERM
[ "$(cat "$T/watchdog.rc")" = 137 ] || fail "watchdog: exit status $(cat "$T/watchdog.rc"), expected 137 (killed)"
expect_err watchdog '^TIMEOUT: watchdog: the test passed its deadline of 3 s \(ctest TIMEOUT .* s\)$' \
	'^  in step: waiting on a stuck program$' '^  still running: \[[0-9]+\] sleep 300 $' \
	'^  last lines of .*/prog\.log:$' '^  \| progress: halfway$'
gone "$T/watchdog.pid" "the stuck program"

# 5. a failing test stops its background processes on the way out
[ "$(cat "$T/failing.rc")" = 1 ] || fail "failing: exit status $(cat "$T/failing.rc"), expected 1"
expect_err failing '^FAIL: on purpose$' '^\(in step: tracing\)$' \
	"^failing: 'tracer' \\[[0-9]+\\] did not stop on SIGINT within 5 s \\(step: tracing\\): killing it$"
gone "$T/failing.pid" "the background process"

# 6. bg_wait: a background process that does not end in time is reported and stopped
[ "$(cat "$T/bgwait.rc")" = 1 ] || fail "bgwait: exit status $(cat "$T/bgwait.rc"), expected 1"
expect_err bgwait "^TIMEOUT: bgwait: 'tracer' did not end within 2 s \\(at bgwait\\.sh:5\\)$" \
	'^  in step: waiting for the tracer to finish$' '^  \| attached$'
gone "$T/bgwait.pid" "the tracer"

# 7. wait_until gives up saying what it waited for
[ "$(cat "$T/until.rc")" = 1 ] || fail "until: exit status $(cat "$T/until.rc"), expected 1"
expect_err until '^FAIL: waited 1 s for a file that never comes, in vain$'

# 8. a slow step that finishes is no failure: the deadline of a 300 s test is 270 s
[ "$(cat "$T/slow.rc")" = 0 ] || fail "slow: exit status $(cat "$T/slow.rc"): $(cat "$T/slow.err")"
grep -qx 'deadline 270' "$T/slow.out" && grep -qx PASS "$T/slow.out" || fail "slow: $(cat "$T/slow.out")"
[ "$(cat "$T/slow.secs")" -ge 18 ] || fail "slow: finished in $(cat "$T/slow.secs") s: its steps did not run"
pass
