# SPDX-License-Identifier: MIT
# lto.sh: LTO objects as the reference objects of `dtrace -G`, and probes and
# semaphores that survive LTO with --gc-sections under every linker.
# clang -flto and -flto=thin objects are LLVM bitcode, gcc -flto objects ELF
# with only .gnu.lto_* sections: `dtrace -G -s lto.d -o p.o main.o work.o`
# takes them as they are (exit 0, no warning), for the target they name: for
# each cross target clang knows, the object made from bitcode has the ELF
# identity (machine, class, byte order, flags) of the one made from the same
# source compiled to ELF; gcc -flto cross objects likewise. Then
# tests/data/lto's program (start in main, step five times in a function LTO
# keeps out of line), compiled -ffunction-sections -fdata-sections, linked
# with -Wl,--gc-sections by ld.bfd, gold, lld and mold: the notes of both
# probes, .stapsdt.base at a non-zero address, sdtkit check clean, and under
# bpftrace the program sees both semaphores armed while every step fires.
# A combination the toolchain cannot link at all (lld and gcc's LTO objects)
# is n/a.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
need gcc clang readelf
D=$TESTDATA/lto
cd "$T"
"$SDTKIT" header -o lto_probes.h "$D/lto.d" || fail "sdtkit header"
echo 'int lto_ref(void) { return 1; }' >ref.c

# the target from bitcode: the same ELF identity as from an ELF object of the same code
step "the target of bitcode objects"
n_targets=0
for t in x86_64-linux-gnu i686-linux-gnu aarch64-linux-gnu arm-linux-gnueabihf arm-linux-gnueabi \
	riscv64-linux-gnu powerpc64le-linux-gnu powerpc64-linux-gnu powerpc-linux-gnu s390x-linux-gnu; do
	clang --target=$t -O2 -c ref.c -o "elf-$t.o" 2>/dev/null || { echo "note: clang cannot compile for $t"; continue; }
	for lto in -flto=thin -flto; do
		clang --target=$t -O2 $lto -c ref.c -o "bc-$t.o" || fail "clang --target=$t $lto"
		head -c 4 "bc-$t.o" | od -A n -t x1 | grep -q '42 43 c0 de' || fail "$t $lto: not raw bitcode"
		"$SDTKIT_DTRACE" -G -s "$D/lto.d" -o "p-bc-$t.o" "bc-$t.o" 2>err || fail "$t $lto: dtrace -G: $(cat err)"
		[ ! -s err ] || fail "$t $lto: dtrace -G warned: $(cat err)"
		"$SDTKIT_DTRACE" -G -s "$D/lto.d" -o "p-elf-$t.o" "elf-$t.o" || fail "$t: dtrace -G (ELF)"
		case $t in
		# clang's ARM objects name no float ABI where no float is used: the triple does
		arm-*hf) want=hard ;;
		arm-*) want=soft ;;
		# and its big-endian ppc64 objects no ABI (flags 0, which links with either)
		powerpc64-*) want=abiv1 ;;
		*) want= ;;
		esac
		if [ -n "$want" ]; then
			[ "$(elf_ident "p-bc-$t.o" | grep -v Flags)" = "$(elf_ident "p-elf-$t.o" | grep -v Flags)" ] &&
				elf_ident "p-bc-$t.o" | grep -qE "Flags: .*(Version5 EABI, $want-float ABI|, $want)\$" ||
				fail "$t $lto: from bitcode: $(elf_ident "p-bc-$t.o")"
		else
			[ "$(elf_ident "p-bc-$t.o")" = "$(elf_ident "p-elf-$t.o")" ] ||
				fail "$t $lto: from bitcode: $(elf_ident "p-bc-$t.o"); from ELF: $(elf_ident "p-elf-$t.o")"
		fi
	done
	n_targets=$((n_targets + 1))
done
for cc in aarch64-linux-gnu-gcc powerpc64le-linux-gnu-gcc arm-linux-gnueabihf-gcc; do
	type -P "$cc" >/dev/null 2>&1 || continue
	$cc -O2 -flto -c ref.c -o "gcclto-$cc.o" || fail "$cc -flto"
	readelf -SW "gcclto-$cc.o" | grep -q '\.gnu\.lto_' || fail "$cc -flto: no .gnu.lto_* sections"
	$cc -O2 -c ref.c -o "gccelf-$cc.o" || fail "$cc"
	"$SDTKIT_DTRACE" -G -s "$D/lto.d" -o "p-gcclto-$cc.o" "gcclto-$cc.o" || fail "$cc -flto: dtrace -G"
	"$SDTKIT_DTRACE" -G -s "$D/lto.d" -o "p-gccelf-$cc.o" "gccelf-$cc.o" || fail "$cc: dtrace -G"
	[ "$(elf_ident "p-gcclto-$cc.o")" = "$(elf_ident "p-gccelf-$cc.o")" ] ||
		fail "$cc -flto: $(elf_ident "p-gcclto-$cc.o"), not $(elf_ident "p-gccelf-$cc.o")"
	n_targets=$((n_targets + 1))
done
[ "$n_targets" -ge 4 ] || fail "only $n_targets targets"

linkers=
for ld in bfd gold lld mold; do
	type -P "ld.$ld" >/dev/null 2>&1 && linkers="$linkers $ld"
done
if why=$(bpftrace_usable); then
	trace=1
else
	trace=0
	echo "note: the probes are not traced: $why"
fi

report=$T/report
: >"$report"
progs=
n_ok=0 n_na=0
for cm in "gcc -flto" "clang -flto=thin" "clang -flto"; do
	tag=$(echo "$cm" | tr -d ' =-' | sed 's/flto//; s/thin/t/')
	step "compile: $cm"
	for f in main work; do
		$cm -O2 -ffunction-sections -fdata-sections -I. -c "$D/$f.c" -o "$tag-$f.o" || fail "$cm $f.c"
	done
	$cm -O2 -c "$TESTDATA/link/hello.c" -o "$tag-hello.o" || fail "$cm hello.c"
	case $cm in
	gcc*) readelf -SW "$tag-main.o" | grep -q '\.gnu\.lto_' || fail "$cm: main.o has no .gnu.lto_* sections" ;;
	*) readelf -h "$tag-main.o" >/dev/null 2>&1 && fail "$cm: main.o is ELF, not bitcode" ;;
	esac
	# the dtrace personality as the issue's build runs it: the LTO objects name the target
	"$SDTKIT_DTRACE" -G -s "$D/lto.d" -o "$tag-p.o" "$tag-main.o" "$tag-work.o" 2>err ||
		fail "$cm: dtrace -G: $(cat err)"
	[ ! -s err ] || fail "$cm: dtrace -G warned: $(cat err)"
	for ld in $linkers; do
		prog=$tag-$ld
		step "link: $cm -fuse-ld=$ld --gc-sections"
		if ! $cm -O2 -fuse-ld="$ld" -Wl,--gc-sections "$tag-hello.o" -o "hello-$prog" >"hello-$prog.log" 2>&1; then
			echo "$prog: n/a ($(grep -m1 -iE 'error|unrecognized|fatal' "hello-$prog.log" | cut -c1-80))" >>"$report"
			n_na=$((n_na + 1))
			continue
		fi
		$cm -O2 -fuse-ld="$ld" -Wl,--gc-sections "$tag-main.o" "$tag-work.o" "$tag-p.o" -o "$prog" >"$prog.log" 2>&1 ||
			fail "$prog: link: $(tail -n 5 "$prog.log")"
		notes=$(sdt_notes "$prog")
		nnotes=$(printf '%s\n' "$notes" | grep -c .)
		[ "$(printf '%s\n' "$notes" | awk '{ print $2 }' | sort -u | tr '\n' ' ')" = "start step " ] ||
			fail "$prog: the notes are not those of start and step: $notes"
		printf '%s\n' "$notes" | awk '$3 == "0x0000000000000000" || $3 == "" { exit 1 }' ||
			fail "$prog: a note without its semaphore: $notes"
		# the notes' base is .stapsdt.base's address; gold, lld and mold would
		# collect it (only the notes refer to it) but for the header's keep note
		bases=$(readelf -n "$prog" | awk '/Base: / { b = $0; sub(/.*Base: /, "", b); sub(/,.*/, "", b); print b }' | sort -u)
		if r=$(section_range "$prog" .stapsdt.base); then
			set -- $r
			[ "$1" -gt 0 ] || fail "$prog: .stapsdt.base at address 0"
			base=$(printf '0x%016x' "$1")
			[ "$bases" = "$base" ] || fail "$prog: .stapsdt.base at $base, the notes say $bases"
			base=".stapsdt.base at $(printf '0x%x' "$1")"
		else
			fail "$prog: $ld dropped .stapsdt.base (the notes' base: $bases)"
		fi
		out=$("$SDTKIT" check "$D/lto.d" "$prog" 2>&1) || fail "$prog: sdtkit check: $out"
		[ -z "$out" ] || fail "$prog: sdtkit check said: $out"
		echo "$prog: $nnotes notes, $base" >>"$report"
		progs="$progs $prog"
		n_ok=$((n_ok + 1))
	done
done

# bpftrace: one session attached to every program, which then runs each: both
# semaphores are armed, and each program's five steps fire
if [ $trace = 1 ] && [ -n "$progs" ]; then
	step "bpftrace"
	echo 'BEGIN { printf("armed\n"); }' >lto.bt
	for p in $progs; do
		printf 'usdt:%s:lto:start { @start["%s"] = count(); }\nusdt:%s:lto:step { @step["%s"] = count(); }\n' \
			"$PWD/$p" "$p" "$PWD/$p" "$p" >>lto.bt
	done
	bg_start bpftrace bt.out bpftrace lto.bt
	wait_until -l bt.out 300 "bpftrace to attach to the LTO programs" grep -q '^armed' bt.out
	for p in $progs; do
		out=$(bounded 120 "./$p") || fail "$p: exit $?: $out"
		[ "$out" = "start enabled
step enabled" ] || fail "$p: under bpftrace the program said: $out ($(tail -n 3 bt.out))"
	done
	bg_stop "$BG_PID" 10 || true
	for p in $progs; do
		grep -q "^@start\[$p\]: 1\$" bt.out || fail "$p: start did not fire once: $(grep "$p" bt.out)"
		grep -q "^@step\[$p\]: 5\$" bt.out || fail "$p: step did not fire 5 times: $(grep "$p" bt.out)"
		sed -i "s|^\($p: .*\)|\1, start 1 hit and step 5 hits, semaphores armed|" "$report"
	done
fi

cat "$report"
echo "$n_ok programs linked with --gc-sections and clean, $n_na n/a; bitcode and gcc LTO objects named $n_targets targets"
[ "$n_ok" -ge 8 ] || fail "only $n_ok programs"
[ $trace = 1 ] || skip "bpftrace cannot run here ($why): everything but the firing passed"
pass
