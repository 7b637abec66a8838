# SPDX-License-Identifier: MIT
# completion.sh: the bash completion (completion/sdtkit.bash) offers the
# subcommands, each command's options (every one its usage line names),
# option values, provider files where a command takes one, objects after it
# for object, any file for --binary and -o; CMake installs it where
# bash-completion looks (share/bash-completion/completions/sdtkit)
# timeout: 300
. "$TESTDIR/lib.sh"
need bash
file=$SRCDIR/completion/sdtkit.bash
bash -n "$file" || fail "completion/sdtkit.bash does not parse"

mkdir "$T/w" "$T/w/dir"
cd "$T/w"
touch a.d b.o c.txt dir/x.d

# comp WORD...: the completions of the last word, sorted, one per line
comp() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _sdtkit
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' _ "$file" "$@"
}
# expect WANT WORD...: comp WORD... prints exactly WANT (lines)
expect() {
	local want=$1 got
	shift
	got=$(comp "$@")
	[ "$got" = "$want" ] || fail "completing '$*': got
$got
wanted
$want"
}

step "subcommands"
expect "$(printf '%s\n' --help --version bpftrace check diff doc dtrace header list object tapset)" sdtkit ""
expect header sdtkit he
step "positional arguments"
expect "$(printf 'a.d\ndir/')" sdtkit header ""
expect "$(printf 'a.d\ndir/')" sdtkit tapset -o out.stp ""
expect "$(printf 'b.o\ndir/')" sdtkit object a.d ""
expect "$(printf 'b.o\ndir/')" sdtkit object -o sem.o a.d ""
expect "$(printf 'a.d\nb.o\nc.txt\ndir')" sdtkit check a.d ""
expect "$(printf 'a.d\nb.o\nc.txt\ndir')" sdtkit bpftrace a.d --binary ""
expect "$(printf 'a.d\nb.o\nc.txt\ndir')" sdtkit header -o ""
expect "dir/x.d" sdtkit doc dir/
step "option values"
expect "$(printf '%s\n' --format=json --format=notes --format=table)" sdtkit list --format=
expect "$(printf '%s\n' --format=json --format=text)" sdtkit diff --format=
expect "$(printf '%s\n' --format=man --format=markdown)" sdtkit doc --format=
expect "$(printf '%s\n' --semaphores=default --semaphores=hidden --semaphores=none)" sdtkit header --semaphores=
expect "--floats=bits" sdtkit header --floats=b
expect "$(printf '%s\n' --tracer=bcc --tracer=bpftrace)" sdtkit check --tracer=b
expect "--provider-file=a.d" sdtkit list --provider-file=
expect "--like=b.o" sdtkit object --like=
expect "--target=aarch64" sdtkit object --target=aa
expect "dir" sdtkit header -I ""

step "every option of each usage line"
"$SDTKIT" --help >"$T/usage.txt"
for cmd in header object list check diff bpftrace tapset doc; do
	# the options of the command's usage line and its continuation lines
	opts=$(awk -v c="$cmd" '
		$1 == "usage:" { $1 = "" ; $0 = $0 }
		$1 == "sdtkit" { n = split($2, names, "|"); on = 0; for (k = 1; k <= n; k++) if (names[k] == c) on = 1 }
		on' "$T/usage.txt" | grep -oE -- '--?[a-zA-Z][-a-zA-Z]*=?' | sort -u)
	[ -n "$opts" ] || fail "no options found in the usage of $cmd"
	offered=$(comp sdtkit "$cmd" -)
	for o in $opts; do
		printf '%s\n' "$offered" | grep -qx -- "$o" || fail "sdtkit $cmd: the completion does not offer $o (offers: $(echo $offered))"
	done
done

step "installed for bash-completion"
cmake --install "$(dirname "$SDTKIT")" --prefix "$T/p" >"$T/install.log" 2>&1 ||
	fail "cmake --install failed: $(cat "$T/install.log")"
cmp -s "$file" "$T/p/share/bash-completion/completions/sdtkit" ||
	fail "the completion is not installed as share/bash-completion/completions/sdtkit"
pass
