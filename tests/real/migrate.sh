# SPDX-License-Identifier: MIT
# migrate.sh: helpers of the migration tests (python_migrate.sh,
# postgresql_migrate.sh), sourced after common.sh: examples/migrate/apply.sh
# on a fresh copy of the upstream tree, then builds with the probes on (the
# same probes and findings as the unpatched build) and off (no note, no
# semaphore, the no-op header, and no sdtkit on PATH at all)

# migrate PACKAGE PROJECT [SUITE]: a fresh copy of PACKAGE's upstream tree (of
# Debian release SUITE) in $T/src, moved to sdtkit by apply.sh PROJECT; sets SRC
migrate() {
	step "applying examples/migrate/$2.patch"
	SRC=$T/src
	real_tarball "$1" "$SRC" ${3:-}
	SDTKIT=$SDTKIT_INSTALLED bounded 300 sh "$SRCDIR/examples/migrate/apply.sh" "$2" "$SRC" >"$T/apply.log" 2>&1 ||
		fail "apply.sh $2 failed: $(tail -n 20 "$T/apply.log")"
	! grep -q -e '^Hunk .* with fuzz' -e 'offset' "$T/apply.log" ||
		fail "the patch does not apply cleanly: $(grep -e fuzz -e offset "$T/apply.log")"
}

# off_path: PATH without the installed sdtkit
off_path() {
	printf '%s\n' "$PATH" | tr ':' '\n' | grep -v "^$T/prefix/" | paste -sd: -
}

# no_probes FILE...: no SDT note, no .probes section, no semaphore
no_probes() {
	local f
	for f in "$@"; do
		! readelf -SW "$f" | grep -q -e '\.note\.stapsdt' -e ' \.probes ' || fail "$f has probes with tracing off"
		! readelf -sW "$f" | grep -q '_semaphore$' || fail "$f has semaphores with tracing off"
	done
}

# python_migration PACKAGE PROJECT SUITE TARGET: CPython PACKAGE (python3.X) of
# Debian release SUITE moved to sdtkit by PROJECT's patch, then built (make
# TARGET; an empty TARGET builds everything) with tracing on, where configure
# finds sdtkit and the build runs sdtkit header and object, and off, with no
# sdtkit on PATH; neither build gets a diagnostic from the probe headers. With
# tracing on: the unpatched build's probes and check findings
# (expected/PACKAGE.probes, .check); off: no note, no semaphore, no generated
# probe header
python_migration() {
	local pkg=$1 ver=${1#python} state out diag
	sdtkit_on_path
	export PATH="$T/prefix/bin:$PATH"
	migrate "$pkg" "$2" "$3"
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
		step "make -j$JOBS $4, tracing $state"
		if [ $state = on ]; then
			bounded 1500 make -j$JOBS $4 >make.log 2>&1 || fail "make failed: $(build_errors make.log)"
			grep -q -E '^(\S*/)?sdtkit header --macro-prefix=PyDTrace_ ' make.log || fail "sdtkit header did not run"
			grep -q -E '^(\S*/)?sdtkit object ' make.log || fail "sdtkit object did not run"
		else
			PATH=$(off_path) bounded 1500 make -j$JOBS $4 >make.log 2>&1 || fail "make failed: $(build_errors make.log)"
			! grep -E '^(\S*/)?sdtkit (header|object)' make.log ||
				fail "the build without tracing ran sdtkit"
		fi
		diag=$(header_diagnostics make.log pydtrace_probes.h pydtrace_probes_disabled.h)
		[ -z "$diag" ] || fail "tracing $state: diagnostics from the probe headers:
$diag"
		out=$(bounded 300 "$B/python" -c 'import sys; print(sys.version_info[:2])') || fail "python does not run: $out"
		[ "$out" = "(${ver%%.*}, ${ver#*.})" ] || fail "python printed '$out'"
	done

	step "the probes"
	B=$T/build-on
	probe_set "$B/python" >"$T/probes.now"
	expect_probes "$pkg" "$T/probes.now"
	check_report "$SRC/Include/pydtrace.d" "$B/python" >"$T/check.now"
	expect_same "sdtkit check on the migrated python" "$TESTDIR/real/expected/$pkg.check" "$T/check.now"
	B=$T/build-off
	no_probes "$B/python" "$B/libpython$ver.a"
	[ ! -e "$B/Include/pydtrace_probes.h" ] || fail "tracing off: a probe header was generated"
}
