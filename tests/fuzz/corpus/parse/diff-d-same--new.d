/* reformatted */
provider app {
	probe start(int x);
};
