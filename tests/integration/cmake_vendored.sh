# SPDX-License-Identifier: MIT
# cmake_vendored.sh: the single module file copied into a project
# (cmake/SdtkitProbes.cmake, no installed package): it runs an sdtkit found
# on PATH; on a machine with neither sdtkit nor dtrace the project still
# configures and builds, tracing off, from its kept copy of the no-op header
# (DISABLED_HEADER), and ENABLE ON says why it cannot. Also: the example
# uses templates/CMakeLists.snippet.cmake as it is, and its kept no-op
# header is what sdtkit writes.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/cmake/common.sh"

cm_install

# the example's snippet is the template, verbatim (less the template's
# licence notice, which heads the file users copy the snippet from)
snippet=$(sed '1,/without any warranty\./d' "$SRCDIR/templates/CMakeLists.snippet.cmake" | sed '1{/^#$/d;}')
[ -n "$snippet" ] || fail "no snippet after the licence notice of templates/CMakeLists.snippet.cmake"
case $(cat "$MINIPY/CMakeLists.txt") in
*"$snippet"*) ;;
*) fail "examples/minipy/CMakeLists.txt does not contain templates/CMakeLists.snippet.cmake as it is" ;;
esac
# the kept no-op header is current
"$SDTKIT" header --disabled -o "$T/disabled.h" "$MINIPY/minipy.d" || fail "sdtkit header --disabled failed"
cmp -s "$T/disabled.h" "$MINIPY/minipy_probes_disabled.h" ||
	fail "examples/minipy/minipy_probes_disabled.h is out of date: $(diff "$T/disabled.h" "$MINIPY/minipy_probes_disabled.h")"

# a project with a copy of the module (cp -L: a real copy, not the link)
proj=$T/proj
cp -RL "$MINIPY" "$proj"
if [ ! -f "$proj/cmake/SdtkitProbes.cmake" ] || [ -L "$proj/cmake/SdtkitProbes.cmake" ]; then
	fail "the example has no cmake/SdtkitProbes.cmake"
fi
cmp -s "$proj/cmake/SdtkitProbes.cmake" "$SRCDIR/cmake/SdtkitProbes.cmake" ||
	fail "the example's vendored module differs from cmake/SdtkitProbes.cmake"
nopkg="-DCMAKE_DISABLE_FIND_PACKAGE_sdtkit=ON"

# 1. an sdtkit program on PATH (not a package prefix): probes
mkdir -p "$T/tools"
cp "$PREFIX/bin/sdtkit" "$T/tools/"
b=$T/onpath
PATH=$T/tools:$PATH cm_configure "$proj" "$b" $nopkg -DSDTKIT_DTRACE=ON
grep -q "^SDTKIT_EXECUTABLE:FILEPATH=$T/tools/sdtkit\$" "$b/CMakeCache.txt" ||
	fail "onpath: SDTKIT_EXECUTABLE: $(grep SDTKIT_EXECUTABLE "$b/CMakeCache.txt")"
cm_build "$b"
[ "$(probes "$b/minipy")" = "$MINIPY_PROBES" ] || fail "onpath: probes: $(probes "$b/minipy")"
run_sample "$b/minipy"

# 2. neither sdtkit nor dtrace: PATH is one directory with links to the
# programs a build needs, and CMake's system paths are not searched (an
# sdtkit installed in /usr/local here must not count)
mkdir -p "$T/path"
for c in cmake ninja cc gcc as ld ar ranlib nm objcopy strip sh cat grep sed tr; do
	p=$(type -P $c) || fail "'$c' is not installed"
	ln -s "$p" "$T/path/$c"
done
cc=$(command -v cc)
bare() { PATH=$T/path "$@"; }
bare sh -c 'command -v sdtkit || command -v dtrace' >/dev/null 2>&1 && fail "the bare PATH has sdtkit or dtrace"
for mode in AUTO OFF; do
	b=$T/bare-$mode
	bare cm_configure "$proj" "$b" -DCMAKE_C_COMPILER="$cc" -DCMAKE_FIND_USE_CMAKE_SYSTEM_PATH=OFF \
		-DSDTKIT_DTRACE=$mode -DCMAKE_C_FLAGS="-Wall -Wextra -Werror"
	grep -q '^SDTKIT_EXECUTABLE:FILEPATH=SDTKIT_EXECUTABLE-NOTFOUND$' "$b/CMakeCache.txt" ||
		fail "bare/$mode: sdtkit was found: $(grep SDTKIT_EXECUTABLE "$b/CMakeCache.txt")"
	grep -q "probes disabled: .*using $proj/minipy_probes_disabled.h" "$b.log" ||
		fail "bare/$mode: no status about the kept header: $(cat "$b.log")"
	bare cm_build "$b"
	cmp -s "$b/sdtkit/libminipy/minipy_probes.h" "$MINIPY/minipy_probes_disabled.h" ||
		fail "bare/$mode: the header is not the kept no-op header"
	! has_notes "$b/minipy" || fail "bare/$mode: minipy has probe notes"
	[ -z "$(semaphores "$b/minipy")" ] || fail "bare/$mode: minipy has semaphores"
	run_sample "$b/minipy"
done
grep -q 'no sdtkit program was found' "$T/bare-AUTO.log" || fail "bare/AUTO: no reason given: $(cat "$T/bare-AUTO.log")"

# ... ENABLE ON there fails, saying why
if bare cmake -S "$proj" -B "$T/bare-on" -G Ninja -DCMAKE_C_COMPILER="$cc" -DCMAKE_FIND_USE_CMAKE_SYSTEM_PATH=OFF \
	-DSDTKIT_DTRACE=ON >"$T/bare-on.log" 2>&1; then
	fail "bare/ON configured without sdtkit"
fi
tr -s ' \n' ' ' <"$T/bare-on.log" | grep -qF 'sdtkit_add_probes(libminipy): ENABLE is ON, but no sdtkit program was found (install sdtkit, or set SDTKIT_EXECUTABLE).' ||
	fail "bare/ON: not the expected message: $(cat "$T/bare-on.log")"

# ... and without a kept header there is nothing to build from: an error that says so
sed -i 's/^  DISABLED_HEADER minipy_probes_disabled.h)$/)/' "$proj/CMakeLists.txt"
grep -q '^  DISABLED_HEADER' "$proj/CMakeLists.txt" && fail "could not remove DISABLED_HEADER"
if bare cmake -S "$proj" -B "$T/bare-nocopy" -G Ninja -DCMAKE_C_COMPILER="$cc" \
	-DCMAKE_FIND_USE_CMAKE_SYSTEM_PATH=OFF >"$T/bare-nocopy.log" 2>&1; then
	fail "configured without sdtkit and without DISABLED_HEADER"
fi
tr -s ' \n' ' ' <"$T/bare-nocopy.log" | grep -qF "and without sdtkit the no-op header can come only from DISABLED_HEADER" ||
	fail "bare/no copy: not the expected message: $(cat "$T/bare-nocopy.log")"

# 3. with sdtkit at hand, a stale kept copy draws a warning naming the fix
cp -RL "$MINIPY" "$T/stale"
echo '/* edited */' >>"$T/stale/minipy_probes_disabled.h"
PATH=$T/tools:$PATH cm_configure "$T/stale" "$T/stale-b" $nopkg -DSDTKIT_DTRACE=OFF
tr -s ' \n' ' ' <"$T/stale-b.log" | grep -qF "differs from what sdtkit writes; refresh it with: sdtkit header --disabled $T/stale/minipy.d -o $T/stale/minipy_probes_disabled.h" ||
	fail "stale copy: no warning: $(cat "$T/stale-b.log")"
! grep -q 'differs from what sdtkit writes' "$T/onpath.log" || fail "a current copy drew a warning"
pass
