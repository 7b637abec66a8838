# SPDX-License-Identifier: MIT
# fuzz_regress_notes.sh: the inputs on which the note reader's fuzz harness
# (tests/fuzz/fuzz_notes.c) once found a bug, tests/fuzz/regress/notes/*, each
# listed in every format: exit status 1 with exactly one error line, never a
# crash or a sanitizer report. Each reproducer is damaged somewhere (an archive
# whose last member header is bad, when the bug was on a path that succeeds)
# so that its one error line shows the whole input was read. Runs the tool
# under test and an ASan+UBSan build of it ($SDTKIT_ASAN, or built here with
# clang if there is one: only clang reports arithmetic on a null pointer).
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
need cmake

R=$SRCDIR/tests/fuzz/regress/notes
set -- "$R"/*
[ -e "$1" ] || skip "no reproducers in $R"

asan=${SDTKIT_ASAN:-}
if [ -z "$asan" ]; then
	gen=
	type -P ninja >/dev/null 2>&1 && gen="-G Ninja"
	cc=
	command -v clang >/dev/null 2>&1 && cc=-DCMAKE_C_COMPILER=clang
	# shellcheck disable=SC2086
	cmake -S "$SRCDIR" -B "$T/asan" $gen $cc -DSDTKIT_SANITIZE=ON -DBUILD_TESTING=OFF \
		-DCMAKE_BUILD_TYPE=Debug >"$T/asan.log" 2>&1 &&
		cmake --build "$T/asan" --target sdtkit >>"$T/asan.log" 2>&1 ||
		fail "cannot build sdtkit with -DSDTKIT_SANITIZE=ON: $(tail -n 20 "$T/asan.log")"
	asan=$T/asan/sdtkit
fi
# a sanitizer report must not pass for our own exit status 1
export ASAN_OPTIONS=exitcode=99:detect_leaks=1 UBSAN_OPTIONS=exitcode=98:print_stacktrace=1:halt_on_error=1

for f in "$@"; do
	for bin in "$SDTKIT" "$asan"; do
		for fmt in table notes json; do
			rc=0
			"$bin" list --format="$fmt" "$f" >"$T/out" 2>"$T/err" || rc=$?
			drop_float_notes "$T/err" # a warning about what was read, not an error
			what="${f##*/} (--format=$fmt, $bin)"
			[ "$rc" = 1 ] || fail "$what: exit status $rc, expected 1: $(head -c 2000 "$T/err")"
			[ "$(wc -l <"$T/err")" = 1 ] ||
				fail "$what: expected exactly one error line, got: $(head -c 2000 "$T/err")"
			grep -q "^[^ ]*sdtkit: error: '$f[(]*.*': ." "$T/err" ||
				fail "$what: the error does not name the file: $(cat "$T/err")"
		done
	done
done
pass
