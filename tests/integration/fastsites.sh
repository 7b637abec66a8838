# SPDX-License-Identifier: MIT
# fastsites.sh: header --sites=fast. On x86-64 each site is the 5-byte nop
# 0f 1f 44 00 00 (which Linux 6.18 turns into a trampoline call when traced)
# in code built -mno-red-zone: the header compiles strict C and C++ under gcc
# and clang, refuses x86-64 code without SDTKIT_NO_RED_ZONE, and falls back to
# the standard site for -m32 (i686) and aarch64; its notes read as the
# standard site's (readelf, sdtkit list/check, gdb's info probes and
# $_probe_argN, bt at the probe with and without frame pointers); under
# bpftrace a red-zone leaf function keeps its values on 100,000 traced calls
# and every argument type decodes as from the standard site.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
need gcc clang g++ clang++ readelf objdump gdb

cd "$T"
cat > fs.d <<'EOF'
provider fs {
	probe leaf(long x, long twice);
	probe small(signed char a, unsigned char b, short c, unsigned short d, int e, unsigned int f);
	probe big(long g, unsigned long h, long long i, unsigned long long j, const char *s, void *p);
	probe twelve(signed char a, unsigned char b, short c, unsigned short d, int e, unsigned int f,
	             long g, unsigned long h, long long i, unsigned long long j, const char *s, void *p);
};
EOF

# the program: N calls of a leaf function whose locals live below %rsp (in
# the red zone unless -mno-red-zone), then each argument probe once, with
# values the compiler cannot fold (twelve of them at once: register pressure)
cat > prog.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include PROBES

volatile signed char va = -5;
volatile unsigned char vb = 200;
volatile short vc = -1234;
volatile unsigned short vd = 65000;
volatile int ve = -123456;
volatile unsigned int vf = 4000000000u;
volatile long vg = -1234567890123L;
volatile unsigned long vh = 18000000000000000000UL;
volatile long long vi = -7;
volatile unsigned long long vj = 123456789;
const char *volatile vs = "hello fast";
void *volatile vp = (void *)0x12345678;

__attribute__((noinline)) long
leaf(long x)
{
	volatile long a[4];

	a[0] = x;
	a[1] = 2 * x;
	a[2] = 3 * x;
	a[3] = 4 * x;
	FS_LEAF(x, a[1]);
	return a[0] + a[1] + a[2] + a[3];
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1, i, bad = 0;

	if (vs[0] != 'h') /* the string's page is in: bpftrace cannot fault it in */
		return 1;
	if (argc > 1 && strcmp(argv[1], "spin") == 0) {
		/* until the file 'stop' appears, so that the code can be read while traced */
		for (i = 0; (i & 1023) != 0 || access("stop", F_OK) != 0; i++)
			if (leaf(i) != 10 * i)
				bad++;
		printf("bad %ld of %ld\n", bad, i);
		return bad != 0;
	}
	for (i = 0; i < n; i++)
		if (leaf(i) != 10 * i)
			bad++;
	FS_SMALL(va, vb, vc, vd, ve, vf);
	FS_BIG(vg, vh, vi, vj, vs, vp);
	FS_TWELVE(va, vb, vc, vd, ve, vf, vg, vh, vi, vj, vs, vp);
	printf("bad %ld of %ld\n", bad, n);
	return 0;
}
EOF

step "sdtkit header --sites=fast and --sites=sdt"
"$SDTKIT" header --sites=fast -o fast.h fs.d || fail "header --sites=fast failed"
"$SDTKIT" header -o std.h fs.d || fail "header failed"
"$SDTKIT" object -o fs.o fs.d || fail "object failed"
grep -q 'SDTKIT_PROBE2(fs, leaf' fast.h && grep -q '^#define _SDT_NOP .byte 0x0f; .byte 0x1f; .byte 0x44; .byte 0x00; .byte 0x00$' fast.h ||
	fail "fast.h has no fast site for fs:leaf"

# site_bytes EXE PROBE: the 5 bytes at PROBE's address in EXE, as "0f 1f ..."
site_bytes() {
	local at
	at=$(readelf -n "$1" | awk -v p="$2" '$1 == "Name:" { n = $2 } $1 == "Location:" && n == p { sub(",", "", $2); print $2; exit }')
	[ -n "$at" ] || fail "$1 has no note for $2"
	objdump -d --start-address="$at" --stop-address=$((at + 5)) "$1" |
		awk -F "\t" '/^ *[0-9a-f]+:\t/ { sub(/ *$/, "", $2); print $2; exit }'
}

# args EXE: each note's provider, name and arguments, in note order
args() {
	readelf -n "$1" | awk '$1 == "Name:" { n = $2 } $1 == "Arguments:" { $1 = ""; print n ":" $0 }'
}

fastflags="-mno-red-zone -DSDTKIT_NO_RED_ZONE"
step "strict C and C++ under gcc and clang"
for cc in gcc clang; do
	bounded $cc -std=c11 -Wall -Wextra -Wpedantic -Werror -O2 -g $fastflags -DPROBES='"fast.h"' \
		prog.c fs.o -o fast-$cc > cc.log 2>&1 || fail "$cc -std=c11 with fast.h: $(head -n 20 cc.log)"
	cxx=${cc/gcc/g++}
	cxx=${cxx/clang/clang++}
	cp prog.c prog.cc
	bounded $cxx -std=c++17 -Wall -Wextra -Wpedantic -Werror -O2 -g $fastflags -DPROBES='"fast.h"' \
		prog.cc fs.o -o fastxx-$cc > cc.log 2>&1 || fail "$cxx -std=c++17 with fast.h: $(head -n 20 cc.log)"
	for exe in fast-$cc fastxx-$cc; do
		for p in leaf small big twelve; do
			b=$(site_bytes $exe $p)
			[ "$b" = "0f 1f 44 00 00" ] || fail "$exe: the bytes at fs:$p are '$b', not the 5-byte nop"
		done
	done
done
bounded gcc -O2 -g -DPROBES='"std.h"' prog.c fs.o -o std
bounded gcc -O2 -g -fno-omit-frame-pointer $fastflags -DPROBES='"fast.h"' prog.c fs.o -o fast-fp
bounded gcc -O2 -g -fno-omit-frame-pointer -DPROBES='"std.h"' prog.c fs.o -o std-fp
bounded gcc -O0 -g $fastflags -DPROBES='"fast.h"' prog.c fs.o -o fast-O0
[ "$(site_bytes std leaf)" != "0f 1f 44 00 00" ] || fail "the standard header made a 5-byte nop"

step "x86-64 without SDTKIT_NO_RED_ZONE: refused; SDTKIT_SITES_SDT: the standard site"
if gcc -O2 -mno-red-zone -DPROBES='"fast.h"' -c prog.c -o refused.o > refused.log 2>&1; then
	fail "fast.h compiled on x86-64 without SDTKIT_NO_RED_ZONE"
fi
grep -q 'fast probe sites need -mno-red-zone' refused.log || fail "no clear error: $(head -n 5 refused.log)"
bounded gcc -O2 -DSDTKIT_SITES_SDT -DPROBES='"fast.h"' prog.c fs.o -o sdt-forced
b=$(site_bytes sdt-forced leaf)
[ "${b%% *}" = 90 ] || fail "with SDTKIT_SITES_SDT the site of fs:leaf starts '$b', not the 1-byte nop"

step "the notes are the standard site's: readelf, sdtkit list and check"
[ "$(args fast-gcc)" = "$(args std)" ] || fail "fast and standard notes differ:
$(args fast-gcc)
---
$(args std)"
[ "$(args fast-O0 | wc -l)" = 4 ] || fail "fast-O0 has not 4 notes: $(args fast-O0)"
"$SDTKIT" list fast-gcc | awk 'NR > 1 { print $2, $NF }' > list-fast
"$SDTKIT" list std | awk 'NR > 1 { print $2, $NF }' > list-std
cmp -s list-fast list-std || fail "sdtkit list reads fast sites differently: $(cat list-fast)"
[ "$(wc -l < list-fast)" = 4 ] || fail "sdtkit list found $(wc -l < list-fast) probes in fast-gcc"
"$SDTKIT" check fs.d fast-gcc > check.out 2>&1 || fail "sdtkit check on fast sites: $(cat check.out)"
"$SDTKIT" check fs.d fast-O0 > check.out 2>&1 || fail "sdtkit check on -O0 fast sites: $(cat check.out)"

step "other targets: the standard site (-m32 or i686, aarch64)"
sdt_include inc
for cc in i686-linux-gnu-gcc aarch64-linux-gnu-gcc; do
	type -P $cc >/dev/null 2>&1 || { echo "note: $cc is not installed"; continue; }
	for h in fast std; do
		# not -Wpedantic: <sys/sdt.h> itself warns there (ISO C99 requires at least one
		# argument for the "..."), with the standard header as with the fast one
		bounded $cc -std=c11 -Wall -Wextra -Wno-overflow -Werror -O2 -Iinc -DPROBES="\"$h.h\"" \
			-c prog.c -o $cc-$h.o > cc.log 2>&1 || fail "$cc with $h.h: $(head -n 20 cc.log)"
	done
	[ "$(args $cc-fast.o | wc -l)" = 4 ] || fail "$cc: readelf -n shows $(args $cc-fast.o | wc -l) notes"
	[ "$(args $cc-fast.o)" = "$(args $cc-std.o)" ] ||
		fail "$cc: the fast header did not make the standard notes: $(args $cc-fast.o)"
	od=${cc%gcc}objdump
	type -P $od >/dev/null 2>&1 || fail "$cc has no $od"
	cmp -s <($od -d $cc-fast.o | tail -n +4) <($od -d $cc-std.o | tail -n +4) ||
		fail "$cc: the fast header's code differs from the standard header's"
done

step "gdb: break -probe-stap, bt, info probes, \$_probe_argN"
# gdbrun EXE PROBE CMD...: what gdb prints for CMD... at PROBE's first hit
gdbrun() {
	local exe=$1 probe=$2 a=()
	shift 2
	for c in "$@"; do
		a+=(-ex "$c")
	done
	gdb -q -batch -nx -ex "break -probe-stap fs:$probe" -ex "run 1 > /dev/null" "${a[@]}" ./$exe 2>&1 |
		grep -v -e '^Breakpoint' -e $'^[0-9][0-9]*\t' -e '^\[' -e '^Using host' -e '^Download' -e '^warning' -e '^$'
}
frames() {
	gdbrun "$1" leaf bt | awk '/^#/ { for (i = 1; i <= NF; i++) if ($i == "in") { print $1, $(i + 1); next } print $1, $2 }'
}
for exe in std std-fp fast-gcc fast-fp fast-clang fast-O0; do
	f=$(frames $exe)
	[ "$(printf '%s\n' "$f" | sed -n 2p)" = "#1 main" ] || fail "$exe: bt at fs:leaf shows
$f"
done
[ "$(frames fast-gcc)" = "$(frames std)" ] || fail "bt at fs:leaf: fast $(frames fast-gcc), standard $(frames std)"
pargs=()
for k in $(seq 0 11); do
	pargs+=("print \$_probe_arg$k")
done
pargs+=('x/s $_probe_arg10')
gdbrun std twelve "${pargs[@]}" | sed 's/^\$[0-9]* = //' > gdb-std
gdbrun fast-gcc twelve "${pargs[@]}" | sed 's/^\$[0-9]* = //' > gdb-fast
want='-5 200 -1234 65000 -123456 4000000000 -1234567890123 18000000000000000000 -7 123456789'
[ "$(head -n 10 gdb-std | tr '\n' ' ')" = "$want " ] || fail "gdb read the standard site's arguments as $(cat gdb-std)"
grep -q '"hello fast"' gdb-std || fail "gdb read the standard site's string as $(tail -n 1 gdb-std)"
cmp -s gdb-std gdb-fast || fail "gdb reads the fast site's twelve arguments as
$(cat gdb-fast)
and the standard site's as
$(cat gdb-std)"
gdb -q -batch -nx -ex 'info probes stap fs' ./fast-gcc > probes.out 2>&1
[ "$(grep -c '^stap  *fs  *' probes.out)" = 4 ] || fail "gdb info probes: $(cat probes.out)"

step "perf record --call-graph=dwarf at fs:leaf: the same frames as the standard site"
# stacks EXE: for each of the 5 hits of fs:leaf, its first two frames' functions
# (the first hit traps; a kernel that optimizes runs the others through its trampoline)
stacks() {
	perf probe -q -d 'sdt_fs:*' >/dev/null 2>&1 || true
	bounded 300 perf probe -q -x "$T/$1" sdt_fs:leaf > perf-probe.log 2>&1 || return 1
	bounded 300 perf record -q -e sdt_fs:leaf --call-graph=dwarf -o "$1.perf" "$T/$1" 5 > perf-record.log 2>&1 || return 1
	perf probe -q -d 'sdt_fs:*' >/dev/null 2>&1 || true
	bounded 300 perf script -i "$1.perf" 2>/dev/null |
		awk '/sdt_fs:leaf/ { n = 0; f = ""; next } NF >= 2 && n < 2 { sub(/\+0x.*/, "", $2); f = f " " $2; if (++n == 2) print f }'
}
if type -P perf >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && stacks std > perf-std; then
	want=$(printf ' leaf main\n%.0s' 1 2 3 4 5)
	[ "$(cat perf-std)" = "$want" ] || fail "perf at the standard site: $(cat perf-std) ($(tail -n 3 perf-record.log))"
	for exe in fast-gcc fast-fp fast-clang; do
		stacks $exe > perf-$exe || fail "perf on $exe: $(tail -n 3 perf-probe.log perf-record.log)"
		[ "$(cat perf-$exe)" = "$want" ] || fail "perf --call-graph=dwarf at $exe's fs:leaf:
$(cat perf-$exe)
expected
$want"
	done
else
	echo "note: perf cannot record uprobes here: $(tail -n 2 perf-probe.log perf-record.log 2>/dev/null | tr '\n' ' ')"
fi

why=$(bpftrace_usable) || skip "$why"

step "bpftrace: the red-zone leaf keeps its values; every argument decodes"
cat > fs.bt <<'EOF'
BEGIN { @hits = 0; @wrongarg = 0; }
usdt:BIN:fs:leaf { @hits++; if (arg1 != arg0 * 2) { @wrongarg++; } }
usdt:BIN:fs:small { printf("GOT small %d %d %d %d %d %u\n", arg0, arg1, arg2, arg3, arg4, arg5); }
usdt:BIN:fs:big { printf("GOT big %lld %llu %lld %llu %s %p\n", arg0, arg1, arg2, arg3, str(arg4), arg5); }
END { printf("HITS %d WRONG %d\n", @hits, @wrongarg); clear(@hits); clear(@wrongarg); }
EOF
# traced EXE N: the program's and bpftrace's lines
traced() {
	sed "s|BIN|$T/$1|" fs.bt > $1.bt
	bpftrace $1.bt -c "$T/$1 $2" > $1.out 2>&1 || fail "bpftrace -c $1: $(tail -n 5 $1.out)"
	grep -e '^bad ' -e '^GOT ' -e '^HITS ' $1.out | LC_ALL=C sort
}
n=100000
want="GOT big -1234567890123 18000000000000000000 -7 123456789 hello fast 0x12345678
GOT small -5 200 -1234 65000 -123456 4000000000
HITS $n WRONG 0
bad 0 of $n"
got=$(traced std $n)
[ "$got" = "$want" ] || fail "the standard site under bpftrace:
$got
expected
$want"
for exe in fast-gcc fast-clang; do
	got=$(traced $exe $n)
	[ "$got" = "$want" ] || fail "$exe under bpftrace:
$got
expected
$want"
done

step "traced, the fast site becomes a call into the kernel's trampoline (Linux 6.18), the standard one stays a trap"
# live_site EXE PID: the 5 bytes at EXE's fs:leaf site in process PID
live_site() {
	local at first base
	at=$(readelf -n "$1" | awk '$1 == "Name:" { n = $2 } $1 == "Location:" && n == "leaf" { sub(",", "", $2); print $2; exit }')
	first=$(readelf -lW "$1" | awk '$1 == "LOAD" { print $3; exit }')
	base=$(awk -v f="$T/$1" '$6 == f && $3 ~ /^0+$/ { split($1, r, "-"); print r[1]; exit }' "/proc/$2/maps")
	[ -n "$at" ] && [ -n "$first" ] && [ -n "$base" ] || return 1
	dd if="/proc/$2/mem" bs=1 skip=$((0x$base + at - first)) count=5 2>/dev/null | od -An -tx1 | xargs
}
kmajor=$(uname -r | cut -d. -f1) kminor=$(uname -r | cut -d. -f2 | tr -cd 0-9)
optimizes=no
[ "$kmajor" -gt 6 ] || { [ "$kmajor" = 6 ] && [ "${kminor:-0}" -ge 18 ]; } && optimizes=yes
declare -A first_byte
for exe in std fast-gcc; do
	rm -f stop
	bg_start "bpftrace $exe" $exe.spin.log bpftrace -e "usdt:$T/$exe:fs:leaf { @hits = count(); }" -c "$T/$exe spin"
	bg=$BG_PID
	wait_until -l $exe.spin.log 300 "$exe to start under bpftrace" eval 'pid=$(pgrep -x $exe | head -n 1); [ -n "$pid" ]'
	# attached: the site's first byte is the kernel's int3, or, once optimized, a call
	wait_until -l $exe.spin.log 300 "bpftrace to attach to $exe's fs:leaf" \
		eval 'site=$(live_site $exe $pid) && case $site in cc*|e8*) true ;; *) false ;; esac'
	if [ $exe = fast-gcc ] && [ $optimizes = yes ]; then
		wait_until -l $exe.spin.log 300 "Linux $(uname -r) to turn $exe's traced 5-byte nop into a call (site: $site)" \
			eval 'site=$(live_site $exe $pid); case $site in e8*) true ;; *) false ;; esac'
		grep -q '\[uprobes-trampoline\]' "/proc/$pid/maps" || fail "$exe's site is a call, but the process has no [uprobes-trampoline]"
	else
		sleep 2 # what the kernel does with a site after its first hits
		site=$(live_site $exe $pid) || fail "cannot read $exe's site in process $pid"
	fi
	first_byte[$exe]=${site%% *}
	touch stop
	bg_wait $bg 300 || fail "bpftrace -c $exe failed: $(tail -n 5 $exe.spin.log)"
	grep -q '^bad 0 of ' $exe.spin.log || fail "$exe went wrong under bpftrace: $(tail -n 5 $exe.spin.log)"
	grep -q '^@hits: [1-9]' $exe.spin.log || fail "bpftrace counted no hit of $exe: $(tail -n 5 $exe.spin.log)"
done
[ "${first_byte[std]}" = cc ] || fail "the traced standard site starts with ${first_byte[std]}, not the int3 (cc) it keeps"
if [ $optimizes = yes ]; then
	[ "${first_byte[fast-gcc]}" = e8 ] || fail "the traced fast site starts with ${first_byte[fast-gcc]}, not a call (e8)"
else
	echo "note: Linux $(uname -r) predates 6.18: the fast site stays a trap (${first_byte[fast-gcc]})"
fi

# the same leaf with the fast site but the red zone on: what -mno-red-zone
# prevents, on a kernel that optimizes the 5-byte nop (told, not required)
bounded gcc -O2 -g -DSDTKIT_NO_RED_ZONE -DPROBES='"fast.h"' prog.c fs.o -o redzone
got=$(traced redzone $n | grep "^bad ")
case $got in
"bad 0 of $n") echo "note: the red-zone control kept its values: this kernel does not optimize the 5-byte nop" ;;
*) echo "note: without -mno-red-zone the traced leaf went wrong: $got" ;;
esac

pass
