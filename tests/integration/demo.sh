# SPDX-License-Identifier: MIT
# demo.sh: `make demo`'s script (examples/minipy/demo.sh) builds minipy with
# the sdtkit under test, lists and checks its probes, and, as root where the
# kernel allows bpftrace, prints the call stack of start(); its trace step
# (trace.sh) run as another user prints instead the exact commands, which,
# run as root, show the trace.
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
need cmake ninja
build=$(dirname "$SDTKIT")
out=$build/demo/minipy

step "the demo, as root"
bounded sh "$SRCDIR/examples/minipy/demo.sh" "$build" >"$T/demo.out" 2>&1 || fail "the demo failed: $(cat "$T/demo.out")"
grep -q '^check: clean$' "$T/demo.out" || fail "the demo did not check the probes: $(cat "$T/demo.out")"
grep -q '^sum of squares: 14$' "$T/demo.out" || fail "the demo did not run the sample: $(cat "$T/demo.out")"
why=$(bpftrace_usable) || skip "$why (the demo ran, without its trace: $(grep '^== no trace' "$T/demo.out"))"
# the call stack of start(): its calls and returns, indented by depth
calls=$(grep -cE '^[0-9]+	 *function-(entry|return):' "$T/demo.out") || true
[ "$calls" = 16 ] || fail "the demo's trace has $calls calls and returns, not 16: $(cat "$T/demo.out")"
grep -qE '^[0-9]+	 function-entry: samples/greet.mpy:hello:2$|^[0-9]+	 function-entry: greet.mpy:hello:2$' "$T/demo.out" ||
	fail "the demo's trace lacks greet.hello's entry: $(cat "$T/demo.out")"

step "the trace step, as nobody"
chmod 755 "$T"
# the tree may sit in a directory only root can enter (a clone in mktemp -d): nobody
# is given the right to read and search any directory, and nothing more
setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=+dac_read_search \
	--ambient-caps=+dac_read_search sh "$SRCDIR/examples/minipy/trace.sh" "$out" >"$T/user.out" 2>&1 ||
	fail "trace.sh as nobody failed: $(cat "$T/user.out")"
grep -q '^== the call-stack trace needs root' "$T/user.out" || fail "trace.sh as nobody: $(cat "$T/user.out")"
cmd=$(sed -n "s/^   sudo sh -c '\(.*\)'\$/\1/p" "$T/user.out")
[ -n "$cmd" ] || fail "trace.sh as nobody printed no command: $(cat "$T/user.out")"
step "the printed command, as root"
bounded 300 sh -c "$cmd" >"$T/cmd.out" 2>&1 || fail "the printed command failed: $(cat "$T/cmd.out")"
calls=$(grep -cE '^[0-9]+	 *function-(entry|return):' "$T/cmd.out") || true
[ "$calls" = 16 ] || fail "the printed command's trace has $calls calls and returns, not 16: $(cat "$T/cmd.out")"
pass
