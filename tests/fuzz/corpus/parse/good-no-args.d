provider n {
	probe bare;
	probe empty();
	probe v(void);
	probe spaced( void
	);
};
