# SPDX-License-Identifier: MIT
# dtrace_configure.sh: what configure scripts and build rules send the dtrace
# personality. CPython's test for -G (a provider-less 'BEGIN{}' file) gets an
# object that links into a program without adding semaphores or losing
# IBT/SHSTK, and a header that compiles cleanly in C and C++; -o /dev/null
# writes to the device and leaves it a device; objects that do not exist are
# passed over and the target comes from those that do.
# timeout: 300
. "$TESTDIR/lib.sh"
need gcc readelf
cd "$T"

# 1. CPython's configure, as it runs the test (configure.ac, --with-dtrace)
step "CPython's -G test"
echo 'BEGIN{}' >conftest.d
"$SDTKIT_DTRACE" -G -s conftest.d -o conftest.o >conftest.out 2>&1 ||
	fail "dtrace -G on BEGIN{} failed: $(cat conftest.out)"
[ -f conftest.o ] || fail "dtrace -G on BEGIN{} wrote no conftest.o"
grep -q 'warning: no provider declared' conftest.out || fail "no warning: $(cat conftest.out)"
[ "$(readelf -h conftest.o | awk '/Type:/ { print $2 }')" = REL ] || fail "conftest.o is not a relocatable object"
! readelf -sW conftest.o | grep -q '_semaphore$' || fail "conftest.o has semaphores"
printf 'int main(void) { return 0; }\n' >main.c
gcc -fcf-protection=full -c main.c -o main.o || fail "compile main.c"
gcc -shared -nostdlib main.o conftest.o -o libt.so || fail "conftest.o does not link"
readelf -n libt.so | grep -q 'x86 feature: IBT, SHSTK' ||
	fail "linking conftest.o loses IBT/SHSTK: $(readelf -n libt.so)"

# 2. the header of such a file compiles without a warning, in C and C++
step "the header of a provider-less file"
"$SDTKIT_DTRACE" -h -s conftest.d -o conftest.h 2>/dev/null || fail "dtrace -h on BEGIN{} failed"
printf '#include "conftest.h"\nint main(void) { return 0; }\n' >use.c
gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -c use.c -o use.o || fail "the header does not compile in C"
if type -P g++ >/dev/null 2>&1; then
	g++ -x c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -c use.c -o use-cxx.o ||
		fail "the header does not compile in C++"
fi

# 3. -o /dev/null: the device is written to, never replaced
step "-o /dev/null"
printf 'provider p { probe x(int); };\n' >p.d
for mode in -G -h; do
	"$SDTKIT_DTRACE" $mode -s p.d -o /dev/null || fail "dtrace $mode -o /dev/null failed"
	[ -c /dev/null ] || fail "dtrace $mode -o /dev/null replaced the device"
done
"$SDTKIT_DTRACE" -G -s conftest.d -o /dev/null 2>/dev/null || fail "dtrace -G BEGIN{} -o /dev/null failed"
[ -c /dev/null ] || fail "/dev/null is no longer a device"

# 4. objects that do not exist are passed over; the target comes from the rest
step "-G with missing objects"
if type -P aarch64-linux-gnu-gcc >/dev/null 2>&1; then
	printf 'int f(int x) { return x; }\n' >f.c
	aarch64-linux-gnu-gcc -c f.c -o f.o || fail "aarch64 compile"
	"$SDTKIT_DTRACE" -G -s p.d -o sem.o .libs/f.o f.o 2>err.txt || fail "dtrace -G: $(cat err.txt)"
	[ "$(cat err.txt)" = "dtrace: warning: object '.libs/f.o' does not exist: passed over" ] ||
		fail "unexpected messages: $(cat err.txt)"
	readelf -h sem.o | grep -q 'Machine: *AArch64' || fail "sem.o is not for AArch64: $(readelf -h sem.o)"
else
	echo "note: aarch64-linux-gnu-gcc is not installed; the target of the rest is not checked"
fi
"$SDTKIT_DTRACE" -G -s p.d -o none.o .libs/a.o .libs/b.o 2>/dev/null || fail "dtrace -G with no object at all"
[ "$(readelf -h none.o | awk '/Machine:/ { $1 = ""; print }')" = "$(readelf -h main.o | awk '/Machine:/ { $1 = ""; print }')" ] ||
	fail "with no object left the target is not the host's"
pass
