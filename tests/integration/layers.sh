# SPDX-License-Identifier: MIT
# layers.sh: the probe reader is layers, each file using only files below it. Every
# src/*.c is compiled here and read with nm (the global symbols each object defines and
# those it leaves undefined): that gives who calls whom. A listed file that uses a symbol
# of a file in its own layer or a higher one, or of a file with no layer, fails the test,
# and so does one whose #include lines name the header of such a file (elfnotes.h, the
# reader's public types and interface, excepted); every src/elf*.c must have a layer.
# The first-line comment of each reader file (.c and .h but elfnotes.h) says 'layer N of M'.
# Each offending edge is printed. $LAYERS_SRC (default $SRCDIR) names the tree to check.
# timeout: 300
. "$TESTDIR/lib.sh"
cc=${CC:-cc}
need "$cc" nm

# The reader's layers, bottom (1) first: the files on one line are one layer, and do not
# use each other. The first-line comment of each file names its layer.
LAYERS='
elfbase
elfsyms
elfimage
elfarchive elfprocess elfpeek
elfnotes
'
# what the reader uses from below it (layer 0), files that know nothing of it
BELOW='util argspec'
# the reader's public header: its types, which every layer uses
PUBLIC=elfnotes.h

src=${LAYERS_SRC:-$SRCDIR}/src
[ -d "$src" ] || fail "no source directory '$src'"

step "layer numbers"
for f in $BELOW; do
	echo "$f 0"
done >"$T/layer"
n=0
while read -r line; do
	[ -n "$line" ] || continue
	n=$((n + 1))
	for f in $line; do
		echo "$f $n" >>"$T/layer"
	done
done <<EOF
$LAYERS
EOF
layer() { awk -v f="$1" '$1 == f { print $2 }' "$T/layer"; }

bad=0
problem() {
	printf '%s\n' "$*" >&2
	bad=$((bad + 1))
}

step "compile every source file"
# shellcheck disable=SC2046 # the flags, split
set -- $(pkg-config --cflags libelf 2>/dev/null || true)
mkdir -p "$T/obj"
for c in "$src"/*.c; do
	f=$(basename "$c" .c)
	"$cc" -std=c11 -O0 -w -DSDTKIT_VERSION='"0"' -I"$src" "$@" -c "$c" -o "$T/obj/$f.o" \
		2>"$T/cc.log" || fail "cannot compile $c: $(tail -n 20 "$T/cc.log")"
done

step "read the objects' symbols"
# "SYMBOL FILE" for every global symbol defined, and for every one used
: >"$T/defs"
: >"$T/uses"
for o in "$T"/obj/*.o; do
	f=$(basename "$o" .o)
	nm -P -g --defined-only "$o" | awk -v f="$f" '{ print $1, f }' >>"$T/defs"
	nm -P -u "$o" | awk -v f="$f" '{ print $1, f }' >>"$T/uses"
done
[ -s "$T/defs" ] || fail "nm found no symbols in $T/obj"

step "every reader file has a layer"
for c in "$src"/elf*.c; do
	f=$(basename "$c" .c)
	[ -n "$(layer "$f")" ] || problem "$f.c: a reader file with no layer in layers.sh"
done
while read -r f l; do
	[ -f "$src/$f.c" ] || problem "$f.c: in the layer list, but there is no such file"
done <"$T/layer"

step "first-line comments name the layers"
while read -r f lf; do
	[ "$lf" -gt 0 ] || continue
	for h in "$src/$f.c" "$src/$f.h"; do
		[ -f "$h" ] && [ "${h##*/}" != "$PUBLIC" ] || continue
		sed -n 2p "$h" | grep -q "layer $lf of $n\b" ||
			problem "${h##*/}: its first-line comment does not say 'layer $lf of $n'"
	done
done <"$T/layer"

step "calls go down"
# "USER SYMBOL DEFINER" for each use of a symbol defined in the tree
awk 'NR == FNR { def[$1] = $2; next } ($1 in def) { print $2, $1, def[$1] }' \
	"$T/defs" "$T/uses" | sort -u >"$T/edges"
while read -r user sym def; do
	lu=$(layer "$user")
	# a file above the reader, or below it: not the reader's business
	[ -n "$lu" ] && [ "$lu" -gt 0 ] || continue
	ld=$(layer "$def")
	if [ -z "$ld" ]; then
		problem "$user.c (layer $lu) uses '$sym' of $def.c, which has no layer"
	elif [ "$ld" -ge "$lu" ]; then
		problem "$user.c (layer $lu) uses '$sym' of $def.c (layer $ld): not a lower layer"
	fi
done <"$T/edges"

step "includes go down"
while read -r f lf; do
	[ "$lf" -gt 0 ] || continue
	for h in "$src/$f.c" "$src/$f.h"; do
		[ -f "$h" ] || continue
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)\.h".*/\1/p' "$h" |
			while read -r inc; do
				[ "$inc" = "$f" ] || [ "$inc.h" = "$PUBLIC" ] && continue
				li=$(layer "$inc")
				if [ -z "$li" ]; then
					echo "${h##*/} (layer $lf) includes $inc.h, which has no layer"
				elif [ "$li" -ge "$lf" ]; then
					echo "${h##*/} (layer $lf) includes $inc.h (layer $li): not a lower layer"
				fi
			done
	done
done <"$T/layer" >"$T/incs"
while read -r line; do
	problem "$line"
done <"$T/incs"

[ "$bad" = 0 ] || fail "$bad problems with the layers, above (the order is LAYERS in ${0##*/})"
[ "$(wc -l <"$T/edges")" -gt 0 ] || fail "no calls between the source files: nm read nothing?"
pass
