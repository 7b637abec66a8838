# SPDX-License-Identifier: MIT
# typeforms.sh: the type forms provider files use and the types callers pass.
# typeforms.d catalogues the forms (anonymous struct, union and enum typedefs,
# tagged and pointer typedefs, tags never defined, arrays, function pointers
# and function types, volatile/restrict/_Atomic pointees, structs by value,
# type names the .d leaves undeclared, integer spellings, standard types,
# floats, strings); typeforms.c calls each probe as a project would, with its
# own declarations of those types. kinds.d has one probe per declared kind
# (int, unsigned char, long long, unsigned long, _Bool, double, float,
# const char *, struct foo *, a function pointer, a placeholder pointer, an
# undeclared type name); kinds.c passes each the same twelve caller types (an
# int, a pointer, a volatile pointer, a function, a float, a double, a struct
# by value, a project's (void *)(intptr_t)(x), an array, a string, a bool).
# Wherever SystemTap's header (dtrace -h) compiles a caller with gcc, clang,
# g++ or clang++ under -Wall -Wextra -Werror, or under a stricter warning set,
# sdtkit's probe header compiles it without a diagnostic at SDTKIT_TYPECHECK
# 0 and 1 (the default), and its no-op header at 0, 1 and 2; at 2, the strict
# mode, typeforms.c (whose types agree with the .d) compiles and kinds.c
# (whose types do not) is rejected by the conversion. The notes, as readelf
# and sdtkit list read them, carry each argument with the declared size and
# signedness whatever the caller passed, but a struct by value, which no cast
# converts and which passes as it is: sdtkit check finds typeforms.c's object
# clean and reports kinds.c's struct where the .d says a number.
# shellcheck shell=bash disable=SC2086 # $flags are flag lists, split on purpose
# shellcheck source=tests/lib.sh
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
need gcc g++ clang clang++ readelf nm
STAP=$(command -v dtrace) || skip "SystemTap's dtrace (systemtap-sdt-dev) is not installed"
grep -q 'Systemtap' "$STAP" 2>/dev/null || skip "'$STAP' is not SystemTap's dtrace"
D=$TESTDATA/typeforms
cd "$T"

mkdir -p sdtkit noop stap
for f in typeforms kinds; do
	"$SDTKIT" header -o "sdtkit/${f}_probes.h" "$D/$f.d" 2>"header-$f.err" ||
		fail "sdtkit header $f.d: $(cat "header-$f.err")"
	"$SDTKIT" header --disabled -o "noop/${f}_probes.h" "$D/$f.d" 2>>"header-$f.err" ||
		fail "sdtkit header --disabled $f.d: $(cat "header-$f.err")"
	bounded 60 "$STAP" -h -s "$D/$f.d" -o "stap/${f}_probes.h" >"stap-$f.log" 2>&1 ||
		fail "SystemTap's dtrace -h $f.d: $(tail -n 5 "stap-$f.log")"
done
# the one warning sdtkit gives: typeforms.d's struct by value
[ "$(sort -u header-typeforms.err)" = "$D/typeforms.d:28:16: warning: argument 1 of probe 'tf:byvalue' is 'struct small' passed by value, which a probe site cannot carry" ] ||
	fail "sdtkit header typeforms.d: $(cat header-typeforms.err)"

# params HEADER: "MACRO NPARAMS" for each probe macro of HEADER
params() {
	sed -n 's/^#define \([A-Z0-9_]*\)(\([^)]*\)) *\\$/\1 \2/p' "$1" | grep -v '_ENABLED ' |
		awk '{ print $1, NF - 1 }'
}
# SystemTap's parser splits a function pointer's parameter list: its macro for
# such a probe takes another number of arguments, and no caller can use it
declare -A skips
for f in typeforms kinds; do
	skips[$f]=
	[ -n "$(params "sdtkit/${f}_probes.h")" ] || fail "no probe macros in sdtkit's $f header"
	for m in $(diff <(params "sdtkit/${f}_probes.h") <(params "stap/${f}_probes.h") | sed -n 's/^> \([A-Z0-9_]*\) .*/\1/p'); do
		skips[$f]="${skips[$f]} -DSKIP_$m"
	done
	echo "$f: probes SystemTap's header gets the arity of, left out of its compile:${skips[$f]:- none}"
done
[ "${skips[typeforms]}" = " -DSKIP_TF_FUNCPTR" ] || fail "SystemTap's typeforms header: unexpected arities (${skips[typeforms]})"

# lang_of CC: the language of compiler CC
lang_of() {
	case $1 in *++) echo c++ ;; *) echo c ;; esac
}

# build SRC CC FLAGS...: compile $D/SRC.c into obj.o; the diagnostics in $out
build() {
	local src=$1 cc=$2
	shift 2
	out=$("$cc" -x "$(lang_of "$cc")" "$@" -c "$D/$src.c" -o obj.o 2>&1)
}

W1="-Wall -Wextra -Werror"
W2="-Wall -Wextra -Werror -Wpedantic -Wshadow -Wundef -Wconversion -Wsign-conversion -Wcast-qual -Wcast-align -Wpointer-arith -Wno-unknown-warning-option"
n=0
for src in typeforms kinds; do
	for cc in gcc clang g++ clang++; do
		# (clang -Wpedantic objects to <sys/sdt.h> itself: SystemTap's header
		# would never compile, and there would be nothing to compare)
		extra=
		case $cc in
		gcc) extra="-Wbad-function-cast -Wdeclaration-after-statement -Wc++-compat -Wjump-misses-init" ;;
		clang) extra="-Wno-gnu-zero-variadic-macro-arguments -Wbad-function-cast -Wdeclaration-after-statement" ;;
		g++) extra="-Wold-style-cast -Wuseless-cast -Wzero-as-null-pointer-constant" ;;
		clang++) extra="-Wno-gnu-zero-variadic-macro-arguments -Wold-style-cast -Wzero-as-null-pointer-constant" ;;
		esac
		for w in W1 W2; do
			flags="$W1"
			[ "$w" = W2 ] && flags="$W2 $extra"
			what="$cc $w $src.c"
			if ! build "$src" "$cc" $flags -O2 ${skips[$src]} -Istap; then
				[ "$w" = W1 ] && fail "$(printf "%s: SystemTap's header does not compile it:\n%s" "$what" "$out")"
				echo "$what: SystemTap's header gives diagnostics; nothing to compare"
				continue
			fi
			for level in 0 1 2; do
				for h in sdtkit noop; do
					expect=ok
					[ "$src/$level" = kinds/2 ] && expect=fail
					where="$what, $h header, level $level"
					if build "$src" "$cc" $flags -O2 -DSDTKIT_TYPECHECK=$level -I$h; then
						[ "$expect" = ok ] || fail "$where: compiled, but the strict mode should reject kinds.c"
						[ -z "$out" ] || fail "$(printf '%s: diagnostics:\n%s' "$where" "$out")"
					else
						[ "$expect" = fail ] ||
							fail "$(printf "%s: rejected where SystemTap's header compiles:\n%s" "$where" "$out")"
						printf '%s\n' "$out" | grep -q -e __sdtkit_arg -e SDTKIT_ ||
							fail "$(printf '%s: rejected, but not by the conversion:\n%s' "$where" "$out")"
					fi
					n=$((n + 1))
				done
			done
		done
	done
done
echo "$n compiles as expected where SystemTap's header compiles"

# sizes OBJ: "probe: size..." for each note of OBJ, from readelf
sizes() {
	sdt_notes "$1" | awk '{ line = $2 ":"; for (i = 4; i <= NF; i++) { s = $i; sub(/@.*/, "", s); line = line " " s } print line }'
}
# listsizes OBJ: the same from sdtkit list
listsizes() {
	"$SDTKIT" list --format=notes "$1" | awk '
		/Name: / { n = $2 }
		/Arguments:/ { line = n ":"; for (i = 2; i <= NF; i++) { s = $i; sub(/@.*/, "", s); line = line " " s } print line }'
}

# kinds: every argument as declared, the struct (argument 8) as it is; the
# undeclared type name as the callers' types
want_kinds='int: -4 -4 -4 -4 -4 -4 -4 8 -4 -4 -4 -4
uchar: 1 1 1 1 1 1 1 8 1 1 1 1
llong: -8 -8 -8 -8 -8 -8 -8 8 -8 -8 -8 -8
ulong: 8 8 8 8 8 8 8 8 8 8 8 8
bool: 1 1 1 1 1 1 1 8 1 1 1 1
double: 8f 8f 8f 8f 8f 8f 8f 8 8f 8f 8f 8f
float: 4f 4f 4f 4f 4f 4f 4f 8 4f 4f 4f 4f
string: 8 8 8 8 8 8 8 8 8 8 8 8
tagged: 8 8 8 8 8 8 8 8 8 8 8 8
fnptr: 8 8 8 8 8 8 8 8 8 8 8 8
placeholder: 8 8 8 8 8 8 8 8 8 8 8 8
user: -4 -8 8 8 8 4f 8f 8 8 8 8 -4'
# the C++ bool (n > 0) is a 1-byte bool, C's an int
want_kinds_cxx=$(printf '%s\n' "$want_kinds" | sed 's/^user: \(.*\) -4$/user: \1 1/')
want_typeforms='placeholder: 8 8 8 8
anonenum: 4 8
tagged: 8 8 8 8
anonptr: 8 8
never: 8 8 8
byvalue: 8 4
undeclared: -8 8 8 4 8
pointers: 8 8 8 8 8
funcptr: 8 8 8
arrays: 8 8 8 8
qualified: 8 8 8 8 8 8
spellings: 4 -4 8 8 -8 -2 1 -1 -1 1 -8 -8
stdtypes: 8 -8 -8 1 8 -8 -8 -4 -8 -8 1 8
typedefs: 4 8 4 8 8
floats: 4f 8f
strings: 8 8 8 8'
if [ "$(uname -m)" = x86_64 ]; then
	for src in typeforms kinds; do
		for cc in gcc clang g++ clang++; do
			for o in -O0 -O2; do
				what="$cc $o $src.c"
				build "$src" "$cc" $W1 $o -Isdtkit || fail "$what: $out"
				# the conversions leave nothing behind, not even at -O0
				nm obj.o | grep -qi sdtkit && fail "$what: the object names an sdtkit symbol: $(nm obj.o | grep -i sdtkit)"
				case $src/$cc in
				typeforms/*) want=$want_typeforms ;;
				kinds/*++) want=$want_kinds_cxx ;;
				*) want=$want_kinds ;;
				esac
				[ "$(sizes obj.o)" = "$want" ] || fail "$(printf '%s: readelf -n: the notes do not follow the .d:\n%s\nexpected\n%s' "$what" "$(sizes obj.o)" "$want")"
				[ "$(listsizes obj.o)" = "$want" ] || fail "$(printf '%s: sdtkit list: the notes do not follow the .d:\n%s\nexpected\n%s' "$what" "$(listsizes obj.o)" "$want")"
				if [ "$src" = typeforms ]; then
					"$SDTKIT" check "$D/$src.d" obj.o >check.out 2>&1 || fail "$what: sdtkit check: $(cat check.out)"
				else
					# check reports the one disagreement: the struct where the .d says a number
					"$SDTKIT" check "$D/$src.d" obj.o >check.out 2>&1 && fail "$what: sdtkit check found nothing"
					if [ "$(grep -c "argument 8 is 8@" check.out)" != 5 ] ||
						grep "argument [0-9]* is" check.out | grep -qv "argument 8 is"; then
						fail "$what: sdtkit check: $(cat check.out)"
					fi
				fi
			done
		done
	done
	echo "notes as declared (readelf -n, sdtkit list, sdtkit check) with gcc, clang, g++ and clang++ at -O0 and -O2"

	# --floats=bits: a float or double slot carries the bits of whatever the
	# caller passed, converted, in an unsigned integer of its size
	mkdir -p bits
	"$SDTKIT" header --floats=bits -o bits/kinds_probes.h "$D/kinds.d" || fail "sdtkit header --floats=bits"
	for cc in gcc clang g++ clang++; do
		build kinds "$cc" $W1 -O2 -Ibits || fail "$cc --floats=bits kinds.c: $out"
		got=$(sizes obj.o | grep -E '^(double|float):')
		[ "$got" = "double: 8 8 8 8 8 8 8 8 8 8 8 8
float: 4 4 4 4 4 4 4 8 4 4 4 4" ] || fail "$cc --floats=bits kinds.c: $got"
	done
else
	echo "not x86-64: the note sizes are not checked"
fi
pass
