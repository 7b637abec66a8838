provider a_ { probe _b(); };
provider a { probe __b(); };
