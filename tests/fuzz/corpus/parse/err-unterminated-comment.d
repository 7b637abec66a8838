provider p { probe a(); };
  /* the end
provider q { probe b(); };
