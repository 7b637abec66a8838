# SPDX-License-Identifier: MIT
# check_cpp.sh: `sdtkit check -C -I -D -U` reads the provider file through the
# preprocessor, as `header -C` does: types that come from #define (PostgreSQL's
# probes.d), from a header found with -I, from typedefs of the .d and of libc
# headers are held to the sites; without -C the same file is checked with
# those types unresolved (and so under-reports)
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/check/helpers.sh"
need gcc
C=$TESTDATA/check/cpp
cd "$T"
cp "$C/cpp.d" cpp.d
gcc -O2 -c "$C/prog.c" -o prog.o || fail "compile prog.c"
gcc prog.o -o prog || fail "link prog"
# with -C: Counter is 'unsigned int' and the site passes 8 bytes
expect_check "-C -I" 1 "$(printf "%s\n%s" \
	"'prog': probe 'cpc:listen' argument 1 is $(note_arg prog listen 1) (4-byte unsigned), but cpp.d:16:15 declares 'Port' (2-byte unsigned under LP64)" \
	"'prog': probe 'cpc:start' argument 2 is $(note_arg prog start 2) (8-byte unsigned), but cpp.d:15:32 declares 'unsigned int' (4-byte unsigned under LP64)")" \
	-C -I "$C/inc" cpp.d prog
# -D selects the wide Counter: only the port is left
expect_check "-C -I -D" 1 \
	"'prog': probe 'cpc:listen' argument 1 is $(note_arg prog listen 1) (4-byte unsigned), but cpp.d:16:15 declares 'Port' (2-byte unsigned under LP64)" \
	-C -I"$C/inc" -DWIDE cpp.d prog
# ... and -U takes it back
expect_check "-C -D -U" 1 \
	"$(printf "%s\n%s" \
	"'prog': probe 'cpc:listen' argument 1 is $(note_arg prog listen 1) (4-byte unsigned), but cpp.d:16:15 declares 'Port' (2-byte unsigned under LP64)" \
	"'prog': probe 'cpc:start' argument 2 is $(note_arg prog start 2) (8-byte unsigned), but cpp.d:15:32 declares 'unsigned int' (4-byte unsigned under LP64)")" \
	-C -I "$C/inc" -DWIDE -UWIDE cpp.d prog
# without -C, LocalTransactionId and Counter are names the .d leaves to the
# includer: not checked (this is what -C is for)
expect_check "no -C" 1 \
	"'prog': probe 'cpc:listen' argument 1 is $(note_arg prog listen 1) (4-byte unsigned), but cpp.d:16:15 declares 'Port' (2-byte unsigned under LP64)" \
	cpp.d prog
# a libc typedef (__uint64_t, from <sys/types.h> under -C) is followed to its type
sed -i 's/__uint64_t token/__uint32_t token/' cpp.d
"$SDTKIT" check -C -I "$C/inc" -DWIDE cpp.d prog >out.txt 2>err.txt && fail "the __uint32_t token passed"
grep -q "^'prog': probe 'cpc:listen' argument 2 is .* (8-byte unsigned), but cpp.d:16:26 declares '__uint32_t' (4-byte unsigned under LP64)\$" out.txt ||
	fail "the libc typedef was not followed: $(cat out.txt err.txt)"
# the preprocessor's failure is one line naming the missing header
rc=0
"$SDTKIT" check -C cpp.d prog >out.txt 2>err.txt || rc=$?
[ $rc = 1 ] || fail "check -C without -I: exit status $rc, expected 1"
[ ! -s out.txt ] && [ "$(wc -l <err.txt)" = 1 ] && grep -q "types.h: No such file or directory" err.txt ||
	fail "check -C without -I: $(cat out.txt err.txt)"
pass
