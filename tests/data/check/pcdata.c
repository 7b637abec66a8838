/* pcdata.c: a 'chk:done' note, laid out as <sys/sdt.h> lays it out on LP64 targets,
 * whose pc is a byte of .data instead of a nop in .text; its semaphore is the real one
 * (link with the semaphore object of check.d) */
__asm__(".pushsection .data\n"
        "chk_not_code: .byte 0\n"
        ".popsection\n"
        ".pushsection .stapsdt.base,\"aG\",@progbits,.stapsdt.base,comdat\n"
        ".weak _.stapsdt.base\n"
        ".hidden _.stapsdt.base\n"
        "_.stapsdt.base: .space 1\n"
        ".popsection\n"
        ".pushsection .note.stapsdt,\"\",@note\n"
        ".balign 4\n"
        ".4byte 992f-991f, 994f-993f, 3\n"
        "991: .asciz \"stapsdt\"\n"
        "992: .balign 4\n"
        "993: .8byte chk_not_code\n"
        ".8byte _.stapsdt.base\n"
        ".8byte chk_done_semaphore\n"
        ".asciz \"chk\"\n"
        ".asciz \"done\"\n"
        ".asciz \"\"\n"
        "994: .balign 4\n"
        ".popsection\n");

int
main(void)
{
	return 0;
}
