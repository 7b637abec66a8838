# SPDX-License-Identifier: MIT
# install.sh: `cmake --install` lays out bin/sdtkit, the man page and the
# libexec/sdtkit/dtrace link, and the link answers as dtrace from a fresh PATH.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
need cmake

build=$(dirname "$SDTKIT")
dest=$T/dest
DESTDIR=$dest cmake --install "$build" --prefix /opt/sdtkit >"$T/install.log" 2>&1 ||
	fail "cmake --install failed: $(cat "$T/install.log")"

p=$dest/opt/sdtkit
[ -x "$p/bin/sdtkit" ] || fail "bin/sdtkit not installed"
[ -f "$p/share/man/man1/sdtkit.1" ] || fail "man page not installed"
[ -f "$p/share/man/man7/sdtkit.m4.7" ] || fail "sdtkit.m4(7) not installed"
[ -L "$p/libexec/sdtkit/dtrace" ] || fail "libexec/sdtkit/dtrace is not a link"
[ "$(readlink "$p/libexec/sdtkit/dtrace")" = "../../bin/sdtkit" ] ||
	fail "the dtrace link is not relative: $(readlink "$p/libexec/sdtkit/dtrace")"

# the layout is relocatable: move the prefix, the link still works
mv "$p" "$T/moved"
cat >"$T/p.d" <<'D'
provider demo { probe tick(int); };
D
cd "$T"
PATH="$T/moved/libexec/sdtkit:/usr/bin:/bin" dtrace -h -s p.d >out.txt 2>&1 ||
	fail "installed dtrace link failed: $(cat out.txt)"
[ -f p.h ] || fail "dtrace -h did not write p.h"
grep -q '^#define DEMO_TICK(arg1)' p.h || fail "p.h lacks DEMO_TICK"
v=$(PATH="$T/moved/libexec/sdtkit:/usr/bin:/bin" dtrace -V)
[ "$v" = "dtrace: sdtkit $("$T/moved/bin/sdtkit" --version | cut -d' ' -f2)" ] ||
	fail "dtrace -V printed '$v'"
pass
