# SPDX-License-Identifier: MIT
# static_link.sh: SDTKIT_STATIC. AUTO links a static-pie executable where the static
# libraries exist (no dynamic loader at start-up, ASLR kept); OFF links the usual dynamic
# one; ON with the sanitizers is refused. Static and dynamic builds write the same bytes.
# The meson build's option 'static' does the same (auto, enabled, disabled).
# timeout: 900
# lock: cpu
. "$TESTDIR/lib.sh"
need cmake readelf cc

# this tree's own setting, as CMake decided it
case ${SDTKIT_STATIC_LINKED:-} in
ON)
	readelf -d "$SDTKIT" | grep -q NEEDED && fail "SDTKIT_STATIC_LINKED=ON, but $SDTKIT needs: $(readelf -d "$SDTKIT" | grep NEEDED)"
	readelf -h "$SDTKIT" | grep -q 'Type: *DYN' || fail "$SDTKIT is not position-independent: $(readelf -h "$SDTKIT" | grep Type:)"
	readelf -lW "$SDTKIT" | grep -q INTERP && fail "$SDTKIT asks for a dynamic loader"
	;;
OFF) echo "note: this tree links sdtkit dynamically" ;;
*) fail "SDTKIT_STATIC_LINKED is '${SDTKIT_STATIC_LINKED:-}' (expected ON or OFF from tests/CMakeLists.txt)" ;;
esac

gen=
type -P ninja >/dev/null 2>&1 && gen="-G Ninja"
# build DIR OPTIONS...: configure and build sdtkit alone
build() {
	d=$1
	shift
	# shellcheck disable=SC2086
	cmake -S "$SRCDIR" -B "$T/$d" $gen -DBUILD_TESTING=OFF "$@" >"$T/$d.log" 2>&1 &&
		cmake --build "$T/$d" --target sdtkit >>"$T/$d.log" 2>&1
}
build dyn -DSDTKIT_STATIC=OFF || fail "SDTKIT_STATIC=OFF build: $(tail -n 20 "$T/dyn.log")"
readelf -d "$T/dyn/sdtkit" | grep -q "NEEDED.*libelf" ||
	fail "SDTKIT_STATIC=OFF: sdtkit does not need libelf.so: $(readelf -d "$T/dyn/sdtkit" | grep NEEDED)"
if [ "$SDTKIT_STATIC_LINKED" = ON ]; then
	build static -DSDTKIT_STATIC=ON || fail "SDTKIT_STATIC=ON build: $(tail -n 20 "$T/static.log")"
	! readelf -d "$T/static/sdtkit" | grep -q NEEDED || fail "SDTKIT_STATIC=ON: sdtkit has NEEDED entries"
	# the same bytes from both: header, object, listing, through both names
	cd "$T"
	cp "$TESTDATA/e2e/e2e.d" e.d
	for b in dyn static; do
		"$T/$b/sdtkit" header -o "$b.h" e.d || fail "$b: header"
		"$T/$b/sdtkit" object -o "$b.o" e.d || fail "$b: object"
		"$T/$b/dtrace-bin/dtrace" -G -s e.d -o "$b-g.o" || fail "$b: dtrace -G"
		"$T/$b/sdtkit" list --format=json dyn.o >"$b.json" || fail "$b: list"
	done
	for f in .h .o -g.o .json; do
		cmp "dyn$f" "static$f" || fail "the static and dynamic builds wrote different '$f' files"
	done
fi
# refused: a static executable with the sanitizers
if cmake -S "$SRCDIR" -B "$T/bad" $gen -DBUILD_TESTING=OFF -DSDTKIT_STATIC=ON -DSDTKIT_SANITIZE=ON \
	>"$T/bad.log" 2>&1; then
	fail "SDTKIT_STATIC=ON with SDTKIT_SANITIZE=ON configured"
fi
grep -q "SDTKIT_STATIC=ON cannot be combined with SDTKIT_SANITIZE=ON" "$T/bad.log" ||
	fail "no clear message for SDTKIT_STATIC=ON with SDTKIT_SANITIZE=ON: $(tail -n 5 "$T/bad.log")"

# meson: -Dstatic=disabled links dynamically; auto and enabled link static-pie where
# CMake could; enabled with a sanitizer is refused
if type -P meson >/dev/null 2>&1 && type -P ninja >/dev/null 2>&1; then
	step "meson -Dstatic"
	# mbuild DIR OPTIONS...: sdtkit built with meson
	mbuild() {
		d=$1
		shift
		meson setup "$T/$d" "$SRCDIR" "$@" >"$T/$d.log" 2>&1 && ninja -C "$T/$d" sdtkit >>"$T/$d.log" 2>&1
	}
	mbuild mdyn -Dstatic=disabled || fail "meson -Dstatic=disabled: $(tail -n 20 "$T/mdyn.log")"
	readelf -d "$T/mdyn/sdtkit" | grep -q "NEEDED.*libelf" || fail "meson -Dstatic=disabled: sdtkit does not need libelf.so"
	mbuild mauto || fail "meson (static auto): $(tail -n 20 "$T/mauto.log")"
	if [ "$SDTKIT_STATIC_LINKED" = ON ]; then
		mbuild mstatic -Dstatic=enabled || fail "meson -Dstatic=enabled: $(tail -n 20 "$T/mstatic.log")"
		for d in mauto mstatic; do
			! readelf -d "$T/$d/sdtkit" | grep -q NEEDED || fail "$d: the meson-built sdtkit has NEEDED entries"
			readelf -lW "$T/$d/sdtkit" | grep -q INTERP && fail "$d: the meson-built sdtkit asks for a dynamic loader"
			readelf -h "$T/$d/sdtkit" | grep -q 'Type: *DYN' || fail "$d: the meson-built sdtkit is not position-independent"
		done
		cd "$T"
		[ -f e.d ] || cp "$TESTDATA/e2e/e2e.d" e.d
		"$T/mdyn/sdtkit" header -o mdyn.h e.d && "$T/mstatic/sdtkit" header -o mstatic.h e.d &&
			cmp mdyn.h mstatic.h || fail "the meson builds, static and dynamic, wrote different headers"
	else
		readelf -d "$T/mauto/sdtkit" | grep -q "NEEDED.*libelf" || fail "meson auto linked statically where CMake could not"
	fi
	if meson setup "$T/mbad" "$SRCDIR" -Dstatic=enabled -Db_sanitize=address >"$T/mbad.log" 2>&1; then
		fail "meson -Dstatic=enabled with b_sanitize configured"
	fi
	grep -q -- "-Dstatic=enabled cannot be combined with b_sanitize" "$T/mbad.log" ||
		fail "no clear message for -Dstatic=enabled with b_sanitize: $(tail -n 5 "$T/mbad.log")"
fi
pass
