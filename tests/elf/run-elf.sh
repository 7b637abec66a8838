# SPDX-License-Identifier: MIT
# run-elf.sh: run one entry of the catalogue of bad ELF inputs (tests/elf/catalogue,
# whose header documents the entries and what is checked)
#
# usage: bash run-elf.sh NAME
# environment: as ctest sets it (SDTKIT, SRCDIR, TESTDIR, TESTDATA); ctest runs
# each entry as elf/NAME. Exit 0 if every listed command rejects the input as
# expected, 1 otherwise, 77 if the entry's good file cannot be built here.
. "$TESTDIR/lib.sh"

need gcc ar readelf timeout
name=${1:?usage: run-elf.sh NAME}
catalogue=$TESTDIR/elf/catalogue
D=$TESTDATA/list

# the entry: NAME | COMMANDS | RECIPE | DIAGNOSTIC, fields trimmed
entry=$(awk -F'|' -v n="$name" '
	function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
	/^[ \t]*(#|$)/ { next }
	trim($1) == n {
		found = 1
		if (NF != 4) { print "BAD " NR; exit }
		printf "%s\n%s\n%s\n", trim($2), trim($3), trim($4); exit
	}
	END { if (!found) print "MISSING" }' "$catalogue")
case $entry in
MISSING) fail "no entry '$name' in $catalogue" ;;
BAD*) fail "$catalogue:${entry#BAD }: expected four fields separated by '|'" ;;
esac
{ read -r commands; read -r recipe; read -r expected; } <<EOF
$entry
EOF
[ "$commands" = all ] && commands="list check like object"
for c in $commands; do
	case $c in list | check | like | object) ;; *) fail "$name: unknown command '$c'" ;; esac
done

# --- the good files the recipe needs, built once for this test ---
G=$T/good
mkdir -p "$G"
case $recipe in
mkbad\ *) set -- $recipe; goods=$3; want_mkbad=1 ;;
sh\ *)
	goods=
	for g in EXE32 OBJ32 OBJBE EXE OBJ SO AR; do
		if printf "%s\n" "$recipe" | grep -Eq "\\\$\{?$g([^A-Z0-9_]|\$)"; then
			goods="$goods $(echo "$g" | tr A-Z a-z)"
		fi
	done
	case $recipe in *'$MKBAD'*) want_mkbad=1 ;; *) want_mkbad=0 ;; esac ;;
path\ *) goods=''; want_mkbad=0 ;;
*) fail "$name: a recipe starts with 'mkbad', 'path' or 'sh': $recipe" ;;
esac

# setcc32, setccbe: cc names the i386 or the s390x compiler (for i386, a cross
# compiler, else the host's with -m32), or the entry is skipped
setcc32() {
	if command -v i686-linux-gnu-gcc >/dev/null 2>&1; then
		cc=i686-linux-gnu-gcc
	elif echo 'int main(void) { return 0; }' >"$G/m32.c" &&
		gcc -m32 "$G/m32.c" -o "$G/m32" >/dev/null 2>&1; then
		cc="gcc -m32"
	else
		skip "no i386 compiler (i686-linux-gnu-gcc, gcc -m32)"
	fi
}
setccbe() {
	command -v s390x-linux-gnu-gcc >/dev/null 2>&1 ||
		skip "no big-endian compiler (s390x-linux-gnu-gcc)"
	cc=s390x-linux-gnu-gcc
}

# probes [cross]: the probe header (and <sys/sdt.h> for a cross compiler) in $G
probes() {
	[ -f "$G/list_probes.h" ] ||
		"$SDTKIT" header -o "$G/list_probes.h" "$D/list.d" || fail "sdtkit header"
	[ $# = 0 ] || [ -d "$G/inc" ] || sdt_include "$G/inc"
}

# good KIND: build the good file of that kind unless done; its path in goodpath
good() {
	case $1 in
	obj) goodpath=$G/obj.o ;; so) goodpath=$G/so.so ;; ar) goodpath=$G/ar.a ;;
	obj32) goodpath=$G/obj32.o ;; objbe) goodpath=$G/objbe.o ;;
	exe | exe32) goodpath=$G/$1 ;;
	*) fail "$name: unknown good file '$1' (exe obj so ar exe32 obj32 objbe)" ;;
	esac
	[ ! -f "$goodpath" ] || return 0
	case $1 in
	obj)
		probes
		gcc -O2 -I"$G" -c "$D/list.c" -o "$G/obj.o" || fail "build obj" ;;
	exe)
		good obj
		"$SDTKIT" object -o "$G/sem.o" "$D/list.d" "$G/obj.o" &&
			gcc "$G/obj.o" "$G/sem.o" -o "$G/exe" || fail "build exe" ;;
	so)
		probes
		gcc -O2 -fPIC -I"$G" -c "$D/list.c" -o "$G/pic.o" &&
			"$SDTKIT" object -o "$G/sem-pic.o" "$D/list.d" "$G/pic.o" &&
			gcc -shared "$G/pic.o" "$G/sem-pic.o" -o "$G/so.so" || fail "build so" ;;
	ar)
		good exe
		(cd "$G" && ar rc ar.a obj.o sem.o) || fail "build ar" ;;
	obj32)
		setcc32
		probes cross
		$cc -O2 -I"$G" -I"$G/inc" -c "$D/list.c" -o "$G/obj32.o" || fail "build obj32" ;;
	exe32)
		good obj32
		"$SDTKIT" object -o "$G/sem32.o" "$D/list.d" "$G/obj32.o" &&
			$cc "$G/obj32.o" "$G/sem32.o" -o "$G/exe32" || fail "build exe32" ;;
	objbe)
		setccbe
		probes cross
		$cc -O2 -I"$G" -I"$G/inc" -c "$D/list.c" -o "$G/objbe.o" || fail "build objbe" ;;
	esac
	good "$1"
}

for g in $goods; do
	good "$g"
	case $g in
	exe | obj | so | ar)
		readelf -h "$goodpath" | grep -q 'Class:.*ELF64' &&
			readelf -h "$goodpath" | grep -q 'little endian' ||
			skip "the catalogue expects the host's files to be 64-bit little-endian" ;;
	esac
	eval "$(echo "$g" | tr a-z A-Z)=\$goodpath"
done
if [ "$want_mkbad" = 1 ]; then
	gcc -O0 -o "$G/mkbad" "$D/mkbad.c" || fail "build mkbad"
	MKBAD=$G/mkbad
fi

# --- the bad input, in a fresh work directory ---
W=$T/work
mkdir "$W"
cd "$W" || fail "cd $W"
cp "$D/list.d" p.d
printf 'an older output\n' >old.o
input=$name
case $recipe in
mkbad\ *)
	set -- $recipe
	good "$3"
	"$MKBAD" "$2" "$goodpath" "$name" || fail "$name: mkbad $2 $3" ;;
path\ *) input=${recipe#path } ;;
sh\ *)
	# arhdr NAME SIZE [END]: an archive member header; END replaces its final '`'
	arhdr() { printf '%-16s%-12s%-6s%-6s%-8s%-10s%s\n' "$1" 0 0 0 644 "$2" "${3-\`}"; }
	eval "${recipe#sh }" || fail "$name: the recipe failed: ${recipe#sh }" ;;
esac

# the work directory, every file's content (devices and FIFOs not read)
snapshot() {
	find . -mindepth 1 -printf "%p %y %l\n" | LC_ALL=C sort
	find . -mindepth 1 -type f -exec cksum {} + | LC_ALL=C sort
}
snapshot >"$T/before"

# a sanitizer report must not pass for our own exit status 1
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=98:print_stacktrace=1"

# run WHAT ARGS...: sdtkit ARGS must reject the input as the entry says
run() {
	what=$1
	shift
	rc=0
	timeout 20 "$SDTKIT" "$@" </dev/null >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" = 1 ] || fail "$what: exit status $rc, expected 1; stderr: $(cat "$T/err")"
	[ ! -s "$T/out" ] || fail "$what: printed on standard output: $(cat "$T/out")"
	[ "$(wc -l <"$T/err")" = 1 ] || fail "$what: expected one line on standard error, got: $(cat "$T/err")"
	line=$(cat "$T/err")
	case $line in
	"sdtkit: error: '$input'"* | "sdtkit: error: '$input("*) ;;
	*) fail "$what: the diagnostic does not name '$input': $line" ;;
	esac
	case $expected in
	'~'*)
		printf '%s\n' "$line" | grep -Eqx -- "sdtkit: error: ${expected#\~}" ||
			fail "$what: expected a line matching \"sdtkit: error: ${expected#\~}\", got: $line" ;;
	*)
		[ "$line" = "sdtkit: error: $expected" ] ||
			fail "$what: expected \"sdtkit: error: $expected\", got: $line" ;;
	esac
	snapshot >"$T/after"
	diff -u "$T/before" "$T/after" >&2 ||
		fail "$what: the work directory changed (an output, a temporary, or the input)"
}

for c in $commands; do
	case $c in
	list) run "list" list "$input" ;;
	check) run "check" check p.d "$input" ;;
	like)
		run "object --like (new output)" object --like="$input" -o new.o p.d
		run "object --like (older output)" object --like="$input" -o old.o p.d ;;
	object)
		run "object (new output)" object -o new.o p.d "$input"
		run "object (older output)" object -o old.o p.d "$input" ;;
	esac
done
pass
