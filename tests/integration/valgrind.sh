# SPDX-License-Identifier: MIT
# valgrind.sh: memcheck finds no error and no lost block in the main commands -- header
# (plain, --disabled, -C, 500 probes), object (--like, objects, --target), dtrace -h/-G,
# list (executable, object, archive, shared library, each format, a running process),
# check (clean and with problems) and the error paths (a syntax error, a missing file, a
# damaged ELF, outputs that cannot be written). Each command also runs without valgrind:
# the exit status must be the expected one both times, and stdout, stderr and the files
# left behind the same. A static or sanitized sdtkit is checked through a dynamic build.
# timeout: 1200
# lock: cpu
. "$TESTDIR/lib.sh"
need valgrind gcc cpp ar readelf

# memcheck's own exit status for a finding is 99, which no sdtkit exit (0, 1, 2) can be
# mistaken for; cpp, run by `header -C`, is not ours to check. --track-origins=yes would
# double the run time and only explains a finding: add it by hand to look into one.
VG="valgrind --tool=memcheck --error-exitcode=99 --leak-check=full
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
	--track-fds=no --trace-children=no -q"
valgrind -q --error-exitcode=99 /bin/true >"$T/vg-true.log" 2>&1 ||
	skip "valgrind cannot run programs here: $(head -n 2 "$T/vg-true.log")"

# memcheck sees the heap by putting its own malloc in front of libc's when the dynamic
# loader starts the program: in a static executable (SDTKIT_STATIC, the default where it
# links) it sees no heap and reports libc's start-up; ASan's runtime cannot run under it
# at all. For either, check a dynamic, uninstrumented build of the same sources.
if ! readelf -lW "$SDTKIT" | grep -q 'Requesting program interpreter' ||
	readelf -sW "$SDTKIT" | grep -q '__asan_init'; then
	gen=
	type -P ninja >/dev/null 2>&1 && gen="-G Ninja"
	# shellcheck disable=SC2086
	cmake -S "$SRCDIR" -B "$T/dyn" $gen -DSDTKIT_STATIC=OFF -DBUILD_TESTING=OFF \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo >"$T/dyn.log" 2>&1 &&
		cmake --build "$T/dyn" >>"$T/dyn.log" 2>&1 ||
		fail "cannot build a dynamic sdtkit: $(tail -n 20 "$T/dyn.log")"
	SDTKIT=$T/dyn/sdtkit SDTKIT_DTRACE=$T/dyn/dtrace-bin/dtrace
	readelf -lW "$SDTKIT" | grep -q 'Requesting program interpreter' ||
		fail "-DSDTKIT_STATIC=OFF built a static executable"
	echo "checking a dynamic build of sdtkit: $SDTKIT"
fi

E=$TESTDATA/e2e
C=$TESTDATA/check
L=$TESTDATA/list
I=$T/in
mkdir "$I"

# vg NAME STATUS CMD...: CMD exits STATUS alone (in $T/plain/NAME) and under memcheck (in
# $T/vg/NAME), memcheck reports nothing, and both runs print the same and leave the same
# files. Name inputs by absolute paths and outputs by relative ones, which land in the
# run's directory.
vg() {
	_n=$1 _st=$2
	shift 2
	for _m in plain vg; do
		mkdir -p "$T/$_m/$_n"
		_rc=0
		if [ $_m = vg ]; then
			# shellcheck disable=SC2086
			(cd "$T/$_m/$_n" && exec $VG --log-file="$T/$_n.memcheck" "$@") \
				>"$T/$_m/$_n.out" 2>"$T/$_m/$_n.err" </dev/null || _rc=$?
			[ ! -s "$T/$_n.memcheck" ] || fail "$_n: memcheck reports (exit $_rc) for: $*
$(cat "$T/$_n.memcheck")
(--track-origins=yes tells where an uninitialised value comes from)"
		else
			(cd "$T/$_m/$_n" && exec "$@") >"$T/$_m/$_n.out" 2>"$T/$_m/$_n.err" </dev/null || _rc=$?
		fi
		[ "$_rc" = "$_st" ] || fail "$_n ($_m): exit $_rc, expected $_st, for: $*
$(head -n 5 "$T/$_m/$_n.err")"
	done
	cmp -s "$T/plain/$_n.out" "$T/vg/$_n.out" || fail "$_n: stdout differs under valgrind:
$(diff "$T/plain/$_n.out" "$T/vg/$_n.out" | head -n 10)"
	cmp -s "$T/plain/$_n.err" "$T/vg/$_n.err" || fail "$_n: stderr differs under valgrind:
$(diff "$T/plain/$_n.err" "$T/vg/$_n.err" | head -n 10)"
	diff -r "$T/plain/$_n" "$T/vg/$_n" >"$T/$_n.files.diff" 2>&1 ||
		fail "$_n: the files left behind differ under valgrind: $(head -n 10 "$T/$_n.files.diff")"
	# an error path says why, a success prints no warning (but about e2e:dbl's
	# double, and the warn-* cases, whose point is their warning)
	if [ "$_st" = 0 ] && [ "${_n#warn-}" = "$_n" ]; then
		drop_float_notes "$T/plain/$_n.err"
		[ ! -s "$T/plain/$_n.err" ] || fail "$_n: stderr: $(head -n 5 "$T/plain/$_n.err")"
	else
		[ -s "$T/plain/$_n.err" ] || [ -s "$T/plain/$_n.out" ] || fail "$_n: exit $_st without a message"
	fi
	echo "ok $_n"
}

# inputs, built once without valgrind
cd "$I"
"$SDTKIT" header -o e2e.h "$E/e2e.d" || fail "header e2e.d"
cf="-std=c11 -O2 -Wall -Werror"
gcc $cf -I. -c "$E/e2e_probes.c" -o probes.o || fail "compile e2e_probes.c"
gcc $cf -c "$E/e2e_main.c" -o main.o || fail "compile e2e_main.c"
gcc $cf -fPIC -I. -c "$E/e2e_probes.c" -o probes-pic.o || fail "compile e2e_probes.c -fPIC"
"$SDTKIT" object -o sem.o "$E/e2e.d" probes.o || fail "object e2e.d"
gcc main.o probes.o sem.o -o e2e-exe || fail "link e2e-exe"
"$SDTKIT" object -o sem-pic.o "$E/e2e.d" probes-pic.o || fail "object e2e.d (pic)"
gcc -shared probes-pic.o sem-pic.o -o libe2e.so || fail "link libe2e.so"
ar rc libe2e.a probes.o sem.o || fail "ar"
head -c 100 e2e-exe >cut100
# object reads only the ELF header of its objects: cut that short
head -c 40 e2e-exe >cut40
awk 'BEGIN { print "provider big {"
	for (i = 0; i < 500; i++) printf "\tprobe p%d(int, const char *, unsigned long long, double);\n", i
	print "};" }' >big.d
printf 'provider bad {\n\tprobe p(int;\n};\n' >syntax.d
printf '#define ARG int\nprovider cp {\n\tprobe p(ARG);\n};\n' >cpp.d
printf '#include "nonexistent.h"\nprovider cp {\n\tprobe p(int);\n};\n' >cpperr.d
printf 'provider d {\n\tprobe a(int x, long y);\n\tprobe b(const char *);\n\tprobe c();\n};\n' >old.d
printf 'provider d {\n\tprobe a(int count, int y);\n\tprobe b(char *);\n\tprobe e(double);\n};\n' >new.d
printf '#include <stdlib.h>\n#include <sys/types.h>\ntypedef unsigned int oid;\nprovider s {\n\tprobe p(pid_t, oid, size_t);\n};\n' >sys.d
mkdir outdir
# sdtkit check: a clean program, a vanished probe, an undeclared probe and a wrong type
"$SDTKIT" header -o check_probes.h "$C/check.d" || fail "header check.d"
gcc -O2 -I. -I"$C" -c "$C/chk.c" -o chk.o || fail "compile chk.c"
gcc -O2 -I. -I"$C" -DNO_DONE -c "$C/chk.c" -o nodone.o || fail "compile chk.c -DNO_DONE"
gcc -O2 -I. -I"$C" -c "$C/chklib.c" -o chklib.o || fail "compile chklib.c"
"$SDTKIT" object -o chksem.o "$C/check.d" chk.o || fail "object check.d"
gcc chk.o chklib.o chksem.o -o chk || fail "link chk"
gcc nodone.o chklib.o chksem.o -o nodone || fail "link nodone"
gcc -O2 "$C/direct.c" chksem.o -o direct || fail "link direct"
# a running process with probes in its executable and in a library
"$SDTKIT" header -o list_probes.h "$L/list.d" || fail "header list.d"
"$SDTKIT" object -o listsem.o "$L/list.d" || fail "object list.d"
gcc -O2 -fPIC -shared -I. "$L/lib.c" listsem.o -o liblistp.so || fail "build liblistp.so"
gcc -O2 -fPIE -pie -I. "$L/list.c" listsem.o -o listp \
	-Wl,--no-as-needed -L. -llistp -Wl,-rpath,"$I" || fail "build listp"
cd "$T"

vg header 0 "$SDTKIT" header -o e2e.h "$E/e2e.d"
vg header-stdout 0 "$SDTKIT" header "$E/e2e.d"
vg header-disabled 0 "$SDTKIT" header --disabled -o e2e.h "$E/e2e.d"
vg header-big 0 "$SDTKIT" header -o big.h "$I/big.d"
vg header-cpp 0 "$SDTKIT" header -C -I "$I" -D EXTRA=1 -o cp.h "$I/cpp.d"
grep -q 'CP_P(' "$T/vg/header-cpp/cp.h" || fail "header -C: no CP_P macro"
vg object 0 "$SDTKIT" object -o sem.o "$E/e2e.d" "$I/probes.o"
vg object-like 0 "$SDTKIT" object --like="$I/probes.o" -o sem.o "$E/e2e.d"
vg object-target 0 "$SDTKIT" object --target=aarch64 -o sem.o "$E/e2e.d"
vg object-big 0 "$SDTKIT" object -o big.o "$I/big.d"
vg dtrace-h 0 "$SDTKIT_DTRACE" -h -s "$E/e2e.d" -o e2e.h
vg dtrace-G 0 "$SDTKIT_DTRACE" -G -s "$E/e2e.d" -o sem.o "$I/probes-pic.o"
for f in table notes json; do
	vg list-exe-$f 0 "$SDTKIT" list --format=$f "$I/e2e-exe"
done
vg list-obj 0 "$SDTKIT" list "$I/probes.o"
vg list-archive 0 "$SDTKIT" list --format=json "$I/libe2e.a"
vg list-shared 0 "$SDTKIT" list --format=notes "$I/libe2e.so"
vg list-many 0 "$SDTKIT" list -P e2e "$I/e2e-exe" "$I/libe2e.so" "$I/libe2e.a" "$I/probes.o"
[ "$(grep -c . "$T/vg/list-exe-notes.out")" -ge 6 ] || fail "list: not 6 probes: $(cat "$T/vg/list-exe-notes.out")"
vg check 0 "$SDTKIT" check "$C/check.d" "$I/chk" "$I/chk.o"
vg check-problems 1 "$SDTKIT" check "$C/check.d" "$I/nodone" "$I/direct"
vg check-cpp 0 "$SDTKIT" check -C "$C/check.d" "$I/chk"
vg header-sysheaders 0 "$SDTKIT" header -C -o sys.h "$I/sys.d"
vg header-depfile 0 "$SDTKIT" header -C --depfile=sys.h.dep -o sys.h "$I/sys.d"
vg object-depfile 0 "$SDTKIT" object --libtool -C -I "$I" --depfile=cp.dep -o cp.lo "$I/cpp.d"
grep -q '/stdlib.h' "$T/vg/header-depfile/sys.h.dep" || fail "header --depfile: no stdlib.h in $(cat "$T/vg/header-depfile/sys.h.dep")"
vg header-bits 0 "$SDTKIT" header --floats=bits -o bits.h "$E/e2e.d"
vg warn-dtrace-missing-object 0 "$SDTKIT_DTRACE" -G -s "$I/cpp.d" -o sem.o "$I/nonexistent.o"
vg diff-d 1 "$SDTKIT" diff "$I/old.d" "$I/new.d"
vg diff-json 1 "$SDTKIT" diff --format=json "$I/old.d" "$I/new.d"
vg diff-built 0 "$SDTKIT" diff "$C/check.d" -- "$I/chk" "$I/chklib.o"
vg diff-built-changes 1 "$SDTKIT" diff "$I/chk" "$I/direct"
vg bpftrace 0 "$SDTKIT" bpftrace -o e2e.bt "$E/e2e.d" --binary "$I/e2e-exe"
vg tapset 0 "$SDTKIT" tapset --as /usr/lib/libe2e.so -o e2e.stp "$E/e2e.d" --binary "$I/libe2e.so"
vg tapset-none 1 "$SDTKIT" tapset -o none.stp "$C/check.d" --binary "$I/libe2e.so"
vg doc 0 "$SDTKIT" doc -o e2e.md "$E/e2e.d"
vg doc-man 0 "$SDTKIT" doc --format=man "$TESTDATA/tracers/demo.d"
vg list-declared 0 "$SDTKIT" list --provider-file="$E/e2e.d" "$I/e2e-exe" "$I/libe2e.a"
vg list-declared-json 0 "$SDTKIT" list --format=json --provider-file="$C/check.d" "$I/chk"
grep -q '^usdt:' "$T/vg/bpftrace/e2e.bt" || fail "bpftrace: no probe attached: $(cat "$T/vg/bpftrace/e2e.bt")"
[ "$(grep -c . "$T/vg/check-problems.out")" = 3 ] ||
	fail "check: expected 3 problems, got: $(cat "$T/vg/check-problems.out")"

# list -p: the process runs outside valgrind, sdtkit reads it under valgrind
bg_start listp "$T/listp.out" "$I/listp" sleep
bg=$BG_PID
pid=$(bg_child "$bg")
wait_until -l "$T/listp.out" 120 "the listp program to start" grep -q ready "$T/listp.out"
vg list-pid 0 "$SDTKIT" list -p "$pid"
vg list-pid-json 0 "$SDTKIT" list --format=json -p "$pid"
grep -q "lst$pid" "$T/vg/list-pid.out" || fail "list -p: no provider lst$pid: $(cat "$T/vg/list-pid.out")"
bg_stop "$bg" || true
vg list-pid-gone 1 "$SDTKIT" list -p "$pid"

# the error paths: exit 1 with a message, no error and no lost block
vg err-syntax 1 "$SDTKIT" header -o x.h "$I/syntax.d"
vg err-syntax-object 1 "$SDTKIT" object -o x.o "$I/syntax.d"
vg err-cpp 1 "$SDTKIT" header -C -o x.h "$I/cpperr.d"
vg err-missing-d 1 "$SDTKIT" header -o x.h "$I/nonexistent.d"
vg err-missing-obj 1 "$SDTKIT" object -o x.o "$E/e2e.d" "$I/nonexistent.o"
vg err-missing-list 1 "$SDTKIT" list "$I/nonexistent"
vg err-damaged-list 1 "$SDTKIT" list "$I/cut100"
vg err-damaged-object 1 "$SDTKIT" object -o x.o "$E/e2e.d" "$I/cut40"
vg err-damaged-check 1 "$SDTKIT" check "$E/e2e.d" "$I/cut100"
vg err-damaged-dtrace 1 "$SDTKIT_DTRACE" -G -s "$E/e2e.d" -o x.o "$I/cut40"
vg err-diff-missing 2 "$SDTKIT" diff "$I/old.d" "$I/nonexistent.d"
vg err-diff-damaged 2 "$SDTKIT" diff "$I/old.d" -- "$I/cut100"
vg err-no-dir 1 "$SDTKIT" header -o "$I/nonexistent/x.h" "$E/e2e.d"
vg err-full 1 "$SDTKIT" header -o /dev/full "$E/e2e.d"
vg err-full-object 1 "$SDTKIT" object -o /dev/full "$E/e2e.d"
vg err-is-dir 1 "$SDTKIT" object -o "$I/outdir" "$E/e2e.d"
[ -z "$(ls -A "$I/outdir")" ] || fail "a failed write left files in outdir: $(ls -A "$I/outdir")"
# the temporary file of a failed rename is gone
for f in "$I"/.outdir.*; do
	[ ! -e "$f" ] || fail "a failed rename left its temporary file: $f"
done
pass
