# SPDX-License-Identifier: MIT
# autotools_providers.sh: sdtkit.am with two provider files in one
# Makefile.am (tests/data/consumers/twoprov: one in a subdirectory, both
# preprocessed, one including a header), the project's EXTRA_DIST,
# CLEANFILES and BUILT_SOURCES set after the include with '=' under
# -Wall -Werror: both headers and objects are made and linked; editing the
# header a provider file includes remakes that provider's header only, and
# editing one provider file remakes only its header (the dependency files
# --depfile writes); make distcheck ships both provider files and no-op
# headers with the project's own files; make clean removes what sdtkit.am
# made; the probes off give the no-op headers.
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/consumers/consumer.sh"
need autoreconf automake make gcc readelf pkg-config

install_sdtkit
src=$T/twoprov
cp -R "$CONSUMERS/twoprov" "$src"
mkdir -p "$src/m4"
cp "$(pkg-config --variable=pkgdatadir sdtkit)/sdtkit.am" "$src/m4/"
for d in app.d probes/net.d; do
	"$SDTKIT" header --disabled -C -I "$src/include" -o "$src/${d%.d}_probes_disabled.h" "$src/$d" ||
		fail "sdtkit header --disabled $d failed"
done
(cd "$src" && autoreconf -fi) >"$T/autoreconf.log" 2>&1 ||
	fail "autoreconf (automake -Wall -Werror) failed: $(cat "$T/autoreconf.log")"

b=$T/on
mkdir "$b"
step "configure --enable-dtrace and make"
(cd "$b" && bounded env -u SDTKIT "$src/configure" --enable-dtrace) >"$b.configure.log" 2>&1 ||
	fail "configure failed: $(tail -n 20 "$b.configure.log")"
make -C "$b" -j2 >"$b.make.log" 2>&1 || fail "make failed: $(tail -n 30 "$b.make.log")"
[ "$(bounded 120 "$b/twoprov")" = "twoprov 1.0" ] || fail "twoprov did not run"
has_probes "$b/twoprov" "$src/app.d"
has_probes "$b/twoprov" "$src/probes/net.d"
"$SDTKIT" check -C -I "$src/include" "$src/probes/net.d" "$b/twoprov" >"$T/check.log" 2>&1 ||
	fail "sdtkit check net.d: $(cat "$T/check.log")"
grep -q "$src/include/net_types.h" "$b/probes/net.h.dep" ||
	fail "probes/net.h.dep does not name the header net.d includes: $(cat "$b/probes/net.h.dep")"

# mtime FILE: its modification time, to the nanosecond
mtime() { stat -c %y "$1"; }
app_h=$(mtime "$b/app_probes.h") net_h=$(mtime "$b/probes/net_probes.h") net_o=$(mtime "$b/probes/net_probes.o")

step "the header net.d includes changes: net's outputs only are made again"
sleep 1
printf 'typedef unsigned long conn_id_t;\n' >"$src/include/net_types.h"
make -C "$b" -j2 >"$b.make2.log" 2>&1 || fail "make after net_types.h changed failed: $(tail -n 30 "$b.make2.log")"
[ "$(mtime "$b/probes/net_probes.h")" != "$net_h" ] || fail "probes/net_probes.h was not made again after net_types.h changed"
[ "$(mtime "$b/probes/net_probes.o")" != "$net_o" ] || fail "probes/net_probes.o was not made again after net_types.h changed"
[ "$(mtime "$b/app_probes.h")" = "$app_h" ] || fail "app_probes.h was made again for a change that is not its"
# (app_probes.o is made again all the same: it follows SDTKIT_OBJECT_DEPS, and net.o is compiled again)
"$SDTKIT" list --format=notes "$b/twoprov" | grep -q 'Arguments: 8@' ||
	fail "net:send's first argument is not 8 bytes after conn_id_t became unsigned long: $("$SDTKIT" list --format=notes "$b/twoprov")"

step "app.d changes: app's outputs only are made again"
net_h=$(mtime "$b/probes/net_probes.h")
sleep 1
sed -i 's/^\(\tprobe start(int argc);\)$/\1\n\tprobe stop(int status);/' "$src/app.d"
grep -q 'probe stop' "$src/app.d" || fail "could not add a probe to app.d"
make -C "$b" -j2 >"$b.make3.log" 2>&1 || fail "make after app.d changed failed: $(tail -n 30 "$b.make3.log")"
grep -q 'APP_STOP' "$b/app_probes.h" || fail "app_probes.h was not made again after app.d changed"
[ "$(mtime "$b/probes/net_probes.h")" = "$net_h" ] || fail "probes/net_probes.h was made again for a change to app.d"

step "make distcheck"
for d in app.d; do
	"$SDTKIT" header --disabled -C -I "$src/include" -o "$src/${d%.d}_probes_disabled.h" "$src/$d"
done
make -C "$b" -j2 distcheck DISTCHECK_CONFIGURE_FLAGS="--enable-dtrace" >"$b.distcheck.log" 2>&1 ||
	fail "make distcheck failed: $(tail -n 40 "$b.distcheck.log")"
tar -tzf "$b/twoprov-1.0.tar.gz" | sort >"$T/tarball"
for f in app.d probes/net.d app_probes_disabled.h probes/net_probes_disabled.h notes.txt include/net_types.h; do
	grep -qx "twoprov-1.0/$f" "$T/tarball" || fail "the tarball lacks $f: $(cat "$T/tarball")"
done

step "make clean"
touch "$b/scratch.tmp"
make -C "$b" clean >"$b.clean.log" 2>&1 || fail "make clean failed: $(tail -n 20 "$b.clean.log")"
for f in app_probes.h probes/net_probes.h app.h.dep probes/net.h.dep scratch.tmp; do
	[ ! -e "$b/$f" ] || fail "make clean left $f"
done

step "the probes off"
o=$T/off
mkdir "$o"
(cd "$o" && bounded env -u SDTKIT "$src/configure" --disable-dtrace) >"$o.configure.log" 2>&1 ||
	fail "configure --disable-dtrace failed: $(tail -n 20 "$o.configure.log")"
make -C "$o" -j2 >"$o.make.log" 2>&1 || fail "make (off) failed: $(tail -n 30 "$o.make.log")"
no_probes "$o/twoprov"
for h in app_probes.h probes/net_probes.h; do
	grep -q 'Tracing is disabled' "$o/$h" || fail "off: $h is not a no-op header"
done
pass
