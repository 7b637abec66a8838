provider p { probe a(int, í € long); };
