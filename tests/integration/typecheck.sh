# typecheck.sh: the header's compile-time argument check rejects wrong argument types
# (enabled and no-op header alike), obeys SDTKIT_TYPECHECK=0/1/2, and costs nothing:
# the same object code and no reference to any sdtkit_check_* symbol.
# shellcheck shell=bash disable=SC2086 # $W and $opt are flag lists, split on purpose
# shellcheck source=tests/lib.sh
# timeout: 40
. "$TESTDIR/lib.sh"
need gcc g++ clang clang++ objdump objcopy nm

D=$TESTDATA/matrix
W="-Wall -Wextra -Wpedantic -Wshadow -Wundef -Werror"

for state in enabled disabled; do
	mkdir -p "$T/$state"
	flag=; [ "$state" = disabled ] && flag=--disabled
	"$SDTKIT" header $flag -o "$T/$state/typecheck_probes.h" "$D/typecheck.d" ||
		fail "sdtkit header $flag typecheck.d"
	"$SDTKIT" header $flag -o "$T/$state/matrix_probes.h" "$D/matrix.d" ||
		fail "sdtkit header $flag matrix.d"
done

# source NAME PRELUDE BODY: a file that includes the probes header inside a function
source_file() {
	printf '%s\n#include "typecheck_probes.h"\n' "$2" >"$T/$1.c"
	printf 'void f(int n, int *ip, void *vp);\nvoid f(int n, int *ip, void *vp)\n' >>"$T/$1.c"
	printf '{\n\t(void)n, (void)ip, (void)vp;\n\t%s\n}\n' "$3" >>"$T/$1.c"
}

# compile EXPECT NAME STATE CC [FLAGS...]: EXPECT is ok (no diagnostics at all) or
# fail (rejected, and by the check: the diagnostic names the sdtkit_check_ prototype)
compile() {
	expect=$1 name=$2 state=$3 cc=$4
	shift 4
	case $cc in *++) lang="c++" ;; *) lang=c ;; esac
	what="$cc $* $name.c ($state header)"
	if out=$("$cc" -x "$lang" $W "$@" -I"$T/$state" -c "$T/$name.c" -o "$T/$name.o" 2>&1); then
		[ "$expect" = ok ] || fail "$what: compiled, but the check should reject it"
		[ -z "$out" ] || fail "$(printf '%s: diagnostics:\n%s' "$what" "$out")"
	else
		[ "$expect" = fail ] || fail "$(printf '%s: rejected:\n%s' "$what" "$out")"
		printf '%s\n' "$out" | grep -q sdtkit_check_ ||
			fail "$(printf '%s: rejected, but not by the type check:\n%s' "$what" "$out")"
	fi
	checks=$((checks + 1))
}

checks=0
# a wrong argument for 'const char *': an int, and a pointer of the wrong type
source_file int_for_string '' 'TC_STR(n);'
source_file ptr_for_string '' 'TC_STR(ip);'
source_file good 'typedef struct mytype mytype_t;' 'TC_STR("s"); TC_NUM(n, 2L); TC_USER((mytype_t *)vp);'
# a probe over a typedef the includer does not declare: unchecked at level 1
source_file user_undeclared '' 'TC_USER(ip);'
source_file user_wrong 'typedef struct mytype mytype_t;' 'TC_USER(ip);'
source_file user_right 'typedef struct mytype mytype_t;' 'mytype_t *mp = 0; TC_USER(mp);'

for state in enabled disabled; do
	for cc in gcc g++ clang clang++; do
		compile fail int_for_string "$state" "$cc"
		compile fail ptr_for_string "$state" "$cc"
		compile ok int_for_string "$state" "$cc" -DSDTKIT_TYPECHECK=0
		compile ok ptr_for_string "$state" "$cc" -DSDTKIT_TYPECHECK=0
		compile ok good "$state" "$cc"
		compile ok good "$state" "$cc" -DSDTKIT_TYPECHECK=2
		compile ok user_undeclared "$state" "$cc"
		compile ok user_undeclared "$state" "$cc" -DSDTKIT_TYPECHECK=1
		compile ok user_right "$state" "$cc" -DSDTKIT_TYPECHECK=2
		compile fail user_wrong "$state" "$cc" -DSDTKIT_TYPECHECK=2
		compile ok user_wrong "$state" "$cc" -DSDTKIT_TYPECHECK=1
	done
	# level 2 names the .d's own types: the includer must declare them
	if gcc -DSDTKIT_TYPECHECK=2 -I"$T/$state" -c "$T/user_undeclared.c" -o "$T/x.o" 2>/dev/null; then
		fail "level 2 compiled without mytype_t declared ($state header): probe not checked"
	fi
done
echo "$checks accept/reject checks as expected"

# text SECTION OBJ: the raw bytes of one section
section() {
	objcopy -O binary --only-section="$1" "$2" "$T/section.bin" || fail "objcopy $1 $2"
	od -An -tx1 -v "$T/section.bin"
}

# zero cost: use.c (every argument form, every probe) and good.c (a level-2 probe) compile
# to the same code with and without the check; nothing references a sdtkit_check_* symbol
same=0
for src in "$D/use.c" "$T/good.c"; do
	name=$(basename "$src" .c)
	for state in enabled disabled; do
		for cc in gcc g++ clang clang++; do
			case $cc in *++) lang="c++" ;; *) lang=c ;; esac
			for opt in -O0 -O2; do
				what="$name.c $cc $opt ($state header)"
				for level in 0 1 2; do
					o=$T/$name-$state-$cc$opt-$level.o
					out=$("$cc" -x $lang $W $opt -DSDTKIT_TYPECHECK=$level -I"$T/$state" \
						-c "$src" -o "$o" 2>&1) ||
						fail "$(printf '%s level %s:\n%s' "$what" "$level" "$out")"
					[ -z "$out" ] || fail "$(printf '%s level %s: diagnostics:\n%s' "$what" "$level" "$out")"
					if nm "$o" | grep sdtkit_check_; then
						fail "$what level $level: the object names a type-check symbol"
					fi
				done
				base=$T/$name-$state-$cc$opt-0.o
				for level in 1 2; do
					o=$T/$name-$state-$cc$opt-$level.o
					[ "$(section .text "$base")" = "$(section .text "$o")" ] ||
						fail "$what: .text differs between SDTKIT_TYPECHECK=0 and $level"
					a=$(objdump -dr --no-show-raw-insn -j .text "$base" | sed 1,3d)
					b=$(objdump -dr --no-show-raw-insn -j .text "$o" | sed 1,3d)
					[ "$a" = "$b" ] || fail "$(printf '%s: disassembly differs between SDTKIT_TYPECHECK=0 and %s\n' "$what" "$level"
						diff <(echo "$a") <(echo "$b"))"
					if [ "$state" = enabled ]; then
						[ "$(section .note.stapsdt "$base")" = "$(section .note.stapsdt "$o")" ] ||
							fail "$what: probe notes differ between SDTKIT_TYPECHECK=0 and $level"
					fi
					same=$((same + 1))
				done
			done
		done
	done
done
echo "$same object pairs identical with and without the check (.text, disassembly, notes)"
pass
