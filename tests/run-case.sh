#!/bin/sh
# SPDX-License-Identifier: MIT
# run-case.sh: run one declarative CLI test case (tests/cases/NAME.case)
#
# usage: sh run-case.sh FILE.case
# environment: SDTKIT (the binary), SDTKIT_DTRACE (a link to it named dtrace),
#   TESTDIR (tests/, where golden/ lives), SCRATCH or TMPDIR (where work
#   directories go), SDTKIT_UPDATE_GOLDEN=1 (rewrite golden files from the
#   actual output instead of comparing), SDTKIT_KEEP=1 (keep the work directory)
#
# A case file is a header, then sections.
#
# Header: one 'key: value' per line; blank lines and lines starting with '#'
# are comments.
#   args: WORDS       the command: shell words (quotes work, $VAR expands);
#                     run as "$SDTKIT" WORDS; a first word 'dtrace' runs
#                     "$SDTKIT_DTRACE" (argv[0] is dtrace: that personality)
#                     instead, and a first word 'sdtkit' is dropped, so
#                     'args: sdtkit dtrace -h ...' runs the subcommand
#   exit: N           expected exit status (default 0)
#   env: NAME=VALUE   set in the command's environment (repeatable); the value
#                     is taken literally. CPP is unset and LC_ALL=C otherwise
#   umask: MASK       umask of the command (default 022)
#   requires: CMD     skip the case (exit 77) unless CMD is installed
#   mkdir: DIR...     create empty directories before the run
#   absent: NAME...   these must not exist after the run
#   exists: NAME...   these must exist after the run (content not checked)
#   expect-golden: NAME FILE   file NAME must equal TESTDIR/FILE
#   stdout-golden: FILE        stdout must equal TESTDIR/FILE
#
# Sections start with a line '--- KIND [ARGS]' and hold every line up to the
# next line starting with '--- ' (blank lines included, taken exactly):
#   --- file NAME     written into the fresh work directory before the run
#                     (parent directories created); it must be unchanged after
#                     the run unless an 'expect NAME' section says otherwise
#   --- stdout        exact expected standard output
#   --- stderr        exact expected standard error
#   --- expect NAME   exact expected content of file NAME after the run
#   --- grep TARGET ERE   the lines of TARGET (stdout, stderr or a file name)
#                     matching the extended regular expression ERE (the rest
#                     of the line, awk syntax) must be exactly this section
#   --- absent NAME   same as the header line 'absent: NAME' (empty section)
# The words 'noeol' and 'escapes' may end a file, stdout, stderr or expect
# line: noeol drops the final newline; escapes passes the content through
# printf %b (\r, \f, \t, \\, \0NNN octal: '\0' is a NUL byte, '\0200' 0x80).
# 'then=FILE' on a stdout, stderr or expect line appends TESTDIR/FILE to the
# expected content (text many cases share, such as the usage message).
#
# Checks: the exit status; stdout and stderr (empty unless a section, a golden
# file or a grep names them); every expected file; absent and exists; inputs
# unchanged; and that the work directory holds nothing after the run but the
# inputs, the mkdir directories and the files named by expect, expect-golden,
# grep and exists (catching leftover temporaries and partial outputs). Every
# mismatch is shown as a unified diff. Exit 0 if all pass, 1 otherwise, 77 if
# skipped.

set -u
LC_ALL=C
export LC_ALL
unset CPP

case_file=${1:?usage: run-case.sh FILE.case}
: "${SDTKIT:?SDTKIT must name the sdtkit binary}"
: "${TESTDIR:=$(cd "$(dirname "$0")" && pwd)}"
case $case_file in /*) ;; *) case_file=$(pwd)/$case_file ;; esac
[ -r "$case_file" ] || { echo "run-case: cannot read '$case_file'" >&2; exit 1; }
name=$(basename "$case_file" .case)

base=${SCRATCH:-${TMPDIR:-/tmp}}
mkdir -p "$base" || exit 1
T=$(mktemp -d "$base/case-$name.XXXXXX") || exit 1
mkdir "$T/work" "$T/parts" "$T/expected" "$T/actual"

failed=0
fail() {
	printf 'FAIL: %s\n' "$*"
	failed=1
}

# diffout LABEL EXPECTED ACTUAL: compare, printing a unified diff
diffout() {
	if ! cmp -s "$2" "$3"; then
		fail "$1 differs (--- expected, +++ actual)"
		diff -u "$2" "$3"
		return 1
	fi
	return 0
}

finish() {
	if [ "$failed" = 0 ] && [ "${SDTKIT_KEEP:-0}" != 1 ]; then
		rm -rf "$T"
	else
		printf '(work directory kept: %s)\n' "$T"
	fi
	[ "$failed" = 0 ] && echo PASS
	exit "$failed"
}

# split the case into a manifest of header lines and section files
tab=$(printf '\t')
awk -v parts="$T/parts" '
function endsect() {
	if (out != "") {
		if (n > 0 && !noeol)
			printf "\n" > out
		close(out)
	}
	out = ""
}
function bad(msg) {
	printf "run-case: %s:%d: %s\n", FILENAME, NR, msg > "/dev/stderr"
	err = 1
	exit 1
}
/^--- / {
	endsect()
	nsect++
	kind = $2
	rest = ""
	noeol = 0
	esc = 0
	if (kind == "grep") {
		if (NF < 4)
			bad("usage: --- grep TARGET ERE")
		rest = $0
		sub(/^--- grep[ \t]+/, "", rest)
		target = rest
		sub(/[ \t].*/, "", target)
		sub(/^[^ \t]+[ \t]+/, "", rest)
		printf "S\tgrep\t%d\t%s\t0\t%s\n", nsect, target, rest
	} else {
		nargs = 0
		then = "-"
		for (i = 3; i <= NF; i++) {
			if ($i == "noeol")
				noeol = 1
			else if ($i == "escapes")
				esc = 1
			else if ($i ~ /^then=./)
				then = substr($i, 6)
			else
				args[++nargs] = $i
		}
		if (then != "-" && kind != "stdout" && kind != "stderr" && kind != "expect")
			bad("then= is for stdout, stderr and expect sections")
		if (kind == "file" || kind == "expect" || kind == "absent") {
			if (nargs != 1)
				bad("usage: --- " kind " NAME")
		} else if (kind == "stdout" || kind == "stderr") {
			if (nargs != 0)
				bad("usage: --- " kind " [noeol] [escapes]")
		} else {
			bad("unknown section kind '\''" kind "'\''")
		}
		printf "S\t%s\t%d\t%s\t%d\t%s\n", kind, nsect, nargs ? args[1] : "-", esc, then
	}
	out = parts "/" nsect
	printf "" > out
	n = 0
	next
}
out != "" {
	printf "%s%s", (n > 0 ? "\n" : ""), $0 > out
	n++
	next
}
/^[ \t]*(#|$)/ { next }
{
	key = $0
	sub(/:.*/, "", key)
	val = $0
	if (sub(/^[^:]*:[ \t]*/, "", val) == 0)
		bad("expected '\''key: value'\'' or a '\''--- '\'' section")
	if (key !~ /^(args|exit|env|umask|requires|mkdir|absent|exists|expect-golden|stdout-golden)$/)
		bad("unknown header key '\''" key "'\''")
	printf "H\t%s\t%s\n", key, val
}
END {
	if (!err)
		endsect()
}
' "$case_file" >"$T/manifest" || { failed=1; finish; }

args=
have_args=0
want_exit=0
mask=022
inputs=
outputs=
dirs=
absent=
exists=
goldens=
greps=
envfile=$T/env
: >"$envfile"
have_stdout=0
have_stderr=0

# materialize SRC DEST ESC [THEN]: a section's content as a file
materialize() {
	mkdir -p "${2%/*}"
	if [ "$3" = 1 ]; then
		_text=$(cat "$1"; echo x)
		printf '%b' "${_text%x}" >"$2"
	else
		cp "$1" "$2"
	fi
	if [ "${4:--}" != - ]; then
		cat "$TESTDIR/$4" >>"$2" || fail "cannot read '$TESTDIR/$4'"
	fi
}

while IFS=$tab read -r kind a b c d e; do
	if [ "$kind" = H ]; then
		case $a in
		args) args=$b; have_args=1 ;;
		exit) want_exit=$b ;;
		umask) mask=$b ;;
		env) printf '%s\n' "$b" >>"$envfile" ;;
		requires)
			if ! command -v "$b" >/dev/null 2>&1; then
				echo "SKIP: '$b' is not installed"
				rm -rf "$T"
				exit 77
			fi ;;
		mkdir) for x in $b; do mkdir -p "$T/work/$x"; dirs="$dirs $x"; done ;;
		absent) absent="$absent $b" ;;
		exists) exists="$exists $b" ;;
		expect-golden) goldens="$goldens
$b" ;;
		stdout-golden) goldens="$goldens
<stdout> $b"; have_stdout=1 ;;
		esac
		continue
	fi
	part=$T/parts/$b
	case $a in
	file)
		materialize "$part" "$T/work/$c" "$d"
		materialize "$part" "$T/parts/input.$b" "$d"
		inputs="$inputs $c=$b" ;;
	stdout|stderr)
		materialize "$part" "$T/expected/$a" "$d" "$e"
		eval "have_$a=1" ;;
	expect)
		materialize "$part" "$T/expected/files/$c" "$d" "$e"
		outputs="$outputs $c" ;;
	absent) absent="$absent $c" ;;
	grep)
		greps="$greps $b"
		printf '%s\n' "$c" >"$T/parts/target.$b"
		printf '%s' "$e" >"$T/parts/re.$b"
		case $c in
		stdout) have_stdout=1 ;;
		stderr) have_stderr=1 ;;
		esac ;;
	esac
done <"$T/manifest"

[ "$have_args" = 1 ] || { fail "the case has no 'args:' line"; finish; }

# run the command
(
	cd "$T/work" || exit 125
	umask "$mask"
	while IFS= read -r kv; do
		export "$kv"
	done <"$envfile"
	eval "set -- $args"
	if [ "${1-}" = dtrace ]; then
		shift
		set -- "${SDTKIT_DTRACE:?SDTKIT_DTRACE must name a link called dtrace}" "$@"
	elif [ "${1-}" = sdtkit ]; then
		shift
		set -- "$SDTKIT" "$@"
	else
		set -- "$SDTKIT" "$@"
	fi
	if command -v timeout >/dev/null 2>&1; then
		exec timeout 60 "$@"
	fi
	exec "$@"
) >"$T/actual/stdout" 2>"$T/actual/stderr"
rc=$?
# (timeout's status when the bound passed: the command hung)
[ "$rc" = 124 ] && [ "$want_exit" != 124 ] &&
	fail "the command did not finish within 60 s: args: $args"

# the checks
if [ "$rc" != "$want_exit" ]; then
	fail "exit status $rc, expected $want_exit"
	[ "$have_stderr" = 1 ] || { echo "stderr:"; cat "$T/actual/stderr"; }
fi
for s in stdout stderr; do
	if [ -f "$T/expected/$s" ]; then
		diffout "$s" "$T/expected/$s" "$T/actual/$s"
	elif eval "[ \$have_$s = 0 ]"; then
		diffout "$s" /dev/null "$T/actual/$s"
	fi
done

for o in $outputs; do
	if [ ! -f "$T/work/$o" ]; then
		fail "'$o' was not written"
	else
		diffout "'$o'" "$T/expected/files/$o" "$T/work/$o"
	fi
done

allowed=$outputs
echo "$goldens" | while read -r o g; do
	[ -n "$o" ] || continue
	if [ "$o" = "<stdout>" ]; then
		act=$T/actual/stdout
	else
		act=$T/work/$o
	fi
	if [ ! -f "$act" ]; then
		echo "FAIL: '$o' was not written"
		echo 1 >"$T/golden-failed"
	elif [ "${SDTKIT_UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "$(dirname "$TESTDIR/$g")"
		cp "$act" "$TESTDIR/$g"
		echo "updated $g"
	elif ! cmp -s "$TESTDIR/$g" "$act"; then
		echo "FAIL: '$o' differs from $g (--- expected, +++ actual)"
		diff -u "$TESTDIR/$g" "$act"
		echo 1 >"$T/golden-failed"
	fi
done
[ -f "$T/golden-failed" ] && failed=1
allowed="$allowed $(echo "$goldens" | awk '$1 != "<stdout>" { print $1 }')"

for g in $greps; do
	target=$(cat "$T/parts/target.$g")
	case $target in
	stdout|stderr) src=$T/actual/$target ;;
	*) src=$T/work/$target; allowed="$allowed $target" ;;
	esac
	if [ ! -f "$src" ]; then
		fail "'$target' was not written"
		continue
	fi
	RE=$(cat "$T/parts/re.$g") awk 'BEGIN { re = ENVIRON["RE"] } $0 ~ re' "$src" >"$T/actual/grep.$g"
	diffout "lines of '$target' matching /$(cat "$T/parts/re.$g")/" "$T/parts/$g" "$T/actual/grep.$g"
done

for o in $absent; do
	if [ -e "$T/work/$o" ] || [ -h "$T/work/$o" ]; then
		fail "'$o' exists, but should not"
	fi
done
for o in $exists; do
	[ -e "$T/work/$o" ] || fail "'$o' was not written"
done
allowed="$allowed $exists $dirs"

for io in $inputs; do
	i=${io%=*}
	n=${io##*=}
	allowed="$allowed $i"
	case " $outputs " in *" $i "*) continue ;; esac
	if [ ! -f "$T/work/$i" ]; then
		fail "input '$i' is gone"
	elif ! cmp -s "$T/parts/input.$n" "$T/work/$i"; then
		fail "input '$i' was modified"
		diff -u "$T/parts/input.$n" "$T/work/$i"
	fi
done

# nothing else in the work directory: no temporaries, no partial outputs
for a in $allowed; do
	d=$a
	while :; do
		printf './%s\n' "$d"
		case $d in */*) d=${d%/*} ;; *) break ;; esac
	done
done | sort -u >"$T/allowed"
(cd "$T/work" && find . -print) | sed '/^\.$/d' | sort >"$T/present"
extra=$(comm -13 "$T/allowed" "$T/present")
if [ -n "$extra" ]; then
	fail "unexpected files left in the work directory:"
	printf '%s\n' "$extra" | sed 's/^/  /'
fi

finish
