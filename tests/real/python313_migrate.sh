# SPDX-License-Identifier: MIT
# python313_migrate.sh: examples/migrate/cpython-3.13.patch on CPython 3.13
# from Debian 13's python3.13 source package. On Linux it replaces CPython's
# dtrace glue (the hand-written no-op half of Include/pydtrace.h, dtrace -h
# and its sed, dtrace -G) with sdtkit's (SDTKIT_ENABLE_DTRACE, `sdtkit header
# --macro-prefix=PyDTrace_`, the no-op header from `--disabled`, `sdtkit
# object`); other hosts keep dtrace(1). `make python` --with-dtrace: the
# probes of the unchanged build (expected/python3.13.probes: the 5 of
# pydtrace.d's 12 that 3.13 places, with `sdtkit check` naming the other 7);
# without: no note, no semaphore, no generated probe header, and no sdtkit
# anywhere on PATH.
# timeout: 2400
. "$TESTDIR/lib.sh"
. "$TESTDIR/real/common.sh"
. "$TESTDIR/real/migrate.sh"
need make gcc readelf flock patch autoconf

sdtkit_on_path
export PATH="$T/prefix/bin:$PATH"
migrate python3.13 cpython-3.13 trixie

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
	step "make python, tracing $state"
	if [ $state = on ]; then
		bounded 1500 make -j$JOBS python >make.log 2>&1 || fail "make failed: $(build_errors make.log)"
		grep -q -E '^(\S*/)?sdtkit header --macro-prefix=PyDTrace_ ' make.log || fail "sdtkit header did not run"
		grep -q -E '^(\S*/)?sdtkit object ' make.log || fail "sdtkit object did not run"
	else
		PATH=$(off_path) bounded 1500 make -j$JOBS python >make.log 2>&1 || fail "make failed: $(build_errors make.log)"
		! grep -E '^(\S*/)?sdtkit (header|object)' make.log ||
			fail "the build without tracing ran sdtkit"
	fi
	diag=$(header_diagnostics make.log pydtrace_probes.h pydtrace_probes_disabled.h)
	[ -z "$diag" ] || fail "tracing $state: diagnostics from the probe headers:
$diag"
	out=$(bounded 300 "$B/python" -c 'import sys; print(sys.version_info[:2])') || fail "python does not run: $out"
	[ "$out" = "(3, 13)" ] || fail "python printed '$out'"
done

step "the probes"
B=$T/build-on
probe_set "$B/python" >"$T/probes.now"
expect_probes python3.13 "$T/probes.now"
check_report "$SRC/Include/pydtrace.d" "$B/python" >"$T/check.now"
expect_same "sdtkit check on the migrated python" "$TESTDIR/real/expected/python3.13.check" "$T/check.now"
B=$T/build-off
no_probes "$B/python" "$B/libpython3.13.a"
[ ! -e "$B/Include/pydtrace_probes.h" ] || fail "tracing off: a probe header was generated"
pass
