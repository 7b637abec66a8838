# SPDX-License-Identifier: MIT
# linkers.sh: probes survive every linker, LTO and section garbage collection,
# and their semaphores arm under every linker with no extra flag.
# tests/data/link's program (start and done in app.c, step in lib.c), built by
# gcc, gcc -flto, clang and clang -flto=thin, without and with
# -ffunction-sections -fdata-sections -Wl,--gc-sections, linked by ld.bfd,
# gold, lld and mold as PIE, non-PIE, static-pie, static, and with lib.c as a
# shared library: every probe note, its semaphore in .probes and
# .stapsdt.base survive, `sdtkit check` is clean (after strip too), no other
# writable segment maps a semaphore's file page, and bpftrace arms the
# semaphores (the program sees ENABLED()). lld and mold put writable segments
# in one file page, where the kernel arms the first copy of a semaphore: the
# semaphore object aligns .probes to a page of its own, so they arm too. The
# objects for every target carry their page (64 KiB on aarch64 and powerpc)
# without growing; aarch64 and ppc64le programs linked by the four linkers
# keep the semaphores on 64 KiB pages of their own; the file size that costs
# is printed per linker. A semaphore object made by other means (C, as
# SystemTap's dtrace -G makes it) still shares the page under lld and mold:
# check names it, bpftrace is shown not to arm it, and
# -z separate-loadable-segments fixes it. The ThinLTO objects (LLVM bitcode)
# are the reference objects of their semaphore objects. A combination the
# toolchain cannot link at all (a program without probes fails too) is n/a.
# One loses a probe with <sys/sdt.h> alone: clang -flto=thin with
# --gc-sections, where gold, lld and mold collect an inlined function's
# out-of-line copy and keep its note (gold refuses to link, lld and mold keep
# a site outside the code; check names it): the header's keep note keeps
# that copy, and every such combination is clean; full LTO is clean either way.
# timeout: 1500
# lock: cpu
. "$TESTDIR/lib.sh"
need gcc clang readelf strip objcopy
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

n_ok=0 n_na=0 n_armed=0 n_flag=0
report=$T/report
: >"$report"

# own_page FILE PAGE: no writable segment of FILE but its own maps the file
# page (of PAGE bytes) of any of FILE's semaphores: the kernel arms the copy
# the program reads. (The same rule as check's, from readelf, at any page size.)
own_page() {
	local f=$1 pg=$2 sems
	sems=$(readelf -sW "$f" | awk '$8 ~ /_semaphore$/ && $7 != "UND" { print $2 }' | sort -u)
	[ -n "$sems" ] || fail "$f: no semaphore symbols"
	readelf -lW "$f" | awk -v pg="$pg" -v sems="$sems" -v f="$f" '
		function hex(s,  i, v) {
			s = tolower(s); sub(/^0x/, "", s); v = 0
			for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
			return v
		}
		$1 == "LOAD" {
			n++; off[n] = hex($2); va[n] = hex($3); fsz[n] = hex($5); w[n] = ($0 ~ / RW/)
		}
		END {
			ns = split(sems, s, "\n")
			for (i = 1; i <= ns; i++) {
				a = hex("0x" s[i]); own = 0
				for (j = 1; j <= n; j++)
					if (a >= va[j] && a < va[j] + fsz[j]) own = j
				if (!own) { print f ": semaphore at 0x" s[i] " is in no segment'"'"'s file data"; bad = 1; continue }
				o = a - va[own] + off[own]
				for (j = 1; j <= n; j++) {
					if (j == own || !w[j] || !fsz[j]) continue
					start = off[j] - off[j] % pg
					end = start + (va[j] + fsz[j] + pg - 1 - (va[j] + fsz[j] + pg - 1) % pg) - (va[j] - va[j] % pg)
					if (o >= start && o < end) {
						printf "%s: semaphore at 0x%s (file 0x%x) shares its %d-byte page with the writable segment at 0x%x\n", f, s[i], o, pg, va[j]
						bad = 1
					}
				}
			}
			exit bad
		}' || fail "$f: a semaphore's page is mapped by another writable segment"
}

# probes_align FILE: the alignment of FILE's .probes section
probes_align() {
	readelf -SW "$1" | sed 's/^ *\[ *[0-9]*\]//' | awk '$1 == ".probes" { print $NF }'
}

# the objects for each target: .probes asks for the target's largest page,
# and the object itself is not padded to it
step "objects for every target"
for t in x86_64:4096 i386:4096 aarch64:65536 arm:4096 armel:4096 riscv64:4096 riscv32:4096 \
	ppc64le:65536 ppc64:65536 ppc:65536 s390x:4096; do
	name=${t%:*} pg=${t#*:}
	"$SDTKIT" object --target="$name" -o "sem-$name.o" "$L/link.d" || fail "sdtkit object --target=$name"
	[ "$(probes_align "sem-$name.o")" = "$pg" ] ||
		fail "$name: .probes is aligned to $(probes_align "sem-$name.o"), not $pg: $(readelf -SW "sem-$name.o")"
	size=$(stat -c %s "sem-$name.o")
	[ "$size" -lt 1024 ] || fail "$name: the object is $size bytes: padded to its alignment?"
	"$SDTKIT" object --semaphores=none --target="$name" -o "none-$name.o" "$L/link.d" || fail "sdtkit object --semaphores=none"
	[ "$(probes_align "none-$name.o")" = 2 ] || fail "$name: an object without semaphores aligns .probes: $(readelf -SW "none-$name.o")"
done
# the targets the table holds are those above
[ "$("$SDTKIT" object --target=nonesuch "$L/link.d" 2>&1 | sed 's/.*known: //; s/)$//')" = \
	"x86_64, i386, aarch64, arm, armel, riscv64, riscv32, ppc64le, ppc64, ppc, s390x" ] ||
	fail "the targets are not those tested: $("$SDTKIT" object --target=nonesuch "$L/link.d" 2>&1)"

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

# arm_all: one bpftrace session attached to every program of $progs ("PROG
# [LIB] STATE," each), which then runs each: ENABLED() is STATE in each
arm_all() {
	local what=$1 prog a b lib state out
	[ $trace = 1 ] && [ -n "$progs" ] || return 0
	step "bpftrace: $what"
	# (BEGIN runs once every probe is attached)
	echo 'BEGIN { printf("armed\n"); }' >group.bt
	printf '%s\n' "$progs" | tr ',' '\n' | while read -r prog a b; do
		[ -n "$prog" ] || continue
		lib=$prog
		[ -n "$b" ] && lib=$a
		printf 'usdt:%s:lnk:start { }\nusdt:%s:lnk:step { }\n' "$PWD/$prog" "$PWD/$lib" >>group.bt
	done
	bg_start bpftrace bt.out bpftrace group.bt
	wait_until -l bt.out 300 "bpftrace to attach to the programs of $what" grep -q '^armed' bt.out
	printf '%s\n' "$progs" | tr ',' '\n' | awk 'NF { print $1, $NF }' >runs
	while read -r prog state; do
		out=$(bounded 120 "./$prog") || fail "$what $prog: exit $?: $out"
		[ "$out" = "start $state
step $state" ] || fail "$what $prog: under bpftrace the program said: $out (expected $state; $(tail -n 3 bt.out))"
		n_armed=$((n_armed + 1))
	done <runs
	bg_stop "$BG_PID" 10 || true
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
		# the compiled objects (LLVM bitcode for clang -flto=thin) name the target
		"$SDTKIT" object -o sem.o "$L/link.d" app.o 2>sem.err || fail "$group: sdtkit object: $(cat sem.err)"
		"$SDTKIT" object -o semlib.o "$L/link.d" libpic.o 2>>sem.err || fail "$group: sdtkit object (library): $(cat sem.err)"
		[ ! -s sem.err ] || fail "$group: sdtkit object warned: $(cat sem.err)"
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
				files=$(link "$tag" "$cm" "$gl" "$lay" "$ld") ||
					fail "$group $tag: links hello.c but not the program: $(tail -n 5 "$tag.log")"
				# shellcheck disable=SC2086
				set -- $files
				clean "$group $tag" "$@"
				for f in "$@"; do
					own_page "$f" 4096
				done
				echo "$group $tag: ok" >>"$report"
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
		# then runs each: every semaphore is armed
		arm_all "$group"
		cd "$T"
	done
done

# what the page costs: each program of one group linked again with the
# semaphore object as it was before (.probes aligned to 2), and the sizes compared
step "the file size of a page of its own"
cd gcc-gc0
objcopy --set-section-alignment .probes=2 sem.o sem2.o || fail "objcopy sem.o"
objcopy --set-section-alignment .probes=2 semlib.o semlib2.o || fail "objcopy semlib.o"
costs=
for ld in $linkers; do
	for lay in pie nopie static shared; do
		files=$(link "cost-$ld-$lay" gcc "" "$lay" "$ld") || continue
		mv sem.o sem4k.o && mv semlib.o semlib4k.o && cp sem2.o sem.o && cp semlib2.o semlib.o
		files2=$(link "cost2-$ld-$lay" gcc "" "$lay" "$ld") || fail "link $ld $lay with sem2.o"
		mv sem4k.o sem.o && mv semlib4k.o semlib.o
		set -- $files2
		before=$(cat "$@" | wc -c)
		set -- $files
		after=$(cat "$@" | wc -c)
		costs="$costs $ld/$lay:+$((after - before))"
	done
done
cd "$T"
echo "x86_64 (gcc), bytes per program (with its library): $costs"

# the targets with 64 KiB pages: programs for aarch64 and ppc64le linked by the
# four linkers (each through the cross gcc, lld and mold by their plain names)
mkdir -p xld && ln -s "$(type -P ld.lld)" xld/ld.lld 2>/dev/null || true
type -P mold >/dev/null 2>&1 && ln -s "$(type -P mold)" xld/ld.mold
for arch in aarch64 powerpc64le; do
	cc=$arch-linux-gnu-gcc
	type -P "$cc" >/dev/null 2>&1 || { echo "note: no $cc: its programs are not linked"; continue; }
	step "link for $arch"
	mkdir -p "$arch" && cd "$arch"
	sdt_include inc
	for f in app lib; do
		$cc -O2 -I.. -Iinc -c "$L/$f.c" -o $f.o || fail "$arch: $f.c"
	done
	"$SDTKIT" object -o sem.o "$L/link.d" app.o || fail "$arch: sdtkit object"
	[ "$(probes_align sem.o)" = 65536 ] || fail "$arch: .probes is aligned to $(probes_align sem.o)"
	"$arch-linux-gnu-objcopy" --set-section-alignment .probes=2 sem.o sem2.o || fail "$arch: objcopy"
	costs=
	for ld in $linkers; do
		$cc -B../xld/ -fuse-ld="$ld" app.o lib.o sem.o -o "prog-$ld" >"$ld.log" 2>&1 ||
			{ echo "note: $arch $ld: n/a: $(head -n 1 "$ld.log")"; continue; }
		$cc -B../xld/ -fuse-ld="$ld" app.o lib.o sem2.o -o "prog2-$ld" || fail "$arch $ld: sem2.o"
		own_page "prog-$ld" 65536
		clean "$arch $ld" "prog-$ld"
		costs="$costs $ld:+$(($(stat -c %s "prog-$ld") - $(stat -c %s "prog2-$ld")))"
		echo "$arch $ld: ok (semaphores on a 64 KiB page of their own)" >>"$report"
	done
	echo "$arch (gcc), bytes per program:$costs"
	cd "$T"
done

# semaphores made by other means (C, as SystemTap's dtrace -G makes them):
# lld and mold put them on a page of the writable segment before: check
# names it, bpftrace arms the other copy, and the link flag separates them
step "semaphores from C: the diagnosis and the flag"
mkdir -p other && cd other
for f in app lib; do
	gcc -O2 -I.. -c "$L/$f.c" -o $f.o || fail "other: $f.c"
done
for p in start step done; do
	echo "__attribute__((section(\".probes\"), visibility(\"hidden\"))) unsigned short lnk_${p}_semaphore;"
done >sem.c
gcc -O2 -c sem.c -o sem.o || fail "other: sem.c"
progs=
for ld in $linkers; do
	case $ld in lld | mold) ;; *) continue ;; esac
	gcc -fuse-ld="$ld" app.o lib.o sem.o -o "c-$ld" || fail "other: link $ld"
	out=$("$SDTKIT" check "$L/link.d" "c-$ld" 2>&1) && fail "other $ld: check found the shared page clean"
	[ "$(printf '%s\n' "$out" | grep -c "shares its file page with the writable segment at 0x[0-9a-f]*, where the kernel arms it instead (link with -z separate-loadable-segments)")" = 3 ] ||
		fail "other $ld: check: $out"
	gcc -fuse-ld="$ld" -Wl,-z,separate-loadable-segments app.o lib.o sem.o -o "sep-$ld" || fail "other: link $ld -z separate-loadable-segments"
	clean "other $ld -z separate-loadable-segments" "sep-$ld"
	echo "C semaphores $ld: check names the shared page; -z separate-loadable-segments" >>"$report"
	progs="$progs c-$ld disabled, sep-$ld enabled,"
	n_flag=$((n_flag + 1))
done
arm_all "semaphores from C"
cd "$T"

# what the keep note prevents: <sys/sdt.h> alone loses the ThinLTO site; full LTO keeps it
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
		out=$("$SDTKIT" check "$L/link.d" "plain-$ld" 2>&1) && fail "plain <sys/sdt.h>, $ld: no loss: this test shows nothing"
		printf '%s\n' "$out" | grep -q "probe 'lnk:step' site at .* is outside any executable segment" ||
			fail "plain <sys/sdt.h>, $ld: $out"
	else
		grep -q 'which is defined in a discarded section' "plain-$ld.log" || fail "plain <sys/sdt.h>, $ld: $(tail -n 3 "plain-$ld.log")"
	fi
	clang -flto -O2 -fuse-ld="$ld" -Wl,--gc-sections full-app.o full-lib.o sem.o -o "full-$ld" >"full-$ld.log" 2>&1 ||
		fail "full LTO, $ld: $(tail -n 3 "full-$ld.log")"
	clean "clang -flto --gc-sections $ld" "full-$ld"
	own_page "full-$ld" 4096
done
cd "$T"

cat "$report"
echo "$n_ok combinations clean with no flag (and after strip), $n_na n/a; C semaphores needed the flag with $n_flag linkers; $n_armed programs run under bpftrace"
[ "$n_ok" -ge 100 ] || fail "only $n_ok combinations were clean"
[ $trace = 0 ] || [ "$n_armed" = $((n_ok + 2 * n_flag)) ] || fail "$n_armed programs run under bpftrace, $n_ok clean and $n_flag linkers for C semaphores"
pass
