# SPDX-License-Identifier: MIT
# hostile_perms.sh: an unreadable provider file and a read-only output
# directory (which a .case cannot set up): exit 1, one diagnostic, nothing
# written, no temporary left. Root reads and writes through any mode, so as
# root the commands run as user nobody (setpriv); skipped if that is not possible.
# timeout: 300
. "$TESTDIR/lib.sh"
W=$T/work
mkdir "$W"
chmod 755 "$T"
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null 2>&1 ||
		skip "running as root, where file modes do not deny access, and setpriv (to become nobody) is not installed"
	chown 65534:65534 "$W"
	# a copy nobody can reach, wherever the build directory lies
	cp "$SDTKIT" "$T/sdtkit"
	chmod 755 "$T/sdtkit"
	SDTKIT=$T/sdtkit
	# as_user CMD...: run CMD as nobody
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	as_user "$SDTKIT" --version >/dev/null 2>&1 ||
		skip "running as root, where file modes do not deny access, and '$SDTKIT' cannot be run as nobody"
else
	as_user() { "$@"; }
fi
cd "$W"

# listing: the work directory, every file with its mode and time ('.' itself,
# whose time a removed temporary changes, left out); never fails
listing() {
	ls -lAR --time-style=+%s.%N . 2>&1 || true
}

# check NAME EXPECTED-LAST-LINE LINES CMD...: exit 1, LINES lines on stderr of
# which the last is EXPECTED, nothing on stdout, the directory as it was
check() {
	name=$1 want=$2 lines=$3
	shift 3
	before=$(listing)
	rc=0
	as_user "$@" >"$T/out.txt" 2>"$T/err.txt" || rc=$?
	[ "$rc" = 1 ] || fail "$name: exit status $rc, expected 1: $(cat "$T/err.txt")"
	[ ! -s "$T/out.txt" ] || fail "$name: output on stdout"
	[ "$(wc -l <"$T/err.txt")" = "$lines" ] ||
		fail "$name: expected $lines line(s) on stderr, got: $(cat "$T/err.txt")"
	[ "$(tail -n 1 "$T/err.txt")" = "$want" ] ||
		fail "$name: got '$(tail -n 1 "$T/err.txt")', expected '$want'"
	[ "$(listing)" = "$before" ] ||
		fail "$name: the directory changed: $(listing)"
}

# makes FILE CONTENT MODE: a file nobody (or the user) owns, with that mode
makes() {
	printf '%s\n' "$2" >"$1"
	[ "$(id -u)" = 0 ] && chown 65534:65534 "$1"
	chmod "$3" "$1"
}

P='provider p { probe a(int); };'

# an unreadable provider file
makes secret.d "$P" 000
check unreadable "sdtkit: error: cannot read 'secret.d': Permission denied" 1 \
	"$SDTKIT" header -o out.h secret.d
check unreadable-object "sdtkit: error: cannot read 'secret.d': Permission denied" 1 \
	"$SDTKIT" object -o out.o secret.d
check unreadable-dtrace "sdtkit: error: cannot read 'secret.d': Permission denied" 1 \
	"$SDTKIT" dtrace -h -s secret.d -o out.h
# -C: the same one line, before any preprocessor runs
if command -v cpp >/dev/null 2>&1; then
	check unreadable-cpp "sdtkit: error: cannot read 'secret.d': Permission denied" 1 \
		env CPP=cpp "$SDTKIT" header -C -o out.h secret.d
fi
rm -f secret.d

# a provider file in a directory that cannot be searched
mkdir closed
makes closed/p.d "$P" 644
[ "$(id -u)" = 0 ] && chown 65534:65534 closed
chmod 000 closed
check closed-dir "sdtkit: error: cannot read 'closed/p.d': Permission denied" 1 \
	"$SDTKIT" header -o out.h closed/p.d
chmod 755 closed
rm -rf closed

# a read-only output directory, empty or holding an older output
makes p.d "$P" 644
mkdir ro
[ "$(id -u)" = 0 ] && chown 65534:65534 ro
chmod 555 ro
check ro-dir "sdtkit: error: cannot create 'ro/out.h': Permission denied" 1 \
	"$SDTKIT" header -o ro/out.h p.d
check ro-dir-object "sdtkit: error: cannot create 'ro/out.o': Permission denied" 1 \
	"$SDTKIT" object -o ro/out.o p.d
chmod 755 ro
makes ro/old.h "/* the previous header */" 644
chmod 555 ro
check ro-dir-old-output "sdtkit: error: cannot create 'ro/old.h': Permission denied" 1 \
	"$SDTKIT" header -o ro/old.h p.d
check ro-dir-libtool "sdtkit: error: cannot create 'ro/.libs':"' Permission denied' 1 \
	"$SDTKIT" object --libtool -o ro/p.lo p.d
chmod 755 ro

pass
