provider postgresql {
	probe transaction__start(unsigned int);
	probe lwlock__wait__start(const char *, int);
};
