# SPDX-License-Identifier: MIT
# header_mix.sh: headers made with different options, included in one
# translation unit. The probe macros call site macros the headers share
# (SDTKIT_PROBEn, SDTKIT_NOOPn and the ways of their arguments), each
# defined once under its own guard, and every site is <sys/sdt.h>'s own: a
# standard header, a fast one (--sites=fast), one with default-visibility
# semaphores, one with --floats=bits and a no-op header, in either include
# order, compile warning-free as C and C++ under gcc and clang at every
# SDTKIT_TYPECHECK level, and the program has exactly the notes of the
# enabled probes, each with its semaphore and argument sizes. A file that
# includes a fast header (built -mno-red-zone) gets the 5-byte nop at all
# its sites; a file without one, the 1-byte nop. A probe may report a freed
# pointer without a diagnostic (-Wuse-after-free), as with <sys/sdt.h>.
# timeout: 300
. "$TESTDIR/lib.sh"
need gcc g++ clang clang++ readelf objdump
case $(gcc -dumpmachine) in
x86_64-*gnux32 | *-gnux32) skip "fast sites are x86-64 (LP64) sites: this gcc makes x32 code" ;;
x86_64-*) ;;
*) skip "fast sites are x86-64 sites: this gcc makes $(gcc -dumpmachine) code" ;;
esac

cd "$T"
echo 'provider ma { probe x(int n, const char *s); probe y(); };' >ma.d
echo 'provider mb { probe x(long n, double d); };' >mb.d
echo 'provider mc { probe x(int n, void *p); };' >mc.d
echo 'provider md { probe x(int n, char *s); probe y(); };' >md.d
echo 'provider me { probe x(float f, int n); };' >me.d
"$SDTKIT" header -o ma.h ma.d || fail "header ma.d"
"$SDTKIT" header --sites=fast -o mb.h mb.d || fail "header --sites=fast mb.d"
"$SDTKIT" header --semaphores=default -o mc.h mc.d || fail "header --semaphores=default mc.d"
"$SDTKIT" header --disabled -o md.h md.d || fail "header --disabled md.d"
"$SDTKIT" header --floats=bits -o me.h me.d || fail "header --floats=bits me.d"
for d in ma mb me; do
	"$SDTKIT" object -o $d.o $d.d || fail "object $d.d"
done
"$SDTKIT" object --semaphores=default -o mc.o mc.d || fail "object --semaphores=default mc.d"
grep -q 'SDTKIT_PROBE2(ma, x' ma.h && grep -q 'SDTKIT_PROBE2(mb, x' mb.h && grep -q 'SDTKIT_NOOP2(' md.h ||
	fail "the headers do not call the shared site macros"

# prog ORDER: a program that includes the headers in ORDER and fires each probe once
prog() {
	{
		echo '#include <stdio.h>'
		echo '#include <stdlib.h>'
		for h in $1; do echo "#include \"$h.h\""; done
		cat <<'EOF2'
volatile int vn = 7;
volatile long vl = -9;
volatile double vd = 2.5;
volatile float vf = 1.5f;
/* a probe that reports a pointer after freeing it, as GLib's mem__free does: <sys/sdt.h>'s
 * site keeps the compiler quiet (-Wuse-after-free), and so must the header's */
void freed(char *p);
__attribute__((noinline)) void
freed(char *p)
{
	free(p);
	MA_X(1, p);
}
int
main(void)
{
	char buf[] = "text";
	int n = vn;

	MA_X(n, "s");
	MA_Y();
	freed((char *)malloc((size_t)n));
	if (MA_X_ENABLED())
		puts("ma:x enabled");
#ifdef MB_X
	MB_X(vl, vd);
#else
	(void)vl, (void)vd;
#endif
	MC_X(n, buf);
	MD_X(n, buf);
	MD_Y();
	ME_X(vf, n);
	return MD_X_ENABLED();
}
EOF2
	}
}
prog "ma mb mc md me" >one.c
prog "me md mc mb ma" >two.c
prog "ma mc md me" >std.c

W="-Wall -Wextra -Wpedantic -Wshadow -Wundef -Werror -O2"
builds=0
for src in one two std; do
	flags=$W
	[ $src = std ] || flags="$W -mno-red-zone -DSDTKIT_NO_RED_ZONE"
	for cc in gcc g++ clang clang++; do
		case $cc in *++) lang=c++ ;; *) lang=c ;; esac
		for level in 0 1 2; do
			exe=$src-$cc-$level
			# shellcheck disable=SC2086 # $flags is a flag list
			out=$("$cc" -x $lang $flags -DSDTKIT_TYPECHECK=$level -c $src.c -o $exe.o 2>&1) ||
				fail "$(printf '%s -x %s level %s %s.c:\n%s' "$cc" $lang $level $src "$out")"
			[ -z "$out" ] || fail "$(printf '%s level %s %s.c: diagnostics:\n%s' "$cc" $level $src "$out")"
			gcc -o $exe $exe.o ma.o mb.o mc.o me.o 2>&1 || fail "linking $exe"
			builds=$((builds + 1))

			# --floats=bits: the float as its bits, except at level 0, which converts nothing
			mefloat="me:x: 4@%s"
			[ $level = 0 ] && mefloat="me:x: 4f@%s"
			notes=$(readelf -n $exe | awk '$1 == "Name:" { n = $2 } $1 == "Provider:" { p = $2 }
				$1 == "Arguments:" { $1 = ""; print p ":" n ":" $0 }' | sort)
			probes="ma:x ma:y mc:x me:x"
			want=$(printf '%s\n' "ma:x: -4@%s 8@%s" "ma:x: -4@%s 8@%s" "ma:y: " "mc:x: -4@%s 8@%s" "$mefloat -4@%s")
			if [ $src != std ]; then
				probes="$probes mb:x"
				want=$(printf '%s\n%s\n' "$want" "mb:x: -8@%s 8f@%s")
			fi
			want=$(printf '%s\n' "$want" | sed 's/%s/*/g; s/ *$//' | sort)
			got=$(printf '%s\n' "$notes" | sed 's/@[^ ]*/@*/g; s/ *$//')
			[ "$got" = "$want" ] ||
				fail "$(printf '%s: the notes are\n%s\nnot\n%s' $exe "$notes" "$want")"
			# every site of a file with a fast header is the 5-byte nop, else the 1-byte one
			for p in $probes; do
				[ $p = ma:y ] && continue
				at=$(readelf -n $exe | awk -v p="${p%%:*}" -v n="${p#*:}" '$1 == "Provider:" { pv = $2 }
					$1 == "Name:" { nm = $2 } $1 == "Location:" && pv == p && nm == n { sub(",", "", $2); print $2; exit }')
				[ -n "$at" ] || fail "$exe: no location for $p"
				bytes=$(objdump -d --start-address="$at" --stop-address=$((at + 5)) $exe |
					awk -F "\t" '/^ *[0-9a-f]+:\t/ { sub(/ *$/, "", $2); print $2; exit }')
				case $src in
				std) [ "$bytes" = 90 ] || fail "$exe: $p's site is '$bytes', not <sys/sdt.h>'s nop" ;;
				*) [ "$bytes" = "0f 1f 44 00 00" ] || fail "$exe: $p's site is '$bytes', not the fast 5-byte nop" ;;
				esac
			done
			# every enabled probe has its semaphore, and a keep note
			readelf -n $exe | awk '$1 == "Location:" && $6 ~ /^0x0+$/ { bad = 1 } END { exit bad }' ||
				fail "$exe: a note without its semaphore"
			[ "$(readelf -n $exe | grep -c 'Unknown note type: (0x4b454550)')" = "$(readelf -n $exe | grep -c NT_STAPSDT)" ] ||
				fail "$exe: $(readelf -n $exe | grep -c 0x4b454550) keep notes for $(readelf -n $exe | grep -c NT_STAPSDT) sites"
			for d in ma mc me; do
				out=$("$SDTKIT" check $d.d $exe 2>&1) || fail "$(printf 'check %s.d %s:\n%s' $d $exe "$out")"
			done
			if [ $src != std ]; then
				out=$("$SDTKIT" check mb.d $exe 2>&1) || fail "$(printf 'check mb.d %s:\n%s' $exe "$out")"
			fi
			out=$("$SDTKIT" check md.d $exe 2>&1) && fail "check md.d $exe found md's probes in a build whose md header is the no-op one"
		done
	done
done
[ $builds = 36 ] || fail "$builds builds, not 36"
pass "$builds builds (3 files x 4 compilers x 3 levels): each probe's note and semaphore; fast sites in the files with a fast header"
