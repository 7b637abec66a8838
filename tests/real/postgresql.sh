# SPDX-License-Identifier: MIT
# postgresql.sh: PostgreSQL 15 from Debian 12's postgresql-15 source package,
# configured --enable-dtrace with sdtkit's libexec/sdtkit first on PATH and
# built unchanged (its Makefile runs dtrace -C -h and sed over the header,
# and dtrace -C -G over the backend's objects): no diagnostic from the
# generated header; every probe of src/backend/utils/probes.d is in postgres,
# with the recorded probe set (expected/postgresql-15.probes: the probes and
# argument counts of SystemTap's build, the sizes of the declared types);
# `sdtkit check -C probes.d postgres` names exactly the recorded findings
# (expected/postgresql-15.check: none; SystemTap's build has 20, arguments
# passed as other types than declared, which sdtkit's header converts)
# timeout: 2400
. "$TESTDIR/lib.sh"
. "$TESTDIR/real/common.sh"
need make gcc readelf flock perl

real_source postgresql-15
sdtkit_on_path
B=$T/build
mkdir -p "$B"
cd "$B"
step "configure --enable-dtrace"
bounded 600 "$SRC/configure" --enable-dtrace --without-readline --without-zlib --without-icu \
	>configure.log 2>&1 || fail "configure failed: $(tail -n 20 configure.log)"
grep -q "^checking for dtrace\.\.\. $T/prefix/libexec/sdtkit/dtrace\$" configure.log ||
	fail "configure did not take sdtkit's dtrace: $(grep -i 'dtrace' configure.log)"

step "make -j$JOBS"
bounded 1500 make -j$JOBS >make.log 2>&1 || fail "make failed: $(build_errors make.log)"
diag=$(header_diagnostics make.log probes.h)
[ -z "$diag" ] || fail "the build has diagnostics from the generated header:
$diag"

step "the probes"
d=$SRC/src/backend/utils/probes.d
pg=$B/src/backend/postgres
[ "$(declared_probes "$d" -C)" = "$(sdt_notes "$pg" | awk '{ print $1, $2 }' | LC_ALL=C sort -u)" ] ||
	fail "postgres does not carry exactly the probes of probes.d"
probe_set "$pg" >probes.now
expect_probes postgresql-15 probes.now
check_report -C "$d" "$pg" >check.now
expect_same "sdtkit check -C probes.d postgres" "$TESTDIR/real/expected/postgresql-15.check" check.now
pass
