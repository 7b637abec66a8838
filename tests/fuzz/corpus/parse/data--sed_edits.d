/* edits.d: probes with the argument types that projects' sed edits touch */
provider edits {
	probe text(char *s, const char *c, char *t);
	probe blob(void *p, const void *q, unsigned long n);
	probe vec(char **argv, int argc);
	probe obj(struct edits_obj *o, unsigned char *bytes);
	probe none();
};
