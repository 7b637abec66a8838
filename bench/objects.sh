#!/bin/sh
# SPDX-License-Identifier: MIT
# objects.sh: `dtrace -G` over many objects, as PostgreSQL's backend runs it (`dtrace -C -G
# -s probes.d -o probes.o` and then its 700 objects, which tell the tool the target):
# SystemTap's dtrace against sdtkit's personality, with and without -C, on NOBJS objects
# compiled with gcc -c from generated sources of realistic sizes (bench/cgen.awk: 8 to 120
# kB with -O2 -g, one in 35 with probes); prints a Markdown table and writes
# bench/objects-results.md.
# usage: bench/objects.sh [SDTKIT]   (env: SDTKIT=path/to/sdtkit, SDTKIT_BEFORE=another
#        sdtkit to compare (an older build), STAP_DTRACE=/usr/bin/dtrace, RUNS=10,
#        NOBJS=700, CC=gcc, OBJ_CFLAGS="-O2 -g")
# Whole-process wall time, median of RUNS runs of each command; the same command without
# the objects gives each tool's fixed cost, and the difference over NOBJS what one object
# costs. bench/floor.c, compiled with CC, gives the least one object can cost: open, fstat
# and three preads (ELF header, section headers, name table). Installs nothing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
SDTKIT=${1:-${SDTKIT:-$here/../build/sdtkit}}
BEFORE=${SDTKIT_BEFORE:-}
STAP=${STAP_DTRACE:-/usr/bin/dtrace}
RUNS=${RUNS:-10}
NOBJS=${NOBJS:-700}
CC=${CC:-gcc}
OBJ_CFLAGS=${OBJ_CFLAGS:--O2 -g}
[ "$RUNS" -ge 3 ] || RUNS=3

me=objects.sh
w=$(mktemp -d "${TMPDIR:-/tmp}/sdtkit-bench-objects.XXXXXX")
trap 'rm -rf "$w"' EXIT
. "$here/lib.sh"
abspath() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
[ -x "$SDTKIT" ] || die "no sdtkit at '$SDTKIT': build it (ninja -C build) or set SDTKIT"
SDTKIT=$(abspath "$SDTKIT")
if [ -n "$BEFORE" ]; then
	[ -x "$BEFORE" ] || die "no sdtkit at SDTKIT_BEFORE='$BEFORE'"
	BEFORE=$(abspath "$BEFORE")
fi
[ -x "$STAP" ] || die "no SystemTap dtrace at '$STAP': install systemtap-sdt-dev or set STAP_DTRACE"
command -v "$CC" >/dev/null 2>&1 || die "no C compiler '$CC'"

# the code base: NOBJS sources, one in 35 firing probes, compiled two at a time per core
cp "$here/backend.d" "$w/backend.d"
mkdir "$w/src" "$w/o"
i=0
while [ $i -lt "$NOBJS" ]; do
	f=$(printf 'f%03d' $i)
	awk -v i=$i -v probes=$((i % 35 == 0)) -f "$here/cgen.awk" >"$w/src/$f.c"
	echo "$f"
	i=$((i + 1))
done >"$w/list"
echo "compiling $NOBJS objects ($CC -c $OBJ_CFLAGS) ..." >&2
cd "$w"
# shellcheck disable=SC2016 # expanded by the inner shell
xargs -P "$(nproc 2>/dev/null || echo 2)" -n 20 sh -c 'for f; do '"$CC $OBJ_CFLAGS"' -c "src/$f.c" -o "o/$f.o" || exit 255; done' sh \
	<list || die "compiling the generated sources failed"
objs=$(sed 's|.*|o/&.o|' list | tr '\n' ' ')
kb=$(cat o/*.o | wc -c | awk -v n="$NOBJS" '{ printf "%.0f kB in all, %.1f kB each on average", $1 / 1024, $1 / 1024 / n }')
withprobes=$(for f in o/*.o; do readelf -SW "$f" | grep -q '\.note\.stapsdt' && echo "$f"; done | wc -l)

# each tool once, checked: an output, exit 0
for tool in "$STAP" "$SDTKIT dtrace" ${BEFORE:+"$BEFORE dtrace"}; do
	# shellcheck disable=SC2086 # split on purpose
	$tool -C -G -s backend.d -o probes.o $objs >check.log 2>&1 && [ -s probes.o ] ||
		{ cat check.log >&2; die "failed: $tool -C -G -s backend.d -o probes.o (objects)"; }
	rm -f probes.o
done

# per WITH WITHOUT: the cost of one object in µs, from two medians (ms)
per() { awk -v a="$1" -v b="$2" -v n="$NOBJS" 'BEGIN { printf "%.1f", (a - b) * 1000 / n }'; }

# the floor: the same objects read by the least a reader can do (64-bit ELF only)
floor=-
# shellcheck disable=SC2086 # split on purpose
if "$CC" -O2 -o floor "$here/floor.c" 2>floor.log && ./floor $objs 2>>floor.log; then
	echo "timing the floor ..." >&2
	floor=$(per "$(timed "$RUNS" "./floor $objs")" "$(timed "$RUNS" ./floor)")
else
	note "no floor: $(head -n 1 floor.log)"
fi

# row LABEL FLAGS OBJECTS: one row of medians (ms), stap, [before,] sdtkit
row() {
	echo "timing $1 ..." >&2
	r_s=$(timed "$RUNS" "$STAP $2 -s backend.d -o probes.o $3" probes.o)
	r_b=
	[ -z "$BEFORE" ] || r_b=$(timed "$RUNS" "$BEFORE dtrace $2 -s backend.d -o probes.o $3" probes.o)
	r_a=$(timed "$RUNS" "$SDTKIT dtrace $2 -s backend.d -o probes.o $3" probes.o)
	echo "$1|$r_s|$r_b|$r_a"
}

rows=
for flags in -G "-C -G"; do
	with=$(row "\`$flags\`, $NOBJS objects" "$flags" "$objs")
	without=$(row "\`$flags\`, no objects" "$flags" "")
	rows="$rows$with
$without
"
	# shellcheck disable=SC2046 # fields split on |
	set -- $(echo "$with|$without" | awk -F'|' '{ print $2, $3 == "" ? "-" : $3, $4, $6, $7 == "" ? "-" : $7, $8 }')
	p_s=$(per "$1" "$4")
	p_b=-
	[ "$2" = - ] || p_b=$(per "$2" "$5")
	p_a=$(per "$3" "$6")
	rows="$rows\`$flags\`, one object (µs): (with − without) / $NOBJS|$p_s|$p_b|$p_a
"
done

if [ -n "$BEFORE" ]; then
	head="| case | SystemTap dtrace | sdtkit before | sdtkit | stap / sdtkit |
|---|---:|---:|---:|---:|"
else
	head="| case | SystemTap dtrace | sdtkit | stap / sdtkit |
|---|---:|---:|---:|"
fi
table=$(printf '%s' "$rows" | awk -F'|' -v before="$BEFORE" -v head="$head" '
	BEGIN { print head }
	{
		ratio = ($4 > 0 && $1 !~ /one object/) ? sprintf("%.0f", $2 / $4) : "-"
		if (before != "") printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, ratio
		else printf "| %s | %s | %s | %s |\n", $1, $2, $4, ratio
	}')

{
	echo "# dtrace -G over $NOBJS objects: sdtkit vs SystemTap dtrace"
	echo
	echo "Whole-process wall time in ms, median of $RUNS runs each; $method; $(machine);"
	echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')."
	echo "Commands: \`dtrace [-C] -G -s backend.d -o probes.o OBJECTS\` (SystemTap's \`$STAP\`) and"
	echo "\`sdtkit dtrace\` with the same arguments, each run writing a new probes.o; OBJECTS are"
	echo "$NOBJS objects compiled by \`$CC -c $OBJ_CFLAGS\` from sources bench/cgen.awk generates"
	echo "($kb; $withprobes with probes), as PostgreSQL's backend passes its objects."
	echo "SystemTap's dtrace does not open the objects; sdtkit reads each for the target"
	echo "(machine, class, byte order, ABI flags). sdtkit is linked $(linkage "$SDTKIT")."
	[ -z "$BEFORE" ] || echo "sdtkit before: \`$BEFORE\`, linked $(linkage "$BEFORE")."
	echo
	echo "$table"
	echo
	echo "Floor: opening each object, fstat and reading its ELF header, section headers and section"
	echo "name table (bench/floor.c: three preads) costs $floor µs per object the same way."
} >"$w/results.md"
tee "$here/objects-results.md" <"$w/results.md"
