#!/bin/sh
# SPDX-License-Identifier: MIT
# plots.sh: the curves behind the tables, as PNG plots drawn by gnuplot in bench/plots/:
#   gen.png   `dtrace -h` and `dtrace -G` time against the probe count (5 to 10,000; the
#             providers of bench/gen.sh), SystemTap's dtrace and sdtkit's personality
#   list.png  listing time against probe sites (1,000 to 100,000; the shared libraries of
#             tests/data/list/bigprobes.awk), `sdtkit list`, `readelf -n` and, as root
#             where it is installed, `bpftrace -l 'usdt:FILE:*'`
# Each plot's data is kept beside it (gen.dat, list.dat: the medians in ms, NaN where a
# tool was not measured, with how and where in the header) and drawn by gen.gp and list.gp,
# which hold no date or path, so the same data gives the same picture.
# usage: bench/plots.sh [SDTKIT]   (env: SDTKIT=path/to/sdtkit, STAP_DTRACE=/usr/bin/dtrace,
#        SDTKIT_RUNS=10, STAP_RUNS=3, LIST_RUNS=10, BPFTRACE_RUNS=1, BPFTRACE_TIMEOUT=120,
#        PROBES="5 10 ... 10000", SITES="1000 ... 100000")
# Whole-process wall time, medians. SystemTap's dtrace takes about 11 s at 10,000 probes,
# so it runs 3 times a point; bpftrace -l grows with the square of the sites (about 50 s at
# 100,000): after a run that times out, the larger files are not tried (NaN).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
SDTKIT=${1:-${SDTKIT:-$here/../build/sdtkit}}
STAP=${STAP_DTRACE:-/usr/bin/dtrace}
SDTKIT_RUNS=${SDTKIT_RUNS:-10}
STAP_RUNS=${STAP_RUNS:-3}
LIST_RUNS=${LIST_RUNS:-10}
BPFTRACE_RUNS=${BPFTRACE_RUNS:-1}
BPFTRACE_TIMEOUT=${BPFTRACE_TIMEOUT:-120}
PROBES=${PROBES:-5 10 20 50 100 200 500 1000 2000 5000 10000}
SITES=${SITES:-1000 2000 5000 10000 20000 50000 100000}
out=$here/plots

me=plots.sh
w=$(mktemp -d "${TMPDIR:-/tmp}/sdtkit-bench-plots.XXXXXX")
trap 'rm -rf "$w"' EXIT
. "$here/lib.sh"
[ -x "$SDTKIT" ] || die "no sdtkit at '$SDTKIT': build it (ninja -C build) or set SDTKIT"
SDTKIT=$(cd "$(dirname "$SDTKIT")" && pwd)/$(basename "$SDTKIT")
[ -x "$STAP" ] || die "no SystemTap dtrace at '$STAP': install systemtap-sdt-dev or set STAP_DTRACE"
command -v gnuplot >/dev/null 2>&1 || die "gnuplot is not installed (sh scripts/deps.sh bench)"
command -v readelf >/dev/null 2>&1 || die "readelf is not installed (binutils)"
case $(uname -m) in
x86_64) as_cc=gcc ;;
*) as_cc=x86_64-linux-gnu-gcc ;;
esac
command -v "$as_cc" >/dev/null 2>&1 || die "'$as_cc' is needed to assemble the listing fixtures"
mkdir -p "$out"
cd "$w"

# header TITLE: the comment lines that start a data file
header() {
	echo "# $1"
	echo "# written by bench/plots.sh: whole-process wall time in ms, medians; NaN: not measured"
	echo "# $method; $(machine); sdtkit linked $(linkage "$SDTKIT")"
	echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
}

# both tools, -h and -G, at each probe count
gen() {
	header "generation time against the probe count (bench/gen.sh providers)"
	echo "# runs per point: SystemTap's dtrace $STAP_RUNS, sdtkit $SDTKIT_RUNS"
	echo "# probes stap_h sdtkit_h stap_G sdtkit_G"
	for n in $PROBES; do
		echo "timing $n probes ..." >&2
		sh "$here/gen.sh" "p$n.d" "$n"
		row=$n
		for f in -h -G; do
			row="$row $(timed "$STAP_RUNS" "$STAP $f -s p$n.d -o p$n.out" "p$n.out")"
			row="$row $(timed "$SDTKIT_RUNS" "$SDTKIT dtrace $f -s p$n.d -o p$n.out" "p$n.out")"
		done
		echo "$row"
	done
}

# the shared library with N probe sites, as tests/integration/list_large.sh builds it
fixture() {
	awk -v n="$1" -v per=100 -f "$here/../tests/data/list/bigprobes.awk" >"s$1.s" &&
		"$as_cc" -c "s$1.s" -o "s$1.o" && "$as_cc" -shared -nostdlib "s$1.o" -o "s$1.so" ||
		die "building the $1-site fixture"
	rm -f "s$1.s" "s$1.o"
}

# the three listers at each site count; bpftrace stops at its first timeout or failure,
# and why it did not run everywhere is the data's last line ("# bpftrace_note: ...")
list() {
	header "listing time against probe sites (tests/data/list/bigprobes.awk libraries)"
	echo "# runs per point: sdtkit list and readelf -n $LIST_RUNS, bpftrace -l $BPFTRACE_RUNS (timeout ${BPFTRACE_TIMEOUT} s)"
	echo "# $(readelf --version | head -n 1); $(bpftrace --version 2>/dev/null || echo 'no bpftrace')"
	echo "# sites sdtkit_list readelf_n bpftrace_l"
	btwhy=
	command -v bpftrace >/dev/null 2>&1 || btwhy="not run: not installed"
	[ -n "$btwhy" ] || [ "$(id -u)" = 0 ] || btwhy="not run: needs root"
	for n in $SITES; do
		echo "timing $n sites ..." >&2
		fixture "$n"
		row="$n $(timed "$LIST_RUNS" "$SDTKIT list s$n.so") $(timed "$LIST_RUNS" "readelf -n s$n.so")"
		b=NaN
		if [ -z "$btwhy" ]; then
			b=$(bpftrace_ms "$w/s$n.so")
			case $b in
			-) btwhy="failed at $n sites" b=NaN ;;
			\>*) btwhy="over ${BPFTRACE_TIMEOUT} s at $n sites, not tried beyond" b=NaN ;;
			esac
		fi
		echo "$row $b"
		rm -f "s$n.so"
	done
	[ -z "$btwhy" ] || echo "# bpftrace_note: $btwhy"
}

gen >"$w/gen.dat"
list >"$w/list.dat"
cp "$w/gen.dat" "$w/list.dat" "$out/"
(cd "$out" && gnuplot gen.gp && gnuplot list.gp) || die "gnuplot failed"
echo "wrote $out/gen.png and $out/list.png (data: gen.dat, list.dat)" >&2
