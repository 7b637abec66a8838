provdier python {
	probe line(int);
};
