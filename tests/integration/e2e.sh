# SPDX-License-Identifier: MIT
# e2e.sh: tests/data/e2e's program, built as an executable and as a shared
# library, checked with readelf -n (notes, semaphores, argument sizes) and gdb
# (probes, argument values). bpftrace.sh checks the same builds with bpftrace.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
need gcc readelf gdb

cd "$T"
e2e_build

# probe name, then the argument sizes its C types must give on x86-64
expected='zero
one -4
six -1 1 -2 2 -4 4
twelve -8 8 -8 8 8 8 8 -2 -1 4 1 2
dbl -4 8f
str__arg 8 -4'

# check_notes FILE: each probe once, provider e2e, argument sizes as expected,
# semaphore = the <provider>_<probe>_semaphore symbol, inside .probes
check_notes() {
	f=$1
	sdt_notes "$f" > "$f.notes"
	[ "$(wc -l < "$f.notes")" = 6 ] || fail "$f: expected 6 SDT notes, got: $(cat "$f.notes")"
	set -- $(section_range "$f" .probes) || fail "$f: no .probes section"
	lo=$1 hi=$2
	printf '%s\n' "$expected" | while read -r name sizes; do
		line=$(awk -v n="$name" '$2 == n' "$f.notes")
		[ "$(printf '%s\n' "$line" | grep -c .)" = 1 ] || fail "$f: probe '$name' not found exactly once"
		set -- $line
		[ "$1" = e2e ] || fail "$f: probe '$name' has provider '$1'"
		sem=$(($3))
		[ "$sem" != 0 ] || fail "$f: probe '$name' has no semaphore"
		want=$(sym_value "$f" "e2e_${name}_semaphore") || fail "$f: no symbol e2e_${name}_semaphore"
		[ "$sem" = "$want" ] || fail "$f: '$name' semaphore $3, symbol at $want"
		[ "$sem" -ge "$lo" ] && [ $((sem + 2)) -le "$hi" ] || fail "$f: '$name' semaphore $3 outside .probes"
		shift 3
		for a in "$@"; do
			printf '%s\n' "$a" | grep -Eq '^-?[1248]f?@.' || fail "$f: '$name': bad argument '$a'"
		done
		got=$(printf '%s\n' "$@" | sed 's/@.*//' | tr '\n' ' ' | sed 's/ $//')
		[ "$got" = "$sizes" ] || fail "$f: '$name' argument sizes '$got', expected '$sizes'"
	done || exit 1
}

check_notes e2e-exe
check_notes libe2e.so
[ -z "$(sdt_notes e2e-shared)" ] || fail "e2e-shared has notes of its own: the probes belong to the library"
# hidden: one semaphore per shared object, not exported
readelf --dyn-syms -W libe2e.so | grep -q _semaphore && fail "libe2e.so exports its semaphores"
for name in zero one six twelve dbl str__arg; do
	s=e2e_${name}_semaphore
	[ "$(readelf -sW sem-pic.o | awk -v s="$s" '$8 == s { print $3, $4, $5, $6 }')" = "2 OBJECT GLOBAL HIDDEN" ] ||
		fail "sem-pic.o: $s is not a 2-byte global hidden object"
	[ "$(readelf -sW libe2e.so | awk -v s="$s" '$8 == s { print $5 }')" = LOCAL ] || fail "libe2e.so: $s is not local"
done

# gdb must be able to run a program here
gdb -q -nx -batch -ex run --args /bin/true 2>&1 | grep -q 'exited normally' ||
	skip "gdb cannot run programs here: $(gdb -q -nx -batch -ex run --args /bin/true 2>&1 | tail -n 1)"

# the argument values, printed by gdb at each probe; gdb stops reading a
# probe's arguments at an 8f@ one, so dbl's double is checked by readelf alone
gdb_args='break -probe-stap e2e:zero
break -probe-stap e2e:one
break -probe-stap e2e:six
break -probe-stap e2e:twelve
break -probe-stap e2e:dbl
break -probe-stap e2e:str__arg
continue
printf "GOT zero %d\n", $_probe_argc
continue
printf "GOT one %d %d\n", $_probe_argc, $_probe_arg0
continue
printf "GOT six %d %d %d %d %d %d %u\n", $_probe_argc, $_probe_arg0, $_probe_arg1, $_probe_arg2, $_probe_arg3, $_probe_arg4, $_probe_arg5
continue
printf "GOT twelve %d %lld %llu %ld %lu %s %p %d %d %d %u %u %u\n", $_probe_argc, $_probe_arg0, $_probe_arg1, $_probe_arg2, $_probe_arg3, (char *)$_probe_arg4, $_probe_arg5, *(int *)$_probe_arg6, $_probe_arg7, $_probe_arg8, $_probe_arg9, $_probe_arg10, $_probe_arg11
printf "GOT twelve-pointers %d %d\n", (char *)$_probe_arg4 == e2e_hello, (int *)$_probe_arg6 == &e2e_target
continue
printf "GOT dbl\n"
continue
printf "GOT str__arg %d %s %d\n", $_probe_argc, (char *)$_probe_arg0, $_probe_arg1
continue'
gdb_want='GOT zero 0
GOT one 1 1234567
GOT six 6 -5 200 -1234 65000 -123456 4000000000
GOT twelve 12 -1234567890123 18000000000000000000 -7 123456789 hello e2e 0x12345678 4242 -32000 -128 3735928559 255 48879
GOT twelve-pointers 1 1
GOT dbl
GOT str__arg 2 probe string 7'

# gdb_run PROGRAM: stop at main (the library is loaded then), list the probes,
# then walk through one round of probes
gdb_run() {
	{
		printf 'set pagination off\nset confirm off\nbreak main\nrun\n'
		printf 'printf "INFO-BEGIN\\n"\ninfo probes stap e2e\nprintf "INFO-END\\n"\n'
		printf '%s\n' "$gdb_args"
	} > "$1.gdb"
	bounded 300 gdb -q -nx -batch -x "$1.gdb" --args "./$1" > "$1.gdb.out" 2>&1 ||
		fail "gdb on $1 failed: $(tail -n 5 "$1.gdb.out")"
	grep -q 'exited normally' "$1.gdb.out" || fail "$1 did not run to completion under gdb: $(tail -n 5 "$1.gdb.out")"
	got=$(grep '^GOT ' "$1.gdb.out")
	[ "$got" = "$gdb_want" ] || fail "gdb on $1: got
$got
expected
$gdb_want"
}

# info probes: every probe, in the object that holds it, at the address and
# with the semaphore readelf reports (the address shifted by the object's load
# bias)
check_info_probes() {
	prog=$1 obj=$2
	sed -n '/^INFO-BEGIN/,/^INFO-END/p' "$prog.gdb.out" | awk '$1 == "stap"' > "$prog.info"
	[ "$(wc -l < "$prog.info")" = 6 ] || fail "gdb 'info probes' in $prog: $(cat "$prog.gdb.out")"
	readelf -n "$obj" | awk '/Name: / { n = $2 } /Location: / { sub(/,$/, "", $2); print n, $2, $NF }' > "$obj.locs"
	bias=
	for name in zero one six twelve dbl str__arg; do
		set -- $(awk -v n="$name" '$3 == n' "$prog.info")
		[ "$#" = 6 ] && [ "$2" = e2e ] || fail "gdb does not list e2e:$name (with a semaphore) in $prog: $(cat "$prog.info")"
		[ "$6" = "$T/$obj" ] || fail "gdb lists e2e:$name in '$6', expected $T/$obj"
		loc=$(($4)) sem=$(($5))
		set -- $(awk -v n="$name" '$1 == n' "$obj.locs")
		[ -n "$bias" ] || bias=$((loc - $2))
		[ $((loc - $2)) = "$bias" ] || fail "gdb: e2e:$name at $loc, readelf says $2 (bias $bias)"
		# gdb prints the semaphore's link-time address
		[ "$sem" = $(($3)) ] || fail "gdb: e2e:$name semaphore at $sem, readelf says $3"
	done
}

gdb_run e2e-exe
check_info_probes e2e-exe e2e-exe
gdb_run e2e-shared
check_info_probes e2e-shared libe2e.so

pass
