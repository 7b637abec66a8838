# SPDX-License-Identifier: MIT
# linkers.sh: probes survive every linker, LTO and section garbage collection.
# tests/data/link's program (start and done in app.c, step in lib.c), built by
# gcc, gcc -flto, clang and clang -flto=thin, without and with
# -ffunction-sections -fdata-sections -Wl,--gc-sections, linked by ld.bfd,
# gold, lld and mold as PIE, non-PIE, static-pie, static, and with lib.c as a
# shared library: every probe note, its semaphore in .probes and
# .stapsdt.base survive, `sdtkit check` is clean (after strip too), and
# bpftrace arms the semaphores (the program sees ENABLED()). lld and mold put
# writable segments in one file page, where the kernel arms the first copy of a
# semaphore, not the program's: check names it, bpftrace is shown not to arm
# it, and -z separate-loadable-segments fixes it. A combination the toolchain
# cannot link at all (a program without probes fails too) is n/a.
# One loses a probe with any header, <sys/sdt.h> alone included: clang
# -flto=thin with --gc-sections, where ThinLTO leaves a note for an inlined
# function's discarded copy (gold refuses to link, lld and mold keep a site
# outside the code): check must name it, and full LTO (-flto) is the flag the
# README gives for it, which the test shows clean.
# timeout: 1500
# lock: cpu
. "$TESTDIR/lib.sh"
need gcc clang readelf strip
L=$TESTDATA/link
cd "$T"
"$SDTKIT" header -o link_probes.h "$L/link.d" || fail "sdtkit header"

linkers=
for ld in bfd gold lld mold; do
	type -P "ld.$ld" >/dev/null 2>&1 && linkers="$linkers $ld"
done
echo "linkers:$linkers"
if why=$(bpftrace_usable); then
	trace=1
else
	trace=0
	echo "note: the semaphores are not armed: $why"
fi

n_ok=0 n_na=0 n_lossy=0 n_armed=0 n_flag=0
report=$T/report
: >"$report"

# link TAG CC LDFLAGS LAYOUT LD: the program (and library) of one combination, in
# the current directory from app.o lib.o libpic.o sem.o semlib.o; prints the files
link() {
	local tag=$1 cc=$2 gl=$3 lay=$4 ld=$5 lf=
	case $lay in pie) lf=-pie ;; nopie) lf=-no-pie ;; static-pie) lf=-static-pie ;; static) lf=-static ;; esac
	if [ "$lay" = shared ]; then
		$cc -O2 -fuse-ld="$ld" $gl -shared libpic.o semlib.o -o "liblnk-$tag.so" >"$tag.log" 2>&1 &&
			$cc -O2 -fuse-ld="$ld" $gl app.o sem.o "liblnk-$tag.so" -Wl,-rpath,"$PWD" -o "$tag" >>"$tag.log" 2>&1 ||
			return 1
		echo "$tag liblnk-$tag.so"
	else
		$cc -O2 -fuse-ld="$ld" $lf $gl app.o lib.o sem.o -o "$tag" >"$tag.log" 2>&1 || return 1
		echo "$tag"
	fi
}

# clean WHAT FILE...: every probe has its notes, semaphores and base, and check is clean
clean() {
	local what=$1 out
	shift
	[ "$(for f in "$@"; do sdt_notes "$f"; done | awk '{ print $2 }' | sort -u | tr '\n' ' ')" = "done start step " ] ||
		fail "$what: the notes are not those of start, step and done: $(for f in "$@"; do sdt_notes "$f"; done)"
	out=$("$SDTKIT" check "$L/link.d" "$@" 2>&1) || fail "$what: sdtkit check: $out"
	[ -z "$out" ] || fail "$what: sdtkit check said: $out"
}

for cm in "gcc" "gcc -flto" "clang" "clang -flto=thin"; do
	for gc in 0 1; do
		cf= gl=
		[ $gc = 1 ] && cf="-ffunction-sections -fdata-sections" gl="-Wl,--gc-sections"
		group=$(echo "$cm" | tr ' =' '__')-gc$gc
		step "compile: $cm ${cf:-(no gc)}"
		mkdir -p "$group"
		cd "$group"
		for f in app lib; do
			$cm -O2 $cf -I.. -c "$L/$f.c" -o $f.o || fail "$group: $cm $f.c"
		done
		$cm -O2 -fPIC $cf -I.. -c "$L/lib.c" -o libpic.o || fail "$group: $cm -fPIC lib.c"
		$cm -O2 -c "$L/hello.c" -o hello.o || fail "$group: $cm hello.c"
		# ThinLTO objects are LLVM bitcode: the target is the host's
		like=app.o
		readelf -h app.o >/dev/null 2>&1 || like=
		"$SDTKIT" object -o sem.o "$L/link.d" $like || fail "$group: sdtkit object"
		"$SDTKIT" object -o semlib.o "$L/link.d" ${like:+libpic.o} || fail "$group: sdtkit object (library)"
		progs=
		for ld in $linkers; do
			for lay in pie nopie static-pie static shared; do
				tag=$ld-$lay
				step "link: $cm ${gl:-(no gc)} -fuse-ld=$ld $lay"
				lf=
				case $lay in pie) lf=-pie ;; nopie) lf=-no-pie ;; static-pie) lf=-static-pie ;; static) lf=-static ;; esac
				if ! $cm -O2 -fuse-ld="$ld" $lf $gl hello.o -o "hello-$tag" >"hello-$tag.log" 2>&1; then
					echo "$group $tag: n/a ($(grep -m1 -E 'error|unrecognized' "hello-$tag.log" | cut -c1-80))" >>"$report"
					n_na=$((n_na + 1))
					continue
				fi
				lossy=0
				# (in the shared library lnk_lib is exported: not inlined away)
				[ "$cm" = "clang -flto=thin" ] && [ $gc = 1 ] && [ "$ld" != bfd ] && [ "$lay" != shared ] && lossy=1
				if ! files=$(link "$tag" "$cm" "$gl" "$lay" "$ld"); then
					# gold refuses a note whose function ThinLTO discarded
					[ $lossy = 1 ] && [ "$ld" = gold ] &&
						grep -q 'which is defined in a discarded section' "$tag.log" ||
						fail "$group $tag: links hello.c but not the program: $(tail -n 5 "$tag.log")"
					echo "$group $tag: lossy (gold: a note of a discarded section)" >>"$report"
					n_lossy=$((n_lossy + 1))
					continue
				fi
				# shellcheck disable=SC2086
				set -- $files
				if [ $lossy = 1 ]; then
					out=$("$SDTKIT" check "$L/link.d" "$@" 2>&1) && fail "$group $tag: check found the lost site clean"
					printf '%s\n' "$out" | grep -q "probe 'lnk:step' site at 0x[0-9a-f]* is outside any executable segment" ||
						fail "$group $tag: check did not name the lost site: $out"
					echo "$group $tag: lossy (check: $out)" >>"$report"
					n_lossy=$((n_lossy + 1))
					continue
				fi
				out=$("$SDTKIT" check "$L/link.d" "$@" 2>&1) && out=
				if [ -n "$out" ]; then
					# lld and mold pack writable segments into shared file pages: check
					# names it, and the link flag separates them
					printf '%s\n' "$out" | grep -qv 'shares its file page with the writable segment at' &&
						fail "$group $tag: sdtkit check: $out"
					printf '%s\n' "$out" | grep -q 'shares its file page' || fail "$group $tag: check failed: $out"
					case $ld in lld | mold) ;; *) fail "$group $tag: $ld needs a flag: $out" ;; esac
					progs="$progs $files disabled,"
					files=$(link "$tag-sep" "$cm" "$gl -Wl,-z,separate-loadable-segments" "$lay" "$ld") ||
						fail "$group $tag: -z separate-loadable-segments: $(tail -n 5 "$tag-sep.log")"
					# shellcheck disable=SC2086
					set -- $files
					echo "$group $tag: -z separate-loadable-segments" >>"$report"
					n_flag=$((n_flag + 1))
				else
					echo "$group $tag: ok" >>"$report"
				fi
				clean "$group $tag" "$@"
				stripped=
				for f in "$@"; do
					strip -o "$f.stripped" "$f" || fail "$group $tag: strip $f"
					stripped="$stripped $f.stripped"
				done
				# shellcheck disable=SC2086
				clean "$group $tag (stripped)" $stripped
				n_ok=$((n_ok + 1))
				progs="$progs $* enabled,"
			done
		done
		# bpftrace: one session attached to every program of the group, which
		# then runs each: the semaphores are armed where check found them right,
		# and not where it said the kernel arms another copy
		if [ $trace = 1 ] && [ -n "$progs" ]; then
			step "bpftrace: $group"
			# (BEGIN runs once every probe is attached)
			echo 'BEGIN { printf("armed\n"); }' >group.bt
			printf '%s\n' "$progs" | tr ',' '\n' | while read -r prog a b; do
				[ -n "$prog" ] || continue
				lib=$prog
				[ -n "$b" ] && lib=$a
				printf 'usdt:%s:lnk:start { }\nusdt:%s:lnk:step { }\n' "$PWD/$prog" "$PWD/$lib" >>group.bt
			done
			bg_start bpftrace bt.out bpftrace group.bt
			wait_until -l bt.out 300 "bpftrace to attach to the programs of $group" grep -q '^armed' bt.out
			printf '%s\n' "$progs" | tr ',' '\n' | awk 'NF { print $1, $NF }' >runs
			while read -r prog state; do
				out=$(bounded 120 "./$prog") || fail "$group $prog: exit $?: $out"
				[ "$out" = "start $state
step $state" ] || fail "$group $prog: under bpftrace the program said: $out (expected $state; $(tail -n 3 bt.out))"
				n_armed=$((n_armed + 1))
			done <runs
			bg_stop "$BG_PID" 10 || true
		fi
		cd "$T"
	done
done

# the loss is ThinLTO's and the linker's, not the header's: <sys/sdt.h> alone
# loses the same site; full LTO keeps it
step "the loss with <sys/sdt.h> alone, and full LTO"
mkdir -p plain && cd plain
for f in app lib; do
	clang -flto=thin -O2 -ffunction-sections -fdata-sections -DPLAIN -c "$L/$f.c" -o $f.o || fail "plain $f.c"
	clang -flto -O2 -ffunction-sections -fdata-sections -I.. -c "$L/$f.c" -o full-$f.o || fail "full LTO $f.c"
done
"$SDTKIT" object -o sem.o "$L/link.d" || fail "sdtkit object"
for ld in $linkers; do
	[ "$ld" = bfd ] && continue
	if clang -flto=thin -O2 -fuse-ld="$ld" -Wl,--gc-sections app.o lib.o -o "plain-$ld" >"plain-$ld.log" 2>&1; then
		out=$("$SDTKIT" check "$L/link.d" "plain-$ld" 2>&1) && fail "plain <sys/sdt.h>, $ld: no loss: the loss is not the toolchain's"
		printf '%s\n' "$out" | grep -q "probe 'lnk:step' site at .* is outside any executable segment" ||
			fail "plain <sys/sdt.h>, $ld: $out"
	else
		grep -q 'which is defined in a discarded section' "plain-$ld.log" || fail "plain <sys/sdt.h>, $ld: $(tail -n 3 "plain-$ld.log")"
	fi
	sep=
	case $ld in lld | mold) sep=-Wl,-z,separate-loadable-segments ;; esac
	clang -flto -O2 -fuse-ld="$ld" -Wl,--gc-sections $sep full-app.o full-lib.o sem.o -o "full-$ld" >"full-$ld.log" 2>&1 ||
		fail "full LTO, $ld: $(tail -n 3 "full-$ld.log")"
	clean "clang -flto --gc-sections $ld" "full-$ld"
done
cd "$T"

cat "$report"
echo "$n_ok combinations clean (and after strip; $n_flag of them with -z separate-loadable-segments), $n_lossy lossy as expected, $n_na n/a; $n_armed programs run under bpftrace"
[ "$n_ok" -ge 100 ] || fail "only $n_ok combinations were clean"
[ $trace = 0 ] || [ "$n_armed" = $((n_ok + n_flag)) ] || fail "$n_armed programs run under bpftrace, $n_ok clean and $n_flag needing the flag"
pass
