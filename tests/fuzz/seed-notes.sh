#!/bin/sh
# SPDX-License-Identifier: MIT
# seed-notes.sh: regenerate the note reader's seed corpus (tests/fuzz/corpus/notes):
# small ELF files with stapsdt notes made with sdtkit's own header and object:
# an x86-64 .o, a tiny linked x86-64 executable (no libc, semaphores in .probes),
# an aarch64 .o and an i386 .o when those compilers work, and an archive with
# one member. Debug information is stripped; files of 16 KB or more are left out.
#
# usage: SDTKIT=path/to/sdtkit sh tests/fuzz/seed-notes.sh   (rewrites the directory)
# needs: gcc, ar, strip; aarch64-linux-gnu-gcc and gcc -m32 optionally

set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd)
out=$here/corpus/notes
sdtkit=${SDTKIT:-sdtkit}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sdtkit-seed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

cat >fz.d <<'D'
provider fz {
	probe start();
	probe work(int, long, const char *);
	probe done__now(double, unsigned char);
};
D
cat >fz.c <<'C'
#include "fz.h"
long gv[4];
__attribute__((noinline)) long
fzwork(int n, const char *s)
{
	double d = n / 3.0;
	FZ_START();
	if (FZ_WORK_ENABLED())
		FZ_WORK(n, gv[n & 3], s);
	FZ_DONE_NOW(d, (unsigned char)n);
	return gv[n & 3] + n;
}
C
# a program without libc, so that the executable stays small
cat >start.c <<'C'
long fzwork(int n, const char *s);
void
_start(void)
{
	long r = fzwork(3, "x");
	__asm__ volatile("syscall" : : "a"(60), "D"(r & 0) : "rcx", "r11", "memory");
	for (;;)
		;
}
C
"$sdtkit" header -o fz.h fz.d
"$sdtkit" object -o sem.o fz.d
# <sys/sdt.h> where cross compilers look
mkdir -p inc/sys
h=$(echo '#include <sys/sdt.h>' | cpp -H -o /dev/null 2>&1 | awk '/sdt.h$/ {print $2; exit}')
cp "$h" "$(dirname "$h")/sdt-config.h" inc/sys/

cflags="-Os -fno-asynchronous-unwind-tables -fno-stack-protector -Iinc"
# shellcheck disable=SC2086
gcc $cflags -c fz.c -o x86_64.o
# shellcheck disable=SC2086
gcc $cflags -c start.c -o start.o
gcc -nostdlib -static -Wl,-z,noseparate-code -Wl,--build-id=none -o x86_64-exe \
	start.o x86_64.o sem.o
strip -g x86_64.o
strip -g -R .comment x86_64-exe
ar rcD x86_64.a x86_64.o
# shellcheck disable=SC2086
if command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 &&
	aarch64-linux-gnu-gcc $cflags -c fz.c -o aarch64.o 2>/dev/null; then
	aarch64-linux-gnu-strip -g aarch64.o 2>/dev/null || strip -g aarch64.o
fi
# shellcheck disable=SC2086
gcc -m32 $cflags -c fz.c -o i386.o 2>/dev/null && strip -g i386.o || rm -f i386.o

rm -rf "$out"
mkdir -p "$out"
for f in x86_64.o x86_64-exe x86_64.a aarch64.o i386.o; do
	[ -f "$f" ] || continue
	[ "$(wc -c <"$f")" -lt 16384 ] || { echo "seed-notes.sh: $f: 16 KB or more, left out" >&2; continue; }
	cp "$f" "$out/$f"
done
ls -l "$out"
