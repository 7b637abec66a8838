# SPDX-License-Identifier: MIT
# list_process.sh: `sdtkit list -p PID` lists the probes of every ELF file a running
# process maps (its PIE executable and a shared library), at run-time addresses that fall
# inside the file's mappings in /proc/PID/maps, with the pid in the provider column
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/list/helpers.sh"
need gcc jq

D=$TESTDATA/list
P=$T/probes
probe_files "$P"
gcc -O2 -fPIC -shared -I"$P" "$D/lib.c" "$P/sem.o" -o "$T/liblistp.so" || fail "build the library"
gcc -O2 -fPIE -pie -I"$P" "$D/list.c" "$P/sem.o" -o "$T/prog" \
	-Wl,--no-as-needed -L"$T" -llistp -Wl,-rpath,"$T" || fail "build the program"

bg_start prog "$T/out" "$T/prog" sleep
bg=$BG_PID
pid=$(bg_child "$bg")
wait_until -l "$T/out" 120 "the program to start" grep -q ready "$T/out"

"$SDTKIT" list --format=json -p "$pid" >"$T/j" 2>"$T/err" || fail "list -p: $(cat "$T/err")"
cp "/proc/$pid/maps" "$T/maps"

# both files, all their sites, each once
[ "$(jq -r '[.[] | select(.module == "prog")] | length' "$T/j")" = 9 ] || fail "prog: not 9 sites"
[ "$(jq -r '[.[] | select(.module == "liblistp.so")] | length' "$T/j")" = 1 ] ||
	fail "liblistp.so: not 1 site"
jq -e --argjson p "$pid" 'all(.[]; .pid == $p)' "$T/j" >/dev/null || fail "pid field"

# inside ADDR PERM FILE: ADDR lies in a mapping of FILE whose permissions match PERM (an ERE)
inside() {
	awk -v a=$(($1)) -v perm="$2" -v file="$3" '
	function hex(s,   i, v, c) { v = 0; s = tolower(s)
		for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", substr(s, i, 1)) - 1; v = v * 16 + c }
		return v }
	$6 == file && $2 ~ perm { split($1, r, "-"); if (hex(r[1]) <= a && a < hex(r[2])) ok = 1 }
	END { exit !ok }' "$T/maps"
}
n=0
jq -r '.[] | select(.module == "prog" or .module == "liblistp.so") |
	"\(.file) \(.pc) \(.semaphore) \(.note_pc) \(.name)"' "$T/j" >"$T/sites"
while read -r file pc sem notepc name; do
	inside "$pc" '^r-x' "$file" || fail "$name: pc $pc is not in an executable mapping of $file"
	inside "$sem" '^rw' "$file" || fail "$name: semaphore $sem is not in a writable mapping of $file"
	[ $((pc)) -ne $((notepc)) ] || fail "$name: run-time pc equals the file address $notepc (PIE)"
	n=$((n + 1))
done <"$T/sites"
[ "$n" = 10 ] || fail "checked $n sites, expected 10"

# the table shows provider+pid, as dtrace -l does for USDT providers
"$SDTKIT" list -p "$pid" >"$T/table" || fail "table"
grep -Eq "^ +[0-9]+ +lst$pid +prog +work function-entry$" "$T/table" ||
	fail "table: no lst$pid row: $(cat "$T/table")"
grep -Eq "^ +[0-9]+ +other$pid +liblistp.so +lib_fire tick$" "$T/table" ||
	fail "table: no other$pid row for the library: $(cat "$T/table")"
# -P takes the provider with or without the pid
[ "$("$SDTKIT" list -P "other$pid" -p "$pid" | wc -l)" = 3 ] || fail "-P other$pid"
[ "$("$SDTKIT" list -P other -p "$pid" | wc -l)" = 3 ] || fail "-P other"

bg_stop "$bg" || true
out=$("$SDTKIT" list -p "$pid" 2>&1) && fail "a finished process listed: $out"
[ "$out" = "sdtkit: error: 'pid $pid': no such process" ] || fail "gone process: $out"
pass
