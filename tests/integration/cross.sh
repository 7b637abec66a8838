# SPDX-License-Identifier: MIT
# cross.sh: semaphore objects for foreign targets, inferred from the objects
# they go with (or --target / --like), link with the cross toolchains and keep
# the probes, the ELF identity and the CET/BTI properties of the link; `sdtkit check`
# finds each program clean, and each runs on its machine under qemu-user (i686: natively
# when the kernel runs 32-bit x86 programs), the semaphores read where sdtkit put them
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
need gcc readelf aarch64-linux-gnu-gcc riscv64-linux-gnu-gcc

D=$TESTDATA/e2e
cd "$T"
sdt_include inc
"$SDTKIT" header -o e2e.h "$D/e2e.d" || fail "sdtkit header"

# check_probes PROG CLASS: the six probes, provider e2e, argument sizes as the
# C types give them for CLASS (ELF32/ELF64), semaphores = their symbols, in .probes
check_probes() {
	prog=$1
	if [ "$2" = ELF64 ]; then
		ptr=8 twelve='-8 8 -8 8 8 8 8 -2 -1 4 1 2'
	else
		ptr=4 twelve='-8 8 -4 4 4 4 4 -2 -1 4 1 2'
	fi
	sdt_notes "$prog" > "$prog.notes"
	[ "$(wc -l < "$prog.notes")" = 6 ] || fail "$prog: expected 6 SDT notes, got: $(cat "$prog.notes")"
	set -- $(section_range "$prog" .probes) || fail "$prog: no .probes section"
	lo=$1 hi=$2
	printf '%s\n' "zero" "one -4" "six -1 1 -2 2 -4 4" "twelve $twelve" "dbl -4 8f" "str__arg $ptr -4" |
	while read -r name sizes; do
		set -- $(awk -v n="$name" '$2 == n' "$prog.notes")
		[ "${1-}" = e2e ] || fail "$prog: no probe e2e:$name"
		sem=$(($3))
		want=$(sym_value "$prog" "e2e_${name}_semaphore") || fail "$prog: no symbol e2e_${name}_semaphore"
		[ "$sem" != 0 ] && [ "$sem" = "$want" ] || fail "$prog: e2e:$name semaphore $3, symbol at $want"
		[ "$sem" -ge "$lo" ] && [ $((sem + 2)) -le "$hi" ] || fail "$prog: e2e:$name semaphore $3 outside .probes"
		shift 3
		# an operand may hold a space (arm: [sp, #4]): find the SIZE@ heads
		got=$(printf ' %s' "$@" | grep -oE ' -?[1248]f?@' | sed 's/^ //; s/@$//' | tr '\n' ' ' | sed 's/ $//')
		[ "$got" = "$sizes" ] || fail "$prog: e2e:$name argument sizes '$got', expected '$sizes'"
	done || exit 1
}

# runner TRIPLE: sets run to the command that runs TRIPLE's programs here -- qemu-user
# with the cross toolchain's libraries, or for i686 the kernel itself if it runs 32-bit
# x86 programs -- or leaves it empty and says why in $why
runner() {
	run="" why=""
	case $1 in
	aarch64-*) q=qemu-aarch64 ;;
	riscv64-*) q=qemu-riscv64 ;;
	arm-*) q=qemu-arm ;;
	powerpc64le-*) q=qemu-ppc64le ;;
	s390x-*) q=qemu-s390x ;;
	i686-*)
		q=qemu-i386 ld=/usr/$1/lib/ld-linux.so.2
		if [ "$(uname -m)" = x86_64 ] && "$ld" --version >/dev/null 2>&1; then
			run="$ld --library-path /usr/$1/lib"
			return
		fi ;;
	*) why="no runner known for $1"; return ;;
	esac
	if command -v $q >/dev/null 2>&1; then
		run="$q -L /usr/$1"
	else
		why="$q is not installed"
	fi
}

# expect_run PROG STATUS STDOUT ARGS...: $run PROG ARGS exits STATUS printing STDOUT
expect_run() {
	_p=$1 _st=$2 _want=$3
	shift 3
	_rc=0
	bounded 300 $run "$_p" "$@" >"$_p.out" 2>"$_p.err" </dev/null || _rc=$?
	[ "$_rc" = "$_st" ] && [ "$(cat "$_p.out")" = "$_want" ] ||
		fail "'$run $_p $*' exited $_rc, printed '$(cat "$_p.out" "$_p.err")'; expected $_st, '$_want'"
}

# set_semaphore OBJ SYMBOL: set the 2-byte SYMBOL of the relocatable OBJ to 1, in OBJ's byte order
set_semaphore() {
	_off=$(readelf -SW "$1" | sed 's/^ *\[ *[0-9]*\]//' | awk '$1 == ".probes" { print $4 }')
	_sym=$(sym_value "$1" "$2") && [ -n "$_off" ] || fail "$1: no .probes or no $2"
	case $(readelf -h "$1" | awk '/Data:/ { print $(NF - 1) }') in
	little) _one='\001\000' ;;
	big) _one='\000\001' ;;
	*) fail "$1: unknown byte order" ;;
	esac
	printf "$_one" | dd of="$1" bs=1 seek=$((16#$_off + _sym)) conv=notrunc status=none || fail "dd"
}

# cross TRIPLE: the whole round for one cross toolchain
cross() {
	tr=$1 cc=$1-gcc
	mkdir "$tr"
	$cc -O2 -Wall -Werror -Iinc -I. -c "$D/e2e_probes.c" -o "$tr/user.o" || fail "$cc: compile e2e_probes.c"
	$cc -O2 -Wall -Werror -c "$D/e2e_main.c" -o "$tr/main.o" || fail "$cc: compile e2e_main.c"
	"$SDTKIT" object -o "$tr/sem.o" "$D/e2e.d" "$tr/user.o" || fail "$tr: sdtkit object"
	[ "$(elf_ident "$tr/sem.o")" = "$(elf_ident "$tr/user.o")" ] ||
		fail "$tr: sem.o is $(elf_ident "$tr/sem.o"), user.o is $(elf_ident "$tr/user.o")"
	# --like names the reference without linking it: the very same object
	"$SDTKIT" object --like="$tr/user.o" -o "$tr/like.o" "$D/e2e.d" || fail "$tr: sdtkit object --like"
	cmp "$tr/like.o" "$tr/sem.o" || fail "$tr: --like=user.o differs from the object inferred from user.o"
	# an object without probes is read from its headers alone (src/elfpeek.c): the same target
	echo 'int plain(void) { return 1; }' >"$tr/plain.c"
	$cc -O2 -c "$tr/plain.c" -o "$tr/plain.o" || fail "$cc: compile plain.c"
	! readelf -SW "$tr/plain.o" | grep -q '\.note\.stapsdt' || fail "$tr: plain.o has probes"
	"$SDTKIT" object -o "$tr/plain-sem.o" "$D/e2e.d" "$tr/plain.o" || fail "$tr: sdtkit object plain.o"
	cmp "$tr/plain-sem.o" "$tr/sem.o" || fail "$tr: the object inferred from plain.o differs from user.o's"
	$cc "$tr/main.o" "$tr/user.o" "$tr/sem.o" -o "$tr/prog" || fail "$cc: link"
	[ "$(elf_ident "$tr/prog" | grep -v Flags)" = "$(elf_ident "$tr/user.o" | grep -v Flags)" ] ||
		fail "$tr: the program is not for the target of user.o"
	check_probes "$tr/prog" "$(readelf -h "$tr/user.o" | awk '/Class:/ { print $2 }')"
	"$SDTKIT" check "$D/e2e.d" "$tr/prog" "$tr/user.o" >"$tr/check.out" 2>&1 ||
		fail "$tr: sdtkit check e2e.d prog user.o: $(cat "$tr/check.out")"
	drop_float_notes "$tr/check.out" # e2e:dbl has a double
	[ ! -s "$tr/check.out" ] || fail "$tr: sdtkit check exited 0 but said: $(cat "$tr/check.out")"
	# the same program with the semaphore object armed, as a tracer would: twelve's
	# semaphore set to 1 (and, the control, its neighbour one's)
	for s in twelve one; do
		cp "$tr/sem.o" "$tr/armed-$s.o"
		set_semaphore "$tr/armed-$s.o" e2e_${s}_semaphore
		$cc "$tr/main.o" "$tr/user.o" "$tr/armed-$s.o" -o "$tr/prog-$s" || fail "$cc: link prog-$s"
	done
	runner "$tr"
	if [ -z "$run" ]; then
		echo "skip running $tr: $why"
		norun="$norun $tr ($why)"
	else
		# fire each probe once (nops): silent, exit 0; -s with no stop file: one round,
		# printing the semaphore's state; a bad option: exit 2
		expect_run "$tr/prog" 0 ""
		expect_run "$tr/prog" 0 "e2e: twelve disabled" -s "$tr/no-such-file"
		expect_run "$tr/prog" 2 "" -x
		grep -q "invalid option" "$tr/prog.err" || fail "$tr: prog -x: $(cat "$tr/prog.err")"
		expect_run "$tr/prog-twelve" 0 "e2e: twelve enabled" -s "$tr/no-such-file"
		expect_run "$tr/prog-one" 0 "e2e: twelve disabled" -s "$tr/no-such-file"
		echo "ok run $tr ($run): prog prints nothing; -s: 'e2e: twelve disabled', 'enabled' once armed"
	fi
	echo "ok $tr: $(elf_ident "$tr/sem.o" | tr '\n' ';')"
}

norun=
for tr in aarch64-linux-gnu riscv64-linux-gnu arm-linux-gnueabihf powerpc64le-linux-gnu \
	s390x-linux-gnu i686-linux-gnu; do
	if command -v "$tr-gcc" >/dev/null 2>&1; then
		cross "$tr"
	else
		echo "skip $tr: $tr-gcc is not installed"
		norun="$norun $tr ($tr-gcc is not installed)"
	fi
done

# --target names the machine without an object
"$SDTKIT" object --target=aarch64 -o target.o "$D/e2e.d" || fail "sdtkit object --target=aarch64"
[ "$(elf_ident target.o | grep -E 'Class|Machine')" = "Class: ELF64
Machine: AArch64" ] || fail "--target=aarch64 gave $(elf_ident target.o)"

# a mismatch between --target and the objects is an error naming both
gcc -O2 -I. -c "$D/e2e_probes.c" -o x86.o || fail "compile e2e_probes.c"
if "$SDTKIT" object --target=aarch64 -o bad.o "$D/e2e.d" x86.o 2> bad.err; then
	fail "--target=aarch64 with an x86-64 object succeeded"
else
	rc=$?
fi
[ "$rc" = 1 ] || fail "--target=aarch64 with an x86-64 object: exit $rc, expected 1"
grep -q aarch64 bad.err && grep -Eq 'x86[-_]64' bad.err && grep -q x86.o bad.err ||
	fail "the mismatch message does not name both targets and the object: $(cat bad.err)"
[ ! -e bad.o ] || fail "a failed sdtkit object left bad.o behind"
# and so are objects for two machines
if "$SDTKIT" object -o bad.o "$D/e2e.d" aarch64-linux-gnu/user.o riscv64-linux-gnu/user.o 2> bad.err; then
	fail "objects for aarch64 and riscv64 together were accepted"
else
	rc=$?
fi
[ "$rc" = 1 ] && grep -q aarch64 bad.err && grep -q riscv bad.err ||
	fail "mixed aarch64/riscv64 objects: exit $rc, $(cat bad.err)"
[ ! -e bad.o ] || fail "a failed sdtkit object left bad.o behind"

# properties: a -shared -nostdlib link of the compiled probes plus the
# semaphore object keeps the AND-features the compiled object claims, where a
# data object without them (the control) drops them
# property CC FLAGS FEATURE: one architecture's check
property() {
	cc=$1 flags=$2 feature=$3 d=prop-$1
	mkdir "$d"
	$cc -O2 -fPIC $flags -I inc -I. -c "$D/e2e_probes.c" -o "$d/user.o" || fail "$cc $flags: compile"
	readelf -n "$d/user.o" | grep -qF "$feature" || fail "$cc $flags does not mark its object with '$feature'"
	"$SDTKIT" object -o "$d/sem.o" "$D/e2e.d" "$d/user.o" || fail "$cc: sdtkit object"
	$cc -shared -nostdlib "$d/user.o" "$d/sem.o" -o "$d/lib.so" || fail "$cc: -shared -nostdlib link"
	readelf -n "$d/lib.so" | grep -qF "$feature" ||
		fail "$cc $flags: the semaphore object drops '$feature': $(readelf -n "$d/lib.so" | grep feature)"
	[ "$(sdt_notes "$d/lib.so" | wc -l)" = 6 ] || fail "$cc: lib.so lost its probes"
	# the control: the same semaphores, compiled without the flags
	for name in zero one six twelve dbl str__arg; do
		echo "__attribute__((section(\".probes\"), visibility(\"hidden\"))) unsigned short e2e_${name}_semaphore;"
	done > "$d/control.c"
	$cc -O2 -fPIC -c "$d/control.c" -o "$d/control.o" || fail "$cc: compile control.c"
	$cc -shared -nostdlib "$d/user.o" "$d/control.o" -o "$d/control.so" || fail "$cc: control link"
	! readelf -n "$d/control.so" | grep -qF "$feature" ||
		fail "$cc: the control keeps '$feature', so this check proves nothing"
	echo "ok $cc $flags: $feature"
}
property gcc -fcf-protection=full 'x86 feature: IBT, SHSTK'
property aarch64-linux-gnu-gcc -mbranch-protection=standard 'AArch64 feature: BTI, PAC'

# every target must have been built and run: a missing cross compiler or qemu is no pass
[ -z "$norun" ] || skip "built and ran no program for:$norun"
pass
