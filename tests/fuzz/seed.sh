#!/bin/sh
# SPDX-License-Identifier: MIT
# seed.sh: regenerate the parser's seed corpus (tests/fuzz/corpus/parse) from
# the .d inputs of the CLI cases and the test data, plus a few inputs in the
# form the preprocessor writes (line markers), which the cases cannot show.
#
# usage: sh tests/fuzz/seed.sh   (from anywhere; rewrites the directory)
# Inputs of 4 KB or more are left out, and identical ones kept once.

set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")" && pwd)
tests=$(dirname "$here")
out=$here/corpus/parse
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sdtkit-seed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

rm -rf "$out"
mkdir -p "$out"

# add FILE NAME: copy FILE into the corpus as NAME unless too big or known
add() {
	[ "$(wc -c <"$1")" -lt 4096 ] || return 0
	sum=$(cksum <"$1")
	grep -qxF "$sum" "$tmp/sums" 2>/dev/null && return 0
	echo "$sum" >>"$tmp/sums"
	cp "$1" "$out/$2"
}

# the '--- file NAME.d' sections of the cases, as run-case.sh writes them
for c in "$tests"/cases/*.case; do
	case=$(basename "$c" .case)
	rm -rf "$tmp/sect"
	mkdir "$tmp/sect"
	awk -v dir="$tmp/sect" '
	function end() { if (out != "") { if (n > 0 && !noeol) printf "\n" > out; close(out) } out = "" }
	/^--- / {
		end()
		if ($2 != "file" || $3 !~ /\.d$/)
			next
		noeol = esc = 0
		for (i = 4; i <= NF; i++) {
			if ($i == "noeol") noeol = 1
			if ($i == "escapes") esc = 1
		}
		k++
		name = $3
		gsub(/\//, "_", name)
		out = dir "/" k "." esc "." name
		printf "" > out
		n = 0
		next
	}
	out != "" { printf "%s%s", (n > 0 ? "\n" : ""), $0 > out; n++ }
	END { end() }
	' "$c"
	for s in "$tmp"/sect/*; do
		[ -f "$s" ] || continue
		f=${s##*/}
		esc=${f#*.}
		esc=${esc%%.*}
		name=${f#*.*.}
		if [ "$esc" = 1 ]; then
			text=$(cat "$s"; echo x)
			printf '%b' "${text%x}" >"$tmp/input"
		else
			cp "$s" "$tmp/input"
		fi
		if [ "$(ls "$tmp/sect" | wc -l)" = 1 ]; then
			add "$tmp/input" "$case.d"
		else
			add "$tmp/input" "$case--$name"
		fi
	done
done

# the provider files of the integration tests
find "$tests/data" -name '*.d' | sort | while read -r f; do
	rel=${f#"$tests/data/"}
	add "$f" "data--$(echo "$rel" | tr / _)"
done

# preprocessor output: line markers, an included file, flags after the name
cat >"$tmp/input" <<'MARKERS'
# 0 "p.d"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "/usr/include/stdc-predef.h" 1 3 4
# 0 "<command-line>" 2
# 1 "p.d"
provider p {
# 1 "inc/more.h" 1

 probe b(int);
 probe c(unsigned long, const char *);
# 4 "p.d" 2
 probe a(struct job *j, size_t n);
};
MARKERS
add "$tmp/input" cpp-linemarkers.d
cat >"$tmp/input" <<'MARKERS'
#line 10 "gen.d"
provider q { probe x(int (*)(void)); };
# 20
provider r { probe y(char [4]) : (string); };
MARKERS
add "$tmp/input" cpp-line-directive.d

echo "$(ls "$out" | wc -l) seeds in $out"
