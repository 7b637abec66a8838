# stap_compare.sh: sdtkit's dtrace personality side by side with SystemTap's
# dtrace, same command lines, on e2e.d and CPython's python.d: the same header
# macros, the same semaphore symbols, and programs built against either pair
# with the same probe notes
. "$TESTDIR/lib.sh"
need gcc readelf python3
STAP=$(command -v dtrace) || skip "SystemTap's dtrace (systemtap-sdt-dev) is not installed"
grep -q 'Systemtap' "$STAP" 2>/dev/null || skip "'$STAP' is not SystemTap's dtrace"

D=$TESTDATA/e2e
cd "$T"
printf 'provider t { probe p(int); };\n' > t.d
"$STAP" -h -s t.d -o t.h > t.err 2>&1 || skip "SystemTap's dtrace does not run here: $(tail -n 1 t.err)"

# macros HEADER PREFIX: the function-like macros of HEADER named PREFIX_*
macros() {
	grep -oE "^[[:space:]]*#[[:space:]]*define[[:space:]]+$2_[A-Za-z0-9_]*\(" "$1" |
		sed 's/.*define[[:space:]]*//; s/($//' | sort -u
}

# semaphores OBJ: "name size type bind visibility section" of each semaphore
semaphores() {
	readelf -SW "$1" | sed -n 's/^ *\[ *\([0-9]*\)\] \([^ ]*\).*/\1 \2/p' > "$1.sections"
	readelf -sW "$1" | awk '$8 ~ /_semaphore$/' |
		awk 'NR == FNR { sec[$1] = $2; next } { print $8, $3, $4, $5, $6, sec[$7] }' "$1.sections" - | sort
}

# notes PROG: "provider name args" per SDT note, in note order, after checking
# that each semaphore is the address of <provider>_<name>_semaphore
notes() {
	sdt_notes "$1" | while read -r p n s a; do
		want=$(sym_value "$1" "${p}_${n}_semaphore") || fail "$1: no symbol ${p}_${n}_semaphore"
		[ "$want" != 0 ] && [ $((s)) = "$want" ] || fail "$1: $p:$n semaphore $s, symbol at $want"
		echo "$p $n $a"
	done || exit 1
}

# compare NAME PREFIX NPROBES SOURCES...: one provider, both tools
compare() {
	name=$1 pfx=$2 nprobes=$3
	shift 3
	for tool in sdtkit stap; do
		mkdir "$tool-$name"
		[ $tool = sdtkit ] && dt=$SDTKIT_DTRACE || dt=$STAP
		( cd "$tool-$name" &&
		  "$dt" -h -s "$D/$name.d" -o "$name.h" &&
		  objs= && for src in "$@"; do
			gcc -std=gnu11 -O2 -Wall -Werror -I. -c "$D/$src" -o "${src%.c}.o" || exit 1
			objs="$objs ${src%.c}.o"
		  done &&
		  "$dt" -G -s "$D/$name.d" -o "$name-sem.o" $objs &&
		  gcc $objs "$name-sem.o" -o prog ) > "$tool-$name.log" 2>&1 ||
			fail "$tool on $name.d: $(tail -n 5 "$tool-$name.log")"
	done

	macros "sdtkit-$name/$name.h" "$pfx" > "sdtkit-$name.macros"
	macros "stap-$name/$name.h" "$pfx" > "stap-$name.macros"
	[ "$(wc -l < "stap-$name.macros")" = $((2 * nprobes)) ] ||
		fail "$name.d: SystemTap's header has $(wc -l < "stap-$name.macros") macros, expected $((2 * nprobes))"
	diff "stap-$name.macros" "sdtkit-$name.macros" > "$name.macros.diff" ||
		fail "$name.d: the headers define different macros (< stap, > sdtkit):
$(cat "$name.macros.diff")"

	semaphores "sdtkit-$name/$name-sem.o" > "sdtkit-$name.sems"
	semaphores "stap-$name/$name-sem.o" > "stap-$name.sems"
	[ "$(grep -c ' 2 OBJECT GLOBAL HIDDEN .probes$' "stap-$name.sems")" = "$nprobes" ] ||
		fail "$name.d: SystemTap's object: $(cat "stap-$name.sems")"
	diff "stap-$name.sems" "sdtkit-$name.sems" > "$name.sems.diff" ||
		fail "$name.d: the semaphore symbols differ (< stap, > sdtkit):
$(cat "$name.sems.diff")"

	notes "sdtkit-$name/prog" > "sdtkit-$name.notes"
	notes "stap-$name/prog" > "stap-$name.notes"
	[ "$(wc -l < "stap-$name.notes")" = "$nprobes" ] ||
		fail "$name.d: the program built with SystemTap's files has $(wc -l < "stap-$name.notes") probes, expected $nprobes"
	diff "stap-$name.notes" "sdtkit-$name.notes" > "$name.notes.diff" ||
		fail "$name.d: the programs' notes differ (< stap, > sdtkit):
$(cat "$name.notes.diff")"
	echo "ok $name.d: $(wc -l < "sdtkit-$name.macros") macros, $nprobes semaphores, $nprobes notes alike"
}

compare e2e E2E 6 e2e_probes.c e2e_main.c
compare python PYTHON 12 python_main.c
# both programs run (the probes are nops)
[ "$(./sdtkit-python/prog)" = done ] && [ "$(./stap-python/prog)" = done ] || fail "python programs do not run"

pass
