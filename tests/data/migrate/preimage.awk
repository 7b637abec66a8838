# preimage.awk DIR=...: from a unified diff on stdin, the files it edits as
# they were before it, each hunk's old lines at its old line numbers (the
# lines in between are filler), written under DIR
/^--- / && left == 0 {
	file = ""
	if ($2 != "/dev/null") { file = DIR "/" substr($2, 3); n = 0
		d = file; sub(/\/[^\/]*$/, "", d); system("mkdir -p '" d "'"); printf "" >file }
	next
}
/^@@ / && left == 0 {
	split($2, a, ","); start = substr(a[1], 2); left = (2 in a) ? a[2] : 1
	if (file != "") while (n < start - 1) { print "filler line " ++n >file }
	next
}
left > 0 {
	c = substr($0, 1, 1)
	if (c == " " || c == "-" || $0 == "") { if (file != "") { print substr($0, 2) >file; n++ } left-- }
}
