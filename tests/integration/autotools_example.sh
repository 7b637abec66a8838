# SPDX-License-Identifier: MIT
# autotools_example.sh: examples/minipy built with autoconf, automake and
# libtool against an installed sdtkit (found through PATH, ACLOCAL_PATH and
# pkg-config), out of tree with make -j4: the libtool library shared (with
# static too) and static only, each with the probes on and off.
# On: the notes are where the layout puts them, a probe fires under gdb with
# the right arguments, sdtkit check passes, the tapset and bpftrace script
# name the installed file and install. Off: no note, no semaphore, no
# tracer-side file. Then make distcheck. (auto: autotools_consumer.sh.)
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/consumers/consumer.sh"
need autoreconf automake libtoolize make gcc readelf gdb cmake pkg-config

ex=$SRCDIR/examples/minipy
[ -f "$ex/lib/eval.c" ] || skip "examples/minipy has no sources yet"
check_template autotools/configure.ac "$ex/configure.ac" minipy
check_template autotools/Makefile.am "$ex/Makefile.am" minipy
check_disabled_copy "$ex" minipy.d

install_sdtkit
src=$T/minipy
mkdir "$src"
cp -R "$ex/." "$src/"
mkdir -p "$src/m4"
cp "$(pkg-config --variable=pkgdatadir sdtkit)/sdtkit.am" "$src/m4/"
(cd "$src" && autoreconf -fi) >"$T/autoreconf.log" 2>&1 ||
	fail "autoreconf failed: $(cat "$T/autoreconf.log")"

cat >"$T/probe.mpy" <<'EOF'
def probe_me(n)
  return n + 1
end

print probe_me(41)
EOF

# build NAME CONFIGURE-ARGS...: configure in $T/NAME (sharing a cache) and make
build() {
	b=$T/$1
	shift
	mkdir "$b"
	(cd "$b" && bounded env -u SDTKIT "$src/configure" --cache-file="$T/config.cache" "$@") >"$b/configure.log" 2>&1 ||
		fail "configure $* failed: $(tail -n 20 "$b/configure.log")"
	make -C "$b" -j4 >"$b/make.log" 2>&1 || fail "make in $b failed: $(tail -n 30 "$b/make.log")"
	out=$(cd "$b" && bounded 300 ./libtool --mode=execute ./minipy "$T/probe.mpy" 2>&1) ||
		fail "$b/minipy failed: $out"
	[ "$out" = 42 ] || fail "$b/minipy printed '$out'"
}

# tracers DIR INSTALLED: DIR made minipy.stp and minipy.bt naming INSTALLED,
# the installed file that holds the probes, and `make install' puts them in
# share/systemtap/tapset and share/bpftrace/tools (the script executable)
tracers() {
	grep -qxF "probe minipy.line = process(\"$2\").mark(\"line\")" "$1/minipy.stp" ||
		fail "$1/minipy.stp does not name $2: $(grep '^probe' "$1/minipy.stp")"
	grep -qxF "usdt:$2:minipy:line" "$1/minipy.bt" ||
		fail "$1/minipy.bt does not name $2: $(grep '^usdt' "$1/minipy.bt")"
	make -C "$1" install DESTDIR="$1/stage" >"$1/install.log" 2>&1 ||
		fail "make install in $1 failed: $(tail -n 20 "$1/install.log")"
	cmp -s "$1/minipy.stp" "$1/stage/usr/local/share/systemtap/tapset/minipy.stp" ||
		fail "$1: make install did not install minipy.stp in share/systemtap/tapset"
	[ -x "$1/stage/usr/local/share/bpftrace/tools/minipy.bt" ] ||
		fail "$1: make install did not install minipy.bt in share/bpftrace/tools"
}

# fires DIR PROG: the probe fires with the interpreter's arguments
fires() {
	hits=$(cd "$1" && LIBTOOL=./libtool gdb_hits 2 minipy:function__entry "$2" "$T/probe.mpy")
	want="$T/probe.mpy|<module>|1
$T/probe.mpy|probe_me|1"
	[ "$hits" = "$want" ] || fail "$1: gdb saw minipy:function__entry as '$hits', expected '$want'"
}

configured() {
	grep -q "^checking whether to build USDT probes\.\.\. $2\$" "$T/$1/configure.log" ||
		fail "$1: configure did not say the probes are '$2': $(grep USDT "$T/$1/configure.log")"
}

# shared (libtool builds the static library too): the probes are in libminipy.so
build shared-on --enable-dtrace
configured shared-on yes
has_probes "$T/shared-on/.libs/libminipy.so" "$src/minipy.d"
no_probes "$T/shared-on/.libs/minipy"
ar t "$T/shared-on/.libs/libminipy.a" | grep -qx minipy_probes.o ||
	fail "libminipy.a lacks minipy_probes.o: $(ar t "$T/shared-on/.libs/libminipy.a")"
fires "$T/shared-on" ./minipy
sdtkit_check "$src/minipy.d" "$T/shared-on/.libs/libminipy.so"
tracers "$T/shared-on" /usr/local/lib/libminipy.so.1.0.0

# static: the probes are in the program
build static-on --enable-dtrace --disable-shared
configured static-on yes
has_probes "$T/static-on/minipy" "$src/minipy.d"
fires "$T/static-on" ./minipy
sdtkit_check "$src/minipy.d" "$T/static-on/minipy"
tracers "$T/static-on" /usr/local/bin/minipy

build shared-off --disable-dtrace
configured shared-off no
no_probes "$T/shared-off/.libs/libminipy.so" "$T/shared-off/.libs/minipy"
grep -q 'Tracing is disabled' "$T/shared-off/minipy_probes.h" || fail "shared-off: not the no-op header"
make -C "$T/shared-off" install DESTDIR="$T/shared-off/stage" >"$T/shared-off/install.log" 2>&1 ||
	fail "make install in shared-off failed: $(tail -n 20 "$T/shared-off/install.log")"
[ ! -e "$T/shared-off/minipy.stp" ] && [ ! -e "$T/shared-off/stage/usr/local/share/systemtap" ] ||
	fail "shared-off: a tapset without the probes"

build static-off --disable-dtrace --disable-shared
configured static-off no
no_probes "$T/static-off/minipy"

# make distcheck (out of tree, read-only sources, install, dist, clean) with
# the probes on; the tarball carries the no-op header
bounded env -u SDTKIT make -C "$T/shared-on" -j4 distcheck \
	DISTCHECK_CONFIGURE_FLAGS="--enable-dtrace --cache-file=$T/config.cache" >"$T/distcheck.log" 2>&1 ||
	fail "make distcheck failed: $(tail -n 40 "$T/distcheck.log")"
grep -q '^checking whether to build USDT probes\.\.\. yes$' "$T/distcheck.log" ||
	fail "make distcheck did not build the probes"
tar -xzf "$T/shared-on/minipy-1.0.tar.gz" -C "$T" minipy-1.0/minipy_probes_disabled.h ||
	fail "the tarball lacks minipy_probes_disabled.h"
cmp -s "$T/minipy-1.0/minipy_probes_disabled.h" "$ex/minipy_probes_disabled.h" ||
	fail "the tarball's minipy_probes_disabled.h is not the no-op header"
pass
