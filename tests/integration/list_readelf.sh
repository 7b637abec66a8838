# SPDX-License-Identifier: MIT
# list_readelf.sh: `sdtkit list` on native executables (PIE and not), shared libraries,
# objects and archives agrees with readelf -n, gdb's `info probes` and bpftrace -l; the
# table, notes and json formats show what they promise (functions, names, modules, -P)
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/list/helpers.sh"
need gcc ar strip nm readelf jq gdb

D=$TESTDATA/list
P=$T/probes
probe_files "$P"
cc() { gcc -I"$P" "$@" || fail "gcc $*"; }

cc -O2 -fno-pie -no-pie "$D/list.c" "$P/sem.o" -o "$T/nopie"
cc -O2 -fPIE -pie "$D/list.c" "$P/sem.o" -o "$T/pie"
cc -O2 -fPIC -shared "$D/list.c" "$P/sem.o" -o "$T/liblist.so"
cc -O0 -c "$D/list.c" -o "$T/list0.o"
cc -O2 -c "$D/list.c" -o "$T/list2.o"
cc -O2 -rdynamic "$D/list.c" "$P/sem.o" -o "$T/stripped"
strip "$T/stripped"
(cd "$T" && ar rc liblist.a list0.o list2.o probes/sem.o) || fail "ar"

# the builds are what they claim to be
type_of() { LC_ALL=C readelf -h "$1" | awk '/Type:/ { print $2 }'; }
[ "$(type_of "$T/nopie")" = EXEC ] || fail "nopie is not ET_EXEC"
[ "$(type_of "$T/pie")" = DYN ] || fail "pie is not ET_DYN"
[ "$(type_of "$T/list2.o")" = REL ] || fail "list2.o is not ET_REL"
nm "$T/stripped" >/dev/null 2>&1 && nm "$T/stripped" 2>/dev/null | grep -q . &&
	fail "stripped still has a .symtab"

# 1. the same notes as readelf -n, field by field (9 sites per build, 18 in the archive)
N_EXPECT=9
for f in nopie pie liblist.so list0.o list2.o stripped; do
	same_set "$f" "$T/$f"
done
N_EXPECT=18 same_set liblist.a "$T/liblist.a"
jq -e 'length == 18 and ([.[].module] | unique == ["liblist.a(list0.o)", "liblist.a(list2.o)"])' \
	<<<"$("$SDTKIT" list --format=json "$T/liblist.a")" >/dev/null ||
	fail "archive members are not named 'liblist.a(member.o)'"

# 2. functions: every lst probe is in work(), other:tick in main() -- in a .o through the
# note's relocations (at -O2 main is in .text.startup, work in .text: the section matters)
for f in nopie pie liblist.so list0.o list2.o liblist.a; do
	bad=$("$SDTKIT" list --format=json "$T/$f" | jq -r '.[] |
		select(.function != (if .provider == "lst" then "work" else "main" end)) |
		"\(.provider):\(.name) in \(.function)"')
	[ -z "$bad" ] || fail "$f: wrong functions: $bad"
done
# ... and independently of sdtkit: nm's sizes put each pc of the executable in that function
"$SDTKIT" list --format=json "$T/nopie" | jq -r '.[] | "\(.pc) \(.function)"' >"$T/pcfn"
nm -S --defined-only --radix=d "$T/nopie" | awk '$3 ~ /^[Tt]$/ && NF == 4' >"$T/funcs"
[ -s "$T/funcs" ] || fail "nm lists no functions in nopie"
while read -r pc fn; do
	want=$(awk -v pc=$((pc)) '$1 + 0 <= pc && pc < $1 + $2 { print $4 }' "$T/funcs")
	[ "$want" = "$fn" ] || fail "nopie: pc $pc is in '$want' by nm, sdtkit says '$fn'"
done <"$T/pcfn"
# without .symtab: .dynsym has main (-rdynamic) but not the static work()
out=$("$SDTKIT" list --format=json "$T/stripped" | jq -r '.[] | "\(.provider) \(.function)"' | sort -u)
[ "$out" = "$(printf 'lst null\nother main')" ] || fail "stripped: functions from .dynsym: $out"

# 3. sections and semaphores: code in .text, semaphores named and in .probes; in a .o the
# semaphore is the relocation's symbol
for f in nopie pie liblist.so; do
	bad=$("$SDTKIT" list --format=json "$T/$f" | jq -r '.[] |
		select(.pc_section != ".text" or .semaphore_section != ".probes" or
			.semaphore_symbol != "\(.provider)_\(.name)_semaphore" or .pc != .note_pc or
			.semaphore != .note_semaphore) | .name')
	[ -z "$bad" ] || fail "$f: wrong sections or semaphores for: $bad"
done
bad=$("$SDTKIT" list --format=json "$T/list0.o" | jq -r '.[] |
	select(.semaphore_symbol != "\(.provider)_\(.name)_semaphore" or .pc_section != ".text") | .name')
[ -z "$bad" ] || fail "list0.o: wrong relocated semaphores or sections for: $bad"

# 4. parsed arguments: every operand of gcc's x86-64 output parses, with the right parts
if [ "$(uname -m)" = x86_64 ]; then
	"$SDTKIT" list --format=json "$T/list2.o" >"$T/j" 2>"$T/err" || fail "list2.o json"
	[ ! -s "$T/err" ] && jq -e '[.[].args[] | select(.operand == null)] | length == 0' "$T/j" >/dev/null ||
		fail "unparsed x86-64 operands: $(cat "$T/err")"
	jq -e '[.[] | select(.name == "konst") | .args[]] ==
		[{"spec":"-4@$5","size":4,"signed":true,"float":false,"operand":{"kind":"imm","reg":null,
		  "base":null,"index":null,"scale":null,"offset":null,"imm":5,"symbol":null,"segment":null},
		  "unreadable_by":[]},
		 {"spec":"-8@$-42","size":8,"signed":true,"float":false,"operand":{"kind":"imm","reg":null,
		  "base":null,"index":null,"scale":null,"offset":null,"imm":-42,"symbol":null,"segment":null},
		  "unreadable_by":[]}]' \
		"$T/j" >/dev/null || fail "konst arguments: $(jq -c '.[] | select(.name == "konst") | .args' "$T/j")"
	jq -e '[.[] | select(.name == "floats") | .args[] | .float] == [true, true]' "$T/j" >/dev/null ||
		fail "floats: 'f' not seen"
	# which tracers cannot read them (readers.c): SystemTap reads a float's bits
	jq -e '[.[] | select(.name == "floats") | .args[] | .unreadable_by - ["gdb","bcc","libbpf","bpftrace"]] |
		all(. == [] or . == ["systemtap"])' "$T/j" >/dev/null &&
		jq -e '[.[] | select(.name == "floats") | .args[] | .unreadable_by | index("bpftrace")] | all(. != null)' \
		"$T/j" >/dev/null || fail "floats: $(jq -c '.[] | select(.name == "floats") | .args' "$T/j")"
	jq -e '[.[].args[] | select(.spec | test("\\(.*,.*,")) | .operand | select(.index != null and
		(.scale == 8 or .scale == 4) and .base != null and .kind == "mem")] | length > 0' "$T/j" \
		>/dev/null || fail "no indexed operand parsed with its scale"
fi

# 5. the table, as dtrace -l shows it
"$SDTKIT" list "$T/pie" >"$T/table" || fail "table"
head -n 1 "$T/table" | grep -qx '   ID   PROVIDER            MODULE                          FUNCTION NAME' ||
	fail "table header: $(head -n 1 "$T/table")"
[ "$(wc -l <"$T/table")" = 10 ] || fail "table: expected 9 rows: $(cat "$T/table")"
grep -qx '    [0-9]        lst               pie                              work function-entry' \
	"$T/table" || fail "table: no function-entry row: $(cat "$T/table")"
grep -q 'function__entry\|global__var' "$T/table" && fail "table: names not shown the DTrace way"
[ "$(awk 'NR > 1 { print $1 }' "$T/table" | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 " ] ||
	fail "table: IDs are not 1..9"
out=$("$SDTKIT" list "$T/liblist.a" | awk 'NR > 1 { print $3 }' | sort | uniq -c | awk '{ print $1, $2 }')
[ "$out" = "$(printf '9 liblist.a(list0.o)\n9 liblist.a(list2.o)')" ] || fail "table modules: $out"
"$SDTKIT" list "$T/stripped" | grep -q ' - start$' || fail "table: no '-' for an unknown function"

# 6. -P filters by provider; an empty listing prints nothing and exits 0
out=$("$SDTKIT" list -P other "$T/pie" "$T/list2.o" | awk 'NR > 1 { print $2, $3, $4, $5 }')
[ "$out" = "$(printf 'other pie main tick\nother list2.o main tick')" ] || fail "-P other: $out"
out=$("$SDTKIT" list -P nosuch "$T/pie") || fail "-P nosuch: exit $?"
[ -z "$out" ] || fail "-P nosuch printed: $out"
[ "$("$SDTKIT" list --format=json -P nosuch "$T/pie")" = "[]" ] || fail "-P nosuch: json is not []"

# 7. --format=notes prints exactly what readelf -n prints for the stapsdt sections
for f in pie list2.o liblist.a; do
	LC_ALL=C readelf -n "$T/$f" | awk 'BEGIN { RS = "" } /^File: / { printf "\n%s\n", $0 }
		/^Displaying notes found in: \.note\.stapsdt\n/ { printf "\n%s\n", $0 }' >"$T/want"
	(cd "$T" && "$SDTKIT" list --format=notes "$T/$f") >"$T/got" || fail "$f: --format=notes"
	sed -i "s|^File: $T/|File: |" "$T/got"
	sed -i "s|^File: $T/|File: |" "$T/want"
	diff -u "$T/want" "$T/got" >&2 || fail "$f: --format=notes differs from readelf -n"
done

# 8. gdb sees the same probes at the same addresses, with the same semaphores
for f in nopie pie liblist.so; do
	gdb -batch -nx -ex 'info probes' "$T/$f" 2>/dev/null |
		awk '$1 == "stap" { print $2 "\t" $3 "\t" $4 "\t" $5 }' | hexnorm | sort >"$T/gdb.set"
	"$SDTKIT" list --format=json "$T/$f" | jq -r '.[] | [.provider, .name, .pc, .semaphore] | @tsv' |
		sort >"$T/sdt.set"
	[ "$(wc -l <"$T/gdb.set")" = 9 ] || fail "$f: gdb shows $(wc -l <"$T/gdb.set") probes, not 9"
	diff -u "$T/gdb.set" "$T/sdt.set" >&2 || fail "$f: sdtkit and gdb disagree (--- gdb, +++ sdtkit)"
done

# 9. bpftrace lists the same probes
if why=$(bpftrace_usable); then
	for f in nopie pie liblist.so; do
		bounded 300 bpftrace -l "usdt:$T/$f:*" 2>/dev/null | awk -F: '{ print $(NF - 1) ":" $NF }' |
			sort -u >"$T/bt.set"
		"$SDTKIT" list --format=json "$T/$f" | jq -r '.[] | "\(.provider):\(.name)"' | sort -u >"$T/sdt.set"
		[ -s "$T/bt.set" ] || fail "$f: bpftrace lists no probes"
		diff -u "$T/bt.set" "$T/sdt.set" >&2 || fail "$f: sdtkit and bpftrace disagree"
	done
else
	echo "note: bpftrace comparison not run: $why"
fi
pass
