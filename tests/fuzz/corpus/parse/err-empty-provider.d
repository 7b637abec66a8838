provider p {
};
