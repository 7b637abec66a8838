# SPDX-License-Identifier: MIT
# autotools_consumer.sh: the fixture consumer (tests/data/consumers/myproj,
# whose sdtkit lines are the templates as they are) with autoconf, automake
# and libtool against an installed sdtkit, out of tree, make -j4: auto turns
# the probes on; a probe added to the .d appears after a plain `make`;
# `make dist' ships the no-op header, with which the tarball builds where no
# sdtkit is found (and says what to do when that copy is older than the .d);
# SystemTap's dtrace stands in for sdtkit.
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/consumers/consumer.sh"
need autoreconf automake libtoolize make gcc readelf gdb cmake pkg-config

fx=$CONSUMERS/myproj
check_template autotools/configure.ac "$fx/configure.ac" myproj
check_template autotools/Makefile.am "$fx/Makefile.am" myproj
check_disabled_copy "$fx" myproj.d

install_sdtkit
src=$T/myproj
mkdir "$src"
cp -R "$fx/." "$src/"
mkdir -p "$src/m4"
cp "$(pkg-config --variable=pkgdatadir sdtkit)/sdtkit.am" "$src/m4/"
(cd "$src" && autoreconf -fi) >"$T/autoreconf.log" 2>&1 ||
	fail "autoreconf failed: $(cat "$T/autoreconf.log")"

# build DIR SRCDIR CONFIGURE-ARGS...: configure in DIR and make -j4
build() {
	b=$1 s=$2
	shift 2
	mkdir -p "$b"
	(cd "$b" && bounded env -u SDTKIT "$s/configure" "$@") >"$b/configure.log" 2>&1 ||
		fail "configure $* failed: $(tail -n 20 "$b/configure.log")"
	make -C "$b" -j4 >"$b/make.log" 2>&1 || fail "make in $b failed: $(tail -n 30 "$b/make.log")"
}
configured() {
	grep -q "^checking whether to build USDT probes\.\.\. $2\$" "$1/configure.log" ||
		fail "$1: configure did not say the probes are '$2': $(grep USDT "$1/configure.log")"
}

# auto: on, and the probe fires in the shared library
b=$T/auto
build "$b" "$src"
configured "$b" yes
has_probes "$b/.libs/libmyproj.so" "$src/myproj.d"
hits=$(cd "$b" && LIBTOOL=./libtool gdb_hits 1 myproj:function__entry ./myprog hi)
[ "$hits" = "main.my|hi|7" ] || fail "gdb saw myproj:function__entry as '$hits'"

# a new probe in the .d, used by the code once the header has it: a plain
# make regenerates the header and the object, recompiles and relinks
sed -i 's/^\(.*probe tick(int count);\)$/\1\n\tprobe added(int count);/' "$src/myproj.d"
grep -q 'probe added' "$src/myproj.d" || fail "could not add a probe to myproj.d"
make -C "$b" -j4 >"$b/make2.log" 2>&1 || fail "make after the .d changed failed: $(tail -n 30 "$b/make2.log")"
has_probes "$b/.libs/libmyproj.so" "$src/myproj.d"

# make dist: the no-op header in the tarball is the new one (the copy in the
# source tree is older than the .d now, so make wrote a fresh one)
make -C "$b" dist >"$b/dist.log" 2>&1 || fail "make dist failed: $(tail -n 20 "$b/dist.log")"
tar -xzf "$b/myproj-1.0.tar.gz" -C "$T"
t=$T/myproj-1.0
"$SDTKIT" header --disabled -o "$T/want.h" "$src/myproj.d"
cmp -s "$T/want.h" "$t/myproj_probes_disabled.h" || fail "the tarball's myproj_probes_disabled.h is not the current no-op header"
grep -q MYPROJ_ADDED "$t/myproj_probes_disabled.h" || fail "the tarball's no-op header lacks the new probe"

# the tarball without sdtkit: auto is off, the shipped no-op header is used
b=$T/notool
build "$b" "$t" SDTKIT=/nonexistent
configured "$b" no
no_probes "$b/.libs/libmyproj.so" "$b/.libs/myprog"
cmp -s "$b/myproj_probes.h" "$T/want.h" || fail "the no-tool build did not use the shipped no-op header"
out=$(cd "$b" && bounded 120 ./myprog x) || fail "the no-tool build's myprog failed: $out"
[ "$out" = 1 ] || fail "the no-tool build's myprog printed '$out'"
# ... and when the .d is newer than that copy, make says what to do
touch "$t/myproj.d"
if make -C "$b" >"$b/make3.log" 2>&1; then
	fail "make succeeded with a no-op header older than the .d and no sdtkit"
fi
grep -q "^myproj_probes_disabled.h is missing or older than myproj.d, and only sdtkit makes it:" "$b/make3.log" ||
	fail "make did not explain the stale no-op header: $(tail -n 5 "$b/make3.log")"
grep -q "is current after all, touch it" "$b/make3.log" || fail "make did not offer the touch remedy"

# SystemTap's dtrace instead of sdtkit (none on PATH): header and object,
# the libtool object written by the fragment
if bounded 300 dtrace -h -s "$src/myproj.d" -o "$T/stap.h" >/dev/null 2>&1; then
	b=$T/stap
	PATH=$(path_without_sdtkit) build "$b" "$t"
	grep -q "^checking for dtrace\.\.\. /usr/bin/dtrace\$" "$b/configure.log" ||
		fail "configure did not fall back to SystemTap's dtrace: $(grep -A1 'for sdtkit' "$b/configure.log")"
	configured "$b" yes
	has_probes "$b/.libs/libmyproj.so" "$t/myproj.d"
	ar t "$b/.libs/libmyproj.a" | grep -qx myproj_probes.o || fail "SystemTap: libmyproj.a lacks myproj_probes.o"
	grep -q "^pic_object='.libs/myproj_probes.o'\$" "$b/myproj_probes.lo" || fail "SystemTap: bad myproj_probes.lo"
else
	echo "note: SystemTap's dtrace does not run here; its case is skipped"
fi
pass
