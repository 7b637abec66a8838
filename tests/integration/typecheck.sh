# SPDX-License-Identifier: MIT
# typecheck.sh: each probe argument reaches its site as the declared type.
# By default (SDTKIT_TYPECHECK=1) the header converts explicitly, as a cast
# does, and so adds no diagnostic, whatever the caller passes (an int for a
# 'const char *', a pointer for an int), with the enabled header and the
# no-op header alike; SDTKIT_TYPECHECK=2 is the strict mode, where a wrong
# argument type is the compiler's diagnostic for a call (enabled and no-op
# header alike) and the .d's own type names must be declared; at
# SDTKIT_TYPECHECK=0 the arguments go through as they are. Zero cost: at -O2,
# probes whose arguments already have the declared types compile to the very
# code of <sys/sdt.h>'s own STAP_PROBE with the same semaphores, and to the
# same code at levels 0, 1 and 2; nothing references any sdtkit symbol.
# shellcheck shell=bash disable=SC2086 # $W and $opt are flag lists, split on purpose
# shellcheck source=tests/lib.sh
# timeout: 600
# lock: cpu
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
# fail (rejected, and by the conversion: the diagnostic is about an argument's local)
compile() {
	expect=$1 name=$2 state=$3 cc=$4
	shift 4
	case $cc in *++) lang="c++" ;; *) lang=c ;; esac
	what="$cc $* $name.c ($state header)"
	if out=$("$cc" -x "$lang" $W "$@" -I"$T/$state" -c "$T/$name.c" -o "$T/$name.o" 2>&1); then
		[ "$expect" = ok ] || fail "$what: compiled, but the conversion should reject it"
		[ -z "$out" ] || fail "$(printf '%s: diagnostics:\n%s' "$what" "$out")"
	else
		[ "$expect" = fail ] || fail "$(printf '%s: rejected:\n%s' "$what" "$out")"
		printf '%s\n' "$out" | grep -q -e __sdtkit_arg -e SDTKIT_LET -e SDTKIT_STRICT ||
			fail "$(printf '%s: rejected, but not by the conversion:\n%s' "$what" "$out")"
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
		# the default: no diagnostic, whatever the caller passes
		compile ok int_for_string "$state" "$cc"
		compile ok ptr_for_string "$state" "$cc"
		compile ok user_wrong "$state" "$cc"
		compile ok user_undeclared "$state" "$cc"
		compile ok int_for_string "$state" "$cc" -DSDTKIT_TYPECHECK=0
		compile ok ptr_for_string "$state" "$cc" -DSDTKIT_TYPECHECK=0
		compile ok good "$state" "$cc"
		compile ok good "$state" "$cc" -DSDTKIT_TYPECHECK=0
		# strict: the disagreements are the compiler's diagnostics
		compile fail int_for_string "$state" "$cc" -DSDTKIT_TYPECHECK=2
		compile fail ptr_for_string "$state" "$cc" -DSDTKIT_TYPECHECK=2
		compile fail user_wrong "$state" "$cc" -DSDTKIT_TYPECHECK=2
		compile ok good "$state" "$cc" -DSDTKIT_TYPECHECK=2
		compile ok user_right "$state" "$cc" -DSDTKIT_TYPECHECK=2
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

# -Wconversion: by default the header's conversions are explicit and give no
# warning; in strict mode it warns where a call to a function of the probe's
# prototype would, and only there (tc:num is (int, long))
step "-Wconversion"
cat >"$T/wconv.c" <<'EOF'
#include "typecheck_probes.h"
void g(int, long);
void quiet(int i, short s, long l);
void quiet(int i, short s, long l)
{
	TC_NUM(i, i);
	TC_NUM(s, l);
	g(i, i);
	g(s, l);
}
void narrow(long l);
void narrow(long l)
{
	TC_NUM(l, l);
	g(l, l);
}
EOF
for cc in gcc clang; do
	for level in 1 2; do
		out=$(LC_ALL=C "$cc" -Wall -Wextra -Wconversion -DSDTKIT_TYPECHECK=$level -I"$T/enabled" \
			-c "$T/wconv.c" -o "$T/wconv.o" 2>&1) || fail "$cc -Wconversion level $level wconv.c: $out"
		# the call g(l, l) warns (long to int); at level 2 TC_NUM(l, l) does too
		n=$(printf '%s\n' "$out" | grep -Ec "warning: .*'long( int)?' to 'int'" || true)
		want=1
		[ "$level" = 2 ] && want=2
		[ "$n" = "$want" ] || fail "$cc -Wconversion level $level: $n conversion warnings, expected $want:
$out"
		printf '%s\n' "$out" | grep -q "In function .quiet" && fail "$cc -Wconversion level $level: warnings in quiet():
$out"
	done
done

# zero cost: zerocost.c at -O2, through the header at each level and through
# <sys/sdt.h> alone (-DPLAIN): the same .text, disassembly and notes
same=0
for cc in gcc g++ clang clang++; do
	case $cc in *++) lang="c++" ;; *) lang=c ;; esac
	what="zerocost.c $cc -O2"
	base=$T/zc-$cc-plain.o
	# (clang -Wpedantic objects to <sys/sdt.h> itself, which the header quiets)
	plainw=
	case $cc in clang*) plainw=-Wno-gnu-zero-variadic-macro-arguments ;; esac
	out=$("$cc" -x $lang $W $plainw -O2 -DPLAIN -c "$D/zerocost.c" -o "$base" 2>&1) ||
		fail "$(printf '%s -DPLAIN:\n%s' "$what" "$out")"
	for level in 0 1 2; do
		o=$T/zc-$cc-$level.o
		out=$("$cc" -x $lang $W -O2 -DSDTKIT_TYPECHECK=$level -I"$T/enabled" -c "$D/zerocost.c" -o "$o" 2>&1) ||
			fail "$(printf '%s level %s:\n%s' "$what" "$level" "$out")"
		[ -z "$out" ] || fail "$(printf '%s level %s: diagnostics:\n%s' "$what" "$level" "$out")"
		nm "$o" | grep -qi sdtkit && fail "$what level $level: the object names an sdtkit symbol"
		a=$(objdump -dr --no-show-raw-insn -j .text "$base" | sed 1,3d)
		b=$(objdump -dr --no-show-raw-insn -j .text "$o" | sed 1,3d)
		[ "$a" = "$b" ] || fail "$(printf '%s: the code differs from <sys/sdt.h>'"'"'s at level %s\n' "$what" "$level"
			diff <(echo "$a") <(echo "$b"))"
		[ "$(section .text "$base")" = "$(section .text "$o")" ] ||
			fail "$what: .text differs from <sys/sdt.h>'s at level $level"
		[ "$(section .note.stapsdt "$base")" = "$(section .note.stapsdt "$o")" ] ||
			fail "$what: the probe notes differ from <sys/sdt.h>'s at level $level"
		same=$((same + 1))
	done
done
echo "$same objects identical to plain <sys/sdt.h> probes (.text, disassembly, notes)"
pass
