provider p { probe a(); }; /*/
provider q { probe b(); };
