# SPDX-License-Identifier: MIT
# hostile_big.sh: provider files made of one 10 MB line (too big for a .case):
# each is refused with exit 1 and exactly one diagnostic at the right line and
# column, in linear time (a 60 s limit catches a hang, not a slow run), and
# leaves no output and no temporary behind.
# timeout: 300
. "$TESTDIR/lib.sh"
cd "$T"
MB10=10485760

# fill N CHAR: N copies of CHAR, no newline
fill() {
	head -c "$1" /dev/zero | tr '\0' "$2"
}

# refused FILE EXPECTED: exit 1, stderr the one line EXPECTED (a trailing '*'
# makes it a prefix), nothing written
refused() {
	rc=0
	timeout 60 "$SDTKIT" header -o out.h "$1" >out.txt 2>err.txt || rc=$?
	[ "$rc" = 1 ] || fail "$1: exit status $rc, expected 1"
	[ ! -s out.txt ] || fail "$1: output on stdout"
	[ "$(wc -l <err.txt)" = 1 ] || fail "$1: expected one diagnostic, got $(wc -l <err.txt) lines"
	case $(cat err.txt) in
	$2) ;;
	*) fail "$1: got '$(cut -c1-200 err.txt)', expected '$2'" ;;
	esac
	[ "$(ls -A)" = "$(printf '%s\nerr.txt\nout.txt' "$1" | sort)" ] ||
		fail "$1: files left behind: $(ls -A | tr '\n' ' ')"
	rm -f "$1" out.txt err.txt
}

{ printf 'provider p { probe a('; fill $MB10 ' '; printf '@); };\n'; } >blanks.d
refused blanks.d "blanks.d:1:$((MB10 + 22)): error: unexpected '@'"

{ printf '/* '; fill $MB10 x; } >comment.d
refused comment.d "comment.d:1:1: error: unterminated comment"

{ printf 'inline string s = "'; fill $MB10 x; printf '\n'; } >string.d
refused string.d "string.d:1:19: error: unterminated string"

{ printf 'provider p { probe a(int (*)'; fill $MB10 '('; } >parens.d
refused parens.d "parens.d:1:94: error: parameter list nested too deeply"

{ printf 'struct s { int a['; fill $MB10 '('; } >decl.d
refused decl.d "decl.d:1:1: error: declaration does not end with ';'"

{ printf 'provider p { probe a('; yes int, | head -c $MB10 | tr '\n' ' '; printf '); };\n'; } >args.d
refused args.d "args.d:1:82: error: probe 'p:a' has more than 12 arguments"

{ printf 'provider p { probe a(); }; '; fill $MB10 ';'; printf ' @\n'; } >semis.d
refused semis.d "semis.d:1:$((MB10 + 29)): error: unexpected '@'"

# a 10 MB probe name: the diagnostic names it (the message may be cut short)
{ printf 'provider p { probe '; fill $MB10 a; printf '(int) };\n'; } >name.d
refused name.d "name.d:1:$((MB10 + 26)): error: expected ';' after probe 'p:aaaa*"

pass
