# consumer.sh: helpers of the build-system integration tests (autotools_*,
# meson_*, pkgconfig*), sourced after tests/lib.sh. The consumer projects are
# myproj/ (the fixture, whose sdtkit lines are the templates as they are) and
# examples/minipy (whose sdtkit lines are the templates with minipy for myproj).

CONSUMERS=$TESTDATA/consumers
TEMPLATES=$SRCDIR/templates

# install_sdtkit: install the sdtkit under test into $T/prefix with CMake,
# and point PATH, PKG_CONFIG_PATH and ACLOCAL_PATH at it
install_sdtkit() {
	P=$T/prefix
	cmake --install "$(dirname "$SDTKIT")" --prefix "$P" >"$T/install.log" 2>&1 ||
		fail "cmake --install failed: $(cat "$T/install.log")"
	for f in bin/sdtkit share/aclocal/sdtkit.m4 share/sdtkit/sdtkit.am share/pkgconfig/sdtkit.pc; do
		[ -e "$P/$f" ] || fail "cmake --install did not install $f (is the build directory configured with the current CMakeLists.txt?)"
	done
	export PATH="$P/bin:$PATH"
	export PKG_CONFIG_PATH="$P/share/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
	export ACLOCAL_PATH="$P/share/aclocal${ACLOCAL_PATH:+:$ACLOCAL_PATH}"
}

# path_without_sdtkit: PATH less the directories that hold an sdtkit
path_without_sdtkit() {
	_p=
	_ifs=$IFS
	IFS=:
	for _d in $PATH; do
		[ -x "$_d/sdtkit" ] || _p="$_p${_p:+:}$_d"
	done
	IFS=$_ifs
	printf '%s\n' "$_p"
}

# template_block FILE: the lines of FILE from its `--- sdtkit' marker to its
# `--- end sdtkit ---' marker
template_block() {
	awk '/--- sdtkit[:(]/ { on = 1 } on { print } /--- end sdtkit ---/ { on = 0 }' "$1"
}

# check_template TEMPLATE FILE NAME: FILE carries TEMPLATE's block as it is,
# with NAME for myproj
check_template() {
	template_block "$TEMPLATES/$1" | sed "s/myproj/$3/g" >"$T/template.want"
	template_block "$2" >"$T/template.got"
	[ -s "$T/template.want" ] || fail "templates/$1 has no sdtkit block"
	diff -u "$T/template.want" "$T/template.got" >"$T/template.diff" ||
		fail "$2 does not carry templates/$1 as it is: $(cat "$T/template.diff")"
}

# check_disabled_copy DIR PROVIDER.d: DIR's PROVIDER_probes_disabled.h is what
# `sdtkit header --disabled' writes now
check_disabled_copy() {
	_stem=$(basename "$2" .d)
	"$SDTKIT" header --disabled -o "$T/disabled.h" "$1/$2" || fail "sdtkit header --disabled $2 failed"
	cmp -s "$T/disabled.h" "$1/${_stem}_probes_disabled.h" ||
		fail "$1/${_stem}_probes_disabled.h is out of date: run sdtkit header --disabled -o ${_stem}_probes_disabled.h $2"
}

# probe_names FILE PROVIDER: the sorted, distinct probe names of PROVIDER in FILE
probe_names() {
	sdt_notes "$1" | awk -v p="$2" '$1 == p { print $2 }' | sort -u
}

# d_probe_names PROVIDER.d: the sorted probe names a provider file declares
d_probe_names() {
	sed -n 's/^[[:space:]]*probe[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$1" | sort -u
}

# has_probes FILE PROVIDER.d: FILE carries a note for each probe of the
# provider file and the semaphore of each
has_probes() {
	_prov=$(sed -n 's/^[[:space:]]*provider[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$2" | head -n 1)
	[ -f "$1" ] || fail "$1 was not built"
	_got=$(probe_names "$1" "$_prov")
	_want=$(d_probe_names "$2")
	[ "$_got" = "$_want" ] ||
		fail "$1: the probes of $_prov are '$(echo $_got)', expected '$(echo $_want)'"
	for _n in $_want; do
		sym_value "$1" "${_prov}_${_n}_semaphore" >/dev/null ||
			fail "$1 lacks the semaphore ${_prov}_${_n}_semaphore (or has it twice)"
	done
}

# no_probes FILE...: no SDT note, no .probes section, no semaphore
no_probes() {
	for _f in "$@"; do
		[ -f "$_f" ] || fail "$_f was not built"
		! readelf -SW "$_f" | grep -q -e '\.note\.stapsdt' -e ' \.probes ' ||
			fail "$_f has probes with the probes off"
		! readelf -sW "$_f" | grep -q '_semaphore$' ||
			fail "$_f has semaphores with the probes off: $(readelf -sW "$_f" | grep '_semaphore$')"
	done
}

# gdb_hits N PROVIDER:PROBE PROG ARGS...: run PROG under gdb, stop at the
# first N hits of the probe and print "arg0|arg1|arg2" (strings, strings,
# int) for each; with LIBTOOL set to a libtool script, through
# `$LIBTOOL --mode=execute' (PROG is then a libtool wrapper)
gdb_hits() {
	_n=$1 _probe=$2
	shift 2
	_a=(-nx -batch -ex 'break main' -ex run -ex "break -probe-stap $_probe")
	for ((_i = 0; _i < _n; _i++)); do
		_a+=(-ex continue -ex 'printf "HIT %s|%s|%d\n", $_probe_arg0, $_probe_arg1, $_probe_arg2')
	done
	bounded 60 ${LIBTOOL:+$LIBTOOL --mode=execute} gdb "${_a[@]}" --args "$@" </dev/null 2>&1 |
		sed -n 's/^HIT //p'
}

# sdtkit_check PROVIDER.d FILE: `sdtkit check' passes, where sdtkit has it
sdtkit_check() {
	if "$SDTKIT" check 2>&1 | grep -q "unknown command 'check'"; then
		echo "note: this sdtkit has no 'check' command yet; that assertion is skipped"
		return 0
	fi
	"$SDTKIT" check "$1" "$2" >"$T/check.log" 2>&1 ||
		fail "sdtkit check $1 $2 failed: $(cat "$T/check.log")"
}
