#!/bin/sh
# SPDX-License-Identifier: MIT
# sites.sh: the cost of a probe site, `sdtkit header` (the <sys/sdt.h> site, a 1-byte nop)
# against `sdtkit header --sites=fast` (x86-64: a 5-byte nop in code built -mno-red-zone),
# untraced and traced (bpftrace attached, counting hits); prints a Markdown table and writes
# bench/sites-results.md.
# usage: bench/sites.sh [SDTKIT]   (env: SDTKIT=path/to/sdtkit, ROUNDS=5,
#                        UNTRACED_CALLS=20000000, TRACED_CALLS=200000,
#                        PLACEMENTS="0 8 16 24 32 40 48 56")
# Each program times its own loop (CLOCK_MONOTONIC around the calls), so neither process
# start-up nor bpftrace's attaching is in the figures; the two forms alternate within each
# round (and which goes first alternates between rounds), so that a change in the machine's
# load weighs on both; medians over the rounds. Traced figures need bpftrace and root;
# without them only the untraced ones are given. A missed goal is reported, not an error.
# Untraced, a call costs a few cycles, and where the code falls in its 64-byte fetch
# blocks weighs as much as the site: each untraced figure is the mean over PLACEMENTS,
# builds whose leaf function starts that many bytes into a block.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
SDTKIT=${1:-${SDTKIT:-$here/../build/sdtkit}}
ROUNDS=${ROUNDS:-5}
UNTRACED_CALLS=${UNTRACED_CALLS:-20000000}
TRACED_CALLS=${TRACED_CALLS:-200000}
PLACEMENTS=${PLACEMENTS:-0 8 16 24 32 40 48 56}
me=sites.sh
w=$(mktemp -d "${TMPDIR:-/tmp}/sdtkit-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
die() { echo "$me: $*" >&2; exit 1; }
note() { echo "$me: $*" >&2; }
[ -x "$SDTKIT" ] || die "no sdtkit at '$SDTKIT': build it (ninja -C build) or set SDTKIT"
command -v gcc >/dev/null 2>&1 || die "gcc is needed"
case $(gcc -dumpmachine) in
x86_64-*gnux32) die "fast sites are x86-64 (LP64) sites; this gcc makes x32 code" ;;
x86_64-*) ;;
*) die "fast sites are x86-64 sites; this gcc makes $(gcc -dumpmachine) code" ;;
esac

cat >"$w/bs.d" <<'EOF'
provider bs {
	probe hit(long x, long twice);
};
EOF
# a leaf function with its locals below %rsp (unless -mno-red-zone) and one probe,
# called in a loop that the program times itself
cat >"$w/bs.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "probes.h"

#ifdef PAD
/* where leaf starts in its 64-byte block (built -fno-toplevel-reorder -falign-functions=1) */
__asm__(".text\n\t.p2align 6\n\t.skip " PAD ", 0x90\n");
#endif

__attribute__((noinline)) long
leaf(long x)
{
	volatile long a[4];

	a[0] = x;
	a[1] = 2 * x;
	a[2] = 3 * x;
	a[3] = 4 * x;
	BS_HIT(x, a[1]);
	return a[0] + a[1] + a[2] + a[3];
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000, i, bad = 0;
	struct timespec t0, t1, c0, c1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (i = 0; i < n; i++)
		if (leaf(i) != 10 * i)
			bad++;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("NS %.3f CPU %.3f BAD %ld\n", ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / n,
	       ((c1.tv_sec - c0.tv_sec) * 1e9 + (c1.tv_nsec - c0.tv_nsec)) / n, bad);
	return bad != 0;
}
EOF
"$SDTKIT" object -o "$w/bs.o" "$w/bs.d" || die "sdtkit object failed"
mkdir -p "$w/sdt" "$w/fast"
"$SDTKIT" header -o "$w/sdt/probes.h" "$w/bs.d" || die "sdtkit header failed"
"$SDTKIT" header --sites=fast -o "$w/fast/probes.h" "$w/bs.d" || die "sdtkit header --sites=fast failed"
# as the build integrations compile them (the fast one without the red zone), traced
gcc -O2 -I"$w/sdt" "$w/bs.c" "$w/bs.o" -o "$w/bs-sdt" || die "compiling the standard site failed"
gcc -O2 -mno-red-zone -DSDTKIT_NO_RED_ZONE -I"$w/fast" "$w/bs.c" "$w/bs.o" -o "$w/bs-fast" ||
	die "compiling the fast site failed"
# the untraced builds, one per placement of leaf, with two controls that tell the nop's cost
# from the red zone's (the standard site -mno-red-zone, the fast one with the red zone)
for k in $PLACEMENTS; do
	pl="-fno-toplevel-reorder -falign-functions=1 -DPAD=\"$k\""
	gcc -O2 $pl -I"$w/sdt" "$w/bs.c" "$w/bs.o" -o "$w/bs-sdt-$k" &&
		gcc -O2 $pl -mno-red-zone -DSDTKIT_NO_RED_ZONE -I"$w/fast" "$w/bs.c" "$w/bs.o" -o "$w/bs-fast-$k" &&
		gcc -O2 $pl -mno-red-zone -I"$w/sdt" "$w/bs.c" "$w/bs.o" -o "$w/bs-sdtnrz-$k" &&
		gcc -O2 $pl -DSDTKIT_NO_RED_ZONE -I"$w/fast" "$w/bs.c" "$w/bs.o" -o "$w/bs-fastrz-$k" ||
		die "compiling the builds of placement $k failed"
done

traced=yes
why=
if ! command -v bpftrace >/dev/null 2>&1; then
	traced=no why="bpftrace is not installed"
elif [ "$(id -u)" != 0 ]; then
	traced=no why="bpftrace needs root"
elif ! timeout 120 bpftrace -e 'BEGIN { exit(); }' >/dev/null 2>&1; then
	traced=no why="bpftrace cannot run here"
fi
[ $traced = yes ] || note "$why: untraced figures only"

# run FORM traced|untraced: the program's wall-clock and CPU ns per call
run() {
	if [ "$2" = untraced ]; then
		# the mean over the placements
		: >"$w/one"
		for k in $PLACEMENTS; do
			"$w/bs-$1-$k" "$UNTRACED_CALLS" >>"$w/one" || die "bs-$1-$k failed: $(tail -n 1 "$w/one")"
		done
		grep -v ' BAD 0$' "$w/one" && die "bs-$1 went wrong"
		out=$(awk '{ ns += $2; cpu += $4 } END { printf "NS %.3f CPU %.3f BAD 0\n", ns / NR, cpu / NR }' "$w/one")
	else
		out=$(timeout 300 bpftrace -e "usdt:$w/bs-$1:bs:hit { @hits = count(); }" \
			-c "$w/bs-$1 $TRACED_CALLS" 2>&1) || die "bpftrace -c bs-$1 failed: $(echo "$out" | tail -n 3)"
		echo "$out" | grep -q "^@hits: $TRACED_CALLS\$" ||
			die "bpftrace counted $(echo "$out" | sed -n 's/^@hits: //p') hits of bs-$1, not $TRACED_CALLS"
	fi
	echo "$out" | sed -n 's/^NS \([0-9.]*\) CPU \([0-9.]*\) BAD 0$/\1 \2/p' | grep . || die "bs-$1 ($2) went wrong: $out"
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
"$w/bs-sdt" 1000000 >/dev/null && "$w/bs-fast" 1000000 >/dev/null # warm up
r=1
while [ $r -le "$ROUNDS" ]; do
	if [ $((r % 2)) = 1 ]; then order="sdt fast"; else order="fast sdt"; fi
	for f in $order sdtnrz fastrz; do
		run $f untraced >>"$w/$f.untraced"
	done
	if [ $traced = yes ]; then
		for f in $order; do
			run $f traced >>"$w/$f.traced"
		done
	fi
	note "round $r of $ROUNDS done"
	r=$((r + 1))
done

# a whole program: the example interpreter (examples/minipy, its probes guarded by their
# semaphores, as real interpreters' are) built both ways, running a loop of 2,000,000
# calls untraced; the process's wall-clock time, median of the rounds
mp=$here/../examples/minipy
interp=no
if [ -f "$mp/minipy.d" ]; then
	interp=yes
	mkdir -p "$w/mp-sdt" "$w/mp-fast"
	"$SDTKIT" header -o "$w/mp-sdt/minipy_probes.h" "$mp/minipy.d" &&
		"$SDTKIT" header --sites=fast -o "$w/mp-fast/minipy_probes.h" "$mp/minipy.d" &&
		"$SDTKIT" object -o "$w/mp.o" "$mp/minipy.d" || die "sdtkit failed on minipy.d"
	gcc -O2 -I"$w/mp-sdt" -I"$mp/lib" "$mp/main.c" "$mp"/lib/*.c "$w/mp.o" -o "$w/mp-sdt/minipy" &&
		gcc -O2 -mno-red-zone -DSDTKIT_NO_RED_ZONE -I"$w/mp-fast" -I"$mp/lib" "$mp/main.c" "$mp"/lib/*.c "$w/mp.o" \
			-o "$w/mp-fast/minipy" || die "building minipy failed"
	cat >"$w/loop.mpy" <<'MPY'
def square(n)
  return n * n
end
def sum_squares(n)
  total = 0
  i = 1
  while i <= n
    total = total + square(i)
    i = i + 1
  end
  return total
end
print sum_squares(2000000)
MPY
	r=1
	while [ $r -le "$ROUNDS" ]; do
		if [ $((r % 2)) = 1 ]; then order="sdt fast"; else order="fast sdt"; fi
		for f in $order; do
			t0=$(date +%s%N)
			"$w/mp-$f/minipy" "$w/loop.mpy" >"$w/mp.out" || die "minipy ($f) failed: $(cat "$w/mp.out")"
			t1=$(date +%s%N)
			grep -qx 2666668666667000000 "$w/mp.out" || die "minipy ($f) printed $(cat "$w/mp.out")"
			awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f %.1f\n", (b - a) / 1e6, (b - a) / 1e6 }' >>"$w/mp-$f.untraced"
		done
		r=$((r + 1))
	done
fi
load1=$(cut -d' ' -f1-3 /proc/loadavg)

# median FILE COL [FORMAT], spread FILE COL [FORMAT]: of column COL of FILE (1 wall, 2 CPU)
median() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk -v f="${3:-%.2f}" '{ v[NR] = $1 } END { printf f, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk -v f="${3:-%.2f}" 'NR == 1 { lo = $1 } { hi = $1 } END { printf f "-" f, lo, hi }'; }
# cell FILE FORMAT: "CPU median [range] (wall median)"
cell() { echo "$(median "$1" 2 "$2") [$(spread "$1" 2 "$2")] ($(median "$1" 1 "$2"))"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

{
	echo "# Probe-site cost: \`sdtkit header\` against \`sdtkit header --sites=fast\`"
	echo
	echo "Measured by \`bench/sites.sh\`: $ROUNDS rounds, forms alternating; each program times its"
	echo "own loop of calls to a leaf function with one probe (untraced: $UNTRACED_CALLS calls, the mean over $(echo $PLACEMENTS | wc -w) placements of the function in its 64-byte block;"
	echo "traced: $TRACED_CALLS calls under \`bpftrace\` counting hits). Per call: the thread's CPU"
	echo "time (user and system: what the site costs, whatever else runs), median and range over"
	echo "the rounds, then the median wall-clock time in parentheses. Kernel $(uname -r),"
	echo "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) CPUs; load average"
	echo "$load0 at the start, $load1 at the end."
	echo
	echo "| site | untraced, ns a call | traced, ns a hit |"
	echo "|---|---|---|"
	for f in sdt fast sdtnrz fastrz; do
		case $f in
		sdt) name='standard (`nop`)' ;;
		fast) name='fast (`0f 1f 44 00 00`, `-mno-red-zone`)' ;;
		sdtnrz) name='standard, `-mno-red-zone`' ;;
		fastrz) name='fast with the red zone (wrong when traced)' ;;
		esac
		if [ $f = sdtnrz ] || [ $f = fastrz ]; then
			t="not run (untraced control)"
		elif [ $traced = yes ]; then
			t=$(cell "$w/$f.traced" %.0f)
		else
			t="not measured: $why"
		fi
		echo "| $name | $(cell "$w/$f.untraced" %.2f) | $t |"
	done
	echo
	echo "Untraced, fast / standard: $(ratio "$(median "$w/fast.untraced" 2)" "$(median "$w/sdt.untraced" 2)") CPU," \
		"$(ratio "$(median "$w/fast.untraced" 1)" "$(median "$w/sdt.untraced" 1)") wall (goal: at most 1.10)."
	if [ $traced = yes ]; then
		echo "Traced, standard / fast: $(ratio "$(median "$w/sdt.traced" 2)" "$(median "$w/fast.traced" 2)")x CPU," \
			"$(ratio "$(median "$w/sdt.traced" 1)" "$(median "$w/fast.traced" 1)")x wall (goal: at least 3x)."
	fi
	if [ $interp = yes ]; then
		echo
		echo "The example interpreter (examples/minipy, probes guarded by their semaphores) running"
		echo "a loop of 2,000,000 calls, untraced, wall-clock ms, median and range over the rounds:"
		echo "standard $(median "$w/mp-sdt.untraced" 1 %.1f) [$(spread "$w/mp-sdt.untraced" 1 %.1f)]," \
			"fast (the whole interpreter built -mno-red-zone) $(median "$w/mp-fast.untraced" 1 %.1f)" \
			"[$(spread "$w/mp-fast.untraced" 1 %.1f)]: fast / standard" \
			"$(ratio "$(median "$w/mp-fast.untraced" 1)" "$(median "$w/mp-sdt.untraced" 1)")."
	fi
} >"$w/results.md"
cat "$w/results.md"
cp "$w/results.md" "$here/sites-results.md"
