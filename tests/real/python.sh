# SPDX-License-Identifier: MIT
# python.sh LAYOUT: CPython 3.11 from Debian 12's python3.11 source package,
# configured --with-dtrace with nothing but sdtkit's libexec/sdtkit first on
# PATH (no cache variables, no edits), static (LAYOUT static) or
# --enable-shared (shared). It builds and runs with no diagnostic from the
# generated header; the probes are in python or in libpython3.11.so.1.0, as
# CPython's documentation says, with the recorded probe set
# (tests/real/expected/python3.11.probes, the same as SystemTap's build);
# `sdtkit check Include/pydtrace.d` names exactly the four instance__* probes
# 3.11 does not place; bpftrace prints a call tree from
# function__entry/function__return.
# (Sourced by python_static.sh and python_shared.sh, after lib.sh.)
. "$TESTDIR/real/common.sh"
layout=$1
need make gcc readelf flock

real_source python3.11
sdtkit_on_path
B=$T/build
mkdir -p "$B"
cd "$B"
step "configure --with-dtrace ($layout)"
opts="--with-dtrace"
[ "$layout" = shared ] && opts="$opts --enable-shared"
bounded 600 "$SRC/configure" $opts >configure.log 2>&1 || fail "configure failed: $(tail -n 20 configure.log)"
grep -q "^checking for dtrace\.\.\. $T/prefix/libexec/sdtkit/dtrace\$" configure.log ||
	fail "configure did not take sdtkit's dtrace: $(grep -i 'dtrace' configure.log)"
grep -q '^checking whether DTrace probes require linking\.\.\. yes$' configure.log ||
	fail "configure decided no -G step is needed: $(grep -i 'dtrace' configure.log)"

step "make -j$JOBS ($layout)"
bounded 1500 make -j$JOBS >make.log 2>&1 || fail "make failed: $(build_errors make.log)"
diag=$(header_diagnostics make.log pydtrace_probes.h)
[ -z "$diag" ] || fail "the build has diagnostics from the generated header:
$diag"

step "running python ($layout)"
if [ "$layout" = shared ]; then
	export LD_LIBRARY_PATH=$B
	probes=$B/libpython3.11.so.1.0
	[ -z "$(sdt_notes "$B/python")" ] || fail "python has probe notes of its own: they belong in libpython"
else
	probes=$B/python
	[ ! -e "$B/libpython3.11.so.1.0" ] || fail "a static build made libpython3.11.so.1.0"
fi
out=$(bounded 300 "$B/python" -c 'import sys; print(sys.version_info[:2])') || fail "python does not run: $out"
[ "$out" = "(3, 11)" ] || fail "python printed '$out'"

step "the probes ($layout)"
probe_set "$probes" >probes.now
expect_probes python3.11 probes.now
check_report "$SRC/Include/pydtrace.d" "$probes" >check.now
expect_same "sdtkit check Include/pydtrace.d" "$TESTDIR/real/expected/python3.11.check" check.now

# bpftrace: the call tree of calls.py's top()
why=$(bpftrace_usable) || skip "python3.11 ($layout) builds and checks as expected; the trace is skipped: $why"
step "bpftrace on $(basename "$probes") ($layout)"
cp "$TESTDATA/real/calls.py" "$T/calls.py"
if [ "$layout" = shared ]; then
	# attach by the library's path, then start the program
	bg_start bpftrace "$T/trace.out" bpftrace "$TESTDATA/real/python_calls.bt" "$probes"
	wait_until -l "$T/trace.out" 300 "bpftrace to attach to libpython" grep -q '^Tracing python calls' "$T/trace.out"
	out=$(bounded 300 "$B/python" "$T/calls.py") || fail "python calls.py: $out"
	sleep 1
	bg_stop "$BG_PID" 10 || true
else
	bpftrace "$TESTDATA/real/python_calls.bt" "$probes" -c "$B/python $T/calls.py" >"$T/trace.out" 2>&1 ||
		fail "bpftrace -c python: $(tail -n 5 "$T/trace.out")"
fi
sed -n "s|^.*CALL ||p" "$T/trace.out" | sed "s|$T/||" >trace.now
printf '%s\n' "-> calls.py:top:10" "  -> calls.py:middle:6" "    -> calls.py:leaf:2" "    <- calls.py:leaf:3" \
	"    -> calls.py:leaf:2" "    <- calls.py:leaf:3" "  <- calls.py:middle:7" "  -> calls.py:middle:6" \
	"    -> calls.py:leaf:2" "    <- calls.py:leaf:3" "    -> calls.py:leaf:2" "    <- calls.py:leaf:3" \
	"  <- calls.py:middle:7" "<- calls.py:top:11" >trace.want
expect_same "the call tree bpftrace printed" trace.want trace.now
pass
