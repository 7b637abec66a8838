/* provider p { probe a(); }; */
#pragma D option quiet

// provider q { probe b(); };
