# SPDX-License-Identifier: MIT
# tracers_stap.sh: SystemTap elaborates the tapset `sdtkit tapset` writes
# for demo (stap -p2: the tapset parsed, each alias resolved against the
# real binary's notes): every alias, one probe point each, with its
# variables typed as strings or numbers as the .d declares them; a double
# read as its bits where SystemTap can read the operand, left out where it
# cannot (".LC0(%rip)"); one tapset for two binaries, each alias on the
# binaries that carry the probe; and the tapset examples/minipy installs
# (CMake, shared), on the installed library
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/tracers/common.sh"
stap_usable >"$T/stap.why" || skip "$(cat "$T/stap.why")"
build_demo "$T"
cd "$T"
mkdir tapset
"$SDTKIT" tapset -o tapset/demo.stp "$D/demo.d" --binary demo || fail "sdtkit tapset failed"

step "stap -p2 over every alias"
stap -r "$STAP_KERNEL" -p2 -I tapset -e 'probe demo.* { println(probestr) }' >all.out 2>all.err ||
	fail "stap -p2 failed: $(cat all.err)"
[ "$(grep -c '^process(' all.out)" = 7 ] || fail "stap resolved $(grep -c '^process(' all.out) probe points, not 7: $(cat all.out)"

# alias ALIAS LOCALS: stap -p2 on ALIAS alone gives these variables (name:type, sorted)
alias() {
	stap -r "$STAP_KERNEL" -p2 -I tapset -e "probe $1 { println(probestr) }" >one.out 2>one.err ||
		fail "stap -p2 on $1 failed: $(cat one.err)"
	got=$(awk '/^process\(/ { p = 1; next } p && /^  [a-z_0-9]+:/ { print $1 }' one.out | sort | tr '\n' ' ')
	[ "$got" = "$2 " ] || fail "$1: variables '$got', not '$2 '"
}
step "each alias, its variables"
alias demo.request_start "bytes:long ctx:long id:long path:string probestr:string"
alias demo.widths "a:long b:long c:long d:long e:long flags:long probestr:string"
alias demo.unnamed "arg1:long arg2:string arg3:long probestr:string"
alias demo.many "a1:long a2:long a3:long a4:long a5:long a6:long a7:long probestr:string"
alias demo.empty "probestr:string"
alias demo.reserved "global_:long limit_:string next_:long probestr:string"
# a double noted 8f@.LC0(%rip): aliased, its argument left out
alias demo.ratio "probestr:string"

step "two binaries: each alias on those that carry the probe"
build_other "$T"
mkdir two
"$SDTKIT" tapset -o two/demo.stp "$D/demo.d" --binary demo --binary other || fail "sdtkit tapset, two binaries, failed"
# points PROBE N: stap -p2 resolves probe PROBE of two/demo.stp to N probe points
points() {
	stap -r "$STAP_KERNEL" -p2 -I two -e "probe $1 { println(probestr) }" >pts.out 2>pts.err ||
		fail "stap -p2 on $1 (two binaries) failed: $(cat pts.err)"
	[ "$(grep -c '^process(' pts.out)" = "$2" ] || fail "$1: $(grep -c '^process(' pts.out) probe points, not $2: $(cat pts.out)"
}
points demo.empty 2
points demo.missing 1
grep -q "^process(\"$(readlink -f other)\")" pts.out || fail "demo.missing is not on other: $(cat pts.out)"
points demo.request_start 1
points 'demo.*' 10

step "a double SystemTap can read (8f@%rax): its bits"
mkdir one
"$SDTKIT" tapset -o one/other.stp "$D/demo.d" --binary other || fail "sdtkit tapset other failed"
grep -qxF ' * @r: double (its bits, as an integer)' one/other.stp || fail "other.stp: $(cat one/other.stp)"
stap -r "$STAP_KERNEL" -p2 -I one -e 'probe demo.ratio { println(probestr) }' >one.out 2>one.err ||
	fail "stap -p2 on demo.ratio (other) failed: $(cat one.err)"
grep -q '^  r:long$' one.out || fail "demo.ratio (other) has no r:long: $(cat one.out)"

step "minipy's installed tapset"
. "$TESTDATA/cmake/common.sh"
cm_install
cm_configure "$MINIPY" "$T/minipy" -DCMAKE_PREFIX_PATH="$PREFIX" -DCMAKE_INSTALL_PREFIX="$T/inst" \
	-DSDTKIT_DTRACE=ON -DBUILD_SHARED_LIBS=ON
cm_build "$T/minipy"
cmake --install "$T/minipy" >"$T/install.log" 2>&1 || fail "cmake --install failed: $(cat "$T/install.log")"
stap -r "$STAP_KERNEL" -p2 -I "$T/inst/share/systemtap/tapset" -e 'probe minipy.* { println(probestr) }' \
	>minipy.out 2>minipy.err || fail "stap -p2 on minipy's tapset failed: $(cat minipy.err)"
# one probe point per site: function entry and return have two each
[ "$(grep -c "^process(\"$T/inst/lib[^\"]*/libminipy.so.1.0\")" minipy.out)" = "$("$SDTKIT" list "$T/inst"/lib*/libminipy.so.1.0 | grep -c minipy)" ] ||
	fail "stap did not resolve every site of the installed library: $(cat minipy.out)"
pass
