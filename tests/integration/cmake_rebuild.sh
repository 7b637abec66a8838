# SPDX-License-Identifier: MIT
# cmake_rebuild.sh: with Ninja and with `make -j4`, a second build does
# nothing; adding a probe to the .d file regenerates the header and the
# semaphore object, recompiles the file that includes the header (not the
# other one), relinks, and the new probe is in the program: no clean build;
# editing a header a preprocessed .d includes regenerates that .d's header
# and object only (their dependency files), and the argument follows it.
# timeout: 600
# lock: cpu
. "$TESTDIR/lib.sh"
. "$TESTDATA/cmake/common.sh"
need make

cm_install
src=$TESTDATA/cmake/rebuild

for gen in Ninja Make; do
	b=$T/$gen
	mkdir -p "$b.src"
	cp "$src/demo.d" "$b.src/demo.d"
	mkdir -p "$b.src/inc"
	printf '#include "types.h"\nprovider typed {\n\tprobe send(conn_t conn);\n};\n' >"$b.src/typed.d"
	printf 'typedef unsigned int conn_t;\n' >"$b.src/inc/types.h"
	case $gen in
	Ninja) g=Ninja ;;
	Make) g="Unix Makefiles" ;;
	esac
	cm_configure "$src" "$b" -G "$g" -DCMAKE_PREFIX_PATH="$PREFIX" -DDEMO_D="$b.src/demo.d" \
		-DTYPED_D="$b.src/typed.d" -DTYPED_INC="$b.src/inc"
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

	# the header typed.d includes: conn_t becomes 8 bytes
	argsize() { "$SDTKIT" list --format=notes "$b/prog2" | sed -n 's/^ *Arguments: \([0-9-]*\)@.*/\1/p'; }
	[ "$(argsize)" = 4 ] ||
		fail "$gen: prog2's argument: $("$SDTKIT" list --format=notes "$b/prog2")"
	printf 'typedef unsigned long conn_t;\n' >"$b.src/inc/types.h"
	build "$T/$gen-5.log"
	log=$T/$gen-5.log
	grep -q "sdtkit header .*typed.d" "$log" || fail "$gen: typed_probes.h was not regenerated after types.h changed: $(cat "$log")"
	grep -q "sdtkit object .*typed.d" "$log" || fail "$gen: typed's object was not regenerated after types.h changed: $(cat "$log")"
	! grep -q "sdtkit header .*demo.d" "$log" || fail "$gen: demo's header was regenerated for types.h: $(cat "$log")"
	[ "$(argsize)" = 8 ] ||
		fail "$gen: prog2's argument after types.h changed: $("$SDTKIT" list --format=notes "$b/prog2")"
	build "$T/$gen-6.log"
	idle "$T/$gen-6.log"
done
pass
