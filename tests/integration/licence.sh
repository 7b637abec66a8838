# SPDX-License-Identifier: MIT
# licence.sh: the project is under the MIT licence (LICENSE, and an SPDX
# identifier near the top of every source, build and test file); the files
# projects copy into their own trees (sdtkit.m4, sdtkit.am, the vendorable
# CMake module, templates/) carry the FSF all-permissive notice instead, and
# keep it where they are installed
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
cd "$SRCDIR"

grep -qx 'MIT License' LICENSE || fail "LICENSE is not the MIT licence"
grep -q '^Permission is hereby granted, free of charge' LICENSE || fail "LICENSE lacks the MIT grant"

fsfap="autotools/sdtkit.m4 autotools/sdtkit.am cmake/SdtkitProbes.cmake $(find templates -type f | sort)"
notice='this notice are preserved. This file is offered as-is, without any warranty.'
n=0
for f in $fsfap; do
	head -n 12 "$f" | grep -q 'SPDX-License-Identifier: FSFAP' || fail "$f: no FSFAP identifier near its top"
	grep -qF "$notice" "$f" || fail "$f: no all-permissive notice"
	grep -q 'SPDX-License-Identifier: MIT' "$f" && fail "$f: says MIT too"
	n=$((n + 1))
done
[ "$n" -ge 9 ] || fail "only $n files under FSFAP"

# every other source, build and test file: MIT, in its first three lines
m=0
for f in src/*.[ch] tests/*.sh tests/integration/*.sh tests/real/*.sh tests/elf/*.sh tests/fuzz/*.[ch] \
	tests/fuzz/*.sh scripts/*.sh bench/*.sh .ci/run CMakeLists.txt tests/CMakeLists.txt meson.build \
	Makefile man/sdtkit.1 man/sdtkit.m4.7 cmake/sdtkitConfig.cmake.in sdtkit.pc.in \
	examples/minipy/*.c examples/minipy/lib/*.[ch] examples/minipy/CMakeLists.txt; do
	head -n 3 "$f" | grep -q 'SPDX-License-Identifier: MIT' || fail "$f: no 'SPDX-License-Identifier: MIT' in its first lines"
	m=$((m + 1))
done
[ "$m" -ge 100 ] || fail "only $m files checked for MIT"

step "installed copies keep their notice"
cmake --install "$(dirname "$SDTKIT")" --prefix "$T/p" >"$T/install.log" 2>&1 ||
	fail "cmake --install failed: $(cat "$T/install.log")"
for f in share/aclocal/sdtkit.m4 share/sdtkit/sdtkit.am; do
	grep -qF "$notice" "$T/p/$f" || fail "installed $f lost its notice"
done
grep -qF "$notice" "$(find "$T/p" -name SdtkitProbes.cmake | head -n 1)" || fail "the installed CMake module lost its notice"
cmp -s LICENSE "$T/p/share/doc/sdtkit/LICENSE" || fail "LICENSE is not installed in share/doc/sdtkit"
pass
