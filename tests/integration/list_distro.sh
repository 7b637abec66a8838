# SPDX-License-Identifier: MIT
# list_distro.sh: a library built by the distribution, not by us: Debian's libpython3.11
# carries the python provider's probes; sdtkit list agrees with readelf -n, gdb and
# bpftrace about them, and names the functions they are in
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/list/helpers.sh"
need readelf jq gdb

lib=
for f in /usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0 /usr/lib/*-linux-gnu/libpython3.11.so.1.0; do
	[ -r "$f" ] && { lib=$f; break; }
done
[ -n "$lib" ] || skip "libpython3.11.so.1.0 is not installed (Debian package libpython3.11)"
readelf -n "$lib" | grep -q NT_STAPSDT || skip "'$lib' carries no stapsdt notes"

N_EXPECT=8 same_set libpython "$lib"

"$SDTKIT" list --format=json "$lib" >"$T/j" || fail "json"
# the probes CPython 3.11 declares in Include/pydtrace.d and places
for p in function__entry function__return line gc__start gc__done import__find__load__start \
	import__find__load__done audit; do
	jq -e --arg p "$p" 'any(.[]; .provider == "python" and .name == $p)' "$T/j" >/dev/null ||
		fail "python:$p is missing"
done
# CPython's semaphores are its own, in .probes (their hidden symbols stripped: null, or
# named after the probe); every site is in .text
bad=$(jq -r '.[] | select(.semaphore_section != ".probes" or .pc_section != ".text" or
	(.semaphore_symbol // "python_\(.name)_semaphore") != "python_\(.name)_semaphore") | .name' "$T/j")
[ -z "$bad" ] || fail "sections, functions or semaphores wrong for: $bad"
# the function of each site is one whose symbol contains it by nm's sizes, and none
# (null) when no symbol does: Debian strips .symtab, so static functions have no name
need nm
nm -S --defined-only --radix=d "$lib" 2>/dev/null | awk '$3 ~ /^[TtWiU]$/ && NF == 4' >"$T/funcs"
[ -s "$T/funcs" ] || nm -D -S --defined-only --radix=d "$lib" | awk '$3 ~ /^[TtWi]$/ && NF == 4' >"$T/funcs"
[ -s "$T/funcs" ] || fail "nm finds no functions in '$lib'"
named=0
jq -r '.[] | "\(.pc) \(.function)"' "$T/j" >"$T/pcfn"
while read -r pc fn; do
	awk -v pc=$((pc)) '$1 + 0 <= pc && pc < $1 + $2 { print $4 }' "$T/funcs" >"$T/want"
	if [ -s "$T/want" ]; then
		grep -qxF "$fn" "$T/want" || fail "pc $pc: nm says '$(cat "$T/want")', sdtkit '$fn'"
		named=$((named + 1))
	else
		[ "$fn" = null ] || fail "pc $pc: no symbol contains it, sdtkit says '$fn'"
	fi
done <"$T/pcfn"
[ "$named" -gt 0 ] || fail "no site is in an exported function: the name check checked nothing"
"$SDTKIT" list "$lib" | grep -Eq '^ +[0-9]+ +python +libpython3\.11\.so\.1\.0 +[A-Za-z_0-9.-]+ function-entry$' ||
	fail "table: $("$SDTKIT" list "$lib")"

gdb -batch -nx -ex 'info probes' "$lib" 2>/dev/null |
	awk '$1 == "stap" { print $2 "\t" $3 "\t" $4 "\t" $5 }' | hexnorm | sort >"$T/gdb.set"
jq -r '.[] | [.provider, .name, .pc, .semaphore] | @tsv' "$T/j" | sort >"$T/sdt.set"
[ -s "$T/gdb.set" ] || fail "gdb shows no probes"
diff -u "$T/gdb.set" "$T/sdt.set" >&2 || fail "sdtkit and gdb disagree (--- gdb, +++ sdtkit)"

if why=$(bpftrace_usable); then
	bounded 300 bpftrace -l "usdt:$lib:*" 2>/dev/null | awk -F: '{ print $(NF - 1) ":" $NF }' |
		sort -u >"$T/bt.set"
	jq -r '.[] | "\(.provider):\(.name)"' "$T/j" | sort -u >"$T/sdt.set"
	[ -s "$T/bt.set" ] || fail "bpftrace lists no probes"
	diff -u "$T/bt.set" "$T/sdt.set" >&2 || fail "sdtkit and bpftrace disagree"
else
	echo "note: bpftrace comparison not run: $why"
fi
pass
