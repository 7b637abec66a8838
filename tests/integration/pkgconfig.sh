# SPDX-License-Identifier: MIT
# pkgconfig.sh: sdtkit.pc, installed by CMake and by meson from the one
# template sdtkit.pc.in: `pkg-config --variable=sdtkit sdtkit` names the
# installed tool, the other variables the dtrace link, sdtkit.m4 and
# sdtkit.am; the version is the tool's; both builds install the same files.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/consumers/consumer.sh"
need cmake pkg-config

version=$("$SDTKIT" --version | cut -d' ' -f2)

# pcvar PREFIX VAR: VAR of the sdtkit.pc installed in PREFIX
pcvar() { PKG_CONFIG_PATH=$1/share/pkgconfig PKG_CONFIG_LIBDIR= pkg-config --variable="$2" sdtkit; }

# check_prefix PREFIX: the .pc in PREFIX names what PREFIX holds
check_prefix() {
	p=$1
	[ -f "$p/share/pkgconfig/sdtkit.pc" ] || fail "$p: no share/pkgconfig/sdtkit.pc"
	[ "$(pcvar "$p" sdtkit)" = "$p/bin/sdtkit" ] ||
		fail "$p: pkg-config --variable=sdtkit sdtkit printed '$(pcvar "$p" sdtkit)'"
	[ -x "$(pcvar "$p" sdtkit)" ] || fail "$p: the tool it names is not there"
	[ "$("$(pcvar "$p" sdtkit)" --version)" = "sdtkit $version" ] || fail "$p: the tool it names is not this sdtkit"
	[ "$(PKG_CONFIG_PATH=$p/share/pkgconfig pkg-config --modversion sdtkit)" = "$version" ] ||
		fail "$p: --modversion is not $version"
	[ "$(pcvar "$p" dtrace)" = "$p/libexec/sdtkit/dtrace" ] || fail "$p: dtrace is '$(pcvar "$p" dtrace)'"
	[ -L "$(pcvar "$p" dtrace)" ] || fail "$p: the dtrace link is missing"
	[ -f "$(pcvar "$p" aclocaldir)/sdtkit.m4" ] || fail "$p: aclocaldir has no sdtkit.m4"
	[ -f "$(pcvar "$p" pkgdatadir)/sdtkit.am" ] || fail "$p: pkgdatadir has no sdtkit.am"
	cmp -s "$(pcvar "$p" aclocaldir)/sdtkit.m4" "$SRCDIR/autotools/sdtkit.m4" || fail "$p: sdtkit.m4 differs"
	cmp -s "$(pcvar "$p" pkgdatadir)/sdtkit.am" "$SRCDIR/autotools/sdtkit.am" || fail "$p: sdtkit.am differs"
	[ -z "$(PKG_CONFIG_PATH=$p/share/pkgconfig pkg-config --cflags --libs sdtkit)" ] ||
		fail "$p: sdtkit.pc has flags"
}

# CMake: the prefix given at install time, not at configure time
cmake --install "$(dirname "$SDTKIT")" --prefix "$T/cmake" >"$T/cmake.log" 2>&1 ||
	fail "cmake --install failed: $(cat "$T/cmake.log")"
check_prefix "$T/cmake"
# with DESTDIR: the .pc names the prefix, not the staging directory
DESTDIR=$T/stage cmake --install "$(dirname "$SDTKIT")" --prefix /opt/sdtkit >"$T/cmake.log" 2>&1 ||
	fail "cmake --install with DESTDIR failed: $(cat "$T/cmake.log")"
grep -qx 'prefix=/opt/sdtkit' "$T/stage/opt/sdtkit/share/pkgconfig/sdtkit.pc" ||
	fail "with DESTDIR: $(grep '^prefix=' "$T/stage/opt/sdtkit/share/pkgconfig/sdtkit.pc")"

# meson: the same files (CMake alone adds its package files)
if type -P meson >/dev/null 2>&1 && type -P ninja >/dev/null 2>&1; then
	meson setup "$T/mbuild" "$SRCDIR" --prefix "$T/meson" >"$T/meson.log" 2>&1 ||
		fail "meson setup of sdtkit failed: $(tail -n 20 "$T/meson.log")"
	meson install -C "$T/mbuild" >"$T/meson-install.log" 2>&1 ||
		fail "meson install failed: $(tail -n 20 "$T/meson-install.log")"
	check_prefix "$T/meson"
	(cd "$T/cmake" && find . ! -type d | grep -v '^\./lib/cmake/' | sort) >"$T/cmake.files"
	(cd "$T/meson" && find . ! -type d | sort) >"$T/meson.files"
	diff -u "$T/cmake.files" "$T/meson.files" >"$T/files.diff" ||
		fail "CMake and meson install different files: $(cat "$T/files.diff")"
	sed "s|$T/cmake|PREFIX|" "$T/cmake/share/pkgconfig/sdtkit.pc" >"$T/cmake.pc"
	sed "s|$T/meson|PREFIX|" "$T/meson/share/pkgconfig/sdtkit.pc" >"$T/meson.pc"
	diff -u "$T/cmake.pc" "$T/meson.pc" >"$T/pc.diff" || fail "the two sdtkit.pc differ: $(cat "$T/pc.diff")"
	[ "$(readlink "$T/meson/libexec/sdtkit/dtrace")" = ../../bin/sdtkit ] ||
		fail "meson's dtrace link is '$(readlink "$T/meson/libexec/sdtkit/dtrace")'"
else
	echo "note: meson is not installed; its install is not checked"
fi
pass
