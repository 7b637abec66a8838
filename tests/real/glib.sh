# SPDX-License-Identifier: MIT
# glib.sh: GLib 2.74 from Debian 12's glib2.0 source package, with meson
# -Ddtrace=true finding sdtkit's libexec/sdtkit/dtrace on PATH, built
# unchanged: no diagnostic (no warning at all) from the generated headers
# (gobject_probes.d declares 'char *' where GLib passes 'const gchar *');
# the probes of glib_probes.d, gobject_probes.d and gio_probes.d are in
# libglib, libgobject and libgio, with the recorded probe sets (the probes
# and argument counts of SystemTap's build, the sizes of the declared types);
# `sdtkit check` on each .d names exactly the recorded findings
# (expected/glib2.0.check: none; SystemTap's build has 31, gboolean or gsize
# passed for 'unsigned int', which sdtkit's header converts)
# timeout: 1500
. "$TESTDIR/lib.sh"
. "$TESTDIR/real/common.sh"
need meson ninja gcc readelf flock pkg-config
pkg-config --exists libpcre2-8 libffi zlib || skip "GLib needs libpcre2-dev, libffi-dev and zlib1g-dev"

real_source glib2.0
sdtkit_on_path
B=$T/build
step "meson setup -Ddtrace=true"
bounded 600 meson setup "$B" "$SRC" -Ddtrace=true -Dtests=false -Dselinux=disabled -Dlibmount=disabled \
	-Dman=false -Dgtk_doc=false -Dsysprof=disabled -Dnls=disabled >"$T/setup.log" 2>&1 ||
	fail "meson setup failed: $(tail -n 20 "$T/setup.log")"
grep -q "^Program dtrace found: YES ($T/prefix/libexec/sdtkit/dtrace)\$" "$T/setup.log" ||
	fail "meson did not find sdtkit's dtrace: $(grep -i 'dtrace' "$T/setup.log")"

step "ninja -j$JOBS"
bounded 1500 ninja -C "$B" -j$JOBS >"$T/build.log" 2>&1 || fail "ninja failed: $(build_errors "$T/build.log")"
diag=$(header_diagnostics "$T/build.log" glib_probes.h gobject_probes.h gio_probes.h)
[ -z "$diag" ] || fail "the build has diagnostics from the generated headers:
$diag"

step "the probes"
expect_glib_probes "$B"
pass
