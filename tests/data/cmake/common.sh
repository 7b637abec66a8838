# common.sh: helpers for tests/integration/cmake_*.sh (sourced after lib.sh)

need cmake ninja readelf

MINIPY=$SRCDIR/examples/minipy
SDTKIT_BUILD=$(dirname "$SDTKIT")

# cm_install: installs the sdtkit under test into $T/prefix, once; sets PREFIX
cm_install() {
	PREFIX=$T/prefix
	[ -x "$PREFIX/bin/sdtkit" ] && return 0
	cmake --install "$SDTKIT_BUILD" --prefix "$PREFIX" >"$T/install.log" 2>&1 ||
		fail "cmake --install failed: $(cat "$T/install.log")"
	[ -f "$PREFIX/lib/cmake/sdtkit/sdtkitConfig.cmake" ] ||
		fail "lib/cmake/sdtkit/sdtkitConfig.cmake is not installed"
	[ -f "$PREFIX/lib/cmake/sdtkit/sdtkitConfigVersion.cmake" ] ||
		fail "lib/cmake/sdtkit/sdtkitConfigVersion.cmake is not installed"
}

# cm_configure SRC BUILD [CMAKE ARGS...]: configures with Ninja (unless
# a -G is given), fails with the log; the log stays in BUILD.log
cm_configure() {
	local src=$1 bld=$2 gen
	shift 2
	case " $* " in *" -G "*) gen= ;; *) gen="-G Ninja" ;; esac
	# shellcheck disable=SC2086
	cmake -S "$src" -B "$bld" $gen "$@" >"$bld.log" 2>&1 ||
		fail "configuring $src failed: $(cat "$bld.log")"
}

# cm_build BUILD: builds, fails with the log
cm_build() {
	cmake --build "$1" -j 4 >"$1.build.log" 2>&1 ||
		fail "building $1 failed: $(cat "$1.build.log")"
}

# probes FILE: the provider:name of each probe note in FILE, sorted
probes() {
	readelf -n "$1" | awk '/Provider:/ {p = $2} /Name:/ && p {print p ":" $2; p = ""}' | sort -u
}

# has_notes FILE: whether FILE has a .note.stapsdt section
has_notes() {
	readelf -S "$1" | grep -q '\.note\.stapsdt'
}

# semaphores FILE: the names of the *_semaphore symbols in FILE
semaphores() {
	readelf -sW "$1" | awk '$8 ~ /_semaphore$/ {print $8}' | sort -u
}

# sdtkit_has CMD: whether the sdtkit under test has the subcommand CMD
sdtkit_has() {
	"$SDTKIT" --help 2>&1 | grep -q "sdtkit $1 "
}

# gdb_entry N PROG ARGS...: runs PROG under gdb from $MINIPY and prints
# "FILE FUNC LINE", the arguments of the Nth minipy:function__entry
gdb_entry() {
	local n=$1
	shift
	(cd "$MINIPY" && bounded 120 gdb -q -batch -nx \
		-ex 'set breakpoint pending on' \
		-ex 'break -probe-stap minipy:function__entry' \
		-ex run -ex "continue $((n - 1))" \
		-ex 'printf "probe-args: %s %s %d\n", (char *)$_probe_arg0, (char *)$_probe_arg1, (int)$_probe_arg2' \
		-ex kill --args "$@" 2>&1) | sed -n 's/^probe-args: //p'
}

# expect_start PROG ARGS...: the 2nd function entry of samples/start.mpy is
# start(), at line 33 (the 1st is the module's top level)
expect_start() {
	local got
	got=$(gdb_entry 2 "$@" samples/start.mpy)
	[ "$got" = "samples/start.mpy start 33" ] ||
		fail "gdb: function__entry #2 of $1 had arguments '$got', not 'samples/start.mpy start 33'"
}

# run_sample PROG...: runs samples/start.mpy, checks its output
run_sample() {
	local out want
	out=$(cd "$MINIPY" && bounded 60 "$@" samples/start.mpy 2>&1) || fail "$* samples/start.mpy failed: $out"
	want='hello, minipy
sum of squares: 14
kept 10 cells
collected: 221'
	[ "$out" = "$want" ] || fail "$* samples/start.mpy printed: $out"
}

# MINIPY_PROBES: the probes of minipy.d
MINIPY_PROBES='minipy:function__entry
minipy:function__return
minipy:gc__done
minipy:gc__start
minipy:import__find__load__done
minipy:import__find__load__start
minipy:line'
