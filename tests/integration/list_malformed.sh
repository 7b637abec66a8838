# list_malformed.sh: damaged and unsuitable inputs give one clear error line naming the file
# and exit 1, never a crash: truncated files, note sizes that overflow their section,
# strings without their NUL, headers past the end of the file, archives with bogus member
# sizes, a directory, a FIFO, /dev/null. Everything runs twice: with the tool under test
# and with an ASan+UBSan build of it ($SDTKIT_ASAN, or built here). Also: the
# .stapsdt.base adjustment of a "prelinked" file, and other files still listed after a bad one.
. "$TESTDIR/lib.sh"
. "$TESTDATA/list/helpers.sh"
need gcc ar jq readelf cmake

D=$TESTDATA/list
P=$T/probes
probe_files "$P"
gcc -O2 -I"$P" -c "$D/list.c" -o "$T/good.o" || fail "build good.o"
gcc "$T/good.o" "$P/sem.o" -o "$T/good" || fail "build good"
gcc -O2 -o "$T/mkbad" "$D/mkbad.c" || fail "build mkbad"
# the damage is done to 64-bit little-endian files
readelf -h "$T/good" | grep -q 'Class:.*ELF64' && readelf -h "$T/good" | grep -q "little endian" ||
	skip "mkbad damages 64-bit little-endian files; this host's are not"

asan=${SDTKIT_ASAN:-}
if [ -z "$asan" ]; then
	gen=
	command -v ninja >/dev/null 2>&1 && gen="-G Ninja"
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

# inputs: damaged ELF files
for m in shoff shstrndx class noteoff notesize descsz namesz small nonul; do
	"$T/mkbad" "$m" "$T/good" "$W/$m" || fail "mkbad $m"
done
"$T/mkbad" descsz "$T/good.o" "$W/bad.o" || fail "mkbad descsz good.o"
"$T/mkbad" base "$T/good" "$W/prelinked" || fail "mkbad base"
size=$(wc -c <"$T/good")
for n in 3 10 63 100 $((size / 2)) $((size - 1)); do
	head -c "$n" "$T/good" >"$W/cut$n"
done
# inputs: not ELF files at all
: >"$W/empty"
echo hello >"$W/text"
mkdir "$W/dir"
mkfifo "$W/fifo" || fail "mkfifo"
# inputs: archives (ar format: "!<arch>\n", then 60-byte headers whose size is 10 decimal digits)
arhdr() { printf '%-16s%-12s%-6s%-6s%-8s%-10s`\n' "$1" 0 0 0 644 "$2"; }
{ printf '!<arch>\n'; arhdr x.o/ 9999999999; printf 'hello\n'; } >"$W/huge.a"
{ printf '!<arch>\n'; arhdr x.o/ 12ab; printf 'hello\n'; } >"$W/nondigit.a"
{ printf '!<arch>\n'; printf 'x.o/  0 0'; } >"$W/cuthdr.a"
{ printf '!<arch>\n'; arhdr x.o/ 6; printf 'hello\n'; arhdr y.o/ 6 | tr '`' X; printf 'hello\n'; } >"$W/fmag.a"
{ printf '!<arch>\n'; arhdr /7 6; printf 'hello\n'; } >"$W/longname.a"
osize=$(wc -c <"$T/good.o")
# a good member, then one whose size runs past the end
{ printf '!<arch>\n'; arhdr good.o/ "$osize"; cat "$T/good.o"; [ $((osize % 2)) = 0 ] || printf '\n'
	arhdr next.o/ 4096; printf 'short'; } >"$W/tail.a"
cp "$T/good.o" "$W/ok.o"
ar rc "$W/mixed.a" ok.o bad.o || fail "ar"

# expect_error TOOL FILE REASON-ERE [NAME]: exactly one error line for NAME (FILE by
# default), nothing on stdout, exit 1
expect_error() {
	name=${4:-$2}
	rc=0
	timeout 20 "$1" list "$2" >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" = 1 ] || fail "$2 ($1): exit $rc, expected 1: $(cat "$T/err")"
	[ ! -s "$T/out" ] || fail "$2 ($1): printed $(cat "$T/out")"
	[ "$(wc -l <"$T/err")" = 1 ] || fail "$2 ($1): expected one line, got: $(cat "$T/err")"
	grep -Eq "^sdtkit: error: '$(printf '%s' "$name" | sed 's/[][().*^$]/\\&/g')': $3\$" "$T/err" ||
		fail "$2 ($1): expected \"sdtkit: error: '$name': $3\", got: $(cat "$T/err")"
}

for tool in "$SDTKIT" "$asan"; do
	expect_error "$tool" shoff "section headers past the end of the file \(offset 0x[0-9a-f]+, [0-9]+ headers, file size 0x[0-9a-f]+\)"
	expect_error "$tool" shstrndx "bad section name table index [0-9]+"
	expect_error "$tool" class "unknown ELF class 7"
	expect_error "$tool" noteoff "section '\.note\.stapsdt' runs past the end of the file .*"
	expect_error "$tool" notesize "section '\.note\.stapsdt' runs past the end of the file .*"
	expect_error "$tool" descsz "section '\.note\.stapsdt': note at offset 0x0: descriptor size 0xfffffff0 runs past the end of the section"
	expect_error "$tool" namesz "section '\.note\.stapsdt': note at offset 0x0: name size 0x7ffffff0 runs past the end of the section"
	expect_error "$tool" small "section '\.note\.stapsdt': stapsdt note at offset 0x0: descriptor of 8 bytes is too small for three 8-byte addresses"
	expect_error "$tool" nonul "section '\.note\.stapsdt': stapsdt note at offset 0x0: unterminated provider"
	expect_error "$tool" cut3 "not an ELF file or archive"
	expect_error "$tool" cut10 "truncated ELF header"
	expect_error "$tool" cut63 "truncated ELF header \(63 bytes\)"
	for n in 100 $((size / 2)) $((size - 1)); do
		expect_error "$tool" "cut$n" "section headers past the end of the file .*"
	done
	expect_error "$tool" empty "empty file"
	expect_error "$tool" text "not an ELF file or archive"
	expect_error "$tool" dir "is a directory"
	expect_error "$tool" fifo "not a regular file"
	expect_error "$tool" /dev/null "not a regular file"
	expect_error "$tool" missing "No such file or directory"
	expect_error "$tool" huge.a "archive member at offset 0x8: size 9999999999 runs past the end of the archive \(6 bytes left\)"
	expect_error "$tool" nondigit.a "bad archive member size '12ab      ' at offset 0x8"
	expect_error "$tool" cuthdr.a "truncated archive member header at offset 0x8"
	expect_error "$tool" fmag.a "bad archive member header at offset 0x4a"
	expect_error "$tool" longname.a "member name '/7' is not in the long name table"

	# the good parts are still listed, the bad one named, the status is 1
	"$tool" list tail.a >"$T/out" 2>"$T/err" && fail "tail.a ($tool): exit 0"
	[ "$(grep -c 'tail\.a(good\.o)' "$T/out")" = 9 ] || fail "tail.a ($tool): good member not listed"
	[ "$(cat "$T/err")" = "sdtkit: error: 'tail.a': archive member at offset 0x$(printf %x $((8 + 60 + osize + osize % 2))): size 4096 runs past the end of the archive (5 bytes left)" ] ||
		fail "tail.a ($tool): $(cat "$T/err")"
	"$tool" list mixed.a >"$T/out" 2>"$T/err" && fail "mixed.a ($tool): exit 0"
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
