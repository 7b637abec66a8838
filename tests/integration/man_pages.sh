# SPDX-License-Identifier: MIT
# man_pages.sh: sdtkit(1) and sdtkit.m4(7) format without a groff warning, and
# sdtkit.m4(7) names every variable the automake fragment reads and everything
# the autoconf macro sets, so the page cannot drift from the files.
# timeout: 300
. "$TESTDIR/lib.sh"
need groff

for page in "$SRCDIR/man/sdtkit.1" "$SRCDIR/man/sdtkit.m4.7"; do
	groff -man -ww -z "$page" >"$T/out" 2>&1 || fail "groff failed on $page: $(cat "$T/out")"
	[ ! -s "$T/out" ] || fail "groff warns about $page: $(cat "$T/out")"
done

page=$T/m4.txt
groff -man -Tutf8 -P-c "$SRCDIR/man/sdtkit.m4.7" 2>/dev/null | sed 's/.\x08//g' >"$page"
# the fragment's inputs: the SDTKIT_* names its header comment lists as settings
vars=$(sed -n 's/^#   \(SDTKIT_[A-Z_]*\) .*/\1/p' "$SRCDIR/autotools/sdtkit.am" | sort -u)
[ -n "$vars" ] || fail "no SDTKIT_ settings found in sdtkit.am's header"
# the macro's outputs and cache variable
sets=$(sed -n 's/^dnl   \(A[CM]_[A-Z]*(\[[A-Z_]*\])\).*/\1/p' "$SRCDIR/autotools/sdtkit.m4")
[ "$(printf '%s\n' "$sets" | wc -l)" -ge 4 ] || fail "the macro's outputs were not found in sdtkit.m4: $sets"
for want in $vars $sets sdtkit_cv_probes SDTKIT_ENABLE_DTRACE --enable-dtrace ENABLE_DTRACE; do
	grep -qF -- "$want" "$page" || fail "sdtkit.m4(7) does not mention '$want'"
done
pass
