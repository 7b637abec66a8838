# SPDX-License-Identifier: MIT
# cmake_call_stack.sh: examples/minipy/call_stack.bt under bpftrace, on the
# example built with CMake, shared (attached by the library's path, then the
# program started) and static (bpftrace -c): the calls inside start(), the
# returns, their nesting and indentation, nanosecond timestamps in order.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/cmake/common.sh"
why=$(bpftrace_usable) || skip "$why"

cm_install
script=$MINIPY/call_stack.bt
want=' function-entry:samples/start.mpy:start:33
 function-entry: samples/greet.mpy:<module>:1
function-return: samples/greet.mpy:<module>:4
 function-entry: samples/greet.mpy:hello:2
function-return: samples/greet.mpy:hello:4
 function-entry: samples/start.mpy:sum_squares:9
 function-entry:  samples/start.mpy:square:5
function-return:  samples/start.mpy:square:6
 function-entry:  samples/start.mpy:square:5
function-return:  samples/start.mpy:square:6
 function-entry:  samples/start.mpy:square:5
function-return:  samples/start.mpy:square:6
function-return: samples/start.mpy:sum_squares:16
 function-entry: samples/start.mpy:make_garbage:19
function-return: samples/start.mpy:make_garbage:30
function-return:samples/start.mpy:start:38'

# check OUT LAYOUT: the trace in OUT is the expected one
check() {
	lines=$(grep -E "^[0-9]+$(printf '\t')" "$1") || fail "$2: no trace lines: $(cat "$1")"
	got=$(printf '%s\n' "$lines" | cut -f2-)
	[ "$got" = "$want" ] || fail "$2: the trace differs:
$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got"))"
	# timestamps: whole nanoseconds since boot (past 2^32: not truncated), in order
	printf '%s\n' "$lines" | cut -f1 | awk -v what="$2" '
		NR > 1 && $1 < prev { print what ": timestamps out of order"; bad = 1 }
		$1 <= 4294967296 { print what ": timestamp " $1 " looks truncated"; bad = 1 }
		{ prev = $1 } END { exit bad }' || fail "$2: bad timestamps"
}

# shared: bpftrace attaches by the library's path before the program runs
b=$T/shared
step "configure and build minipy (shared)"
cm_configure "$MINIPY" "$b" -DCMAKE_PREFIX_PATH="$PREFIX" -DBUILD_SHARED_LIBS=ON -DSDTKIT_DTRACE=ON
cm_build "$b"
lib=$(readlink -f "$b/libminipy.so")
step "bpftrace attached to libminipy.so"
bg_start bpftrace "$T/shared.out" bpftrace "$script" "$lib"
bt=$BG_PID
wait_until -l "$T/shared.out" 300 "bpftrace to attach to $lib" \
	eval '_alive $bt || fail "bpftrace exited: $(cat "$T/shared.out")"; grep -q "^Tracing minipy" "$T/shared.out"'
step "minipy samples/start.mpy under bpftrace (shared)"
run_sample "$b/minipy"
sleep 1
step "stopping bpftrace (shared)"
bg_stop $bt 10 || true
check "$T/shared.out" shared

# static: the probes are in the program; bpftrace starts it
b=$T/static
step "configure and build minipy (static)"
cm_configure "$MINIPY" "$b" -DCMAKE_PREFIX_PATH="$PREFIX" -DSDTKIT_DTRACE=ON
cm_build "$b"
step "bpftrace -c minipy (static)"
(cd "$MINIPY" && bpftrace "$script" "$b/minipy" -c "$b/minipy samples/start.mpy") >"$T/static.out" 2>&1 ||
	fail "bpftrace -c failed: $(cat "$T/static.out")"
check "$T/static.out" static
pass
