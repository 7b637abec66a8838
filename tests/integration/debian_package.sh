# SPDX-License-Identifier: MIT
# debian_package.sh: `dpkg-buildpackage -b -uc -us` on a copy of the source
# tree builds sdtkit_*.deb, linked dynamically, holding the tool, the
# libexec/sdtkit/dtrace link, sdtkit(1) and sdtkit.m4(7), the CMake package,
# sdtkit.m4, sdtkit.am, sdtkit.pc, the bash completion and the templates;
# lintian finds no error in it; unpacked into a scratch root (never installed
# on the machine), it serves the consumer project myproj built with CMake (its
# CMakeLists.txt made from the packaged template), autotools and meson, each
# taking the tool and its build files from the package, with the probes in
# the library it builds.
# timeout: 1200
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/consumers/consumer.sh"
need dpkg-buildpackage dpkg-checkbuilddeps dpkg-deb dpkg lintian tar
need cmake ninja meson autoreconf automake libtoolize make gcc readelf pkg-config

version=$("$SDTKIT" --version | cut -d' ' -f2)

step "copy the source tree"
# what a clean clone holds: the tracked files, and the new ones not ignored
# yet to be committed (debian/ while it is being written); without git, the
# tree less the build directories
top=$T/pkg
src=$top/sdtkit-$version
mkdir -p "$src"
if [ -e "$SRCDIR/.git" ]; then
	need git
	git -C "$SRCDIR" ls-files -z --cached --others --exclude-standard >"$T/files.z" ||
		fail "git ls-files in $SRCDIR failed"
	# a tracked file deleted in the work tree is not part of the copy
	(cd "$SRCDIR" && while IFS= read -r -d '' f; do
		if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
	done <"$T/files.z" | tar --null -T - -cf -) | tar -xf - -C "$src" ||
		fail "copying the tracked files of $SRCDIR failed"
else
	tar -C "$SRCDIR" --exclude='./build*' -cf - . | tar -xf - -C "$src" ||
		fail "copying $SRCDIR failed"
fi
[ -f "$src/debian/control" ] || fail "the copy has no debian/control"

step "build dependencies"
if ! (cd "$src" && dpkg-checkbuilddeps) >"$T/builddeps.log" 2>&1; then
	skip "dpkg-buildpackage cannot run: $(tr '\n' ' ' <"$T/builddeps.log")(scripts/deps.sh installs them)"
fi

step "dpkg-buildpackage -b -uc -us"
# without the variables ctest gives this test: the package's own tests get
# theirs from the package's ctest
(cd "$src" && bounded env -u SDTKIT -u SDTKIT_DTRACE -u SRCDIR -u TESTDIR -u TESTDATA \
	-u SCRATCH -u SDTKIT_STATIC_LINKED -u SDTKIT_TEST_TIMEOUT -u SDTKIT_TEST_DEADLINE \
	DEB_BUILD_OPTIONS=parallel=2 dpkg-buildpackage -b -uc -us) >"$T/build.log" 2>&1 ||
	fail "dpkg-buildpackage failed: $(tail -n 40 "$T/build.log")"
deb=$top/sdtkit_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || fail "no $deb: $(ls "$top")"
# the package's build ran its quick tests (ctest -L cli), and they passed
grep -q 'ctest .*-L cli' "$T/build.log" || fail "dh_auto_test did not run 'ctest -L cli'"
grep -Eq '^100% tests passed, 0 tests failed out of [1-9]' "$T/build.log" ||
	fail "the package's tests did not all pass: $(grep -E 'tests (passed|failed)' "$T/build.log")"

step "the package's files"
dpkg-deb -c "$deb" >"$T/contents" || fail "dpkg-deb -c $deb failed"
awk '{ p = $6; sub(/^\./, "", p); print p }' "$T/contents" | sort >"$T/paths"
want="/usr/bin/sdtkit
/usr/libexec/sdtkit/dtrace
/usr/share/man/man1/sdtkit.1.gz
/usr/share/man/man7/sdtkit.m4.7.gz
/usr/lib/cmake/sdtkit/sdtkitConfig.cmake
/usr/lib/cmake/sdtkit/sdtkitConfigVersion.cmake
/usr/lib/cmake/sdtkit/SdtkitProbes.cmake
/usr/share/aclocal/sdtkit.m4
/usr/share/sdtkit/sdtkit.am
/usr/share/pkgconfig/sdtkit.pc
/usr/share/bash-completion/completions/sdtkit
/usr/share/doc/sdtkit/copyright
$(cd "$src" && find templates -type f | sed 's|^|/usr/share/sdtkit/|')"
for f in $want; do
	grep -qxF "$f" "$T/paths" || fail "the package lacks $f: $(cat "$T/contents")"
done
grep -Eq '^l.* \./usr/libexec/sdtkit/dtrace -> \.\./\.\./bin/sdtkit$' "$T/contents" ||
	fail "/usr/libexec/sdtkit/dtrace is not a relative link to the tool: $(grep dtrace "$T/contents")"
# dynamically linked, with the dependencies that follow, and the header the
# generated probe headers include recommended
depends=$(dpkg-deb -f "$deb" Depends)
case ", $depends," in *", libelf1 "*) ;; *) fail "Depends lacks libelf1: $depends" ;; esac
case ", $(dpkg-deb -f "$deb" Recommends)," in *", systemtap-sdt-dev,"*) ;;
*) fail "systemtap-sdt-dev is not recommended: $(dpkg-deb -f "$deb" Recommends)" ;;
esac

step "lintian"
root_opt=
[ "$(id -u)" = 0 ] && root_opt=--allow-root
rc=0
bounded 600 lintian $root_opt -I --pedantic "$deb" >"$T/lintian.log" 2>&1 || rc=$?
if grep -q '^E: ' "$T/lintian.log"; then
	fail "lintian reports errors: $(cat "$T/lintian.log")"
fi
[ $rc = 0 ] || fail "lintian failed (exit status $rc): $(cat "$T/lintian.log")"
echo "lintian: $(grep -c '^[A-Z]: ' "$T/lintian.log") tags, no error"
sed -n 's/^\([A-Z]: \)/  \1/p' "$T/lintian.log"

step "unpack the package into a scratch root"
R=$T/root
dpkg -x "$deb" "$R" || fail "dpkg -x $deb failed"
readelf -d "$R/usr/bin/sdtkit" | grep -q 'NEEDED.*libelf' ||
	fail "the packaged sdtkit is not linked dynamically with libelf: $(readelf -d "$R/usr/bin/sdtkit" | grep NEEDED)"
[ "$("$R/usr/bin/sdtkit" --version)" = "sdtkit $version" ] || fail "the packaged sdtkit is not version $version"
[ "$(PATH="$R/usr/libexec/sdtkit:$PATH" dtrace -V)" = "dtrace: sdtkit $version" ] ||
	fail "the packaged dtrace link does not answer as sdtkit's dtrace"
diff -r "$src/templates" "$R/usr/share/sdtkit/templates" >"$T/templates.diff" ||
	fail "the packaged templates differ from templates/: $(cat "$T/templates.diff")"
cmp -s "$src/completion/sdtkit.bash" "$R/usr/share/bash-completion/completions/sdtkit" ||
	fail "the packaged bash completion differs from completion/sdtkit.bash"

# the consumers find everything under the scratch root: the tool on PATH (no
# other sdtkit there), sdtkit.m4 through ACLOCAL_PATH, sdtkit.pc through
# PKG_CONFIG_PATH with the root as pkg-config's sysroot (the .pc says /usr),
# the CMake package through CMAKE_PREFIX_PATH
PATH="$R/usr/bin:$(path_without_sdtkit)"
export PATH
export ACLOCAL_PATH="$R/usr/share/aclocal"
export PKG_CONFIG_PATH="$R/usr/share/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$R"
unset SDTKIT_DTRACE
fx=$CONSUMERS/myproj
[ "$(pkg-config --variable=sdtkit sdtkit)" = "$R/usr/bin/sdtkit" ] ||
	fail "pkg-config names '$(pkg-config --variable=sdtkit sdtkit)' as the tool"
[ "$(pkg-config --modversion sdtkit)" = "$version" ] || fail "pkg-config --modversion sdtkit is not $version"

step "CMake consumer"
s=$T/cmake-src
mkdir "$s"
cp -R "$fx/." "$s/"
{
	printf '%s\n' 'cmake_minimum_required(VERSION 3.16)' 'project(myproj VERSION 1.0 LANGUAGES C)'
	cat "$R/usr/share/sdtkit/templates/CMakeLists.snippet.cmake"
	cat <<'EOF'
add_library(myproj SHARED lib/myproj.c)
target_include_directories(myproj PUBLIC lib)
sdtkit_add_probes(myproj myproj.d HEADER myproj_probes.h DISABLED_HEADER myproj_probes_disabled.h)
add_executable(myprog main.c)
target_link_libraries(myprog PRIVATE myproj)
EOF
} >"$s/CMakeLists.txt"
b=$T/cmake-build
cmake -S "$s" -B "$b" -G Ninja -DCMAKE_PREFIX_PATH="$R/usr" -DSDTKIT_DTRACE=ON >"$b.log" 2>&1 ||
	fail "configuring the CMake consumer failed: $(tail -n 30 "$b.log")"
grep -qx "sdtkit_DIR:PATH=$R/usr/lib/cmake/sdtkit" "$b/CMakeCache.txt" ||
	fail "find_package(sdtkit) did not use the package: $(grep sdtkit_DIR "$b/CMakeCache.txt")"
grep -q "probes enabled" "$b.log" || fail "the CMake consumer's probes are not on: $(cat "$b.log")"
cmake --build "$b" -j 2 >"$b.build.log" 2>&1 || fail "building the CMake consumer failed: $(tail -n 30 "$b.build.log")"
grep -q "$R/usr/bin/sdtkit header" "$b/build.ninja" || fail "the CMake consumer did not run the packaged sdtkit"
has_probes "$b/libmyproj.so" "$s/myproj.d"
out=$(bounded 120 "$b/myprog" hi) || fail "the CMake consumer's myprog failed: $out"
[ "$out" = 1 ] || fail "the CMake consumer's myprog printed '$out'"

step "autotools consumer"
s=$T/auto-src
mkdir -p "$s/m4"
cp -R "$fx/." "$s/"
cp "$(pkg-config --variable=pkgdatadir sdtkit)/sdtkit.am" "$s/m4/"
cmp -s "$s/m4/sdtkit.am" "$R/usr/share/sdtkit/sdtkit.am" || fail "pkg-config's pkgdatadir is not the package's"
(cd "$s" && autoreconf -fi) >"$T/autoreconf.log" 2>&1 || fail "autoreconf failed: $(cat "$T/autoreconf.log")"
# the macro came from the package: aclocal took it from ACLOCAL_PATH, where
# nothing else provides it (the machine has no sdtkit.m4 of its own)
for d in $(aclocal --print-ac-dir) /usr/local/share/aclocal; do
	[ ! -e "$d/sdtkit.m4" ] || fail "$d/sdtkit.m4 exists: the macro could come from there"
done
grep -q 'SDTKIT_ENABLE_DTRACE' "$s/aclocal.m4" "$s"/m4/sdtkit.m4 2>/dev/null ||
	fail "aclocal did not find SDTKIT_ENABLE_DTRACE"
[ ! -f "$s/m4/sdtkit.m4" ] || cmp -s "$s/m4/sdtkit.m4" "$R/usr/share/aclocal/sdtkit.m4" ||
	fail "m4/sdtkit.m4 is not the package's"
b=$T/auto-build
mkdir "$b"
(cd "$b" && bounded env -u SDTKIT "$s/configure") >"$b/configure.log" 2>&1 ||
	fail "configure failed: $(tail -n 20 "$b/configure.log")"
grep -q "^checking for sdtkit\.\.\. $R/usr/bin/sdtkit\$" "$b/configure.log" ||
	fail "configure did not find the packaged sdtkit: $(grep -i 'sdtkit\|dtrace' "$b/configure.log")"
grep -q '^checking whether to build USDT probes\.\.\. yes$' "$b/configure.log" ||
	fail "configure did not turn the probes on: $(grep USDT "$b/configure.log")"
make -C "$b" -j2 >"$b/make.log" 2>&1 || fail "make failed: $(tail -n 30 "$b/make.log")"
has_probes "$b/.libs/libmyproj.so" "$s/myproj.d"

step "meson consumer"
s=$T/meson-src
mkdir "$s"
cp -R "$fx/." "$s/"
cat >>"$s/meson.build" <<'EOF'
message('sdtkit dependency: ' + dependency('sdtkit', native: true).get_variable(pkgconfig: 'sdtkit'))
EOF
b=$T/meson-build
meson setup "$b" "$s" -Ddtrace=enabled -Ddefault_library=shared >"$b.log" 2>&1 ||
	fail "meson setup failed: $(tail -n 20 "$b.log")"
grep -q "^Program sdtkit found: YES ($R/usr/bin/sdtkit)" "$b.log" ||
	fail "find_program did not find the packaged sdtkit: $(grep -i 'program sdtkit' "$b.log")"
grep -q "^Message: sdtkit dependency: $R/usr/bin/sdtkit\$" "$b.log" ||
	fail "dependency('sdtkit') did not name the packaged sdtkit: $(grep 'sdtkit dependency' "$b.log")"
ninja -C "$b" -j2 >"$b.build.log" 2>&1 || fail "ninja failed: $(tail -n 30 "$b.build.log")"
has_probes "$b/libmyproj.so" "$s/myproj.d"
pass
