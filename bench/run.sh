#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh: time `dtrace -h` and `dtrace -G`, SystemTap's against sdtkit's personality, on
# a 5-probe and a 500-probe provider; prints a Markdown table and writes bench/results.md.
# usage: bench/run.sh [SDTKIT]   (env: SDTKIT=path/to/sdtkit, STAP_DTRACE=/usr/bin/dtrace, HUGE=0,
#                        SDTKIT_RUNS=50 (at least 10), STAP_RUNS=10 (at least 5),
#                        ROUNDS=5: the runs are split into alternating rounds)
# Whole-process wall time, median of the runs. Uses hyperfine when installed, else a
# shell loop over `date +%s%N`. Installs nothing; a missed goal is reported, not an error.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
SDTKIT=${1:-${SDTKIT:-$here/../build/sdtkit}}
STAP=${STAP_DTRACE:-/usr/bin/dtrace}
SDTKIT_RUNS=${SDTKIT_RUNS:-50}
STAP_RUNS=${STAP_RUNS:-10}
[ "$SDTKIT_RUNS" -ge 10 ] || SDTKIT_RUNS=10
[ "$STAP_RUNS" -ge 5 ] || STAP_RUNS=5
ROUNDS=${ROUNDS:-5}
[ "$ROUNDS" -ge 1 ] && [ "$ROUNDS" -le "$STAP_RUNS" ] || ROUNDS=1

me=run.sh
w=$(mktemp -d "${TMPDIR:-/tmp}/sdtkit-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
. "$here/lib.sh"
[ -x "$SDTKIT" ] || die "no sdtkit at '$SDTKIT': build it (ninja -C build) or set SDTKIT"
SDTKIT=$(cd "$(dirname "$SDTKIT")" && pwd)/$(basename "$SDTKIT")
[ -x "$STAP" ] || die "no SystemTap dtrace at '$STAP': install systemtap-sdt-dev or set STAP_DTRACE"

cp "$here/small.d" "$w/small.d"
sh "$here/gen.sh" "$w/big.d" 500
cd "$w"

table="| case | stap median (ms) | sdtkit median (ms) | speedup (×) | goal | met |
|---|---:|---:|---:|---:|---|"
missed=

# bench NAME FLAG FILE.d OUT GOAL
bench() {
	name=$1 flag=$2 d=$3 out=$4 goal=$5
	# the same arguments for both, as a Makefile would pass them
	args="$flag -s $d -o $out"
	# shellcheck disable=SC2086 # $args is split on purpose
	for tool in "$STAP" "$SDTKIT dtrace"; do
		rm -f "$out"
		if ! $tool $args >"$w/check.log" 2>&1 || [ ! -s "$out" ]; then
			cat "$w/check.log" >&2
			die "failed: $tool $args"
		fi
	done
	echo "timing $name ..." >&2
	# in ROUNDS alternating rounds, so a change in the machine's load weighs on both
	: >"$w/stap" && : >"$w/sdt"
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		runtimes $((STAP_RUNS / ROUNDS)) "$STAP $args" "$w/stap" "$out"
		runtimes $((SDTKIT_RUNS / ROUNDS)) "$SDTKIT dtrace $args" "$w/sdt" "$out"
		r=$((r + 1))
	done
	stap=$(median_ms "$w/stap")
	sdt=$(median_ms "$w/sdt")
	speedup=$(awk -v a="$stap" -v b="$sdt" 'BEGIN { printf "%.0f", (b > 0 ? a / b : 0) }')
	if [ "$speedup" -ge "$goal" ]; then met=yes; else met=no; missed="$missed, $name"; fi
	table="$table
| $name | $stap | $sdt | $speedup | ≥$goal | $met |"
}

link=$(linkage "$SDTKIT")
# the floor for any whole-process timing on this machine, for scale
floor=$(timed "$SDTKIT_RUNS" "$(command -v true)")
bench "-h, 5 probes" -h small.d small.h 50
bench "-G, 5 probes" -G small.d small.o 100
bench "-h, 500 probes" -h big.d big.h 100
bench "-G, 500 probes" -G big.d big.o 100

# what the headers weigh: both tools' -h output for the 5- and 500-probe providers, and for
# 10,000 probes (HUGE=0 leaves it out: SystemTap takes several seconds on it), with
# sdtkit's median time there
sizes="| provider | stap header (bytes) | sdtkit header (bytes) | sdtkit no-op header (bytes) | sdtkit \`-h\` median (ms) |
|---|---:|---:|---:|---:|"
set -- "5 probes:small.d" "500 probes:big.d"
if [ "${HUGE:-1}" != 0 ]; then
	sh "$here/gen.sh" "$w/huge.d" 10000
	set -- "$@" "10,000 probes:huge.d"
fi
for c in "$@"; do
	d=${c#*:}
	echo "sizing ${c%%:*} ..." >&2
	$STAP -h -s "$d" -o stap-size.h >/dev/null 2>&1 || die "failed: $STAP -h -s $d"
	"$SDTKIT" dtrace -h -s "$d" -o sdt-size.h || die "failed: sdtkit dtrace -h -s $d"
	"$SDTKIT" header --disabled -o noop-size.h "$d" || die "failed: sdtkit header --disabled $d"
	t=$(timed 20 "$SDTKIT dtrace -h -s $d -o sdt-size.h" sdt-size.h)
	sizes="$sizes
| ${c%%:*} | $(wc -c <stap-size.h) | $(wc -c <sdt-size.h) | $(wc -c <noop-size.h) | $t |"
done

if [ -z "$missed" ]; then
	verdict="All goals met."
else
	verdict="Goals missed: ${missed#, } (reported, not a failure: a benchmark is not a test)."
fi
{
	echo "# sdtkit vs SystemTap dtrace"
	echo
	echo "Whole-process wall time, median of $STAP_RUNS runs (stap) and $SDTKIT_RUNS runs (sdtkit)"
	echo "in $ROUNDS alternating rounds. Each run writes a new output, as in a clean build: the old one is"
	echo "removed first, untimed (on ext4, replacing a file costs both tools a flush of the new data);"
	echo "$method; $(machine)."
	echo "Commands: \`dtrace -h|-G -s FILE.d -o OUT\` and \`sdtkit dtrace -h|-G -s FILE.d -o OUT\`."
	echo "sdtkit is linked $link (CMake option SDTKIT_STATIC)."
	echo "Process start-up floor (\`true\`, same method): $floor ms; load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')."
	echo
	echo "$table"
	echo
	echo "Header sizes (the same commands, once each; the time is sdtkit's median of 20 runs):"
	echo
	echo "$sizes"
	echo
	echo "$verdict"
} | tee "$here/results.md"
