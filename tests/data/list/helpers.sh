# helpers.sh: shell functions shared by the tests/integration/list_*.sh scripts
# (sourced after lib.sh; needs readelf and jq)

# hexnorm: 0x000000000000a3 -> 0xa3 in every field of stdin that is a hex number
hexnorm() {
	awk 'BEGIN { FS = OFS = "\t" }
	{ for (i = 1; i <= NF; i++) if ($i ~ /^0x[0-9a-f]+$/) { sub(/^0x0+/, "0x", $i); if ($i == "0x") $i = "0x0" } print }'
}

# readelf_set FILE: one line per stapsdt note, as readelf -n shows it:
# module, provider, name, location, base, semaphore, arguments (tab-separated, sorted)
readelf_set() {
	LC_ALL=C readelf -n "$1" | awk -v mod="${1##*/}" '
	BEGIN { OFS = "\t" }
	/^File: / { mod = substr($0, 7); sub(/.*\//, "", mod) }
	/^Displaying notes found in: / { in_sdt = ($0 ~ /: \.note\.stapsdt$/) }
	!in_sdt { next }
	/^    Provider: / { p = substr($0, 15) }
	/^    Name: / { n = substr($0, 11) }
	/^    Location: / {
		l = $0
		sub(/^    Location: /, "", l)
		split(l, f, /, (Base|Semaphore): /)
	}
	/^    Arguments: / { print mod, p, n, f[1], f[2], f[3], substr($0, 16) }' |
		hexnorm | LC_ALL=C sort
}

# json_set FILE...: the same from sdtkit list --format=json
json_set() {
	"$SDTKIT" list --format=json "$@" |
		jq -r '.[] | [.module, .provider, .name, .note_pc, .base, .note_semaphore, .arguments] | @tsv' |
		LC_ALL=C sort
}

# same_set WHAT FILE: readelf and sdtkit agree on FILE, which has N_EXPECT notes or more
same_set() {
	readelf_set "$2" >"$T/readelf.set"
	json_set "$2" >"$T/sdtkit.set" 2>"$T/sdtkit.err" || fail "$1: sdtkit list failed: $(cat "$T/sdtkit.err")"
	[ ! -s "$T/sdtkit.err" ] || fail "$1: sdtkit list warned: $(cat "$T/sdtkit.err")"
	n=$(wc -l <"$T/readelf.set")
	[ "$n" -ge "${N_EXPECT:-1}" ] || fail "$1: readelf shows $n stapsdt notes, expected ${N_EXPECT:-1}"
	diff -u "$T/readelf.set" "$T/sdtkit.set" >&2 ||
		fail "$1: sdtkit list --format=json disagrees with readelf -n (--- readelf, +++ sdtkit)"
}

# probe_files DIR: list_probes.h and the semaphore object sem.o for list.d, in DIR
probe_files() {
	mkdir -p "$1"
	"$SDTKIT" header -o "$1/list_probes.h" "$TESTDATA/list/list.d" || fail "sdtkit header"
	"$SDTKIT" object -o "$1/sem.o" "$TESTDATA/list/list.d" || fail "sdtkit object"
}
