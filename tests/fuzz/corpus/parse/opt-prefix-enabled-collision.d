provider p { probe foo(); };
provider q { probe foo_enabled(); };
