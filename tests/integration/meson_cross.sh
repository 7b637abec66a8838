# SPDX-License-Identifier: MIT
# meson_cross.sh: the meson template (tests/data/consumers/myproj) cross
# built for armhf from a meson cross file with Debian's arm-linux-gnueabihf
# compiler: the semaphore object is made like the compiler's own objects
# (from an object the project's compiler and flags make, not from
# cpu_family, which cannot tell armhf from armel: same machine, same EABI5
# flags), the library links and is hard-float,
# its probes are all there and check clean, and the program runs under
# qemu-arm. And sdtkit_flags with -C: the header the provider file includes
# is in the outputs' dependencies (--depfile), and editing it makes the
# header and the object again, nothing else.
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/consumers/consumer.sh"
need meson ninja readelf cmake pkg-config arm-linux-gnueabihf-gcc

install_sdtkit
sdt_include "$T/inc"
src=$T/myproj
cp -R "$CONSUMERS/myproj" "$src"
mkdir "$src/include"
printf '/* extra.h: a header myproj.d includes (under -C) */\n#define MYPROJ_EXTRA 1\n' >"$src/include/extra.h"
sed -i '1i #include "extra.h"' "$src/myproj.d"
sed -i "s|^sdtkit_flags = \[\]\$|sdtkit_flags = ['-C', '-I', meson.current_source_dir() / 'include']|" "$src/meson.build"
grep -q "^sdtkit_flags = \['-C'" "$src/meson.build" || fail "the consumer's meson.build has no 'sdtkit_flags = []' line"
printf '%s\n' "[binaries]" "c = 'arm-linux-gnueabihf-gcc'" "ar = 'arm-linux-gnueabihf-ar'" \
	"strip = 'arm-linux-gnueabihf-strip'" "" "[built-in options]" "c_args = ['-I$T/inc']" "" \
	"[host_machine]" "system = 'linux'" "cpu_family = 'arm'" "cpu = 'armv7'" "endian = 'little'" >"$T/armhf.ini"

b=$T/armhf
step "meson setup --cross-file armhf.ini, ninja"
meson setup "$b" "$src" --cross-file "$T/armhf.ini" -Ddtrace=enabled -Ddefault_library=shared >"$b.log" 2>&1 ||
	fail "meson setup failed: $(tail -n 20 "$b.log")"
ninja -C "$b" -j2 >"$b.build.log" 2>&1 || fail "ninja failed: $(tail -n 30 "$b.build.log")"
# flags FILE: the machine and the flags of an ELF file
flags() { readelf -hW "$1" | sed -n 's/^ *\(Machine\|Flags\): *//p' | tr -s ' ' | tr '\n' ' '; }
ref=$(find "$b" -name '*myproj.c.o' | head -n 1)
[ -n "$ref" ] || fail "no object of lib/myproj.c in $b"
case $(flags "$ref") in *ARM*Version5\ EABI*) ;; *) fail "the compiler's object is not ARM EABI5: $(flags "$ref")" ;; esac
[ "$(flags "$b/myproj_probes.o")" = "$(flags "$ref")" ] ||
	fail "myproj_probes.o is '$(flags "$b/myproj_probes.o")', the compiler's objects '$(flags "$ref")'"
# linked with it, the library is still hard-float (the float ABI of objects is in their attributes)
case $(flags "$b/libmyproj.so") in *hard-float*) ;; *) fail "libmyproj.so is not hard-float: $(flags "$b/libmyproj.so")" ;; esac
has_probes "$b/libmyproj.so" "$src/myproj.d"
"$SDTKIT" check -C -I "$src/include" "$src/myproj.d" "$b/libmyproj.so" >"$T/check.log" 2>&1 ||
	fail "sdtkit check: $(cat "$T/check.log")"
if command -v qemu-arm >/dev/null 2>&1; then
	out=$(bounded 300 qemu-arm -L /usr/arm-linux-gnueabihf -E LD_LIBRARY_PATH="$b" "$b/myprog" hi 2>&1) ||
		fail "myprog under qemu-arm failed: $out"
	[ -n "$out" ] || fail "myprog under qemu-arm printed nothing"
else
	echo "note: qemu-arm is not installed: the armhf program is built, not run"
fi

step "the header myproj.d includes"
ninja -C "$b" -t deps myproj_probes.h myproj_probes.o >"$T/deps" 2>&1 || fail "ninja -t deps: $(cat "$T/deps")"
[ "$(grep -c "$src/include/extra.h" "$T/deps")" = 2 ] ||
	fail "include/extra.h is not a dependency of both outputs: $(cat "$T/deps")"
ninja -C "$b" -j2 >"$b.idle.log" 2>&1 && grep -q 'no work to do' "$b.idle.log" ||
	fail "a second ninja did work: $(cat "$b.idle.log")"
printf '/* extra.h, edited */\n#define MYPROJ_EXTRA 2\n' >"$src/include/extra.h"
ninja -C "$b" -j2 -v >"$b.rebuild.log" 2>&1 || fail "ninja after extra.h changed failed: $(tail -n 30 "$b.rebuild.log")"
grep -q 'sdtkit header .*myproj.d' "$b.rebuild.log" || fail "myproj_probes.h was not made again: $(cat "$b.rebuild.log")"
grep -q 'sdtkit object .*myproj.d' "$b.rebuild.log" || fail "myproj_probes.o was not made again: $(cat "$b.rebuild.log")"
! grep -q -- '-c [^ ]*main\.c' "$b.rebuild.log" || fail "main.c, which includes no probe header, was compiled again: $(cat "$b.rebuild.log")"
pass
