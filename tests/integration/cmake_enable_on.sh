# SPDX-License-Identifier: MIT
# cmake_enable_on.sh: ENABLE ON where probes cannot work fails configuring
# with the reason; AUTO there builds without probes. The compiler is Debian's
# aarch64 cross compiler, which does not see the host's <sys/sdt.h> (it
# lives in the multiarch include directory). With the header made visible,
# ON works and the semaphore object is for aarch64 (`sdtkit object --like`
# the configure check's program).
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/cmake/common.sh"
need aarch64-linux-gnu-gcc

cm_install
cross="-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=aarch64 -DCMAKE_C_COMPILER=aarch64-linux-gnu-gcc"

# shellcheck disable=SC2086
if cmake -S "$MINIPY" -B "$T/on" -G Ninja $cross -DCMAKE_PREFIX_PATH="$PREFIX" \
	-DSDTKIT_DTRACE=ON >"$T/on.log" 2>&1; then
	fail "ENABLE ON configured with a compiler that cannot see <sys/sdt.h>: $(cat "$T/on.log")"
fi
msg='sdtkit_add_probes(libminipy): ENABLE is ON, but a probe does not compile and link with <sys/sdt.h> and this compiler (sys/sdt.h: No such file or directory): install systemtap-sdt-dev, or make <sys/sdt.h> visible to the compiler. To build without probes, use ENABLE OFF or -DSDTKIT_DTRACE=OFF.'
tr -s ' \n' ' ' <"$T/on.log" | grep -qF "$msg" || fail "ENABLE ON: not the expected message: $(cat "$T/on.log")"
[ ! -f "$T/on/build.ninja" ] || fail "ENABLE ON: a build system was generated anyway"

# AUTO: the same compiler, no probes, and the build works
# shellcheck disable=SC2086
cm_configure "$MINIPY" "$T/auto" $cross -DCMAKE_PREFIX_PATH="$PREFIX"
grep -q 'probes disabled: a probe does not compile' "$T/auto.log" ||
	fail "AUTO: no 'probes disabled' status: $(cat "$T/auto.log")"
cm_build "$T/auto"
readelf -h "$T/auto/minipy" | grep -q AArch64 || fail "AUTO: minipy is not for aarch64"
! has_notes "$T/auto/minipy" || fail "AUTO: minipy has probe notes"

# with <sys/sdt.h> visible, ON works; the objects are all for aarch64
sdt_include "$T/inc"
# shellcheck disable=SC2086
cm_configure "$MINIPY" "$T/cross" $cross -DCMAKE_PREFIX_PATH="$PREFIX" -DSDTKIT_DTRACE=ON \
	-DCMAKE_C_FLAGS="-I$T/inc"
cm_build "$T/cross"
obj=$T/cross/sdtkit/libminipy/minipy_semaphores.o
readelf -h "$obj" | grep -q AArch64 || fail "the semaphore object is not for aarch64: $(readelf -h "$obj")"
[ "$(probes "$T/cross/minipy")" = "$MINIPY_PROBES" ] || fail "cross: probes: $(probes "$T/cross/minipy")"
[ "$(semaphores "$T/cross/minipy" | wc -l)" = 7 ] || fail "cross: semaphores: $(semaphores "$T/cross/minipy")"
if type -P qemu-aarch64 >/dev/null 2>&1 && [ -d /usr/aarch64-linux-gnu ]; then
	out=$(cd "$MINIPY" && bounded 300 qemu-aarch64 -L /usr/aarch64-linux-gnu "$T/cross/minipy" samples/start.mpy 2>&1) ||
		fail "qemu-aarch64 minipy failed: $out"
	case $out in *"collected: 221"*) ;; *) fail "qemu-aarch64 minipy printed: $out" ;; esac
fi
pass
