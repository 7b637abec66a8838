/* café is fine here */
provider p {
	probe café(int);
};

