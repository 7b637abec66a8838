# SPDX-License-Identifier: MIT
# stap_compare.sh: sdtkit's dtrace personality side by side with SystemTap's
# dtrace, same command lines, on e2e.d and CPython's python.d: the same header
# macros, the same semaphore symbols, and programs built against either pair
# with the same probe notes; and the IBT/SHSTK and BTI/PAC properties a -shared link keeps
# with either -G object, SystemTap's with and without CFLAGS
# timeout: 300
. "$TESTDIR/lib.sh"
need gcc readelf python3
STAP=$(command -v dtrace) || skip "SystemTap's dtrace (systemtap-sdt-dev) is not installed"
grep -q 'Systemtap' "$STAP" 2>/dev/null || skip "'$STAP' is not SystemTap's dtrace"

D=$TESTDATA/e2e
cd "$T"
printf 'provider t { probe p(int); };\n' > t.d
bounded 300 "$STAP" -h -s t.d -o t.h > t.err 2>&1 || skip "SystemTap's dtrace does not run here: $(tail -n 1 t.err)"

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
[ "$(bounded 120 ./sdtkit-python/prog)" = done ] && [ "$(bounded 120 ./stap-python/prog)" = done ] || fail "python programs do not run"

# Security properties. SystemTap's -G compiles a C file of semaphores with $CC $CFLAGS, so
# its object claims IBT/SHSTK (BTI/PAC) only when those flags, or the compiler's defaults,
# ask for it -- and the linker ANDs the claims of its inputs, so a library of code
# compiled with -fcf-protection=full loses them. sdtkit's object keeps them either way.
sdt_include inc
# props SO: the property lines of SO's .note.gnu.property, or "(none)"
props() {
	readelf -n "$1" | sed -n 's/^ *Properties: //p' | grep . || echo "(none)"
}
# property NAME CC FLAGS FEATURE: the three semaphore objects of e2e.d -- sdtkit's
# `dtrace -G`, SystemTap's with CFLAGS unset, SystemTap's with CFLAGS=FLAGS -- each linked
# -shared -nostdlib with e2e_probes.c compiled by CC with FLAGS
property() {
	name=$1 cc=$2 flags=$3 feature=$4 d=prop-$1
	mkdir "$d"
	"$SDTKIT_DTRACE" -h -s "$D/e2e.d" -o "$d/e2e.h" || fail "$name: sdtkit dtrace -h"
	$cc -O2 -fPIC $flags -I inc -I "$d" -c "$D/e2e_probes.c" -o "$d/user.o" || fail "$cc $flags: compile"
	readelf -n "$d/user.o" | grep -qF "$feature" || fail "$cc $flags does not mark its object with '$feature'"
	"$SDTKIT_DTRACE" -G -s "$D/e2e.d" -o "$d/sdtkit.o" "$d/user.o" || fail "$name: sdtkit dtrace -G"
	# SystemTap's dtrace runs $CC: give the cross compiler <sys/sdt.h> there, not in CFLAGS
	( unset CFLAGS; CC="$cc -I inc" bounded 300 "$STAP" -G -s "$D/e2e.d" -o "$d/stap.o" "$d/user.o" ) \
		>"$d/stap.log" 2>&1 || fail "$name: SystemTap's dtrace -G: $(tail -n 5 "$d/stap.log")"
	CC="$cc -I inc" CFLAGS=$flags bounded 300 "$STAP" -G -s "$D/e2e.d" -o "$d/stap-cflags.o" "$d/user.o" \
		>"$d/stap-cflags.log" 2>&1 || fail "$name: SystemTap's dtrace -G: $(tail -n 5 "$d/stap-cflags.log")"
	for o in sdtkit stap stap-cflags; do
		[ "$(elf_ident "$d/$o.o" | grep Machine)" = "$(elf_ident "$d/user.o" | grep Machine)" ] ||
			fail "$name: $o.o is not for the machine of user.o"
		$cc -shared -nostdlib "$d/user.o" "$d/$o.o" -o "$d/$o.so" || fail "$name: link $o.so"
		[ "$(sdt_notes "$d/$o.so" | wc -l)" = 6 ] || fail "$name: $o.so lost its probes"
		props "$d/$o.so" >"$d/$o.props"
	done
	grep -qF "$feature" "$d/sdtkit.props" ||
		fail "$name: sdtkit's dtrace -G object drops '$feature': $(cat "$d/sdtkit.props")"
	grep -qF "$feature" "$d/stap-cflags.props" ||
		fail "$name: SystemTap's dtrace -G with CFLAGS='$flags' drops '$feature': $(cat "$d/stap-cflags.props")"
	# what SystemTap's object claims without CFLAGS is the compiler's default
	echo 'int x;' >"$d/default.c"
	$cc -O2 -fPIC -c "$d/default.c" -o "$d/default.o" || fail "$cc: compile default.c"
	if readelf -n "$d/default.o" | grep -qF "$feature"; then
		grep -qF "$feature" "$d/stap.props" ||
			fail "$name: $cc claims '$feature' by default, yet SystemTap's object drops it"
		echo "note $name: $cc claims '$feature' by default: SystemTap's object keeps it without CFLAGS"
	else
		! grep -qF "$feature" "$d/stap.props" ||
			fail "$name: SystemTap's dtrace -G without CFLAGS keeps '$feature': this check proves nothing"
	fi
	for o in sdtkit stap stap-cflags; do
		echo "ok $name $o: $(tr '\n' ';' <"$d/$o.props" | sed 's/;$//')"
	done
}
property x86-64 gcc -fcf-protection=full 'x86 feature: IBT, SHSTK'
if command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
	property aarch64 aarch64-linux-gnu-gcc -mbranch-protection=standard 'AArch64 feature: BTI, PAC'
else
	echo "skip the aarch64 property comparison: aarch64-linux-gnu-gcc is not installed"
fi

pass
