# SPDX-License-Identifier: MIT
# depfile.sh: header and object --depfile: without -C the rule names the
# provider file alone; with -C every file the preprocessor read, in the
# order read, by absolute path, none of cpp's pseudo-files (<built-in>,
# <command-line>), each with its empty rule; blanks and '$' in names escaped
# as make reads them; the target is the output (-o; the .lo with
# --libtool); make takes the file as it is; and it is byte-identical run to
# run, whatever the directory sdtkit runs in
# timeout: 300
. "$TESTDIR/lib.sh"
need make cpp

mkdir -p "$T/w/inc" "$T/w/sub dir"
cd "$T/w"
w=$(pwd -P)
printf 'provider p { probe a(int); };\n' >p.d

step "without -C"
"$SDTKIT" header -o p.h --depfile=p.h.dep p.d || fail "header --depfile failed"
want="p.h: \\
 $w/p.d

$w/p.d:"
[ "$(cat p.h.dep)" = "$want" ] || fail "p.h.dep is
$(cat p.h.dep)
not
$want"

step "with -C"
printf '#include "types.h"\n#include "more.h"\nprovider q { probe b(id_t_, more_t); };\n' >q.d
printf '#include "more.h"\ntypedef int id_t_;\n' >inc/types.h
printf '#ifndef MORE_H\n#define MORE_H\ntypedef long more_t;\n#endif\n' >inc/more.h
"$SDTKIT" object -C -I inc -o q.o --depfile=q.o.dep q.d || fail "object -C --depfile failed"
deps=$(sed -n 's/^ \(.*[^\\]\)\( \\\)\{0,1\}$/\1/p' q.o.dep)
[ "$(printf '%s\n' "$deps" | grep -v '^/usr/')" = "$w/q.d
$w/inc/types.h
$w/inc/more.h" ] || fail "q.o.dep names, besides system headers: $(cat q.o.dep)"
grep -q '<' q.o.dep && fail "q.o.dep names a pseudo-file: $(cat q.o.dep)"
[ "$(grep -c ':$' q.o.dep)" = "$(printf '%s\n' "$deps" | wc -l)" ] ||
	fail "not one empty rule per prerequisite: $(cat q.o.dep)"
head -n 1 q.o.dep | grep -qx 'q.o: \\' || fail "the rule's target is not q.o: $(head -n 1 q.o.dep)"

step "--libtool, and names make must read escaped"
cp q.d "sub dir/r\$x.d"
"$SDTKIT" object --libtool -C -I inc -o "sub dir/r.lo" --depfile=r.dep "sub dir/r\$x.d" ||
	fail "object --libtool --depfile failed"
head -n 1 r.dep | grep -qxF 'sub\ dir/r.lo: \' || fail "r.dep's target: $(head -n 1 r.dep)"
grep -qxF " $w/sub\\ dir/r\$\$x.d \\" r.dep || fail "r.dep does not escape the provider file's name: $(cat r.dep)"
# make reads it: the object is out of date once a header it read is newer
printf 'all: sub\\ dir/r.lo\nsub\\ dir/r.lo:\n\t@echo remake r.lo\ninclude r.dep\n' >Makefile
make >make1.log 2>&1 || fail "make could not read r.dep: $(cat make1.log)"
! grep -q 'remake r.lo' make1.log || fail "make remade r.lo with nothing newer: $(cat make1.log)"
sleep 1
touch inc/more.h
make >make2.log 2>&1 || fail "make failed: $(cat make2.log)"
grep -q 'remake r.lo' make2.log || fail "make did not take inc/more.h as r.lo's prerequisite: $(cat make2.log)"

step "the same bytes from another directory"
mkdir other
(cd other && "$SDTKIT" object -C -I ../inc -o ../q2.o --depfile=../q2.o.dep ../q.d) || fail "object from another directory failed"
sed 's|^\.\./q2\.o:|q.o:|' q2.o.dep | cmp -s - q.o.dep || fail "the dependency file differs when sdtkit runs elsewhere: $(diff q.o.dep q2.o.dep)"
pass
