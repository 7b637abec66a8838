# SPDX-License-Identifier: MIT
# tracers.sh: the tracer-side files of demo.d for a built demo program: the
# bpftrace script and the SystemTap tapset (golden files; the binary named
# as --as says, else by its absolute path), the probes left out and why, a
# binary without the provider's probes refused with nothing written, the
# outputs byte-identical across runs and umasks, the doc man page clean under
# groff, and `list --provider-file` showing the declarations beside the specs
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/tracers/common.sh"
build_demo "$T"
cd "$T"

step "the bpftrace script and the tapset, named as installed"
for kind in bpftrace:bt tapset:stp; do
	cmd=${kind%%:*} ext=${kind#*:}
	"$SDTKIT" "$cmd" --as /usr/libexec/demo -o "demo.$ext" "$D/demo.d" --binary demo 2>err ||
		fail "sdtkit $cmd failed: $(cat err)"
	[ ! -s err ] || fail "sdtkit $cmd warned: $(cat err)"
	expect_golden "tracers/demo.$ext" "demo.$ext"
	# standard output, another umask, another directory: the same bytes
	mkdir -p other
	(cd other && umask 077 && "$SDTKIT" "$cmd" --as /usr/libexec/demo "$D/demo.d" --binary ../demo) >"again.$ext" ||
		fail "sdtkit $cmd to standard output failed"
	cmp "demo.$ext" "again.$ext" || fail "sdtkit $cmd: the output differs from one run to the next"
done

step "without --as: the binary's absolute path"
abs=$(readlink -f demo)
"$SDTKIT" bpftrace "$D/demo.d" --binary ./demo >abs.bt || fail "sdtkit bpftrace without --as failed"
grep -qx "usdt:$abs:demo:empty" abs.bt || fail "the script does not attach by $abs: $(grep ^usdt abs.bt)"
"$SDTKIT" tapset "$D/demo.d" --binary ./demo >abs.stp || fail "sdtkit tapset without --as failed"
grep -qxF "probe demo.empty = process(\"$abs\").mark(\"empty\")" abs.stp ||
	fail "the tapset does not name $abs: $(grep '^probe' abs.stp)"

step "what each leaves out, and says why"
grep -qx "/\* not attached: '/usr/libexec/demo' has no demo:missing probe \*/" demo.bt ||
	fail "demo.bt does not say why demo:missing is left out"
grep -qx "/\* arg0 (r) is left out: bpftrace 0.17 cannot read it (a floating-point operand) \*/" demo.bt ||
	fail "demo.bt does not say why it leaves out the argument of demo:ratio"
grep -qx "/\* argument 6 is past what bpftrace 0.17 reads (arg0 to arg5) \*/" demo.bt ||
	fail "demo.bt does not say what it leaves of demo:many"
grep -q "^ \* '/usr/libexec/demo' has sites with arguments that bcc's note parser" demo.bt ||
	fail "demo.bt does not say why bpftrace 0.17 prints Parse errors for demo"
[ "$(grep -c '^usdt:' demo.bt)" = 7 ] || fail "demo.bt attaches $(grep -c '^usdt:' demo.bt) probes, not 7"
[ "$(grep -c '^probe demo\.' demo.stp)" = 7 ] || fail "demo.stp has $(grep -c '^probe demo\.' demo.stp) aliases, not 7"
# gcc -O2 passes the constant as 8f@.LC0(%rip), a local label SystemTap cannot resolve
grep -qxF " * @r: double (not set: SystemTap cannot read it (an address in a local label ('.L')))" demo.stp ||
	fail "demo.stp does not say why demo.ratio has no r"

step "two binaries: each probe attached where it is, named as the Nth --as says"
mkdir -p "$T/o" && cp demo_probes.h demo_semaphores.o "$T/o/" && build_other "$T/o" && cp "$T/o/other" ./other2
"$SDTKIT" bpftrace -o two.bt "$D/demo.d" --binary demo --binary other2 --as /usr/bin/demo --as /usr/bin/other ||
	fail "sdtkit bpftrace, two binaries, failed"
grep -Pzq 'usdt:/usr/bin/demo:demo:empty,\nusdt:/usr/bin/other:demo:empty\n\{' two.bt || fail "demo:empty is not on both: $(cat two.bt)"
grep -Pzq '\*/\nusdt:/usr/bin/other:demo:missing\n\{' two.bt || fail "demo:missing is not on other alone: $(cat two.bt)"
grep -Pzq '\*/\nusdt:/usr/bin/demo:demo:many\n\{' two.bt || fail "demo:many is not on demo alone: $(cat two.bt)"
[ "$(grep -c '^usdt:' two.bt)" = 10 ] || fail "two.bt has $(grep -c '^usdt:' two.bt) attach points, not 10"
"$SDTKIT" tapset -o two.stp "$D/demo.d" --binary demo --binary other2 --as /usr/bin/demo --as /usr/bin/other ||
	fail "sdtkit tapset, two binaries, failed"
grep -Pzq 'probe demo.missing = process\("/usr/bin/other"\).mark\("missing"\)\n\{' two.stp ||
	fail "demo.missing is not on other alone: $(cat two.stp)"
# no binary carries a probe: a comment says so
printf 'provider demo { probe nowhere(); probe empty(); };\n' >nowhere.d
"$SDTKIT" tapset -o nowhere.stp nowhere.d --binary demo --binary other2 || fail "sdtkit tapset nowhere.d failed"
grep -qx '/\* demo:nowhere: not aliased: no binary given has such a probe \*/' nowhere.stp ||
	fail "nowhere.stp: $(cat nowhere.stp)"

step "a binary without the provider's probes"
printf 'int main(void) { return 0; }\n' >plain.c
gcc -o plain plain.c || fail "gcc plain.c"
for cmd in bpftrace tapset; do
	rc=0
	"$SDTKIT" "$cmd" -o plain.out "$D/demo.d" --binary plain >out 2>err || rc=$?
	[ "$rc" = 1 ] || fail "sdtkit $cmd on a binary without probes: exit $rc, not 1"
	[ "$(cat err)" = "sdtkit: error: 'plain' carries none of the probes of '$D/demo.d'" ] ||
		fail "sdtkit $cmd on a binary without probes said: $(cat err)"
	[ ! -e plain.out ] && [ ! -s out ] || fail "sdtkit $cmd wrote something for a binary without probes"
done

step "the man page of doc: no groff warning"
if type -P groff >/dev/null 2>&1; then
	"$SDTKIT" doc --format=man -o demo.7 "$D/demo.d" || fail "sdtkit doc --format=man failed"
	groff -man -ww -z demo.7 >groff.out 2>&1 || fail "groff failed: $(cat groff.out)"
	[ ! -s groff.out ] || fail "groff warns about the doc page: $(cat groff.out)"
else
	echo "groff is not installed: the doc page's formatting is not checked"
fi

step "list --provider-file: declarations beside the specs"
"$SDTKIT" list --provider-file="$D/demo.d" demo >list.out 2>list.err || fail "list --provider-file failed: $(cat list.err)"
# each declared argument of a placed probe, with a spec of its size and signedness
awk '/^ +[0-9]+ / { probe = $NF } /^ +args\[/ { print probe, $0 }' list.out >args.out
grep -Eq '^request-start +args\[0\]  const char \*path +8@' args.out || fail "request-start args[0]: $(cat list.out)"
grep -Eq '^request-start +args\[1\]  int id +-4@' args.out || fail "request-start args[1]: $(cat list.out)"
grep -Eq '^widths +args\[5\]  demo_flags_t flags +4@' args.out || fail "widths args[5]: $(cat list.out)"
grep -Eq '^unnamed +args\[2\]  unsigned short +2@' args.out || fail "unnamed args[2]: $(cat list.out)"
grep -Eq '^ratio +args\[0\]  double r +8f@' args.out || fail "ratio args[0]: $(cat list.out)"
grep -Eq '^empty ' args.out && fail "empty has argument lines: $(cat list.out)"
grep -A1 -E ' empty$' list.out | grep -qx '        (no arguments)' || fail "empty: $(cat list.out)"
[ "$(grep -c '^ *args\[' list.out)" = 24 ] || fail "$(grep -c '^ *args\[' list.out) argument lines, not 24"
# notes: the same lines under each note's Arguments; json: name and type per argument
"$SDTKIT" list --format=notes --provider-file "$D/demo.d" demo >notes.out 2>/dev/null || fail "list --format=notes --provider-file failed"
[ "$(grep -c '^ *args\[' notes.out)" = 24 ] || fail "notes: $(grep -c '^ *args\[' notes.out) argument lines, not 24"
"$SDTKIT" list --format=json --provider-file "$D/demo.d" demo >json.out || fail "list --format=json --provider-file failed"
grep -q '"spec":"-4@[^"]*","size":4,"signed":true,[^}]*}*,"unreadable_by":\[\],"name":"id","type":"int"}' json.out ||
	fail "json: no name and type for request-start's id: $(grep request json.out)"
# demo.c's 0.5 is 8f@.LC0(%rip): a float SystemTap finds no symbol for either
grep -q '"spec":"8f@\.LC[0-9]*(%rip)",[^]]*"unreadable_by":\["gdb","bcc","libbpf","bpftrace","systemtap"\],"name":"r","type":"double"}' json.out ||
	fail "json: ratio's r: $(grep ratio json.out)"
[ "$(grep -c '"declared":true' json.out)" = "$(grep -c '"provider":"demo"' json.out)" ] ||
	fail "json: not every site of demo is declared: $(cat json.out)"
# another provider file: probes it does not declare are said to be so
printf 'provider demo { probe empty(); };\nprovider other { probe x(); };\n' >part.d
"$SDTKIT" list --provider-file=part.d demo >part.out || fail "list --provider-file=part.d failed"
[ "$(grep -c '^        (not declared in part.d)$' part.out)" = 6 ] || fail "part.d: $(cat part.out)"
pass
