# SPDX-License-Identifier: MIT
# fastsites_builds.sh: each build integration's choice of probe sites reaches
# the header and the code. CMake (sdtkit_add_probes SITES, cache variable
# SDTKIT_SITES), autoconf (--enable-dtrace-sites=fast, with the example's
# Makefile.am taking SDTKIT_CFLAGS) and meson (-Ddtrace_sites=fast, the
# example's library taking sdtkit_c_args): with fast, the probe addresses
# hold the 5-byte nop and the code is built -mno-red-zone; by default, the
# standard 1-byte nop; a probe fires under gdb either way.
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/consumers/consumer.sh"
need cmake ninja meson autoreconf automake libtoolize make gcc readelf objdump gdb pkg-config

install_sdtkit

# sites FILE: the first byte of the instruction at each probe address of
# FILE ("0f" for the 5-byte nop, "90" for the 1-byte one), sorted, unique
sites() {
	readelf -n "$1" | awk '$1 == "Location:" { sub(",", "", $2); print $2 }' | while read -r at; do
		objdump -d --start-address="$at" --stop-address=$((at + 1)) "$1" |
			awk -F "\t" '/^ *[0-9a-f]+:\t/ { split($2, b, " "); print b[1]; exit }'
	done | sort -u | tr '\n' ' '
}
# expect_sites FILE WANT WHAT: FILE's probe addresses hold WANT
expect_sites() {
	got=$(sites "$1")
	[ "$got" = "$2 " ] || fail "$3: the probe addresses of $1 start with '$got', expected '$2'"
}

step "CMake: SITES and SDTKIT_SITES"
mkdir "$T/cm"
cat > "$T/cm/fs.d" <<'EOF'
provider fs {
	probe leaf(long x, const char *s);
};
EOF
cat > "$T/cm/prog.c" <<'EOF'
#include "fs_probes.h"
__attribute__((noinline)) long
leaf(long x)
{
	volatile long a[2] = {x, 2 * x};
	FS_LEAF(a[1], "leaf");
	return a[0] + a[1];
}
int
main(int argc, char **argv)
{
	(void)argv;
	return leaf(argc) == 3 * argc ? 0 : 1;
}
EOF
cat > "$T/cm/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.16)
project(fs C)
include("$SRCDIR/cmake/SdtkitProbes.cmake")
add_executable(fast prog.c)
sdtkit_add_probes(fast fs.d ENABLE ON SITES fast)
add_executable(std prog.c)
sdtkit_add_probes(std fs.d ENABLE ON SITES sdt)
add_executable(dflt prog.c)
sdtkit_add_probes(dflt fs.d ENABLE ON)
EOF
for how in default fast; do
	b=$T/cm-$how
	opt=
	[ $how = fast ] && opt=-DSDTKIT_SITES=fast
	cmake -S "$T/cm" -B "$b" -G Ninja -DSDTKIT_EXECUTABLE="$P/bin/sdtkit" $opt > "$b.log" 2>&1 ||
		fail "cmake $opt: $(tail -n 20 "$b.log")"
	cmake --build "$b" > "$b.build.log" 2>&1 || fail "cmake --build $opt: $(tail -n 30 "$b.build.log")"
	for t in fast std dflt; do
		bounded 60 "$b/$t" || fail "$b/$t failed"
	done
	expect_sites "$b/fast" 0f "CMake SITES fast"
	expect_sites "$b/std" 90 "CMake SITES sdt"
	grep -q -- '-mno-red-zone' "$b/CMakeFiles/fast.dir/flags.make" 2>/dev/null ||
		ninja -C "$b" -t commands fast | grep -q -- '-mno-red-zone.*prog.c\|prog.c.*-mno-red-zone' ||
		fail "CMake: the fast target is not built with -mno-red-zone"
	! ninja -C "$b" -t commands std | grep -q -- '-mno-red-zone' || fail "CMake: the std target is built with -mno-red-zone"
done
expect_sites "$T/cm-default/dflt" 90 "CMake default"
expect_sites "$T/cm-fast/dflt" 0f "CMake -DSDTKIT_SITES=fast"
cmp -s "$T/cm-default/sdtkit/fast/fs_probes.h" "$T/cm-default/sdtkit/std/fs_probes.h" &&
	fail "CMake: the fast and standard headers are the same"
grep -q '^#define _SDT_NOP .byte 0x0f' "$T/cm-default/sdtkit/fast/fs_probes.h" || fail "CMake: no fast site in the header"
cmake -S "$T/cm" -B "$T/cm-bad" -G Ninja -DSDTKIT_EXECUTABLE="$P/bin/sdtkit" -DSDTKIT_SITES=int3 > "$T/cm-bad.log" 2>&1 &&
	fail "CMake accepted SDTKIT_SITES=int3"
grep -q "SITES (or SDTKIT_SITES) is 'int3', not sdt or fast" "$T/cm-bad.log" ||
	fail "CMake: no clear error for SDTKIT_SITES=int3: $(tail -n 10 "$T/cm-bad.log")"

ex=$SRCDIR/examples/minipy
cat >"$T/probe.mpy" <<'EOF'
def probe_me(n)
  return n + 1
end

print probe_me(41)
EOF
want="$T/probe.mpy|<module>|1
$T/probe.mpy|probe_me|1"

step "autoconf: --enable-dtrace-sites"
src=$T/minipy-at
mkdir "$src"
cp -R "$ex/." "$src/"
mkdir -p "$src/m4"
cp "$(pkg-config --variable=pkgdatadir sdtkit)/sdtkit.am" "$src/m4/"
(cd "$src" && bounded autoreconf -fi) >"$T/autoreconf.log" 2>&1 || fail "autoreconf failed: $(cat "$T/autoreconf.log")"
for how in sdt fast; do
	b=$T/at-$how
	mkdir "$b"
	(cd "$b" && bounded env -u SDTKIT "$src/configure" --enable-dtrace --disable-static --enable-dtrace-sites=$how) \
		>"$b/configure.log" 2>&1 || fail "configure --enable-dtrace-sites=$how: $(tail -n 20 "$b/configure.log")"
	make -C "$b" -j2 V=1 >"$b/make.log" 2>&1 || fail "make ($how): $(tail -n 30 "$b/make.log")"
	lib=$(ls "$b"/.libs/libminipy.so.*.*.* | head -n 1)
	hits=$(cd "$b" && LIBTOOL=./libtool gdb_hits 2 minipy:function__entry ./minipy "$T/probe.mpy")
	[ "$hits" = "$want" ] || fail "autoconf $how: gdb saw '$hits'"
done
expect_sites "$lib" 0f "autoconf --enable-dtrace-sites=fast"
grep -q -- '-mno-red-zone -DSDTKIT_NO_RED_ZONE.*eval.c' "$T/at-fast/make.log" ||
	fail "autoconf: eval.c is not compiled with SDTKIT_CFLAGS: $(grep eval.c "$T/at-fast/make.log" | head -n 2)"
expect_sites "$(ls "$T"/at-sdt/.libs/libminipy.so.*.*.* | head -n 1)" 90 "autoconf default sites"
(cd "$T/at-sdt" && bounded env -u SDTKIT "$src/configure" --enable-dtrace-sites=int3) >"$T/at-bad.log" 2>&1 &&
	fail "configure accepted --enable-dtrace-sites=int3"
[ "$(tail -n 1 "$T/at-bad.log")" = "configure: error: bad value 'int3' for --enable-dtrace-sites: use sdt or fast" ] ||
	fail "configure --enable-dtrace-sites=int3 said: $(tail -n 1 "$T/at-bad.log")"

step "meson: -Ddtrace_sites"
src=$T/minipy-meson
mkdir "$src"
cp -R "$ex/." "$src/"
for how in sdt fast; do
	b=$T/me-$how
	meson setup "$b" "$src" -Ddtrace=enabled -Ddtrace_sites=$how >"$b.setup.log" 2>&1 ||
		fail "meson setup -Ddtrace_sites=$how: $(tail -n 20 "$b.setup.log")"
	ninja -C "$b" -v >"$b.build.log" 2>&1 || fail "ninja ($how): $(tail -n 30 "$b.build.log")"
	hits=$(gdb_hits 2 minipy:function__entry "$b/minipy" "$T/probe.mpy")
	[ "$hits" = "$want" ] || fail "meson $how: gdb saw '$hits'"
done
expect_sites "$(ls "$T"/me-fast/libminipy.so.*.*.* | head -n 1)" 0f "meson -Ddtrace_sites=fast"
expect_sites "$(ls "$T"/me-sdt/libminipy.so.*.*.* | head -n 1)" 90 "meson default sites"
grep -q -- '-mno-red-zone.*eval.c' "$T/me-fast.build.log" || fail "meson: eval.c is not compiled with -mno-red-zone"

pass
