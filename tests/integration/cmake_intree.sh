# SPDX-License-Identifier: MIT
# cmake_intree.sh: sdtkit's source tree used in-tree by a consumer, through
# add_subdirectory and through FetchContent: the consumer's build builds the
# tool and runs it; sdtkit_add_probes() and sdtkit::sdtkit come with it,
# sdtkit's own tests do not.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/cmake/common.sh"
need gdb pkg-config

for how in add_subdirectory FetchContent; do
	b=$T/$how
	cm_configure "$TESTDATA/cmake/intree" "$b" -DSDTKIT_SOURCE="$SRCDIR" -DHOW=$how -DSDTKIT_DTRACE=ON
	grep -q 'probes enabled' "$b.log" || fail "$how: probes not enabled: $(cat "$b.log")"
	! grep -q '^sdtkit_DIR' "$b/CMakeCache.txt" || fail "$how: the installed package was looked up"
	[ "$(cd "$b" && ctest -N | sed -n 's/^Total Tests: //p')" = 0 ] ||
		fail "$how: sdtkit's tests were added to the consumer's"
	cm_build "$b"
	case $how in
	add_subdirectory) tool=sdtkit/sdtkit ;;
	FetchContent) tool=_deps/sdtkit-build/sdtkit ;;
	esac
	[ -x "$b/$tool" ] || fail "$how: the tool was not built at $tool"
	# the generated files depend on the tool built here (a new tool regenerates them)
	ninja -C "$b" -t query minipy/sdtkit/libminipy/minipy_probes.h | grep -qx "    $tool" ||
		fail "$how: the header does not depend on $tool: $(ninja -C "$b" -t query minipy/sdtkit/libminipy/minipy_probes.h)"
	run_sample "$b/minipy/minipy"
	[ "$(probes "$b/minipy/minipy")" = "$MINIPY_PROBES" ] || fail "$how: probes: $(probes "$b/minipy/minipy")"
done
expect_start "$T/add_subdirectory/minipy/minipy"
pass
