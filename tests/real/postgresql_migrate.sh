# SPDX-License-Identifier: MIT
# postgresql_migrate.sh: examples/migrate/postgresql-15.patch replaces
# PostgreSQL's dtrace glue (on Linux: dtrace -C -h and the sed over its
# header, dtrace -G; everywhere: Gen_dummy_probes for the no-op header) with
# sdtkit's (`sdtkit header -C --macro-prefix=TRACE_POSTGRESQL_`, `sdtkit
# object`, the no-op header from `--disabled`); other hosts keep dtrace(1).
# Built --enable-dtrace: the same probes and findings as the unpatched build;
# built without: no note, no semaphore, the no-op header, and no sdtkit
# anywhere on PATH.
# timeout: 3600
. "$TESTDIR/lib.sh"
. "$TESTDIR/real/common.sh"
. "$TESTDIR/real/migrate.sh"
need make gcc readelf flock patch perl

sdtkit_on_path
export PATH="$T/prefix/bin:$PATH"
migrate postgresql-15 postgresql-15
for f in Gen_dummy_probes.sed Gen_dummy_probes.pl; do
	[ ! -e "$SRC/src/backend/utils/$f" ] || fail "the patch left src/backend/utils/$f"
done

for state in on off; do
	B=$T/build-$state
	mkdir -p "$B"
	cd "$B"
	opts="--without-readline --without-zlib --without-icu"
	step "configure, tracing $state"
	if [ $state = on ]; then
		bounded 600 env -u SDTKIT "$SRC/configure" --enable-dtrace $opts >configure.log 2>&1 ||
			fail "configure failed: $(tail -n 20 configure.log)"
		grep -q "^checking for sdtkit\.\.\. $T/prefix/bin/sdtkit\$" configure.log || fail "configure did not find sdtkit"
		! grep -q 'checking for dtrace' configure.log || fail "configure looked for the other hosts' dtrace on Linux"
	else
		PATH=$(off_path) bounded 600 env -u SDTKIT "$SRC/configure" $opts >configure.log 2>&1 ||
			fail "configure failed: $(tail -n 20 configure.log)"
	fi
	step "make -j$JOBS, tracing $state"
	if [ $state = on ]; then
		bounded 1500 make -j$JOBS >make.log 2>&1 || fail "make failed: $(build_errors make.log)"
	else
		PATH=$(off_path) bounded 1500 make -j$JOBS >make.log 2>&1 ||
			fail "make failed: $(build_errors make.log)"
		! grep -E '^(\S*/)?sdtkit (header|object)' make.log ||
			fail "the build without tracing ran sdtkit"
	fi
	diag=$(header_diagnostics make.log probes.h)
	[ -z "$diag" ] || fail "tracing $state: diagnostics from the generated header:
$diag"
done

step "the probes"
B=$T/build-on
pg=$B/src/backend/postgres
probe_set "$pg" >"$T/probes.now"
expect_probes postgresql-15 "$T/probes.now"
check_report -C "$SRC/src/backend/utils/probes.d" "$pg" >"$T/check.now"
expect_same "sdtkit check -C on the migrated postgres" "$TESTDIR/real/expected/postgresql-15.check" "$T/check.now"
B=$T/build-off
no_probes "$B/src/backend/postgres"
cmp -s "$B/src/backend/utils/probes.h" "$SRC/src/backend/utils/probes_disabled.h" ||
	fail "tracing off: probes.h is not the no-op header"
pass
