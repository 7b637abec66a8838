# SPDX-License-Identifier: MIT
# python_migrate.sh: examples/migrate/cpython-3.11.patch replaces, on Linux,
# CPython's dtrace glue (the hand-written no-op half of Include/pydtrace.h,
# the configure test of dtrace -G, dtrace -h and the sed over its header,
# dtrace -G) with sdtkit's (SDTKIT_ENABLE_DTRACE, `sdtkit header
# --macro-prefix=PyDTrace_`, the no-op header from `--disabled`, `sdtkit
# object`); other hosts keep dtrace(1). Built --with-dtrace: the same probes
# and findings as the unpatched build; built without: no note, no semaphore,
# no generated probe header, and no sdtkit anywhere on PATH.
# timeout: 3600
. "$TESTDIR/lib.sh"
. "$TESTDIR/real/common.sh"
. "$TESTDIR/real/migrate.sh"
need make gcc readelf flock patch autoconf

sdtkit_on_path
export PATH="$T/prefix/bin:$PATH"
migrate python3.11 cpython-3.11

for state in on off; do
	B=$T/build-$state
	mkdir -p "$B"
	cd "$B"
	step "configure, tracing $state"
	if [ $state = on ]; then
		bounded 600 env -u SDTKIT "$SRC/configure" --with-dtrace >configure.log 2>&1 || fail "configure failed: $(tail -n 20 configure.log)"
		grep -q "^checking for sdtkit\.\.\. $T/prefix/bin/sdtkit\$" configure.log || fail "configure did not find sdtkit"
		grep -q '^checking whether to build USDT probes\.\.\. yes$' configure.log ||
			fail "the probes are not built: $(grep -i -e usdt -e sdtkit configure.log)"
	else
		PATH=$(off_path) bounded 600 env -u SDTKIT "$SRC/configure" >configure.log 2>&1 || fail "configure failed: $(tail -n 20 configure.log)"
		grep -q '^checking whether to build USDT probes\.\.\. no$' configure.log ||
			fail "tracing is not off: $(grep -i -e usdt -e sdtkit configure.log)"
	fi
	! grep -q 'checking whether DTrace probes require linking' configure.log ||
		fail "tracing $state: configure took the path of the other hosts' dtrace"
	step "make -j$JOBS, tracing $state"
	if [ $state = on ]; then
		bounded 1500 make -j$JOBS >make.log 2>&1 || fail "make failed: $(build_errors make.log)"
	else
		PATH=$(off_path) bounded 1500 make -j$JOBS >make.log 2>&1 || fail "make failed: $(build_errors make.log)"
		! grep -E '^(\S*/)?sdtkit (header|object)' make.log ||
			fail "the build without tracing ran sdtkit"
	fi
	diag=$(header_diagnostics make.log pydtrace_probes.h pydtrace_probes_disabled.h)
	[ -z "$diag" ] || fail "tracing $state: diagnostics from the generated header:
$diag"
	out=$(bounded 300 "$B/python" -c 'print("ok")') || fail "python does not run: $out"
	[ "$out" = ok ] || fail "python printed '$out'"
done

step "the probes"
B=$T/build-on
probe_set "$B/python" >"$T/probes.now"
expect_probes python3.11 "$T/probes.now"
check_report "$SRC/Include/pydtrace.d" "$B/python" >"$T/check.now"
expect_same "sdtkit check on the migrated python" "$TESTDIR/real/expected/python3.11.check" "$T/check.now"
B=$T/build-off
no_probes "$B/python" "$B/libpython3.11.a"
[ ! -e "$B/Include/pydtrace_probes.h" ] || fail "tracing off: a probe header was generated"
pass
