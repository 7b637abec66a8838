# SPDX-License-Identifier: MIT
# meson_consumer.sh: the fixture consumer (tests/data/consumers/myproj, whose
# sdtkit lines are the templates as they are) with meson: sdtkit as a
# subproject (the source tree in subprojects/sdtkit with meson/sdtkit.wrap),
# find_program and dependency answered by it; a probe added to the .d appears
# after a plain rebuild; installed sdtkit through dependency() (pkg-config);
# no sdtkit at all (the no-op header kept in the tree; enabled stops); a cross
# build (enabled stops without <sys/sdt.h>, auto is off, and with the header
# the object is made for the target).
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/consumers/consumer.sh"
need meson ninja gcc readelf gdb cmake pkg-config

fx=$CONSUMERS/myproj
check_template meson/meson.build "$fx/meson.build" myproj
check_template meson/meson_options.txt "$fx/meson_options.txt" myproj
check_disabled_copy "$fx" myproj.d
grep -qx 'program_names = sdtkit' "$SRCDIR/meson/sdtkit.wrap" || fail "sdtkit.wrap does not provide the program"

# copy DIR: a fresh copy of the fixture, which also reports dependency('sdtkit')
copy() {
	mkdir "$1"
	cp -R "$fx/." "$1/"
	cat >>"$1/meson.build" <<'EOF2'
if get_option('dtrace').enabled() and not meson.is_cross_build()
  message('sdtkit dependency: ' + dependency('sdtkit', native: true).get_variable(
    pkgconfig: 'sdtkit', internal: 'sdtkit'))
endif
EOF2
}
# setup DIR SRC OPTIONS...: meson setup; its log is DIR.log
setup() {
	b=$1 s=$2
	shift 2
	meson setup "$b" "$s" "$@" >"$b.log" 2>&1 || fail "meson setup $* failed: $(tail -n 20 "$b.log")"
}
compile() {
	ninja -C "$1" -j4 >"$1.build.log" 2>&1 || fail "ninja in $1 failed: $(tail -n 30 "$1.build.log")"
}
nopath=$(path_without_sdtkit)

# the subproject: no sdtkit on PATH, so meson builds it from the wrap
sub=$T/sub
copy "$sub"
mkdir "$sub/subprojects"
ln -s "$SRCDIR" "$sub/subprojects/sdtkit"
cp "$SRCDIR/meson/sdtkit.wrap" "$sub/subprojects/"
PATH=$nopath setup "$T/sub-static" "$sub" -Ddtrace=enabled -Ddefault_library=static
grep -q '^Program sdtkit found: YES (overridden)' "$T/sub-static.log" ||
	fail "find_program did not get the subproject's sdtkit: $(grep -i 'sdtkit' "$T/sub-static.log")"
grep -q "^Message: sdtkit dependency: $T/sub-static/subprojects/sdtkit/sdtkit\$" "$T/sub-static.log" ||
	fail "dependency('sdtkit') did not name the subproject's sdtkit: $(grep 'sdtkit dependency' "$T/sub-static.log")"
PATH=$nopath compile "$T/sub-static"
has_probes "$T/sub-static/myprog" "$sub/myproj.d"
hits=$(gdb_hits 1 myproj:function__entry "$T/sub-static/myprog" hi)
[ "$hits" = "main.my|hi|7" ] || fail "gdb saw myproj:function__entry as '$hits'"

# a new probe: the header and the object are made again, the code that uses
# it is compiled again, and the note appears
sed -i 's/^\(.*probe tick(int count);\)$/\1\n\tprobe added(int count);/' "$sub/myproj.d"
grep -q 'probe added' "$sub/myproj.d" || fail "could not add a probe to myproj.d"
PATH=$nopath compile "$T/sub-static"
has_probes "$T/sub-static/myprog" "$sub/myproj.d"

# the installed sdtkit, through pkg-config for dependency('sdtkit')
install_sdtkit
inst=$T/inst
copy "$inst"
setup "$T/inst-shared" "$inst" -Ddtrace=enabled -Ddefault_library=shared
grep -q "^Message: sdtkit dependency: $P/bin/sdtkit\$" "$T/inst-shared.log" ||
	fail "dependency('sdtkit') did not name the installed sdtkit: $(grep 'sdtkit dependency' "$T/inst-shared.log")"

# no sdtkit anywhere: auto is off with the no-op header kept in the tree;
# enabled stops
PATH=$nopath setup "$T/none" "$inst"
grep -q "^Program sdtkit found: NO" "$T/none.log" || fail "meson found an sdtkit: $(grep -i 'program sdtkit' "$T/none.log")"
PATH=$nopath compile "$T/none"
no_probes "$T/none/libmyproj.so" "$T/none/myprog"
cmp -s "$T/none/myproj_probes.h" "$fx/myproj_probes_disabled.h" || fail "no sdtkit: the no-op header was not used"
if PATH=$nopath meson setup "$T/none-on" "$inst" -Ddtrace=enabled >"$T/none-on.log" 2>&1; then
	fail "meson setup -Ddtrace=enabled succeeded without sdtkit"
fi
grep -q "ERROR: Program 'sdtkit' not found" "$T/none-on.log" ||
	fail "-Ddtrace=enabled without sdtkit: $(grep ERROR "$T/none-on.log")"

# cross: a compiler that does not see <sys/sdt.h>
if command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
	cat >"$T/aarch64.ini" <<'EOF2'
[binaries]
c = 'aarch64-linux-gnu-gcc'
ar = 'aarch64-linux-gnu-ar'
strip = 'aarch64-linux-gnu-strip'

[host_machine]
system = 'linux'
cpu_family = 'aarch64'
cpu = 'aarch64'
endian = 'little'
EOF2
	if meson setup "$T/cross-on" "$inst" --cross-file "$T/aarch64.ini" -Ddtrace=enabled >"$T/cross-on.log" 2>&1; then
		fail "a cross build with dtrace=enabled and no <sys/sdt.h> was set up"
	fi
	grep -q 'ERROR: C symbol STAP_PROBE2 not found in header sys/sdt.h' "$T/cross-on.log" ||
		fail "cross, enabled: $(grep ERROR "$T/cross-on.log")"
	setup "$T/cross-auto" "$inst" --cross-file "$T/aarch64.ini"
	compile "$T/cross-auto"
	no_probes "$T/cross-auto/libmyproj.so"
	# with the header: the object is made for aarch64 and links
	sdt_include "$T/inc"
	setup "$T/cross-inc" "$inst" --cross-file "$T/aarch64.ini" -Ddtrace=enabled -Dc_args=-I"$T/inc"
	compile "$T/cross-inc"
	readelf -hW "$T/cross-inc/myproj_probes.o" | grep -q 'Machine: *AArch64' ||
		fail "cross: myproj_probes.o is not for aarch64: $(elf_ident "$T/cross-inc/myproj_probes.o")"
	has_probes "$T/cross-inc/libmyproj.so" "$inst/myproj.d"
else
	echo "note: aarch64-linux-gnu-gcc is not installed; the cross cases are skipped"
fi
pass
