# SPDX-License-Identifier: MIT
# concurrency.sh: 32 parallel runs in one directory, to distinct outputs and to
# the same output, all succeed, give complete outputs and leave no temporary.
# timeout: 300
. "$TESTDIR/lib.sh"

cd "$T"
{
	echo 'provider par {'
	i=0
	while [ $i -lt 200 ]; do echo "	probe p$i(const char *, int, long);"; i=$((i + 1)); done
	echo '};'
} >par.d
"$SDTKIT" header -o ref.h par.d || fail "reference header"
"$SDTKIT" object -o ref.o par.d || fail "reference object"

pids=
i=0
while [ $i -lt 32 ]; do
	"$SDTKIT" header -o "h$i.h" par.d & pids="$pids $!"
	"$SDTKIT" header -o same.h par.d & pids="$pids $!"
	"$SDTKIT" object -o "o$i.o" par.d & pids="$pids $!"
	"$SDTKIT" dtrace -G -s par.d -o same.o & pids="$pids $!"
	i=$((i + 1))
done
for p in $pids; do wait "$p" || fail "a parallel run failed"; done

i=0
while [ $i -lt 32 ]; do
	cmp ref.h "h$i.h" || fail "h$i.h differs"
	cmp ref.o "o$i.o" || fail "o$i.o differs"
	i=$((i + 1))
done
cmp ref.h same.h || fail "same.h is not a complete header"
cmp ref.o same.o || fail "same.o is not a complete object"
left=$(ls -A | grep -v -e '^par\.d$' -e '^ref\.[ho]$' -e '^[ho][0-9]*\.[ho]$' -e '^same\.[ho]$' || true)
[ -z "$left" ] || fail "files left behind: $left"
pass
