# SPDX-License-Identifier: MIT
# lib.sh: what the benchmarks share (sourced by run.sh, list.sh, objects.sh, plots.sh):
# timing whole processes and taking medians. Set me (the script's name, for messages)
# before sourcing, and w (a scratch directory) before timing anything; it sets method (how
# times are taken, for the results).

die() { echo "$me: $*" >&2; exit 1; }
note() { echo "$me: $*" >&2; }

if command -v hyperfine >/dev/null 2>&1; then
	method="hyperfine $(hyperfine --version | awk '{print $2}'), --shell=none, 2 warm-up runs"
else
	note "hyperfine is not installed (apt-get install hyperfine); timing with a shell loop"
	method="shell loop over date +%s%N, 1 warm-up run (includes a little fork overhead)"
	date +%s%N | grep -q '^[0-9]*$' || die "date +%s%N is not supported here; install hyperfine"
fi

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
			{ cat "$w/h.log" >&2; die "hyperfine failed on: $(echo "$rt_cmd" | cut -c1-200)"; }
		awk '/"times": \[/ { on = 1; next } on && /\]/ { exit }
			on { sub(/,/, ""); printf "%.0f\n", $1 * 1e9 }' "$w/h.json" >>"$rt_file"
	else
		# shellcheck disable=SC2086 # the command line is split on purpose
		set -- $rt_cmd
		"$@" >/dev/null 2>&1 || die "failed: $rt_cmd"
		rt_i=0
		while [ $rt_i -lt "$rt_runs" ]; do
			[ -z "$rt_gone" ] || rm -f "$rt_gone"
			rt_s=$(date +%s%N)
			"$@" >/dev/null 2>&1 || die "failed: $rt_cmd"
			rt_e=$(date +%s%N)
			echo $((rt_e - rt_s)) >>"$rt_file"
			rt_i=$((rt_i + 1))
		done
	fi
}

# median_ms FILE: the median of the times (ns) in FILE, in ms
median_ms() {
	sort -n "$1" | awk '{ v[NR] = $1 }
		END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		      printf "%.2f", m / 1e6 }'
}

# timed RUNS CMD [OUTPUT]: the median wall time of CMD in ms
timed() {
	: >"$w/t"
	runtimes "$1" "$2" "$w/t" "${3:-}"
	median_ms "$w/t"
}

# bpftrace_ms FILE: the median of BPFTRACE_RUNS runs of bpftrace -l on FILE in ms, or
# ">LIMIT" when a run hits the timeout (BPFTRACE_TIMEOUT seconds), or "-" (with a note)
# when bpftrace cannot run (not installed, not root, an error)
bpftrace_ms() {
	if ! command -v bpftrace >/dev/null 2>&1; then
		note "bpftrace is not installed: not compared"
		echo -
		return
	fi
	if [ "$(id -u)" != 0 ]; then
		note "bpftrace needs root: not compared"
		echo -
		return
	fi
	: >"$w/bt"
	_i=0
	while [ $_i -lt "$BPFTRACE_RUNS" ]; do
		_s=$(date +%s%N)
		_rc=0
		timeout "$BPFTRACE_TIMEOUT" bpftrace -l "usdt:$1:*" >"$w/bt.out" 2>"$w/bt.err" || _rc=$?
		_e=$(date +%s%N)
		if [ "$_rc" = 124 ]; then
			echo ">$((BPFTRACE_TIMEOUT * 1000))"
			return
		fi
		if [ "$_rc" != 0 ] || [ ! -s "$w/bt.out" ]; then
			note "bpftrace -l failed on '$1': $(head -n 2 "$w/bt.err" | tr '\n' ' ')"
			echo -
			return
		fi
		echo $((_e - _s)) >>"$w/bt"
		_i=$((_i + 1))
	done
	median_ms "$w/bt"
}

# machine: one line on where the times were taken
machine() {
	_cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
	echo "$(uname -m), $(nproc 2>/dev/null || echo '?') CPUs${_cpu:+, $_cpu}"
}

# linkage SDTKIT: how that sdtkit is linked (SDTKIT_STATIC): start-up is most of a small run
linkage() {
	if readelf -lW "$1" 2>/dev/null | grep -q INTERP; then echo dynamic; else echo static-pie; fi
}
