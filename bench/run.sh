#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh: time `dtrace -h` and `dtrace -G`, SystemTap's against sdtkit's personality, on
# a 5-probe and a 500-probe provider; prints a Markdown table and writes bench/results.md.
# usage: bench/run.sh   (env: SDTKIT=path/to/sdtkit, STAP_DTRACE=/usr/bin/dtrace,
#                        SDTKIT_RUNS=50 (at least 10), STAP_RUNS=10 (at least 5),
#                        ROUNDS=5: the runs are split into alternating rounds)
# Whole-process wall time, median of the runs. Uses hyperfine when installed, else a
# shell loop over `date +%s%N`. Installs nothing; a missed goal is reported, not an error.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
SDTKIT=${SDTKIT:-$here/../build/sdtkit}
STAP=${STAP_DTRACE:-/usr/bin/dtrace}
SDTKIT_RUNS=${SDTKIT_RUNS:-50}
STAP_RUNS=${STAP_RUNS:-10}
[ "$SDTKIT_RUNS" -ge 10 ] || SDTKIT_RUNS=10
[ "$STAP_RUNS" -ge 5 ] || STAP_RUNS=5
ROUNDS=${ROUNDS:-5}
[ "$ROUNDS" -ge 1 ] && [ "$ROUNDS" -le "$STAP_RUNS" ] || ROUNDS=1

die() { echo "run.sh: $*" >&2; exit 1; }
[ -x "$SDTKIT" ] || die "no sdtkit at '$SDTKIT': build it (ninja -C build) or set SDTKIT"
SDTKIT=$(cd "$(dirname "$SDTKIT")" && pwd)/$(basename "$SDTKIT")
[ -x "$STAP" ] || die "no SystemTap dtrace at '$STAP': install systemtap-sdt-dev or set STAP_DTRACE"

if command -v hyperfine >/dev/null 2>&1; then
	method="hyperfine $(hyperfine --version | awk '{print $2}'), --shell=none, 2 warm-up runs"
else
	echo "note: hyperfine is not installed (apt-get install hyperfine); timing with a shell loop" >&2
	method="shell loop over date +%s%N, 1 warm-up run (includes a little fork overhead)"
	date +%s%N | grep -q '^[0-9]*$' || die "date +%s%N is not supported here; install hyperfine"
fi

w=$(mktemp -d "${TMPDIR:-/tmp}/sdtkit-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
cp "$here/small.d" "$w/small.d"
sh "$here/gen.sh" "$w/big.d" 500
cd "$w"

# runtimes RUNS CMD FILE [OUTPUT]: run CMD (a command line without shell syntax) RUNS times
# and append each wall time, in ns, to FILE; OUTPUT is removed before each run, untimed
runtimes() {
	rt_runs=$1 rt_cmd=$2 rt_file=$3 rt_gone=${4:-}
	if command -v hyperfine >/dev/null 2>&1; then
		rt_prep=true
		[ -z "$rt_gone" ] || rt_prep="rm -f $rt_gone"
		hyperfine --shell=none --warmup 2 --runs "$rt_runs" --style basic \
			--prepare "$rt_prep" \
			--export-json "$w/h.json" -- "$rt_cmd" >"$w/h.log" 2>&1 ||
			{ cat "$w/h.log" >&2; die "hyperfine failed on: $rt_cmd"; }
		awk '/"times": \[/ { on = 1; next } on && /\]/ { exit }
			on { sub(/,/, ""); printf "%.0f\n", $1 * 1e9 }' "$w/h.json" >>"$rt_file"
	else
		# shellcheck disable=SC2086 # the command line is split on purpose
		set -- $rt_cmd
		"$@" >/dev/null 2>&1 || die "failed: $rt_cmd"
		i=0
		while [ $i -lt "$rt_runs" ]; do
			[ -z "$rt_gone" ] || rm -f "$rt_gone"
			s=$(date +%s%N)
			"$@" >/dev/null 2>&1 || die "failed: $rt_cmd"
			e=$(date +%s%N)
			echo $((e - s)) >>"$rt_file"
			i=$((i + 1))
		done
	fi
}

# median_ms FILE: the median of the times in FILE, in ms
median_ms() {
	sort -n "$1" | awk '{ v[NR] = $1 }
		END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		      printf "%.2f", m / 1e6 }'
}

# timed RUNS CMD: the median wall time of CMD in ms
timed() {
	: >"$w/t"
	runtimes "$1" "$2" "$w/t"
	median_ms "$w/t"
}

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

# how the measured sdtkit is linked (SDTKIT_STATIC): start-up is most of a small run
if readelf -lW "$SDTKIT" 2>/dev/null | grep -q INTERP; then link=dynamic; else link=static-pie; fi
# the floor for any whole-process timing on this machine, for scale
floor=$(timed "$SDTKIT_RUNS" "$(command -v true)")
bench "-h, 5 probes" -h small.d small.h 50
bench "-G, 5 probes" -G small.d small.o 100
bench "-h, 500 probes" -h big.d big.h 100
bench "-G, 500 probes" -G big.d big.o 100

if [ -z "$missed" ]; then
	verdict="All goals met."
else
	verdict="Goals missed: ${missed#, } (reported, not a failure: a benchmark is not a test)."
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
{
	echo "# sdtkit vs SystemTap dtrace"
	echo
	echo "Whole-process wall time, median of $STAP_RUNS runs (stap) and $SDTKIT_RUNS runs (sdtkit)"
	echo "in $ROUNDS alternating rounds. Each run writes a new output, as in a clean build: the old one is"
	echo "removed first, untimed (on ext4, replacing a file costs both tools a flush of the new data);"
	echo "$method; $(uname -m), $(nproc 2>/dev/null || echo '?') CPUs${cpu:+, $cpu}."
	echo "Commands: \`dtrace -h|-G -s FILE.d -o OUT\` and \`sdtkit dtrace -h|-G -s FILE.d -o OUT\`."
	echo "sdtkit is linked $link (CMake option SDTKIT_STATIC)."
	echo "Process start-up floor (\`true\`, same method): $floor ms; load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')."
	echo
	echo "$table"
	echo
	echo "$verdict"
} | tee "$here/results.md"
