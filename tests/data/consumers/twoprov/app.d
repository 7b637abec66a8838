provider app {
	probe start(int argc);
};
