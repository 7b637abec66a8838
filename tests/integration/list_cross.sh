# SPDX-License-Identifier: MIT
# list_cross.sh: `sdtkit list` reads files of every architecture, whatever the host:
# objects, executables and archives from the aarch64, arm, riscv64, ppc64el, s390x, i386
# and x86-64 compilers agree with readelf -n, and their argument operands parse by the
# file's e_machine into the expected parts
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/list/helpers.sh"
need readelf jq ar

# name  compiler  machine-in-json  a memory operand of this arch's -O0 code, parsed
arches="
x86_64 x86_64-linux-gnu-gcc x86_64 rbp
i386 i686-linux-gnu-gcc i386 ebp
aarch64 aarch64-linux-gnu-gcc aarch64 sp
arm arm-linux-gnueabihf-gcc arm r7
riscv64 riscv64-linux-gnu-gcc riscv s0
ppc64el powerpc64le-linux-gnu-gcc ppc64 r9
s390x s390x-linux-gnu-gcc s390 r11
"
# the native compiler stands in for its cross compiler
case $(uname -m) in x86_64) native=x86_64-linux-gnu-gcc ;; aarch64) native=aarch64-linux-gnu-gcc ;; *) native= ;; esac
compiler() { if [ "$1" = "$native" ] && ! command -v "$1" >/dev/null 2>&1; then echo gcc; else echo "$1"; fi; }
while read -r name cc mach membase; do
	[ -n "$name" ] || continue
	need "$(compiler "$cc")"
done <<EOF
$arches
EOF

D=$TESTDATA/list
sdt_include "$T/inc"
"$SDTKIT" header -o "$T/inc/list_probes.h" "$D/list.d" || fail "sdtkit header"

while read -r name cc mach membase; do
	[ -n "$name" ] || continue
	cc=$(compiler "$cc")
	W=$T/$name
	mkdir -p "$W"
	# (SDTKIT_TYPECHECK=0: the arguments reach the sites as they are, so the
	# operand forms checked below are the compiler's for list.c's expressions,
	# and constants stay immediates at -O0, where the header's locals would
	# live in memory)
	for o in 0 2; do
		"$cc" -O$o -DSDTKIT_TYPECHECK=0 -I"$T/inc" -c "$D/list.c" -o "$W/list$o.o" || fail "$name: $cc -O$o"
	done
	"$SDTKIT" object --like="$W/list2.o" -o "$W/sem.o" "$D/list.d" || fail "$name: sdtkit object"
	"$cc" "$W/list2.o" "$W/sem.o" -o "$W/exe" || fail "$name: link"
	(cd "$W" && ar rc lib.a list0.o list2.o sem.o) || fail "$name: ar"

	N_EXPECT=9
	for f in list0.o list2.o exe; do
		same_set "$name $f" "$W/$f"
	done
	N_EXPECT=18 same_set "$name lib.a" "$W/lib.a"

	"$SDTKIT" list --format=json "$W/list0.o" "$W/list2.o" "$W/exe" >"$W/j" || fail "$name: json"
	jq -e --arg m "$mach" 'all(.[]; .machine == $m)' "$W/j" >/dev/null ||
		fail "$name: machine is not '$mach': $(jq -r '.[0].machine' "$W/j")"
	bad=$(jq -r '.[] | select(.function != (if .provider == "lst" then "work" else "main" end)) |
		"\(.module) \(.name) in \(.function)"' "$W/j")
	[ -z "$bad" ] || fail "$name: wrong functions: $bad"
	bad=$(jq -r '.[] | .args[] | select(.operand == null or .size == null) | .spec' "$W/j")
	[ -z "$bad" ] || fail "$name: unparsed arguments: $bad"
	# the arguments as split and sized match the string, and the constants are constants
	bad=$(jq -r '.[] | select(([.args[].spec] | join(" ")) != .arguments) | .name' "$W/j")
	[ -z "$bad" ] || fail "$name: arguments split wrongly for: $bad"
	jq -e 'all(.[] | select(.name == "konst"); [.args[].operand | .kind, .imm] == ["imm", 5, "imm", -42])' \
		"$W/j" >/dev/null || fail "$name: konst: $(jq -c '[.[] | select(.name == "konst") | .args]' "$W/j")"
	jq -e 'all(.[] | select(.name == "ints"); [.args[] | .size, .signed] ==
		[1, true, 1, false, 2, true, 2, false, 4, true, 4, false])' "$W/j" >/dev/null ||
		fail "$name: ints sizes and signs"
	jq -e 'all(.[] | select(.name == "floats"); [.args[] | .size, .float] == [4, true, 8, true])' \
		"$W/j" >/dev/null || fail "$name: floats"
	jq -e --arg b "$membase" '[.[] | select(.module == "list0.o") | .args[].operand |
		select(.kind == "mem" and .base == $b)] | length > 0' "$W/j" >/dev/null ||
		fail "$name: no -O0 memory operand based on '$membase': $(jq -c '[.[] | select(.module == "list0.o") | .args[].spec]' "$W/j")"
	jq -e '[.[].args[].operand.kind] | unique == ["imm", "mem", "reg"]' "$W/j" >/dev/null ||
		fail "$name: not every operand kind was seen"
	# the data model: 4-byte addresses in 32-bit files
	case $name in i386 | arm)
		readelf -h "$W/exe" | grep -q 'Class:.*ELF32' || fail "$name: not ELF32" ;;
	esac
done <<EOF
$arches
EOF

# operands that only some machines have, each parsed into its parts
check_arg() { # FILE NAME ARGNO JQ-CONDITION
	jq -e --arg n "$2" --argjson i "$3" "[.[] | select(.name == \$n) | .args[\$i].operand] | all($4)" \
		<"$T/$1.json" >/dev/null ||
		fail "$1 $2 argument $3: $(jq -c --arg n "$2" --argjson i "$3" '.[] | select(.name == $n) | .args[$i]' <"$T/$1.json")"
}
for name in x86_64 i386 aarch64 arm ppc64el s390x riscv64; do
	"$SDTKIT" list --format=json "$T/$name/list2.o" >"$T/$name.json" || fail "$name json"
done
check_arg x86_64 indexed 1 '.kind == "mem" and .base == "rax" and .index == "rdx" and .scale == 8 and .offset == 0'
check_arg x86_64 global__var 0 '.kind == "mem" and .base == "rip" and .symbol == "gcount" and .offset == 0'
check_arg x86_64 global__var 1 '.kind == "mem" and .base == "rip" and .symbol == "gtab" and .offset == 24'
check_arg i386 indexed 1 '.kind == "mem" and .base == "ebx" and .index == "eax" and .scale == 4 and .symbol == "gtab@GOTOFF"'
check_arg aarch64 global__var 0 '.kind == "mem" and .base == "x5" and .symbol == ":lo12:.LANCHOR1"'
check_arg aarch64 global__var 1 '.kind == "mem" and .base == "x2" and .offset == 24'
check_arg arm indexed 1 '.kind == "mem" and .base == "r2" and .index == "r5" and .scale == 4'
check_arg arm indexed 0 '.kind == "mem" and .base == "r4" and .offset == -32'
check_arg ppc64el indexed 0 '.kind == "mem" and .base == "r10" and .index == "r7" and .scale == 1'
check_arg ppc64el function__entry 0 '.kind == "reg" and .reg == "r4"'
check_arg s390x indexed 0 '.kind == "mem" and .base == "r15" and .index == "r5" and .offset == 180'
check_arg riscv64 indexed 0 '.kind == "mem" and .base == "a2" and .offset == -64'

# non-PIC code reaches globals by absolute and %lo() addresses; x86 thread-locals by segment
for name in i386 riscv64; do
	cc=$(compiler "$(echo "$arches" | awk -v n=$name '$1 == n { print $2 }')")
	"$cc" -O2 -fno-pie -DSDTKIT_TYPECHECK=0 -I"$T/inc" -c "$D/list.c" -o "$T/$name/nopic.o" || fail "$name: -fno-pie"
	N_EXPECT=9 same_set "$name nopic.o" "$T/$name/nopic.o"
	"$SDTKIT" list --format=json "$T/$name/nopic.o" >"$T/$name-nopic.json" || fail "$name nopic json"
done
check_arg i386-nopic global__var 0 '.kind == "mem" and .base == null and .index == null and .symbol == "gcount" and .offset == 0'
check_arg i386-nopic global__var 1 '.kind == "mem" and .base == null and .symbol == "gtab" and .offset == 12'
check_arg i386-nopic indexed 1 '.kind == "mem" and .base == null and .index == "eax" and .scale == 4 and .symbol == "gtab"'
check_arg riscv64-nopic global__var 0 '.kind == "mem" and .base == "a4" and .symbol == "%lo(gcount)" and .offset == 0'
for name in x86_64 i386; do
	cc=$(compiler "$(echo "$arches" | awk -v n=$name '$1 == n { print $2 }')")
	"$cc" -O2 -I"$T/inc" -c "$TESTDATA/list/forms.c" -o "$T/$name/forms.o" || fail "$name: forms.c"
	N_EXPECT=1 same_set "$name forms.o" "$T/$name/forms.o"
	"$SDTKIT" list --format=json "$T/$name/forms.o" >"$T/$name-forms.json" || fail "$name forms json"
done
check_arg x86_64-forms tls 0 '.kind == "mem" and .segment == "fs" and .symbol == "tv@tpoff" and .base == null'
check_arg i386-forms tls 0 '.kind == "mem" and .segment == "gs" and .symbol == "tv@ntpoff" and .base == null'
pass
