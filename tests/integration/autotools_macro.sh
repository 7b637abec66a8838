# SPDX-License-Identifier: MIT
# autotools_macro.sh: what SDTKIT_ENABLE_DTRACE (installed sdtkit.m4, found
# through ACLOCAL_PATH) decides, in a configure.ac with nothing else: the
# tool found or named, auto / --enable-dtrace / --disable-dtrace, and the
# clear stop when --enable-dtrace cannot work (no tool, a bad SDTKIT, a cross
# compiler without <sys/sdt.h>).
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/consumers/consumer.sh"
need aclocal autoconf gcc cmake

install_sdtkit
cp -R "$CONSUMERS/macro" "$T/macro"
cd "$T/macro"
(bounded aclocal && bounded autoconf) >"$T/autoconf.log" 2>&1 || fail "aclocal/autoconf failed: $(cat "$T/autoconf.log")"
grep -q '^# serial [0-9]' "$P/share/aclocal/sdtkit.m4" || fail "sdtkit.m4 has no serial line"
! grep -q 'SDTKIT_ENABLE_DTRACE\|_SDTKIT_' configure || fail "configure has an unexpanded sdtkit macro"

# conf ARGS...: configure; fails on error
conf() {
	bounded env -u SDTKIT ./configure "$@" >"$T/conf.log" 2>&1 || fail "configure $* failed: $(tail -n 5 "$T/conf.log")"
}
# result NAME: NAME's value in results
result() { sed -n "s/^$1=//p" results; }
# probes yes|no: what configure said and did
probes() {
	grep -q "^checking whether to build USDT probes\.\.\. $1\$" "$T/conf.log" ||
		fail "configure did not say the probes are '$1': $(grep USDT "$T/conf.log")"
	if [ "$1" = yes ]; then
		[ -z "$(result ENABLE_DTRACE_TRUE)" ] && [ "$(result ENABLE_DTRACE_FALSE)" = '#' ] ||
			fail "ENABLE_DTRACE is not true"
		result DEFS | grep -q -- '-DHAVE_DTRACE=1' || fail "HAVE_DTRACE is not defined"
	else
		[ "$(result ENABLE_DTRACE_TRUE)" = '#' ] && [ -z "$(result ENABLE_DTRACE_FALSE)" ] ||
			fail "ENABLE_DTRACE is not false"
		! result DEFS | grep -q HAVE_DTRACE || fail "HAVE_DTRACE is defined"
	fi
}
# refuses MESSAGE ARGS...: configure stops, with MESSAGE as its last line
refuses() {
	want=$1
	shift
	if bounded env -u SDTKIT ./configure "$@" >"$T/conf.log" 2>&1; then
		fail "configure $* succeeded"
	fi
	got=$(tail -n 1 "$T/conf.log")
	[ "$got" = "configure: error: $want" ] || fail "configure $* said '$got', expected 'configure: error: $want'"
}

# sdtkit on PATH: auto and yes build the probes, no does not (but still names
# the tool, which makes the no-op header)
conf -C
probes yes
[ "$(result SDTKIT)" = "$P/bin/sdtkit" ] || fail "SDTKIT is '$(result SDTKIT)'"
[ "$(result SDTKIT_KIND)" = sdtkit ] || fail "SDTKIT_KIND is '$(result SDTKIT_KIND)'"
grep -q "^checking whether $P/bin/sdtkit builds USDT probes with gcc\.\.\. yes\$" "$T/conf.log" ||
	fail "the compile-and-generate check did not run: $(grep USDT "$T/conf.log")"
# the check is cached
conf -C --enable-dtrace
probes yes
grep -q "^checking whether $P/bin/sdtkit builds USDT probes with gcc\.\.\. (cached) yes\$" "$T/conf.log" ||
	fail "the check was not cached: $(grep USDT "$T/conf.log")"
conf -C --disable-dtrace
probes no
[ "$(result SDTKIT)" = "$P/bin/sdtkit" ] || fail "--disable-dtrace: SDTKIT is '$(result SDTKIT)'"
! grep -q 'builds USDT probes' "$T/conf.log" || fail "--disable-dtrace ran the check"
refuses "bad value 'maybe' for --enable-dtrace: use yes, no or auto" -C --enable-dtrace=maybe

# no tool on PATH at all (the cache variable, which wins over the cache
# file, stands for an empty search)
refuses "--enable-dtrace: the USDT probes cannot be built: neither sdtkit nor SystemTap's dtrace is on PATH; install sdtkit, name it with SDTKIT=/path/to/sdtkit, or configure with --disable-dtrace" \
	-C ac_cv_path_SDTKIT= --enable-dtrace

# SDTKIT names the tool; one that does not run: auto quietly off, yes stops
# (SDTKIT is precious: a cache of its own)
conf --cache-file=other.cache SDTKIT=/nonexistent
probes no
refuses "--enable-dtrace: the USDT probes cannot be built: SDTKIT=/nonexistent is neither sdtkit nor SystemTap's dtrace, or does not run; name sdtkit with SDTKIT=/path/to/sdtkit, or configure with --disable-dtrace" \
	--cache-file=other.cache SDTKIT=/nonexistent --enable-dtrace

# a cross compiler without <sys/sdt.h>: auto quietly off, yes stops
if command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
	cross="--host=aarch64-linux-gnu CC=aarch64-linux-gnu-gcc"
	conf $cross --cache-file=cross.cache
	probes no
	refuses "--enable-dtrace: the USDT probes cannot be built: a program using the probe header does not compile with aarch64-linux-gnu-gcc (is <sys/sdt.h> installed for it?); see config.log, or configure with --disable-dtrace" \
		$cross --cache-file=cross.cache --enable-dtrace
	# with the header where the cross compiler sees it, the probes build
	sdt_include "$T/inc"
	conf $cross --enable-dtrace CPPFLAGS="-I$T/inc"
	probes yes
else
	echo "note: aarch64-linux-gnu-gcc is not installed; the cross cases are skipped"
fi

# SystemTap's dtrace, for what it can do
if dtrace -h -s "$CONSUMERS/myproj/myproj.d" -o "$T/stap.h" >/dev/null 2>&1; then
	conf SDTKIT=/usr/bin/dtrace --enable-dtrace
	probes yes
	[ "$(result SDTKIT_KIND)" = dtrace ] || fail "SystemTap's dtrace: SDTKIT_KIND is '$(result SDTKIT_KIND)'"
else
	echo "note: SystemTap's dtrace does not run here; its case is skipped"
fi

# without automake (CPython's configure.ac: autoconf only, sdtkit.m4 taken with
# m4_include): the same @ENABLE_DTRACE_TRUE@ and @ENABLE_DTRACE_FALSE@
step "a configure.ac without automake"
mkdir "$T/noam"
cd "$T/noam"
cp "$P/share/aclocal/sdtkit.m4" .
cat >configure.ac <<'AC'
AC_INIT([noam], [1.0])
m4_include([sdtkit.m4])
SDTKIT_ENABLE_DTRACE([no])
AC_CONFIG_FILES([out])
AC_OUTPUT
AC
printf '@ENABLE_DTRACE_TRUE@on\n@ENABLE_DTRACE_FALSE@off\n' >out.in
bounded autoconf >"$T/noam.log" 2>&1 || fail "autoconf without automake's macros failed: $(cat "$T/noam.log")"
! grep -q 'AM_CONDITIONAL' configure || fail "configure calls AM_CONDITIONAL"
conf
grep -q '^checking whether to build USDT probes\.\.\. no$' "$T/conf.log" || fail "without automake: not off by default"
[ "$(cat out)" = "#on
off" ] || fail "without automake, probes off: out is '$(cat out)'"
conf --enable-dtrace
grep -q '^checking whether to build USDT probes\.\.\. yes$' "$T/conf.log" || fail "without automake: --enable-dtrace is not on"
[ "$(cat out)" = "on
#off" ] || fail "without automake, probes on: out is '$(cat out)'"
pass
