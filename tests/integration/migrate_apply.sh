# SPDX-License-Identifier: MIT
# migrate_apply.sh: examples/migrate/apply.sh is all or nothing. On a tree
# shaped like CPython 3.11's files where the patch edits them (made from the
# patch's own hunks, tests/data/migrate/preimage.awk), with one line of
# configure.ac drifted as a newer release has it, apply.sh cpython-3.11 exits
# 1, names the hunk that does not apply and says why one would look (another
# release), and leaves the tree byte-identical, with no .rej or .orig. When
# every hunk applies but a later step fails (here `sdtkit header` on a broken
# pydtrace.d), it undoes the patch and what it wrote. An unknown project is a
# usage error (exit 2) that lists the patches.
# timeout: 300
. "$TESTDIR/lib.sh"
need patch awk autoconf diff
apply=$SRCDIR/examples/migrate/apply.sh
patchfile=$SRCDIR/examples/migrate/cpython-3.11.patch

# an installed-like sdtkit: bin/sdtkit and share/aclocal/sdtkit.m4 beside it
mkdir -p "$T/prefix/bin" "$T/prefix/share/aclocal"
ln -s "$SDTKIT" "$T/prefix/bin/sdtkit"
cp "$SRCDIR/autotools/sdtkit.m4" "$T/prefix/share/aclocal/sdtkit.m4"
export SDTKIT_APPLY=$T/prefix/bin/sdtkit

# tree DIR: the files the patch edits, as the patch expects them
tree() {
	awk -v DIR="$1" -f "$TESTDATA/migrate/preimage.awk" "$patchfile"
	mkdir -p "$1/Include"
	printf 'provider python {\n\tprobe gc__start(int);\n};\n' >"$1/Include/pydtrace.d"
	cp -a "$1" "$1.pristine"
}

# unchanged DIR: DIR is byte for byte its pristine copy, no file more or less
unchanged() {
	diff -r --no-dereference "$1.pristine" "$1" >"$T/tree.diff" 2>&1 ||
		fail "apply.sh changed the tree: $(head -n 30 "$T/tree.diff")"
	[ -z "$(find "$1" -name '*.rej' -o -name '*.orig')" ] || fail "apply.sh left .rej or .orig files"
}

step "the control: every hunk applies to the synthetic tree"
tree "$T/good"
patch -d "$T/good" -p1 --dry-run --fuzz=0 --forward --batch <"$patchfile" >"$T/control.log" 2>&1 ||
	fail "the synthetic tree is not what the patch expects: $(cat "$T/control.log")"

step "a hunk that does not apply: nothing changes"
tree "$T/drift"
# CPython 3.13 quotes the macro's argument
sed -i 's/^AC_MSG_CHECKING(for --with-dtrace)$/AC_MSG_CHECKING([for --with-dtrace])/' "$T/drift/configure.ac"
grep -q '^AC_MSG_CHECKING(\[for --with-dtrace\])$' "$T/drift/configure.ac" || fail "the drift was not made"
cp "$T/drift/configure.ac" "$T/drift.pristine/configure.ac"
st=0
SDTKIT=$SDTKIT_APPLY sh "$apply" cpython-3.11 "$T/drift" >"$T/out" 2>"$T/err" || st=$?
[ $st = 1 ] || fail "apply.sh exited $st, not 1: $(cat "$T/err")"
[ ! -s "$T/out" ] || fail "apply.sh printed on stdout: $(cat "$T/out")"
unchanged "$T/drift"
grep -q "^apply.sh: cpython-3.11.patch does not apply to $T/drift; nothing was changed\.\$" "$T/err" ||
	fail "no first line saying nothing was changed: $(cat "$T/err")"
grep -q '^  configure.ac: hunk 1 (at line 4477)$' "$T/err" || fail "the failed hunk is not named: $(cat "$T/err")"
[ "$(grep -c ': hunk [0-9]* (at line' "$T/err")" = 1 ] || fail "hunks that apply are named as failed: $(cat "$T/err")"
grep -q 'another release' "$T/err" || fail "no word on why a hunk fails: $(cat "$T/err")"

step "applied already: nothing changes"
tree "$T/twice"
patch -d "$T/twice" -p1 --batch --no-backup-if-mismatch <"$patchfile" >/dev/null || fail "patch"
rm -rf "$T/twice.pristine"
cp -a "$T/twice" "$T/twice.pristine"
st=0
SDTKIT=$SDTKIT_APPLY sh "$apply" cpython-3.11 "$T/twice" >"$T/out" 2>"$T/err" || st=$?
[ $st = 1 ] || fail "apply.sh on a patched tree exited $st, not 1"
unchanged "$T/twice"
grep -q '^  Include/pydtrace.h: already patched$' "$T/err" || fail "no word that the tree is patched already: $(cat "$T/err")"

step "a step after the patch fails: the patch is undone"
tree "$T/late"
printf 'provider python {\n\tprobe gc__start(int;\n};\n' >"$T/late/Include/pydtrace.d"
cp "$T/late/Include/pydtrace.d" "$T/late.pristine/Include/pydtrace.d"
st=0
SDTKIT=$SDTKIT_APPLY sh "$apply" cpython-3.11 "$T/late" >"$T/out" 2>"$T/err" || st=$?
[ $st = 1 ] || fail "apply.sh exited $st, not 1: $(cat "$T/err")"
grep -q 'pydtrace.d:2:.*error' "$T/err" || fail "sdtkit's diagnostic is not shown: $(cat "$T/err")"
grep -q '^apply.sh: a step after the patch failed: undoing it$' "$T/err" || fail "no word of the undo: $(cat "$T/err")"
unchanged "$T/late"

step "usage"
st=0
sh "$apply" cpython-2.7 "$T/good" 2>"$T/err" || st=$?
[ $st = 2 ] || fail "an unknown project: exit $st, not 2"
grep -q 'cpython-3.11' "$T/err" || fail "the usage does not list the patches: $(cat "$T/err")"
unchanged "$T/good"
pass
