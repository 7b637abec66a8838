# SPDX-License-Identifier: MIT
# common.sh: helpers of the real-project tests (tests/real/*.sh), sourced after
# tests/lib.sh. Each test builds a project from the upstream tarball inside
# a Debian source package (Debian 12's unless it names another release),
# unchanged or moved to sdtkit by examples/migrate, with sdtkit standing in
# for dtrace.

# the unpacked upstream trees, one per project, kept between runs (builds are
# out of tree); the downloads are cached by scripts/debsrc.sh outside the build
REALSRC=${SDTKIT_REAL_SOURCES:-$SCRATCH/real-sources}
JOBS=2

# real_source NAME [SUITE]: the upstream sources of Debian's source package
# NAME (of SUITE, a release's code name; default the machine's own), unpacked
# once into $REALSRC/NAME (a lock keeps parallel tests from unpacking twice):
# sets SRC and VERSION, and says which version is built; the test is skipped,
# with the reason, when no version can be downloaded
real_source() {
	local name=$1 out
	mkdir -p "$REALSRC"
	step "fetching and unpacking Debian's source package $name${2:+ ($2)}"
	out=$(bounded 600 flock "$REALSRC/$name.lock" sh "$SRCDIR/scripts/debsrc.sh" fetch "$name" "$REALSRC/$name" ${2:-} \
		2>"$T/fetch.err") || skip "the sources of $name cannot be had: $(grep -v '^note:' "$T/fetch.err" | tail -n 3)"
	grep '^note:' "$T/fetch.err" || true
	SRC=$REALSRC/$name
	VERSION=${out%% *}
	echo "building $name $VERSION from $(basename "${out#* }")"
}

# real_tarball NAME DIR [SUITE]: a fresh copy of NAME's upstream tree in DIR
# (for tests that change the sources: the shared tree stays pristine)
real_tarball() {
	local name=$1 dir=$2 out
	mkdir -p "$REALSRC"
	out=$(bounded 600 flock "$REALSRC/$name.lock" sh "$SRCDIR/scripts/debsrc.sh" fetch "$name" "$REALSRC/$name" ${3:-} \
		2>"$T/fetch.err") || skip "the sources of $name cannot be had: $(tail -n 3 "$T/fetch.err")"
	mkdir -p "$dir"
	tar -xf "${out#* }" -C "$dir" --strip-components=1 || fail "cannot unpack ${out#* }"
}

# sdtkit_on_path: install the sdtkit under test into $T/prefix and put its
# libexec/sdtkit (the 'dtrace' link) first on PATH, as the README says
sdtkit_on_path() {
	step "installing sdtkit"
	cmake --install "$(dirname "$SDTKIT")" --prefix "$T/prefix" >"$T/install.log" 2>&1 ||
		fail "cmake --install failed: $(tail -n 5 "$T/install.log")"
	[ -x "$T/prefix/libexec/sdtkit/dtrace" ] || fail "no libexec/sdtkit/dtrace was installed"
	export PATH="$T/prefix/libexec/sdtkit:$PATH"
	[ "$(command -v dtrace)" = "$T/prefix/libexec/sdtkit/dtrace" ] || fail "dtrace on PATH is $(command -v dtrace)"
	SDTKIT_INSTALLED=$T/prefix/bin/sdtkit
}

# header_diagnostics LOG HEADER...: the compiler's diagnostics in LOG that
# point into the generated headers (warnings at a probe call site name the
# header in their 'in expansion of macro' notes); none is the expectation
header_diagnostics() {
	local log=$1 re= h
	shift
	for h in "$@"; do re="$re${re:+|}$h"; done
	grep -E "($re):[0-9]+(:[0-9]+)?: (warning|error|note)|sdtkit_check_" "$log" || true
}

# probe_set FILE...: one line per distinct probe site shape, sorted:
# "PROVIDER NAME NARGS SIZES" (each size as the note says it: -4, 8, 8f)
probe_set() {
	local f
	for f in "$@"; do sdt_notes "$f"; done | awk '{
		line = $1 " " $2 " " (NF - 3)
		for (i = 4; i <= NF; i++) { s = $i; sub(/@.*/, "", s); line = line " " s }
		print line
	}' | LC_ALL=C sort -u
}

# declared_probes PROVIDER.d [-C]: "PROVIDER NAME" of each probe the file declares
declared_probes() {
	"$SDTKIT" header ${2:-} "$1" | sed -n 's|^/\* \([A-Za-z0-9_]*\):\([A-Za-z0-9_]*\)(.*|\1 \2|p' | LC_ALL=C sort
}

# check_report D-FILE FILE...: sdtkit check's findings, with paths made
# relative to the source and build trees and operands left out (they follow
# the compiler's register choice; sizes and signedness stay)
check_report() {
	"$SDTKIT_INSTALLED" check "$@" 2>"$T/check.err" | sed -e "s|$SRC/||g" -e "s|$B/||g" \
		-e 's/ is \(-\{0,1\}[0-9]*f\{0,1\}\)@[^ ]* (/ is \1@ (/' || true
	[ ! -s "$T/check.err" ] || fail "sdtkit check: $(cat "$T/check.err")"
}

# build_errors LOG: the lines of a build log that say what failed (not the
# command lines, which name -Werror flags)
build_errors() {
	grep -E ': (fatal )?error:|\*\*\*|FAILED' "$1" | tail -n 20 | cut -c1-300
}

# expect_probes NAME ACTUAL-FILE: the probe set (probe_set) of a build of NAME is
# the recorded one, expected/NAME.probes; and it has the probes and argument
# counts of the same build done with SystemTap's dtrace, expected/NAME.stap.probes
# (the sizes differ where the callers pass other types than declared: sdtkit's
# follow the declarations, SystemTap's the callers)
expect_probes() {
	expect_same "the probe set" "$TESTDIR/real/expected/$1.probes" "$2"
	cut -d' ' -f1-3 "$TESTDIR/real/expected/$1.stap.probes" | LC_ALL=C sort -u >"$T/stap.shape"
	cut -d' ' -f1-3 "$2" | LC_ALL=C sort -u >"$T/now.shape"
	expect_same "the probes and argument counts (of SystemTap's build)" "$T/stap.shape" "$T/now.shape"
}

# expect_same WHAT EXPECTED-FILE ACTUAL-FILE: the two are equal, else a diff
expect_same() {
	diff -u "$2" "$3" >"$T/diff" || fail "$1 differs from $(basename "$2") (--- recorded, +++ now):
$(head -n 60 "$T/diff")"
}

# expect_glib_probes BUILD: GLib's three libraries built in BUILD (from $SRC;
# BUILD is $B, which check_report leaves out of the paths it reports)
# each carry exactly the probes of their .d, and together the recorded probe
# set and check findings (expected/glib2.0.probes, .check)
expect_glib_probes() {
	local lib so d
	: >"$T/probes.now"
	: >"$T/check.now"
	for lib in glib gobject gio; do
		so=$1/$lib/lib$lib-2.0.so
		d=$SRC/$lib/${lib}_probes.d
		[ "$(declared_probes "$d")" = "$(sdt_notes "$so" | awk '{ print $1, $2 }' | LC_ALL=C sort -u)" ] ||
			fail "$so does not carry exactly the probes of ${lib}_probes.d"
		probe_set "$so" >>"$T/probes.now"
		check_report "$d" "$so" >>"$T/check.now"
	done
	expect_probes glib2.0 "$T/probes.now"
	expect_same "sdtkit check on the three .d files" "$TESTDIR/real/expected/glib2.0.check" "$T/check.now"
}
