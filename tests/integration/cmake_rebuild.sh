# SPDX-License-Identifier: MIT
# cmake_rebuild.sh: with Ninja and with `make -j4`, a second build does
# nothing; adding a probe to the .d file regenerates the header and the
# semaphore object, recompiles the file that includes the header (not the
# other one), relinks, and the new probe is in the program: no clean build.
# timeout: 30
. "$TESTDIR/lib.sh"
. "$TESTDATA/cmake/common.sh"
need make

cm_install
src=$TESTDATA/cmake/rebuild

for gen in Ninja Make; do
	b=$T/$gen
	mkdir -p "$b.src"
	cp "$src/demo.d" "$b.src/demo.d"
	case $gen in
	Ninja) g=Ninja ;;
	Make) g="Unix Makefiles" ;;
	esac
	cm_configure "$src" "$b" -G "$g" -DCMAKE_PREFIX_PATH="$PREFIX" -DDEMO_D="$b.src/demo.d"
	build() { # build() LOG: a verbose build into LOG
		case $gen in
		Ninja) ninja -C "$b" -v >"$1" 2>&1 ;;
		Make) make -C "$b" -j4 VERBOSE=1 >"$1" 2>&1 ;;
		esac || fail "$gen: build failed: $(cat "$1")"
	}
	# idle LOG: the build in LOG did nothing
	idle() {
		case $gen in
		Ninja) grep -q '^ninja: no work to do\.$' "$1" ;;
		Make) ! grep -Eq 'Generating|Building|Linking|sdtkit ' "$1" ;;
		esac || fail "$gen: a second build did work: $(cat "$1")"
	}
	build "$T/$gen-1.log"
	[ "$(probes "$b/prog")" = "demo:tick" ] || fail "$gen: probes: $(probes "$b/prog")"
	build "$T/$gen-2.log"
	idle "$T/$gen-2.log"
	[ $gen = Ninja ] && { ninja -C "$b" -n -d explain >"$T/explain.log" 2>&1; grep -q 'no work to do' "$T/explain.log" ||
		fail "ninja -d explain: $(cat "$T/explain.log")"; }

	# add a probe: prog.c uses it under #ifdef DEMO_EXTRA
	printf 'provider demo {\n\tprobe tick(int n);\n\tprobe extra(int n);\n};\n' >"$b.src/demo.d"
	build "$T/$gen-3.log"
	log=$T/$gen-3.log
	grep -q "sdtkit header .*demo.d" "$log" || fail "$gen: the header was not regenerated: $(cat "$log")"
	grep -q "sdtkit object .*demo.d" "$log" || fail "$gen: the object was not regenerated: $(cat "$log")"
	grep -Eq -- "-c [^ ]*/prog\.c" "$log" || fail "$gen: prog.c was not recompiled: $(cat "$log")"
	! grep -Eq -- "-c [^ ]*/other\.c" "$log" || fail "$gen: other.c was recompiled: $(cat "$log")"
	[ "$(probes "$b/prog")" = "demo:extra
demo:tick" ] || fail "$gen: probes after the change: $(probes "$b/prog")"
	[ "$(semaphores "$b/prog")" = "demo_extra_semaphore
demo_tick_semaphore" ] || fail "$gen: semaphores after the change: $(semaphores "$b/prog")"
	"$b/prog" || fail "$gen: prog failed"
	build "$T/$gen-4.log"
	idle "$T/$gen-4.log"
done
pass
