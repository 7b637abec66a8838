# SPDX-License-Identifier: MIT
# list_malformed.sh: what the catalogue of bad ELF inputs (tests/elf/catalogue, one
# file and one error each) does not express: an archive whose good members are still
# listed before a bad one is reported (a member size running past the end, a damaged
# member), several files where the bad ones are named and the good ones listed, the
# .stapsdt.base adjustment of a "prelinked" file, and random damage that must never
# crash the reader. Everything runs twice: with the tool under test and with an
# ASan+UBSan build of it ($SDTKIT_ASAN, or built here).
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/list/helpers.sh"
need gcc ar jq readelf cmake

D=$TESTDATA/list
P=$T/probes
probe_files "$P"
gcc -O2 -I"$P" -c "$D/list.c" -o "$T/good.o" || fail "build good.o"
gcc "$T/good.o" "$P/sem.o" -o "$T/good" || fail "build good"
gcc -O2 -o "$T/mkbad" "$D/mkbad.c" || fail "build mkbad"

asan=${SDTKIT_ASAN:-}
if [ -z "$asan" ]; then
	gen=
	type -P ninja >/dev/null 2>&1 && gen="-G Ninja"
	# shellcheck disable=SC2086
	cmake -S "$SRCDIR" -B "$T/asan" $gen -DSDTKIT_SANITIZE=ON -DBUILD_TESTING=OFF \
		-DCMAKE_BUILD_TYPE=Debug >"$T/asan.log" 2>&1 &&
		cmake --build "$T/asan" --target sdtkit >>"$T/asan.log" 2>&1 ||
		fail "cannot build sdtkit with -DSDTKIT_SANITIZE=ON: $(tail -n 20 "$T/asan.log")"
	asan=$T/asan/sdtkit
fi
# a sanitizer report must not pass for our own exit status 1
export ASAN_OPTIONS=exitcode=99:detect_leaks=1 UBSAN_OPTIONS=exitcode=98:print_stacktrace=1

W=$T/in
mkdir -p "$W"
cd "$W" || fail "cd"

# inputs: damaged ELF files (their one error each is the catalogue's), a directory
"$T/mkbad" descsz "$T/good" "$W/descsz" || fail "mkbad descsz"
"$T/mkbad" descsz "$T/good.o" "$W/bad.o" || fail "mkbad descsz good.o"
"$T/mkbad" base "$T/good" "$W/prelinked" || fail "mkbad base"
mkdir "$W/dir"
# inputs: archives (ar format: "!<arch>\n", then 60-byte headers whose size is 10 decimal digits)
arhdr() { printf '%-16s%-12s%-6s%-6s%-8s%-10s`\n' "$1" 0 0 0 644 "$2"; }
osize=$(wc -c <"$T/good.o")
# a good member, then one whose size runs past the end
{ printf '!<arch>\n'; arhdr good.o/ "$osize"; cat "$T/good.o"; [ $((osize % 2)) = 0 ] || printf '\n'
	arhdr next.o/ 4096; printf 'short'; } >"$W/tail.a"
cp "$T/good.o" "$W/ok.o"
ar rc "$W/mixed.a" ok.o bad.o || fail "ar"

for tool in "$SDTKIT" "$asan"; do
	# the good parts are still listed, the bad one named, the status is 1
	"$tool" list tail.a >"$T/out" 2>"$T/err" && fail "tail.a ($tool): exit 0"
	drop_float_notes "$T/err" # lst:floats
	[ "$(grep -c 'tail\.a(good\.o)' "$T/out")" = 9 ] || fail "tail.a ($tool): good member not listed"
	[ "$(cat "$T/err")" = "sdtkit: error: 'tail.a': archive member at offset 0x$(printf %x $((8 + 60 + osize + osize % 2))): size 4096 runs past the end of the archive (5 bytes left)" ] ||
		fail "tail.a ($tool): $(cat "$T/err")"
	"$tool" list mixed.a >"$T/out" 2>"$T/err" && fail "mixed.a ($tool): exit 0"
	drop_float_notes "$T/err"
	[ "$(grep -c 'mixed\.a(ok\.o)' "$T/out")" = 9 ] || fail "mixed.a ($tool): good member not listed"
	[ "$(cat "$T/err")" = "sdtkit: error: 'mixed.a(bad.o)': section '.note.stapsdt': note at offset 0x0: descriptor size 0xfffffff0 runs past the end of the section" ] ||
		fail "mixed.a ($tool): $(cat "$T/err")"
	"$tool" list --format=json ok.o dir descsz ok.o >"$T/out" 2>"$T/err" && fail "several ($tool): exit 0"
	[ "$(wc -l <"$T/err")" = 2 ] || fail "several ($tool): expected two error lines: $(cat "$T/err")"
	[ "$(jq length "$T/out")" = 18 ] || fail "several ($tool): the good files were not listed"

	# prelink moved .stapsdt.base by 0x10: pc and semaphore move with it, the note does not
	"$tool" list --format=json prelinked >"$T/out" 2>"$T/err" || fail "prelinked ($tool): $(cat "$T/err")"
	jq -e 'length == 9 and all(.[]; (.pc | ltrimstr("0x")) != (.note_pc | ltrimstr("0x")))' "$T/out" \
		>/dev/null || fail "prelinked ($tool): pc not adjusted"
	jq -r '.[] | "\(.pc) \(.note_pc) \(.semaphore) \(.note_semaphore)"' "$T/out" |
		while read -r pc npc sem nsem; do
			[ $((pc - npc)) = 16 ] && [ $((sem - nsem)) = 16 ] ||
				fail "prelinked ($tool): $pc/$npc $sem/$nsem are not 0x10 apart"
		done
	N_EXPECT=9 SDTKIT=$tool same_set "prelinked ($tool)" prelinked

	# random damage: any status but a crash or a sanitizer report
	for i in $(seq 1 16); do
		"$T/mkbad" "flip$i" "$T/good.o" "$W/flip.o" || fail "mkbad flip$i"
		"$T/mkbad" "flip$i" "$T/good" "$W/flip" || fail "mkbad flip$i"
		for f in flip.o flip; do
			for fmt in json notes; do
				rc=0
				timeout 20 "$tool" list --format=$fmt "$f" >/dev/null 2>"$T/err" || rc=$?
				[ "$rc" -le 1 ] && ! grep -q 'Sanitizer\|runtime error' "$T/err" ||
					fail "flip$i $f --format=$fmt ($tool): exit $rc: $(cat "$T/err")"
			done
		done
	done
done
pass
