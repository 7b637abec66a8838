# SPDX-License-Identifier: MIT
# glib_migrate.sh: examples/migrate/glib-2.74.patch on GLib 2.74 from Debian
# 12's glib2.0 source package, a meson project. On Linux its dtrace
# generators (dtrace -h, dtrace -G with no objects) become sdtkit's meson
# idiom (find_program('sdtkit'), `sdtkit header` and `sdtkit object --like`
# an empty object of the project's compiler and c_args, with depfiles);
# other hosts keep dtrace(1). The three libraries built -Ddtrace=true: the
# probes of the unchanged build (expected/glib2.0.probes) and its `sdtkit
# check` findings (none); -Ddtrace=false: no note, no semaphore, and no
# sdtkit anywhere on PATH.
# timeout: 1500
. "$TESTDIR/lib.sh"
. "$TESTDIR/real/common.sh"
. "$TESTDIR/real/migrate.sh"
need meson ninja gcc readelf flock patch pkg-config
pkg-config --exists libpcre2-8 libffi zlib || skip "GLib needs libpcre2-dev, libffi-dev and zlib1g-dev"

sdtkit_on_path
export PATH="$T/prefix/bin:$PATH"
migrate glib2.0 glib-2.74

libs="glib gobject gio"
opts="-Dtests=false -Dselinux=disabled -Dlibmount=disabled -Dman=false -Dgtk_doc=false -Dsysprof=disabled -Dnls=disabled"
for state in on off; do
	B=$T/build-$state
	step "meson setup, tracing $state"
	if [ $state = on ]; then
		bounded 600 meson setup "$B" "$SRC" -Ddtrace=true $opts >"$T/setup-$state.log" 2>&1 ||
			fail "meson setup failed: $(tail -n 20 "$T/setup-$state.log")"
		grep -q "^Program sdtkit found: YES ($T/prefix/bin/sdtkit)\$" "$T/setup-$state.log" ||
			fail "meson did not find sdtkit: $(grep -i -e sdtkit -e dtrace "$T/setup-$state.log")"
		! grep -q '^Program dtrace found' "$T/setup-$state.log" || fail "meson looked for dtrace on Linux"
	else
		PATH=$(off_path) bounded 600 meson setup "$B" "$SRC" -Ddtrace=false $opts >"$T/setup-$state.log" 2>&1 ||
			fail "meson setup failed: $(tail -n 20 "$T/setup-$state.log")"
	fi
	step "the libraries, tracing $state"
	if [ $state = on ]; then
		bounded 1500 meson compile -C "$B" -j$JOBS glib-2.0 gobject-2.0 gio-2.0 >"$T/build-$state.log" 2>&1 ||
			fail "the build failed: $(build_errors "$T/build-$state.log")"
		grep -q "sdtkit object --like=" "$B/build.ninja" || fail "build.ninja has no 'sdtkit object --like'"
	else
		PATH=$(off_path) bounded 1500 meson compile -C "$B" -j$JOBS glib-2.0 gobject-2.0 gio-2.0 \
			>"$T/build-$state.log" 2>&1 || fail "the build failed: $(build_errors "$T/build-$state.log")"
		! grep -E -q 'sdtkit (header|object)' "$B/build.ninja" || fail "the build without tracing runs sdtkit"
	fi
	diag=$(header_diagnostics "$T/build-$state.log" glib_probes.h gobject_probes.h gio_probes.h)
	[ -z "$diag" ] || fail "tracing $state: diagnostics from the generated headers:
$diag"
done

step "the probes"
B=$T/build-on
expect_glib_probes "$B"
for lib in $libs; do
	no_probes "$T/build-off/$lib/lib$lib-2.0.so"
done
pass
