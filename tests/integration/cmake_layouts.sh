# SPDX-License-Identifier: MIT
# cmake_layouts.sh: sdtkit_add_probes() on an OBJECT library (linked, or
# taken as $<TARGET_OBJECTS>), a MODULE library opened with dlopen(), and a
# STATIC library linked into a SHARED one: each time the probes and their
# semaphores end up in the one file that holds the code, and fire under gdb.
# Also: the options that run the C preprocessor, MACRO_PREFIX and
# SEMAPHORES none, and the version file rejecting find_package(sdtkit 2.0).
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/cmake/common.sh"
need gdb

cm_install
b=$T/b
cm_configure "$TESTDATA/cmake/layouts" "$b" -DCMAKE_PREFIX_PATH="$PREFIX" -DMINIPY="$MINIPY" -DSDTKIT_DTRACE=ON
grep -q "found sdtkit 1\.0\.0 at $PREFIX/bin/sdtkit" "$b.log" || fail "no sdtkit 1.0.0 found: $(cat "$b.log")"
cm_build "$b"

# holds FILE: FILE has all the probes and their 7 semaphores
holds() {
	[ "$(probes "$1")" = "$MINIPY_PROBES" ] || fail "probes of $1: $(probes "$1")"
	[ "$(semaphores "$1" | wc -l)" = 7 ] || fail "semaphores of $1: $(semaphores "$1")"
}
# lacks FILE: FILE has neither
lacks() {
	! has_notes "$1" || fail "$1 has probe notes"
	[ -z "$(semaphores "$1")" ] || fail "$1 has semaphores: $(semaphores "$1")"
}

# OBJECT
for p in prog_object prog_objects; do
	holds "$b/$p"
	run_sample "$b/$p"
	expect_start "$b/$p"
done
# MODULE
holds "$b/libmp_module.so"
lacks "$b/loader"
run_sample "$b/loader"
expect_start "$b/loader"
# STATIC into SHARED
ar t "$b/libmp_static.a" | grep -qx minipy_semaphores.o || fail "the semaphore object is not in libmp_static.a"
holds "$b/libmp_wrap.so"
lacks "$b/prog_wrap"
run_sample "$b/prog_wrap"
expect_start "$b/prog_wrap"
# CPP, INCLUDE_DIRECTORIES, COMPILE_DEFINITIONS, MACRO_PREFIX, SEMAPHORES none
[ "$(probes "$b/cppdemo")" = "cppdemo:extra
cppdemo:tick" ] || fail "cppdemo: probes: $(probes "$b/cppdemo")"
[ -z "$(semaphores "$b/cppdemo")" ] || fail "cppdemo has semaphores: $(semaphores "$b/cppdemo")"
[ ! -e "$b/sdtkit/cppdemo/cppdemo_semaphores.o" ] || fail "cppdemo: a semaphore object with SEMAPHORES none"
"$b/cppdemo" || fail "cppdemo failed"
pass
