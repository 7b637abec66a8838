# SPDX-License-Identifier: MIT
# outputs.sh: outputs to devices and through symbolic links, and failed writes
# (a file-size limit) that must leave the previous output intact and no temporary.
# timeout: 300
. "$TESTDIR/lib.sh"
cd "$T"
{
	echo 'provider big {'
	i=0
	while [ $i -lt 1000 ]; do echo "	probe p$i(const char *, int, long);"; i=$((i + 1)); done
	echo '};'
} >big.d
echo 'provider small { probe a(int); };' >small.d

# a device is written in place, never replaced by a regular file
"$SDTKIT" header -o /dev/null big.d || fail "header -o /dev/null"
"$SDTKIT" object -o /dev/null big.d || fail "object -o /dev/null"
[ -c /dev/null ] || fail "/dev/null is no longer a character device"
n=$("$SDTKIT" object -o /dev/stdout small.d | wc -c)
"$SDTKIT" object -o ref.o small.d
[ "$n" = "$(wc -c <ref.o)" ] || fail "object to /dev/stdout has $n bytes"

# a symbolic link: the file it names is replaced, the link stays
mkdir real
echo old >real/probes.h
ln -s real/probes.h link.h
"$SDTKIT" header -o link.h small.d || fail "header through a link"
[ -L link.h ] || fail "the link was replaced"
grep -q SMALL_A real/probes.h || fail "the linked file was not written"

# a file-size limit: the write fails, the old output stays whole
"$SDTKIT" header -o out.h small.d
cp out.h before.h
"$SDTKIT" object -o out.o small.d
cp out.o before.o
(ulimit -f 8; exec "$SDTKIT" header -o out.h big.d) 2>err.txt && fail "header under ulimit -f succeeded"
# the header is written in 64 KiB pieces: here the first piece fits, the second does not
[ "$("$SDTKIT" header big.d | wc -c)" -gt 200000 ] || fail "big.d's header is too small to fail after its first piece"
(ulimit -f 100; exec "$SDTKIT" header -o out.h big.d) 2>>err.txt && fail "header under ulimit -f 100 succeeded"
(ulimit -f 8; exec "$SDTKIT" object -o out.o big.d) 2>>err.txt && fail "object under ulimit -f succeeded"
[ "$(grep -c '^sdtkit: error: ' err.txt)" = 3 ] && [ "$(wc -l <err.txt)" = 3 ] ||
	fail "expected one diagnostic per failed run, got: $(cat err.txt)"
[ "$(grep -c "^sdtkit: error: cannot write 'out.h': File too large$" err.txt)" = 2 ] ||
	fail "header diagnostics: $(cat err.txt)"
cmp out.h before.h || fail "the previous header was damaged"
cmp out.o before.o || fail "the previous object was damaged"
# streamed to standard output or to a file, the header is the same bytes
"$SDTKIT" header -o file.h big.d && "$SDTKIT" header big.d >stdout.h || fail "header of big.d"
cmp file.h stdout.h || fail "the header on standard output differs from the file"
rm file.h stdout.h
left=$(ls -A | grep -v -e '^big\.d$' -e '^small\.d$' -e '^ref\.o$' -e '^real$' -e '^link\.h$' \
	-e '^out\.[ho]$' -e '^before\.[ho]$' -e '^err\.txt$' || true)
[ -z "$left" ] || fail "left behind: $left"
pass
