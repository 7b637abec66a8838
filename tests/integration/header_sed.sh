# SPDX-License-Identifier: MIT
# header_sed.sh: projects edit generated headers with sed written for
# SystemTap's, whose types appear only in comments: CPython, GLib and others
# 's,char \*,const char \*,g' and 's,void \*,const void \*,', PostgreSQL 15's
# prefix and '(char *' / ', char *' edits, GLib's semaphore edit, renamed
# prefixes, 'tr' of tabs. After each, on the probe header, the no-op header
# and a --macro-prefix header, the header compiles with gcc and clang in C
# and C++ under -Wall -Wextra -Wpedantic -Werror, with const data passed to
# 'char *' and 'void *' arguments (no edit needed for that at all)
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
need gcc
S=$TESTDATA/sed
cd "$T"

# the edits, one per line: NAME<TAB>MACRO-PREFIX-AFTER<TAB>COMMAND (reads stdin)
cat >edits <<'EDITS'
none	EDITS_	cat
char	EDITS_	sed 's,char \*,const char \*,g'
void	EDITS_	sed 's,void \*,const void \*,'
postgresql	TRACE_EDITS_	sed -e 's/EDITS_/TRACE_EDITS_/g' -e 's/( *char \*/(const char */g' -e 's/, *char \*/, const char */g'
glib-semaphores	EDITS_	sed -e 's,define STAP_HAS_SEMAPHORES 1,undef STAP_HAS_SEMAPHORES,' -e 's,define _SDT_HAS_SEMAPHORES 1,undef _SDT_HAS_SEMAPHORES,'
rename	PyEdits_	sed 's/EDITS_/PyEdits_/g'
tabs	EDITS_	tr '\t' ' '
all	TRACE_EDITS_	sed -e 's,char \*,const char \*,g' -e 's,void \*,const void \*,g' -e 's/EDITS_/TRACE_EDITS_/g' -e 's/( *char \*/(const char */g'
EDITS

compilers="gcc"
type -P clang >/dev/null 2>&1 && compilers="$compilers clang"
"$SDTKIT" header -o probes.h "$S/edits.d" || fail "sdtkit header"
"$SDTKIT" header --disabled -o disabled.h "$S/edits.d" || fail "sdtkit header --disabled"
"$SDTKIT" header --macro-prefix=EDITS_ -o prefix.h "$S/edits.d" || fail "sdtkit header --macro-prefix"
n=0
while IFS='	' read -r name prefix cmd; do
	for h in probes disabled prefix; do
		step "edit '$name' on $h.h"
		sh -c "$cmd" <"$h.h" >"$name-$h.h" || fail "$name: the edit failed on $h.h"
		# an edit that changed nothing in the probe header would prove nothing
		[ "$name" = none ] || [ $h != probes ] || ! cmp -s "$h.h" "$name-$h.h" ||
			fail "$name: the edit changed nothing in $h.h"
		for cc in $compilers; do
			for lang in c99 c11 c++11 c++17; do
				case $lang in c++*) x="-x c++" ;; *) x= ;; esac
				cxx=$cc
				[ -n "$x" ] && { [ $cc = gcc ] && cxx=g++ || cxx=clang++; }
				type -P $cxx >/dev/null 2>&1 || continue
				$cxx $x -std=$lang -Wall -Wextra -Wpedantic -Werror -I. -DEDITS_HEADER="\"$name-$h.h\"" \
					-DP_=$prefix -c "$S/use.c" -o use.o >cc.log 2>&1 ||
					fail "$name on $h.h: $cxx -std=$lang: $(head -n 20 cc.log)"
				n=$((n + 1))
			done
		done
	done
done <edits
echo "compiled $n edited headers"
pass
