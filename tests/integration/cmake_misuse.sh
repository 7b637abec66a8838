# SPDX-License-Identifier: MIT
# cmake_misuse.sh: sdtkit_add_probes() and sdtkit_add_tracers() report each misuse as an error
# naming the call and what is wrong (message(SEND_ERROR): configuring fails,
# after reporting them all).
# timeout: 300
. "$TESTDIR/lib.sh"
. "$TESTDATA/cmake/common.sh"

src=$TESTDATA/cmake/misuse
if PATH=$SDTKIT_BUILD:$PATH cmake -S "$src" -B "$T/b" -G Ninja -DSDTKIT_SOURCE="$SRCDIR" >"$T/log" 2>&1; then
	fail "misuses were accepted: $(cat "$T/log")"
fi
log=$(tr -s ' \n' ' ' <"$T/log")
while IFS= read -r msg; do
	case $log in *"$msg"*) ;; *) fail "missing error: $msg
in: $(cat "$T/log")" ;; esac
done <<MSGS
sdtkit_add_probes(nosuch): 'nosuch' is not a target
sdtkit_add_probes(prog): unknown arguments: BOGUS;1
sdtkit_add_probes(prog): ENABLE (or SDTKIT_DTRACE) is 'MAYBE', not AUTO, ON or OFF
sdtkit_add_probes(prog): SEMAPHORES is 'weird', not hidden, default or none
sdtkit_add_probes(iface): cannot add probes to a target of type INTERFACE_LIBRARY
sdtkit_add_probes(prog_alias): 'prog_alias' is an alias or imported target; name the real one
sdtkit_add_probes(prog): '$src/missing.d' does not exist
sdtkit_add_probes(prog): HEADER '/abs/p.h' must be a name, not a path
sdtkit_add_probes(prog): 'prog' has probes already ($T/b/sdtkit/prog/p_probes.h)
sdtkit_add_probes(prog): call it in the directory that creates 'prog' ($src)
sdtkit_add_tracers(nosuch): 'nosuch' is not a target
sdtkit_add_tracers(prog): unknown arguments: BOGUS;1
sdtkit_add_tracers(archive): tracers attach to an executable, shared or module library, not to a STATIC_LIBRARY: name the one the probes are linked into
sdtkit_add_tracers(prog_alias): 'prog_alias' is an alias or imported target; name the real one
sdtkit_add_tracers(prog): '$src/missing.d' does not exist
sdtkit_add_tracers(plain): 'plain' has no probes: call sdtkit_add_probes() on it, or on a library it links (target_link_libraries first)
MSGS
# the one good call went through
grep -q 'sdtkit_add_probes(prog): probes disabled: ENABLE is OFF' "$T/log" || fail "the good call did not run: $(cat "$T/log")"
grep -q 'sdtkit_add_tracers(prog): tracing is off: no tapset or bpftrace script' "$T/log" ||
	fail "sdtkit_add_tracers on a target with its probes off: $(cat "$T/log")"
[ "$(grep -c 'CMake Error' "$T/log")" = 16 ] || fail "not 16 errors: $(cat "$T/log")"
pass
