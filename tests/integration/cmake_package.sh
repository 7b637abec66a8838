# SPDX-License-Identifier: MIT
# cmake_package.sh: the example interpreter built with CMake against an
# installed sdtkit (find_package(sdtkit 1.0)), static and shared, with
# tracing ON, OFF and AUTO: the probes are in the file the layout predicts
# and fire under gdb with the right arguments; without tracing there is no
# note and no semaphore, and the same sources compile warning-free.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/cmake/common.sh"
need gdb

cm_install
cflags="-Wall -Wextra -Werror"

for layout in static shared; do
	shared=OFF
	[ $layout = shared ] && shared=ON
	for mode in ON OFF; do
		b=$T/$layout-$mode
		cm_configure "$MINIPY" "$b" -DCMAKE_PREFIX_PATH="$PREFIX" -DBUILD_SHARED_LIBS=$shared \
			-DSDTKIT_DTRACE=$mode -DCMAKE_C_FLAGS="$cflags"
		grep -q "^sdtkit_DIR:PATH=$PREFIX/lib/cmake/sdtkit\$" "$b/CMakeCache.txt" ||
			fail "$layout/$mode: find_package did not use $PREFIX: $(grep sdtkit_DIR "$b/CMakeCache.txt")"
		cm_build "$b"
		run_sample "$b/minipy"
		lib=$b/libminipy.a
		[ $layout = shared ] && lib=$b/libminipy.so
		[ -f "$lib" ] || fail "$layout/$mode: no $lib"

		if [ $mode = OFF ]; then
			grep -q 'probes disabled: ENABLE is OFF' "$b.log" ||
				fail "$layout/OFF: no 'probes disabled' status: $(cat "$b.log")"
			for f in "$b/minipy" "$lib"; do
				! has_notes "$f" || fail "$layout/OFF: $f has a .note.stapsdt"
				[ -z "$(semaphores "$f")" ] || fail "$layout/OFF: $f has semaphores: $(semaphores "$f")"
			done
			cmp -s "$b/sdtkit/libminipy/minipy_probes.h" "$MINIPY/minipy_probes_disabled.h" ||
				fail "$layout/OFF: the generated header is not the no-op header"
			continue
		fi

		grep -q 'probes enabled' "$b.log" || fail "$layout/ON: no 'probes enabled' status"
		# the probes live where the library's code is: in the program when
		# it links the archive, in libminipy.so otherwise
		if [ $layout = static ]; then
			holder=$b/minipy
			ar t "$lib" | grep -qx minipy_semaphores.o ||
				fail "static/ON: the semaphore object is not in the archive: $(ar t "$lib")"
		else
			holder=$lib
			! has_notes "$b/minipy" || fail "shared/ON: the program has probe notes"
			[ -z "$(semaphores "$b/minipy")" ] || fail "shared/ON: the program has semaphores"
		fi
		[ "$(probes "$holder")" = "$MINIPY_PROBES" ] ||
			fail "$layout/ON: probes of $holder: $(probes "$holder")"
		[ "$(semaphores "$holder" | wc -l)" = 7 ] ||
			fail "$layout/ON: semaphores of $holder: $(semaphores "$holder")"
		if sdtkit_has list; then
			out=$("$SDTKIT" list "$holder" 2>&1) || fail "sdtkit list $holder: $out"
			for n in function-entry function-return line gc-start gc-done \
				import-find-load-start import-find-load-done; do
				printf '%s\n' "$out" | grep -Eq " minipy .* $n\$" || fail "sdtkit list $holder lacks $n: $out"
			done
		fi
		if sdtkit_has check; then
			out=$("$SDTKIT" check "$MINIPY/minipy.d" "$holder" 2>&1) ||
				fail "sdtkit check minipy.d $holder: $out"
		fi
		expect_start "$b/minipy"
	done
done

# AUTO (the default) enables tracing where <sys/sdt.h> works, as here
b=$T/auto
cm_configure "$MINIPY" "$b" -DCMAKE_PREFIX_PATH="$PREFIX"
grep -q '^SDTKIT_DTRACE:STRING=AUTO$' "$b/CMakeCache.txt" || fail "SDTKIT_DTRACE does not default to AUTO"
grep -q 'Checking whether <sys/sdt.h> probes compile and link - yes' "$b.log" ||
	fail "AUTO: no check result: $(cat "$b.log")"
grep -q 'probes enabled' "$b.log" || fail "AUTO: probes not enabled: $(cat "$b.log")"
cm_build "$b"
[ "$(probes "$b/minipy")" = "$MINIPY_PROBES" ] || fail "AUTO: probes: $(probes "$b/minipy")"
# the check is cached: a second configure does not run it again
cmake "$b" >"$b.log2" 2>&1 || fail "reconfiguring failed: $(cat "$b.log2")"
! grep -q 'Checking whether <sys/sdt.h>' "$b.log2" || fail "AUTO: the check was not cached"
# the installed package is relocatable: a moved prefix works ...
cp -R "$PREFIX" "$T/moved"
b=$T/moved-b
mkdir -p "$b.src"
cp "$TESTDATA/cmake/rebuild/demo.d" "$b.src/"
cm_configure "$TESTDATA/cmake/rebuild" "$b" -DCMAKE_PREFIX_PATH="$T/moved" -DDEMO_D="$b.src/demo.d"
cm_build "$b"
grep -q "$T/moved/bin/sdtkit header" "$b/build.ninja" || fail "the moved prefix's sdtkit is not used"
# ... and one without the program is not found, with the reason; REQUIRED stops there
rm "$T/moved/bin/sdtkit"
if cmake -S "$TESTDATA/cmake/rebuild" -B "$T/missing" -G Ninja -DCMAKE_PREFIX_PATH="$T/moved" \
	-DDEMO_D="$b.src/demo.d" >"$T/missing.log" 2>&1; then
	fail "find_package(sdtkit REQUIRED) accepted a prefix without bin/sdtkit"
fi
tr -s ' \n' ' ' <"$T/missing.log" | grep -qF "the sdtkit program '$T/moved/bin/sdtkit' is missing" ||
	fail "no reason given for the missing program: $(cat "$T/missing.log")"
pass
