# SPDX-License-Identifier: MIT
# list_large.sh: 100,000 probe sites: memory stays flat (the file is mapped, sites are not
# collected: the peak RSS grows by no more than the note section itself), and resolving
# the functions of 100,000 sites among 100,000 functions (in a shared library, and in a .o
# through 300,000 relocations) is fast and right
# timeout: 600
. "$TESTDIR/lib.sh"
need awk jq readelf nm
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 ||
	skip "GNU time (/usr/bin/time, Debian package time) is not installed"
case $(uname -m) in
x86_64) cc=gcc ;;
*) cc=x86_64-linux-gnu-gcc; need "$cc" ;;
esac

N=100000
# build NAME SITES PER: NAME.o and NAME.so
build() {
	awk -v n="$2" -v per="$3" -f "$TESTDATA/list/bigprobes.awk" >"$T/$1.s" || fail "awk"
	"$cc" -c "$T/$1.s" -o "$T/$1.o" || fail "assemble $1"
	"$cc" -shared -nostdlib "$T/$1.o" -o "$T/$1.so" || fail "link $1"
}
build small 1000 100
build large "$N" 100
build funcs "$N" 1

# peak RSS in kB of: sdtkit list ARGS
rss() {
	/usr/bin/time -o "$T/rss" -f %M "$SDTKIT" list "$@" >"$T/out" 2>"$T/err" || fail "list $*: $(cat "$T/err")"
	tail -n 1 "$T/rss"
}
notesize=$(readelf -SW "$T/large.so" | awk '{ for (i = 1; i < NF; i++) if ($i == ".note.stapsdt") print $(i + 4) }')
[ -n "$notesize" ] || fail "no .note.stapsdt in large.so"
notekb=$(( 0x$notesize / 1024 ))
for fmt in table json notes; do
	a=$(rss --format=$fmt "$T/small.so")
	b=$(rss --format=$fmt "$T/large.so")
	[ $((b - a)) -le $((notekb + 2048)) ] ||
		fail "--format=$fmt: peak RSS grows from $a kB (1,000 sites) to $b kB ($N sites), more than the $notekb kB of notes"
done
[ "$(wc -l <"$T/out")" -ge $((N * 5)) ] || fail "notes: short output"

# 100,000 functions: the right one for each site, quickly
check_funcs() {
	start=$(date +%s)
	"$SDTKIT" list "$1" >"$T/table" || fail "list $1"
	end=$(date +%s)
	[ $((end - start)) -le 20 ] || fail "$1: listing took $((end - start)) s"
	[ "$(wc -l <"$T/table")" = $((N + 1)) ] || fail "$1: $(wc -l <"$T/table") lines, expected $((N + 1))"
	bad=$(awk 'NR > 1 && "f" substr($5, 2) != $4 { print; exit }' "$T/table")
	[ -z "$bad" ] || fail "$1: wrong function: $bad"
}
check_funcs "$T/funcs.so"
check_funcs "$T/funcs.o"
bad=$(awk 'NR > 1 { want = "f" 100 * int(substr($5, 2) / 100) } NR > 1 && want != $4 { print; exit }' \
	<("$SDTKIT" list "$T/large.o"))
[ -z "$bad" ] || fail "large.o: wrong function: $bad"

# the last site's address is the last nop's, and its arguments parse
"$SDTKIT" list --format=json "$T/funcs.so" | jq -c '.[-1]' >"$T/last"
nm "$T/funcs.so" | awk '$3 == "f99999" { print "0x" $1 }' | sed 's/0x0*/0x/' >"$T/addr"
jq -e --arg a "$(cat "$T/addr")" '.pc == $a and .name == "p99999" and .function == "f99999" and
	[.args[].operand.kind] == ["reg", "mem"] and .args[1].operand.scale == 8' "$T/last" >/dev/null ||
	fail "last site: $(cat "$T/last")"
pass
