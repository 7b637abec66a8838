#define X \
	@ not D \
	still the directive
provider p { probe a() };
