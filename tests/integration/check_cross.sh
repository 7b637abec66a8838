# SPDX-License-Identifier: MIT
# check_cross.sh: `sdtkit check` judges each file by its own data model and machine: the
# same correctly typed sources built for aarch64 (plain char unsigned), i386 (ILP32, with
# 32- and 64-bit off_t), arm, riscv64, ppc64el and s390x are clean -- programs, objects
# and archives -- and a 'long' argument that records 8 bytes is reported under ILP32
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/check/helpers.sh"
need readelf ar

# name compiler class
arches="
aarch64 aarch64-linux-gnu-gcc ELF64
i386 i686-linux-gnu-gcc ELF32
arm arm-linux-gnueabihf-gcc ELF32
riscv64 riscv64-linux-gnu-gcc ELF64
ppc64el powerpc64le-linux-gnu-gcc ELF64
s390x s390x-linux-gnu-gcc ELF64
"
while read -r name cc class; do
	[ -n "$name" ] && need "$cc"
done <<EOF
$arches
EOF
sdt_include "$T/inc"

while read -r name cc class; do
	[ -n "$name" ] || continue
	W=$T/$name
	check_build "$W" "$cc" -O2 -I"$T/inc"
	[ "$(readelf -h "$W/prog" | awk '/Class:/ { print $2 }')" = "$class" ] || fail "$name: not $class"
	clean "$name prog" "$D/check.d" "$W/prog"
	clean "$name objects and archive" "$D/check.d" "$W/chk.o" "$W/chklib.o" "$W/libchk.a"
	# the operand forms of tests/data/list, at -O0 and -O2, against their own .d
	"$SDTKIT" header -o "$W/list_probes.h" "$TESTDATA/list/list.d" || fail "header list.d"
	for o in 0 2; do
		"$cc" -O$o -I"$T/inc" -I"$W" -c "$TESTDATA/list/list.c" -o "$W/list$o.o" || fail "$name: list.c -O$o"
	done
	"$SDTKIT" object -o "$W/listsem.o" "$TESTDATA/list/list.d" "$W/list2.o" || fail "$name: object list.d"
	"$cc" "$W/list2.o" "$W/listsem.o" -o "$W/list" || fail "$name: link list"
	clean "$name list.c" "$TESTDATA/list/list.d" "$W/list0.o" "$W/list2.o" "$W/list"
done <<EOF
$arches
EOF

# aarch64's plain char is unsigned, x86's signed: both are right for 'char'
flag_arg() { readelf -n "$1" | awk '/Name: flag$/ { f = 1 } f && /Arguments:/ { print $3; exit }'; }
[ "$(flag_arg "$T/aarch64/prog" | cut -d@ -f1)" = 1 ] || fail "aarch64: char is not '1@': $(flag_arg "$T/aarch64/prog")"

# i386 with _FILE_OFFSET_BITS=64: off_t is 8 bytes under ILP32, also right
W=$T/i386-fob64
check_build "$W" i686-linux-gnu-gcc -O2 -I"$T/inc" -D_FILE_OFFSET_BITS=64
readelf -n "$W/prog" | grep -q 'Arguments: .* -8@[^ ]*$' || fail "i386 -D_FILE_OFFSET_BITS=64: off_t is not -8@"
clean "i386 64-bit off_t" "$D/check.d" "$W/prog"

# a 'long long' where check.d says 'long': 8 bytes cannot be a long under ILP32, but can
# under LP64
cat >"$T/wide.c" <<'EOF'
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
extern unsigned short chk_value_semaphore;
void wide(long long v, unsigned short u, double d, float f);
void wide(long long v, unsigned short u, double d, float f) { STAP_PROBE4(chk, value, v, u, d, f); }
EOF
i686-linux-gnu-gcc -O2 -I"$T/inc" -c "$T/wide.c" -o "$T/wide32.o" || fail "compile wide.c (i386)"
aarch64-linux-gnu-gcc -O2 -I"$T/inc" -c "$T/wide.c" -o "$T/wide64.o" || fail "compile wide.c (aarch64)"
spec=$(readelf -n "$T/wide32.o" | awk '/Arguments:/ { print $2; exit }')
case $spec in -8@*) ;; *) fail "i386 long long is '$spec', not -8@" ;; esac
expect_check "i386 long long for long" 1 \
	"'$T/wide32.o': probe 'chk:value' argument 1 is $spec (8-byte signed), but $D/check.d:4:14 declares 'long' (4-byte signed under ILP32)" \
	"$D/check.d" "$T/i386/prog" "$T/wide32.o"
clean "aarch64 long long for long" "$D/check.d" "$T/aarch64/prog" "$T/wide64.o"
pass
