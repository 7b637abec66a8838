# SPDX-License-Identifier: MIT
# gc_sites.sh: the probe header's sites keep their code under section
# garbage collection, with every linker: each site also writes an allocated
# keep note that refers to it (and to .stapsdt.base). tests/data/gc_sites/dead.c has a
# function nothing calls (dead) and one main calls three times (live), both
# with sites; built by gcc and clang at -O0 and -O2 with -ffunction-sections
# and linked with --gc-sections by ld.bfd, gold, lld and mold as PIE,
# non-PIE, static and shared library, each link succeeds, keeps the four
# notes and the two functions, `sdtkit check` is clean (every site inside
# an executable segment), and gdb sees every probe (.stapsdt.base is kept
# too). ThinLTO (clang -O2 -flto=thin, work() inlined into main() from
# another file, its own copy dead) links clean with every linker, and so
# does a C++ inline function (a COMDAT group) that only a dead function
# calls: ld.bfd and lld drop it with its group, gold and mold keep it. bpftrace
# counts the live probe's three hits in each linker's program; fast sites
# (--sites=fast) keep their code as well. Without the keep note
# (-DSDTKIT_NO_KEEP: <sys/sdt.h>'s sites) the same builds fail: gold refuses the link,
# lld and mold write a site outside the code, which check names.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
need gcc clang readelf nm
D=$TESTDATA/gc_sites
cd "$T"
cp "$D"/*.c "$D"/*.cc "$D"/sites.h "$D"/*.d .
"$SDTKIT" header --semaphores=none -o gc_probes.h gc.d || fail "sdtkit header gc.d"
INC=-I.

linkers=
for ld in bfd gold lld mold; do
	type -P "ld.$ld" >/dev/null 2>&1 && linkers="$linkers $ld"
done
echo "linkers:$linkers"
trace=1
why=$(bpftrace_usable) || { trace=0; echo "note: no bpftrace counts: $why"; }
have_gdb=0
type -P gdb >/dev/null 2>&1 && have_gdb=1

# notes FILE: the number of gc probe notes in FILE
notes() {
	readelf -nW "$1" | grep -c 'Provider: gc$' || true
}

# verify WHAT FILE NOTES FUNCS...: FILE has NOTES gc notes and defines each
# function FUNC, check is clean (against $dfile), gdb lists NOTES gc probes
verify() {
	local what=$1 f=$2 want=$3 fn n
	shift 3
	n=$(notes "$f")
	[ "$n" = "$want" ] || fail "$what: $n gc notes, expected $want: $(readelf -nW "$f" | grep -A1 'Provider: gc')"
	for fn in "$@"; do
		nm "$f" | grep -q " [tTW] $fn\$" || fail "$what: $fn was discarded"
	done
	"$SDTKIT" check "$dfile" "$f" >check.out 2>&1 || fail "$what: sdtkit check: $(cat check.out)"
	if [ $have_gdb = 1 ]; then
		n=$(gdb -nx -batch -ex 'info probes' "$f" 2>/dev/null | grep -c '^stap *gc ' || true)
		[ "$n" = "$want" ] || fail "$what: gdb lists $n gc probes, expected $want"
	fi
}

n_ok=0
dfile=gc.d
step "dead function, four layouts"
for cc in gcc clang; do
	for opt in -O0 -O2; do
		for lay in pie nopie static shared; do
			case $lay in
			pie) cf=-fPIE lf=-pie ;;
			nopie) cf=-fno-PIE lf=-no-pie ;;
			static) cf=-fno-PIE lf=-static ;;
			shared) cf=-fPIC lf= ;;
			esac
			b=$cc$opt-$lay
			$cc -std=c11 -Wall -Wextra -Wpedantic -Werror "$opt" "$cf" "$INC" -ffunction-sections -c dead.c -o "$b-dead.o" ||
				fail "$b: dead.c does not compile"
			$cc "$opt" "$cf" -c main.c -o "$b-main.o" || fail "$b: main.c"
			for ld in $linkers; do
				w="$b-$ld"
				if [ $lay = shared ]; then
					$cc -fuse-ld=$ld -shared -Wl,--gc-sections "$b-dead.o" -o "lib$w.so" 2>link.err ||
						fail "$w: the link failed: $(head -n 3 link.err)"
					$cc -fuse-ld=$ld "$b-main.o" "lib$w.so" -Wl,-rpath,"$T" -o "$w" 2>link.err ||
						fail "$w: the program's link failed: $(head -n 3 link.err)"
					verify "$w" "lib$w.so" 4 dead live
				else
					$cc -fuse-ld=$ld "$lf" -Wl,--gc-sections "$b-dead.o" "$b-main.o" -o "$w" 2>link.err ||
						fail "$w: the link failed: $(head -n 3 link.err)"
					verify "$w" "$w" 4 dead live
				fi
				bounded 60 "./$w" || fail "$w exited with $?"
				n_ok=$((n_ok + 1))
			done
		done
	done
done

step "ThinLTO"
dfile=thin.d
for lay in pie nopie; do
	case $lay in pie) lf=-pie ;; nopie) lf=-no-pie ;; esac
	clang -O2 -flto=thin "$INC" -ffunction-sections -c work.c -o work.o || fail "work.c (thin)"
	clang -O2 -flto=thin -ffunction-sections -c caller.c -o caller.o || fail "caller.c (thin)"
	for ld in $linkers; do
		w=thin-$lay-$ld
		clang -O2 -flto=thin -fuse-ld=$ld "$lf" -Wl,--gc-sections work.o caller.o -o "$w" 2>link.err ||
			fail "$w: the link failed: $(head -n 3 link.err)"
		# three inlined sites and the out-of-line copy's
		n=$(notes "$w")
		[ "$n" -ge 2 ] || fail "$w: $n gc notes"
		verify "$w" "$w" "$n" work
		n_ok=$((n_ok + 1))
	done
done

step "C++ inline function"
dfile=thin.d
for cxx in g++ clang++; do
	type -P $cxx >/dev/null 2>&1 || continue
	$cxx -std=c++11 -Wall -Wextra -Wpedantic -Werror -O0 "$INC" -ffunction-sections -c inline.cc -o "inline-$cxx.o" ||
		fail "inline.cc does not compile with $cxx"
	for ld in $linkers; do
		w=inline-$cxx-$ld
		$cxx -fuse-ld=$ld -Wl,--gc-sections "inline-$cxx.o" -o "$w" 2>link.err ||
			fail "$w: the link failed: $(head -n 3 link.err)"
		# ld.bfd and lld drop twice() with its group, gold and mold keep it
		n=$(notes "$w")
		case $n in 1) verify "$w" "$w" 1 _Z4usedi ;; 2) verify "$w" "$w" 2 _Z4usedi _Z5twicei ;; *) fail "$w: $n gc notes" ;; esac
		n_ok=$((n_ok + 1))
	done
done

case $(gcc -dumpmachine) in
x86_64-*gnux32) ;;
x86_64-*)
	step "fast sites"
	dfile=gc.d
	mkdir -p fast
	"$SDTKIT" header --sites=fast --semaphores=none -o fast/gc_probes.h gc.d || fail "sdtkit header --sites=fast gc.d"
	cp sites.h fast/
	for cc in gcc clang; do
		$cc -std=c11 -Wall -Wextra -Wpedantic -Werror -O2 -mno-red-zone -DSDTKIT_NO_RED_ZONE -Ifast \
			-ffunction-sections -c dead.c -o fast-$cc-dead.o || fail "dead.c does not compile with $cc and fast sites"
		$cc -O2 -c main.c -o fast-$cc-main.o || fail "main.c"
		for ld in $linkers; do
			w=fast-$cc-$ld
			$cc -fuse-ld=$ld -Wl,--gc-sections fast-$cc-dead.o fast-$cc-main.o -o $w 2>link.err ||
				fail "$w: the link failed: $(head -n 3 link.err)"
			verify "$w" "$w" 4 dead live
			n_ok=$((n_ok + 1))
		done
	done
	;;
esac

# the same builds without the keep note (<sys/sdt.h>'s sites): what it is for
step "without the keep note"
n_bad=0
gcc -O2 -DSDTKIT_NO_KEEP -ffunction-sections -c dead.c -o plain-dead.o || fail "dead.c -DSDTKIT_NO_KEEP"
gcc -O2 -c main.c -o plain-main.o || fail "main.c"
for ld in $linkers; do
	[ $ld = bfd ] && continue
	if gcc -fuse-ld=$ld -Wl,--gc-sections plain-dead.o plain-main.o -o plain-$ld 2>link.err; then
		"$SDTKIT" check gc.d plain-$ld >check.out 2>&1 &&
			fail "plain-$ld: <sys/sdt.h>'s dead site did not make a bad site (so this test shows nothing)"
		grep -q 'outside any executable segment' check.out || fail "plain-$ld: check said: $(cat check.out)"
	else
		grep -q 'discarded section' link.err || fail "plain-$ld: $(head -n 3 link.err)"
	fi
	n_bad=$((n_bad + 1))
done
echo "without the keep note: $n_bad linkers wrong"

if [ $trace = 1 ]; then
	step "bpftrace counts the live probe's hits"
	for w in gcc-O2-pie clang-O2-nopie; do
		for ld in $linkers; do
			bpftrace -e "usdt:$T/$w-$ld:gc:hit { @n = count(); }" -c "$T/$w-$ld" >bt.out 2>&1 ||
				fail "bpftrace on $w-$ld: $(tail -n 5 bt.out)"
			grep -q '^@n: 3$' bt.out || fail "bpftrace on $w-$ld counted: $(cat bt.out)"
		done
	done
	for ld in $linkers; do
		bpftrace -e "usdt:$T/thin-pie-$ld:gc:hit { @n = count(); }" -c "$T/thin-pie-$ld" >bt.out 2>&1 ||
			fail "bpftrace on thin-pie-$ld: $(tail -n 5 bt.out)"
		grep -q '^@n: 3$' bt.out || fail "bpftrace on thin-pie-$ld counted: $(cat bt.out)"
	done
fi
echo "clean builds: $n_ok"
pass
