# SPDX-License-Identifier: MIT
# check_distro.sh: `sdtkit check` on what a distribution ships: Debian's libpython3.11
# (and its static python3.11 and libpython3.11.a) against the probes CPython 3.11
# declares. Everything CPython places is right (types, semaphores in .probes, code); the
# four instance__new/instance__delete probes have no site anywhere: CPython's pydtrace.d
# declares them and Include/pydtrace.h defines their macros, but no C code calls them
# (the "vanished probes" the check command exists to catch). The program and the
# library checked as one carry two semaphores per probe, which check names.
# timeout: 300
. "$TESTDIR/lib.sh"
need readelf

lib=
for f in /usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0 /usr/lib/*-linux-gnu/libpython3.11.so.1.0; do
	[ -r "$f" ] && { lib=$f; break; }
done
[ -n "$lib" ] || skip "libpython3.11.so.1.0 is not installed (Debian package libpython3.11)"
readelf -n "$lib" | grep -q NT_STAPSDT || skip "'$lib' carries no stapsdt notes"

cp "$TESTDATA/check/pydtrace311.d" "$T/pydtrace.d"
cd "$T"
want="pydtrace.d:6:11: probe 'python:instance__new__start' has no site in any file
pydtrace.d:7:11: probe 'python:instance__new__done' has no site in any file
pydtrace.d:8:11: probe 'python:instance__delete__start' has no site in any file
pydtrace.d:9:11: probe 'python:instance__delete__done' has no site in any file"

check() { # WHAT FILE...
	_what=$1
	shift
	rc=0
	"$SDTKIT" check pydtrace.d "$@" >out 2>err || rc=$?
	[ ! -s err ] || fail "$_what: stderr: $(cat err)"
	printf '%s\n' "$want" >want
	diff -u want out >&2 || fail "$_what: unexpected report (--- expected, +++ actual)"
	[ "$rc" = 1 ] || fail "$_what: exit status $rc, expected 1"
}
check libpython "$lib"
# the eight probes that are placed are found, with no complaint about any of them
n=$("$SDTKIT" list --format=json "$lib" | grep -c '"provider":"python"') || true
[ "$n" -ge 8 ] || fail "libpython: only $n python sites listed"

# Debian's python3.11 links libpython statically: the same probes in the program
py=/usr/bin/python3.11 # the distribution's, not another one found first on PATH
if [ -r "$py" ] && readelf -n "$py" 2>/dev/null | grep -q NT_STAPSDT; then
	check "python3.11" "$py"
	# checked together, as one process would load them (which Debian's python3.11
	# does not), each of the eight placed probes has two semaphores, one in each
	"$SDTKIT" check pydtrace.d "$py" "$lib" >out 2>err && fail "python3.11 + libpython: exit 0"
	[ "$(grep -c "^probe 'python:[a-z_]*' has 2 semaphores across the files ('$py' 0x[0-9a-f]*, '$lib' 0x[0-9a-f]*): arming one leaves the others' sites disabled\$" out)" = 8 ] ||
		fail "python3.11 + libpython: $(cat out err)"
	[ "$(grep -c 'has no site in any file' out)" = 4 ] || fail "python3.11 + libpython: $(cat out)"
else
	echo "note: python3.11 with probes not found: not checked with the library"
fi
a=${lib%.so.1.0}.a
if [ -r "$a" ]; then
	check "libpython3.11.a" "$a"
else
	echo "note: '$a' is not installed (Debian package libpython3.11-dev): not checked"
fi
pass
