provider p {
	probe abÿc(int);
};
