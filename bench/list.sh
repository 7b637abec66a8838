#!/bin/sh
# SPDX-License-Identifier: MIT
# list.sh: the probe reader against the tools people list probes with: `sdtkit list` (the
# table, which also resolves function names) against `readelf -n` and `bpftrace -l`, on a
# file with 100,000 probe sites and on Debian's libpython3.11; and its peak memory
# against the file's size. Prints Markdown tables and writes bench/list-results.md.
# usage: bench/list.sh   (env: SDTKIT=path/to/sdtkit, RUNS=50 (at least 10),
#                         BPFTRACE_RUNS=3, BPFTRACE_TIMEOUT=120 (seconds),
#                         LIBPYTHON=/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0)
# Goals: sdtkit list takes no more wall time than readelf -n (medians of one run that
# alternates the two), is at least 10x faster than bpftrace -l, and its peak RSS grows from
# a 1,000-site to the 100,000-site file by no more than the note section plus 2 MB (the
# file is mapped, not copied; the sites are not collected). Whole-process wall time,
# medians; hyperfine when installed, else a `date +%s%N` loop. Installs nothing; a
# missed goal is reported, not an error; when readelf wins, callgrind (if installed)
# names sdtkit's hot spots in the results.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
SDTKIT=${SDTKIT:-$here/../build/sdtkit}
RUNS=${RUNS:-50}
BPFTRACE_RUNS=${BPFTRACE_RUNS:-3}
BPFTRACE_TIMEOUT=${BPFTRACE_TIMEOUT:-120}
[ "$RUNS" -ge 10 ] || RUNS=10
[ "$BPFTRACE_RUNS" -ge 1 ] || BPFTRACE_RUNS=1

me=list.sh
. "$here/lib.sh"
[ -x "$SDTKIT" ] || die "no sdtkit at '$SDTKIT': build it (ninja -C build) or set SDTKIT"
SDTKIT=$(cd "$(dirname "$SDTKIT")" && pwd)/$(basename "$SDTKIT")
command -v readelf >/dev/null 2>&1 || die "readelf is not installed (binutils)"
# bigprobes.awk writes x86-64 assembly
case $(uname -m) in
x86_64) as_cc=gcc ;;
*) as_cc=x86_64-linux-gnu-gcc ;;
esac
command -v "$as_cc" >/dev/null 2>&1 || die "'$as_cc' is needed to assemble the 100,000-site file"

if command -v hyperfine >/dev/null 2>&1 && command -v jq >/dev/null 2>&1; then
	hf=1
	method="hyperfine $(hyperfine --version | awk '{print $2}'), --shell=none, 3 warm-up runs"
else
	hf=0
	note "hyperfine or jq is not installed; timing with a shell loop"
	method="shell loop over date +%s%N, 1 warm-up run (includes a little fork overhead)"
	date +%s%N | grep -q '^[0-9]*$' || die "date +%s%N is not supported here; install hyperfine"
fi
have_time=0
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 && have_time=1

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
w=$(mktemp -d "${TMPDIR:-/tmp}/sdtkit-bench-list.XXXXXX")
trap 'rm -rf "$w"' EXIT
cd "$w"

# the fixtures of tests/integration/list_large.sh: N sites, 100 per function
fixture() { # NAME SITES
	awk -v n="$2" -v per=100 -f "$here/../tests/data/list/bigprobes.awk" >"$1.s" || die "awk"
	"$as_cc" -c "$1.s" -o "$1.o" || die "assembling $1"
	"$as_cc" -shared -nostdlib "$1.o" -o "$1.so" || die "linking $1"
	rm -f "$1.s" "$1.o"
}
fixture big 100000
fixture small 1000

lib=${LIBPYTHON:-}
if [ -z "$lib" ]; then
	for f in /usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0 /usr/lib/*-linux-gnu/libpython3.11.so.1.0; do
		[ -r "$f" ] && { lib=$f; break; }
	done
fi
if [ -n "$lib" ] && [ ! -r "$lib" ]; then
	note "'$lib' is not readable: libpython not benchmarked"
	lib=
fi
[ -n "$lib" ] || note "libpython3.11.so.1.0 not found (Debian package libpython3.11): not benchmarked"

# medians CMD-A CMD-B RUNS: "MEDIAN-A MEDIAN-B CPU-A CPU-B" in ms (CPU: user + system,
# mean), both timed in the same run: ROUNDS hyperfine rounds in alternating order, so a
# change in the machine's load weighs on both; a command line without shell syntax
ROUNDS=5
medians() {
	if [ "$hf" = 1 ]; then
		: >"$w/ta"
		: >"$w/tb"
		: >"$w/cpu"
		_per=$((($3 + ROUNDS - 1) / ROUNDS))
		_r=0
		while [ $_r -lt $ROUNDS ]; do
			if [ $((_r % 2)) = 0 ]; then set -- "$1" "$2" "$3" "$1" "$2"; else set -- "$1" "$2" "$3" "$2" "$1"; fi
			hyperfine --shell=none --warmup 3 --runs "$_per" --style basic --export-json "$w/h.json" \
				-- "$4" "$5" >"$w/h.log" 2>&1 || { cat "$w/h.log" >&2; die "hyperfine failed on: $1 / $2"; }
			jq -r --arg c "$1" '.results[] | select(.command == $c) | .times[]' "$w/h.json" >>"$w/ta"
			jq -r --arg c "$2" '.results[] | select(.command == $c) | .times[]' "$w/h.json" >>"$w/tb"
			jq -r --arg a "$1" --arg b "$2" '[(.results[] | select(.command == $a) | .user + .system),
				(.results[] | select(.command == $b) | .user + .system)] | @tsv' "$w/h.json" >>"$w/cpu"
			_r=$((_r + 1))
		done
		printf '%s %s %s\n' "$(median_of "$w/ta")" "$(median_of "$w/tb")" \
			"$(awk '{ a += $1; b += $2 } END { printf "%.2f %.2f", a / NR * 1000, b / NR * 1000 }' "$w/cpu")"
	else
		_a=$(loop_ms "$3" "$1") _b=$(loop_ms "$3" "$2")
		echo "$_a $_b - -"
	fi
}

# median_of FILE: the median of the times (seconds) in FILE, in ms
median_of() {
	sort -g "$1" | awk '{ v[NR] = $1 }
		END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m * 1000 }'
}

# loop_ms RUNS CMD: the median wall time of CMD in ms, by a shell loop
loop_ms() {
	# shellcheck disable=SC2086 # the command line is split on purpose
	set -- "$1" $2
	_runs=$1
	shift
	"$@" >/dev/null 2>&1 || die "failed: $*"
	: >"$w/times"
	_i=0
	while [ $_i -lt "$_runs" ]; do
		_s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		_e=$(date +%s%N)
		echo $((_e - _s)) >>"$w/times"
		_i=$((_i + 1))
	done
	sort -n "$w/times" | awk '{ v[NR] = $1 }
		END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m / 1e6 }'
}

# rss_kb CMD...: peak RSS in kB (stdout discarded)
rss_kb() {
	/usr/bin/time -o "$w/rss" -f %M "$@" >/dev/null 2>&1 || die "failed: $*"
	tail -n 1 "$w/rss"
}

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

notesize() { # FILE: bytes of .note.stapsdt
	readelf -SW "$1" | awk '{ for (i = 1; i < NF; i++) if ($i == ".note.stapsdt") { print $(i + 4); exit } }' |
		while read -r h; do echo $((0x$h)); done
}

speed="| file | size | sites | sdtkit list (ms) | readelf -n (ms) | sdtkit / readelf | goal | met | CPU sdtkit / readelf (ms) |
|---|---:|---:|---:|---:|---:|---:|---|---:|"
bt="| file | sdtkit list (ms) | bpftrace -l (ms) | speedup (×) | goal | met |
|---|---:|---:|---:|---:|---|"
missed=
slow=

files="$w/big.so"
[ -z "$lib" ] || files="$files $lib"
for f in $files; do
	name=${f##*/}
	[ "$f" = "$w/big.so" ] && name="big.so (bigprobes.awk)"
	size=$(wc -c <"$f")
	sites=$("$SDTKIT" list "$f" | awk 'NR > 1' | wc -l)
	runs=$RUNS
	echo "timing sdtkit list and readelf -n on $name ..." >&2
	# shellcheck disable=SC2046 # four numbers
	set -- $(medians "$SDTKIT list $f" "readelf -n $f" "$runs")
	s_ms=$1 r_ms=$2 s_cpu=$3 r_cpu=$4
	ratio=$(awk -v a="$s_ms" -v b="$r_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	if awk -v r="$ratio" 'BEGIN { exit !(r <= 1) }'; then met=yes; else met=no; missed="$missed, $name: not faster than readelf -n"; slow="$slow $f"; fi
	speed="$speed
| $name | $size | $sites | $s_ms | $r_ms | $ratio | ≤1.00 | $met | $s_cpu / $r_cpu |"

	echo "timing bpftrace -l on $name ..." >&2
	b_ms=$(bpftrace_ms "$f")
	case $b_ms in
	-) up=- met="not run" ;;
	\>*)
		up="≥$(awk -v a="${b_ms#>}" -v b="$s_ms" 'BEGIN { printf "%.0f", a / b }')"
		met=yes
		b_ms="$b_ms (timed out)" ;;
	*)
		up=$(awk -v a="$b_ms" -v b="$s_ms" 'BEGIN { printf "%.0f", (b > 0 ? a / b : 0) }')
		if [ "$up" -ge 10 ]; then met=yes; else met=no; missed="$missed, $name: not 10x faster than bpftrace -l"; fi ;;
	esac
	bt="$bt
| $name | $s_ms | $b_ms | $up | ≥10 | $met |"
done

mem="| file | size (kB) | .note.stapsdt (kB) | sdtkit list peak RSS (kB) | readelf -n peak RSS (kB) |
|---|---:|---:|---:|---:|"
memverdict="not measured: GNU time (/usr/bin/time, Debian package time) is not installed"
if [ "$have_time" = 1 ]; then
	for f in small.so big.so $lib; do
		r=$(rss_kb "$SDTKIT" list "$f")
		case $f in small.so) a=$r ;; big.so) b=$r ;; esac
		mem="$mem
| ${f##*/} | $(kb "$(wc -c <"$f")") | $(kb "$(notesize "$f")") | $r | $(rss_kb readelf -n "$f") |"
	done
	nkb=$(( $(notesize big.so) / 1024 ))
	fkb=$(( $(wc -c <big.so) / 1024 ))
	grow=$((b - a))
	if [ "$grow" -le $((nkb + 2048)) ]; then
		memverdict="flat: from 1,000 to 100,000 sites the peak RSS grows by $grow kB, within the $nkb kB of notes (read through the mapping) + 2048 kB; at $b kB it stays below the $fkb kB file plus the $a kB of the small case, so nothing is copied"
	else
		memverdict="NOT flat: from 1,000 to 100,000 sites the peak RSS grows by $grow kB, more than the $nkb kB of notes + 2048 kB"
		missed="$missed, memory"
	fi
fi

# where the time goes when readelf wins
prof=
if [ -n "$slow" ] && command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
	for f in $slow; do
		echo "profiling sdtkit list ${f##*/} (callgrind) ..." >&2
		valgrind --tool=callgrind --callgrind-out-file="$w/cg.s" "$SDTKIT" list "$f" >/dev/null 2>"$w/cg.serr" || true
		valgrind --tool=callgrind --callgrind-out-file="$w/cg.r" readelf -n "$f" >/dev/null 2>"$w/cg.rerr" || true
		si=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$w/cg.serr")
		ri=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$w/cg.rerr")
		prof="$prof

Instructions (callgrind) on ${f##*/}: sdtkit list $si, readelf -n $ri. sdtkit's hot spots (inclusive):

\`\`\`
$(callgrind_annotate --inclusive=yes "$w/cg.s" 2>/dev/null | awk '/^ *[0-9,]+ +\(/ && !/PROGRAM TOTALS/' | head -n 15)
\`\`\`"
	done
fi

if [ -z "$missed" ]; then
	verdict="All goals met."
else
	verdict="Goals missed: ${missed#, } (reported, not a failure: a benchmark is not a test)."
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
{
	echo "# sdtkit list vs readelf -n and bpftrace -l"
	echo
	echo "Whole-process wall time, medians of $RUNS runs each of sdtkit and readelf, timed together"
	echo "($ROUNDS hyperfine rounds of $(((RUNS + ROUNDS - 1) / ROUNDS)) runs, the two commands' order alternating), and"
	echo "$BPFTRACE_RUNS runs of bpftrace (timeout ${BPFTRACE_TIMEOUT} s); $method; output to /dev/null."
	echo "$(uname -m), $(nproc 2>/dev/null || echo '?') CPUs${cpu:+, $cpu}; load average before: $load."
	echo "Commands: \`sdtkit list FILE\` (the table, with function names), \`readelf -n FILE\`,"
	echo "\`bpftrace -l 'usdt:FILE:*'\`. $(readelf --version | head -n 1); $(bpftrace --version 2>/dev/null || echo 'no bpftrace')."
	echo
	echo "$speed"
	echo
	echo "$bt"
	echo
	echo "$mem"
	echo
	echo "Memory: $memverdict."
	echo
	echo "$verdict$prof"
} >"$w/results.md"
tee "$here/list-results.md" <"$w/results.md"
