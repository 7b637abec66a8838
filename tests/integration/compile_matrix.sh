# SPDX-License-Identifier: MIT
# compile_matrix.sh: both generated headers compile warning-free with gcc, clang, g++ and
# clang++ under every C and C++ standard, at -O0, -O2 and -fPIC; probe arguments are
# evaluated exactly once when enabled and never when disabled; hidden semaphores need no GOT.
# shellcheck shell=bash disable=SC2086 # $W and $opt are flag lists, split on purpose
# shellcheck source=tests/lib.sh
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
need gcc clang g++ clang++ objdump nm readelf

D=$TESTDATA/matrix
W="-Wall -Wextra -Wpedantic -Wshadow -Wundef -Werror"

mkdir -p "$T/enabled" "$T/disabled" "$T/default"
"$SDTKIT" header -o "$T/enabled/matrix_probes.h" "$D/matrix.d" || fail "sdtkit header"
"$SDTKIT" header --disabled -o "$T/disabled/matrix_probes.h" "$D/matrix.d" ||
	fail "sdtkit header --disabled"
"$SDTKIT" header --semaphores=default -o "$T/default/matrix_probes.h" "$D/matrix.d" ||
	fail "sdtkit header --semaphores=default"
"$SDTKIT" object -o "$T/sem.o" "$D/matrix.d" || fail "sdtkit object"

# every semaphore the enabled header declares (use.c tests each probe's _ENABLED())
sems=$(grep -o '[A-Za-z0-9_]*_semaphore\b' "$T/enabled/matrix_probes.h" | sort -u)
nsems=$(printf '%s\n' "$sems" | wc -l)
[ "$nsems" -ge 11 ] || fail "expected at least 11 semaphores in the header, found $nsems"

# run CMD...: run a compiler; any failure or any output at all fails the test
run() {
	out=$("$@" 2>&1) || fail "$(printf '%s\n%s' "$*" "$out")"
	[ -z "$out" ] || fail "$(printf 'diagnostics from: %s\n%s' "$*" "$out")"
}

# check_pic OBJ WHAT: hidden semaphores are reached PC-relative, never through the GOT
check_pic() {
	dis=$(objdump -dr "$1")
	for s in $sems; do
		printf '%s\n' "$dis" | grep -Eq "R_X86_64_PC32[[:space:]]+$s([-+]|\$)" ||
			fail "$2: no R_X86_64_PC32 reference to $s in -fPIC code"
	done
	if printf '%s\n' "$dis" | grep -E 'GOTPC[A-Z]*[[:space:]]+[A-Za-z0-9_]*_semaphore'; then
		fail "$2: hidden semaphore loaded through the GOT in -fPIC code"
	fi
}

# check_run PROG WHAT STATE: every side effect in a probe argument happens exactly once
# when enabled, never when disabled
check_run() {
	res=$("$1") || fail "$2: program exited with $?"
	calls=${res#calls=}; calls=${calls%% *}
	effects=${res##*effects=}
	[ "$calls" -gt 0 ] 2>/dev/null || fail "$2: unexpected output '$res'"
	case $3 in
	enabled) [ "$effects" = "$calls" ] ||
		fail "$2: $effects side effects for $calls probe calls (expected exactly one each)" ;;
	disabled) [ "$effects" = 0 ] ||
		fail "$2: disabled probes evaluated their arguments ($effects side effects)" ;;
	esac
}

n=0
arch=$(uname -m)
for lang in c c++; do
	if [ "$lang" = c ]; then
		compilers="gcc clang"
		stds="c99 c11 c17 gnu11 c2x"
	else
		compilers="g++ clang++"
		stds="c++11 c++14 c++17 c++20"
	fi
	for cc in $compilers; do
		for std in $stds; do
			for opt in -O0 -O2 -fPIC; do
				for state in enabled disabled; do
					what="$cc -x $lang -std=$std $opt ($state header)"
					tag=$cc-$std$opt-$state
					o=$T/$tag.o
					run "$cc" -x "$lang" -std="$std" $W $opt -I"$T/$state" -c "$D/use.c" -o "$o"
					if nm -u "$o" | grep -q sdtkit_check_; then
						fail "$what: undefined reference to a type-check symbol"
					fi
					if [ "$state" = enabled ]; then
						run "$cc" "$o" "$T/sem.o" -o "$T/$tag"
						[ "$opt" = -fPIC ] && [ "$arch" = x86_64 ] && check_pic "$o" "$what"
					else
						readelf -S "$o" | grep -q stapsdt &&
							fail "$what: disabled header emitted probe notes"
						nm -u "$o" | grep -q _semaphore &&
							fail "$what: disabled header references a semaphore"
						run "$cc" "$o" -o "$T/$tag"
					fi
					check_run "$T/$tag" "$what" "$state"
					n=$((n + 1))
				done
			done
		done
	done
done
echo "$n combinations compiled warning-free, linked and run"

# --semaphores=default: the switch really changes the code: -fPIC reaches the
# semaphore through the GOT (it may be preempted by another module)
if [ "$arch" = x86_64 ]; then
	for cc in gcc clang; do
		run "$cc" $W -O2 -fPIC -I"$T/default" -c "$D/use.c" -o "$T/default-$cc.o"
		dis=$(objdump -dr "$T/default-$cc.o")
		for s in $sems; do
			printf '%s\n' "$dis" | grep -Eq "GOTPCRELX?[[:space:]]+$s([-+]|\$)" ||
				fail "$cc --semaphores=default: $s not loaded through the GOT in -fPIC code"
		done
		printf '%s\n' "$dis" | grep -Eq 'R_X86_64_PC32[[:space:]]+[A-Za-z0-9_]*_semaphore' &&
			fail "$cc --semaphores=default: semaphore reached PC-relative in -fPIC code"
	done
	echo "-fPIC: hidden semaphores PC32 ($nsems of them), --semaphores=default GOTPCREL"
else
	echo "not x86-64: relocation checks skipped"
fi
pass
