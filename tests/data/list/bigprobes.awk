# bigprobes.awk: x86-64 assembly for a file with many probe sites, as <sys/sdt.h> lays
# them out (one stapsdt note each, base _.stapsdt.base, no semaphore)
# usage: awk -v n=SITES -v per=SITES_PER_FUNCTION -f bigprobes.awk >big.s
# Site i is probe big:p<i> in function f<per * (i / per)>; each site is a 1-byte nop.
BEGIN {
	print "\t.section .stapsdt.base,\"aG\",@progbits,.stapsdt.base,comdat"
	print "\t.weak _.stapsdt.base\n\t.hidden _.stapsdt.base\n_.stapsdt.base:\n\t.space 1"
	for (i = 0; i < n; i++) {
		if (i % per == 0) {
			if (i)
				printf "\t.text\n\tret\n"
			printf "\t.text\n\t.globl f%d\n\t.type f%d,@function\n\t.size f%d,%d\nf%d:\n", i, i, i, (n - i < per ? n - i : per) + 1, i
		}
		printf "\t.text\n990:\tnop\n"
		printf "\t.section .note.stapsdt,\"\",@note\n\t.balign 4\n\t.4byte 992f-991f,994f-993f,3\n"
		printf "991:\t.asciz \"stapsdt\"\n992:\t.balign 4\n993:\t.8byte 990b\n\t.8byte _.stapsdt.base\n\t.8byte 0\n"
		printf "\t.asciz \"big\"\n\t.asciz \"p%d\"\n\t.asciz \"-4@%%edi 8@-8(%%rbp,%%rax,8)\"\n994:\t.balign 4\n", i
	}
	printf "\t.text\n\tret\n"
}
