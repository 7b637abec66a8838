# SPDX-License-Identifier: MIT
# meson_example.sh: examples/minipy built with meson against an installed
# sdtkit (find_program finds it on PATH): libminipy shared and static
# (default_library), each with dtrace enabled and disabled, and auto. On: the
# notes are where the layout puts them, a probe fires under gdb with the
# right arguments, sdtkit check passes, the tapset and the bpftrace script
# name the installed file and install. Off: no note, no semaphore, neither.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/consumers/consumer.sh"
need meson ninja gcc readelf gdb cmake pkg-config

ex=$SRCDIR/examples/minipy
[ -f "$ex/lib/eval.c" ] || skip "examples/minipy has no sources yet"
check_template meson/meson.build "$ex/meson.build" minipy
check_template meson/meson_options.txt "$ex/meson_options.txt" minipy
check_disabled_copy "$ex" minipy.d

install_sdtkit
src=$T/minipy
mkdir "$src"
cp -R "$ex/." "$src/"

cat >"$T/probe.mpy" <<'EOF2'
def probe_me(n)
  return n + 1
end

print probe_me(41)
EOF2

# build NAME MESON-OPTIONS...: meson setup $T/NAME and build
build() {
	b=$T/$1
	shift
	meson setup "$b" "$src" "$@" >"$T/$(basename "$b").setup.log" 2>&1 ||
		fail "meson setup $* failed: $(tail -n 20 "$T/$(basename "$b").setup.log")"
	grep -q "^Program sdtkit found: YES ($P/bin/sdtkit)" "$T/$(basename "$b").setup.log" ||
		fail "meson did not find the installed sdtkit: $(grep -i sdtkit "$T/$(basename "$b").setup.log")"
	ninja -C "$b" -j4 >"$T/$(basename "$b").build.log" 2>&1 ||
		fail "ninja in $b failed: $(tail -n 30 "$T/$(basename "$b").build.log")"
	out=$(bounded 300 "$b/minipy" "$T/probe.mpy" 2>&1) || fail "$b/minipy failed: $out"
	[ "$out" = 42 ] || fail "$b/minipy printed '$out'"
}

fires() {
	hits=$(gdb_hits 2 minipy:function__entry "$1" "$T/probe.mpy")
	want="$T/probe.mpy|<module>|1
$T/probe.mpy|probe_me|1"
	[ "$hits" = "$want" ] || fail "$1: gdb saw minipy:function__entry as '$hits', expected '$want'"
}

# tracers NAME INSTALLED: the build made minipy.stp and minipy.bt naming
# INSTALLED (under the prefix), and installs them (the script executable)
tracers() {
	b=$T/$1
	libdir=$(meson introspect --buildoptions "$b" | tr '{' '\n' | sed -n 's/.*"name": "libdir", "value": "\([^"]*\)".*/\1/p')
	want=/usr/local/$(printf '%s' "$2" | sed "s|@libdir@|$libdir|")
	grep -qxF "probe minipy.line = process(\"$want\").mark(\"line\")" "$b/minipy.stp" ||
		fail "$1: minipy.stp does not name $want: $(grep '^probe' "$b/minipy.stp")"
	grep -qxF "usdt:$want:minipy:line" "$b/minipy.bt" ||
		fail "$1: minipy.bt does not name $want: $(grep '^usdt' "$b/minipy.bt")"
	DESTDIR=$b/stage meson install -C "$b" >"$T/$1.install.log" 2>&1 ||
		fail "meson install in $1 failed: $(tail -n 20 "$T/$1.install.log")"
	cmp -s "$b/minipy.stp" "$b/stage/usr/local/share/systemtap/tapset/minipy.stp" ||
		fail "$1: minipy.stp is not installed in share/systemtap/tapset"
	[ -x "$b/stage/usr/local/share/bpftrace/tools/minipy.bt" ] ||
		fail "$1: minipy.bt is not installed (executable) in share/bpftrace/tools"
}

build shared-on -Ddtrace=enabled -Ddefault_library=shared
has_probes "$T/shared-on/libminipy.so" "$src/minipy.d"
no_probes "$T/shared-on/minipy"
fires "$T/shared-on/minipy"
sdtkit_check "$src/minipy.d" "$T/shared-on/libminipy.so"
tracers shared-on @libdir@/libminipy.so.1.0.0

build static-on -Ddtrace=enabled -Ddefault_library=static
has_probes "$T/static-on/minipy" "$src/minipy.d"
fires "$T/static-on/minipy"
sdtkit_check "$src/minipy.d" "$T/static-on/minipy"
tracers static-on bin/minipy

build shared-off -Ddtrace=disabled -Ddefault_library=shared
no_probes "$T/shared-off/libminipy.so" "$T/shared-off/minipy"
cmp -s "$T/shared-off/minipy_probes.h" "$ex/minipy_probes_disabled.h" ||
	fail "shared-off: minipy_probes.h is not the no-op header"
[ ! -e "$T/shared-off/minipy.stp" ] && [ ! -e "$T/shared-off/minipy.bt" ] ||
	fail "shared-off: tracer-side files without the probes"

build static-off -Ddtrace=disabled -Ddefault_library=static
no_probes "$T/static-off/minipy"

# auto, here where sdtkit and <sys/sdt.h> work: on
build auto
grep -q '^Header "sys/sdt.h" has symbol "STAP_PROBE2" *: YES' "$T/auto.setup.log" ||
	fail "auto: meson did not check <sys/sdt.h>"
has_probes "$T/auto/libminipy.so" "$src/minipy.d"
pass
