# SPDX-License-Identifier: MIT
# check_layouts.sh: `sdtkit check` finds nothing wrong with programs whose probe arguments
# have exactly the declared types, in every layout: an executable, a program plus its
# shared library checked as one (each half alone lacks the other's probes), objects, a
# static archive; gcc and clang, -O0 and -O2; and sites of other providers are ignored
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/check/helpers.sh"
need gcc ar

# where check.d declares its probes (the reports name these positions)
NOSITE_SIZES="$D/check.d:6:8: probe 'chk:sizes' has no site in any file"
NOSITE_ITEM="$D/check.d:7:8: probe 'chk:item' has no site in any file"
compilers=gcc
command -v clang >/dev/null 2>&1 && compilers="gcc clang"

for cc in $compilers; do
	for o in 0 2; do
		W=$T/$cc-O$o
		check_build "$W" "$cc" -O$o
		clean "$cc -O$o prog" "$D/check.d" "$W/prog"
		clean "$cc -O$o objects" "$D/check.d" "$W/chk.o" "$W/chklib.o"
		clean "$cc -O$o archive" "$D/check.d" "$W/libchk.a"
		clean "$cc -O$o all at once" "$D/check.d" "$W/libchk.a" "$W/prog" "$W/chk.o"
	done
done

# the shared layout: the program and its library are one check
W=$T/shared
mkdir -p "$W"
"$SDTKIT" header -o "$W/check_probes.h" "$D/check.d" || fail "sdtkit header"
gcc -O2 -fPIC -I"$W" -I"$D" -c "$D/chklib.c" -o "$W/chklib.o" || fail "compile chklib.c -fPIC"
gcc -O2 -I"$W" -I"$D" -c "$D/chk.c" -o "$W/chk.o" || fail "compile chk.c"
"$SDTKIT_DTRACE" -G -s "$D/check.d" -o "$W/sem-pic.o" "$W/chklib.o" || fail "dtrace -G"
"$SDTKIT" object -o "$W/sem.o" "$D/check.d" "$W/chk.o" || fail "sdtkit object"
gcc -shared -o "$W/libchk.so" "$W/chklib.o" "$W/sem-pic.o" || fail "link libchk.so"
gcc "$W/chk.o" "$W/sem.o" -L"$W" -lchk -Wl,-rpath,"$W" -o "$W/prog" || fail "link prog"
[ "$(bounded 120 "$W/prog")" != "" ] || fail "the shared program does not run"
clean "program + library" "$D/check.d" "$W/prog" "$W/libchk.so"
clean "library + program" "$D/check.d" "$W/libchk.so" "$W/prog"
expect_check "the program alone" 1 "$NOSITE_SIZES
$NOSITE_ITEM" "$D/check.d" "$W/prog"
expect_check "the library alone" 1 "$D/check.d:3:8: probe 'chk:start' has no site in any file
$D/check.d:4:8: probe 'chk:value' has no site in any file
$D/check.d:5:8: probe 'chk:flag' has no site in any file
$D/check.d:8:8: probe 'chk:done' has no site in any file" "$D/check.d" "$W/libchk.so"

# a semaphore-less build (--semaphores=none) is not missing its semaphores
W=$T/nosem
mkdir -p "$W"
"$SDTKIT" header --semaphores=none -o "$W/check_probes.h" "$D/check.d" || fail "header --semaphores=none"
gcc -O2 -I"$W" -I"$D" "$D/chk.c" "$D/chklib.c" -o "$W/prog" || fail "link nosem prog"
[ -z "$(readelf -n "$W/prog" | awk '/Semaphore:/ && $NF !~ /^0x0+$/')" ] || fail "nosem: semaphores present"
clean "no semaphores at all" "$D/check.d" "$W/prog"

# sites of providers check.d does not declare are not its business
cat >"$T/other.c" <<'EOF'
#include <sys/sdt.h>
void other(int x);
void other(int x) { STAP_PROBE1(other, thing, x); STAP_PROBE(chkx, start); }
EOF
gcc -O2 -c "$T/other.c" -o "$T/other.o" || fail "compile other.c"
clean "other providers" "$D/check.d" "$T/gcc-O2/prog" "$T/other.o"
[ "$("$SDTKIT" list -P other "$T/other.o" | wc -l)" = 2 ] || fail "other.o has no other:thing site"

# no file given is a usage error; --help prints the usage
rc=0
"$SDTKIT" check "$D/check.d" >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "no file: exit $rc, expected 2"
pass
