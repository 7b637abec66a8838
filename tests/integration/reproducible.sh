# SPDX-License-Identifier: MIT
# reproducible.sh: identical inputs give byte-identical headers and objects,
# whatever the directory, the umask or the time; modes follow the umask.
# timeout: 300
. "$TESTDIR/lib.sh"

cat >"$T/repro.d" <<'D'
provider repro {
	probe start(const char *name, int n);
	probe stop();
};
provider other { probe x(unsigned long long); };
D

gen() { # DIR UMASK
	mkdir -p "$1/sub/dir"
	cp "$T/repro.d" "$1/sub/dir/repro.d"
	(
		cd "$1"
		umask "$2"
		"$SDTKIT" header -o h.h sub/dir/repro.d
		"$SDTKIT" header --disabled -o off.h sub/dir/repro.d
		"$SDTKIT" object -o o.o sub/dir/repro.d
		"$SDTKIT" object --target=aarch64 -o a.o sub/dir/repro.d
		"$SDTKIT" object --libtool -o lt.lo sub/dir/repro.d
		cd sub && "$SDTKIT" dtrace -G -s dir/repro.d -o ../g.o && "$SDTKIT" dtrace -h -s dir/repro.d -o ../g.h
	) || fail "generation failed in $1"
}
gen "$T/one" 022
sleep 1
gen "$T/a/much/longer/second/place" 077

for f in h.h off.h o.o a.o lt.lo .libs/lt.o lt.o g.o g.h; do
	cmp "$T/one/$f" "$T/a/much/longer/second/place/$f" || fail "$f differs between the two runs"
done
cmp "$T/one/h.h" "$T/one/g.h" || fail "dtrace -h and header differ"
cmp "$T/one/o.o" "$T/one/g.o" || fail "dtrace -G and object differ"

# nothing in the outputs names the directory it was made in
if grep -l "$T" "$T/one"/*.h "$T/one"/*.o "$T/one"/*.lo; then fail "an output names the build directory"; fi

# modes: 0666 less the umask, as the compiler's outputs
m1=$(stat -c %a "$T/one/h.h") m2=$(stat -c %a "$T/a/much/longer/second/place/h.h")
[ "$m1" = 644 ] || fail "umask 022 gave mode $m1"
[ "$m2" = 600 ] || fail "umask 077 gave mode $m2"
pass
