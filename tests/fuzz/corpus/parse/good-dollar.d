provider my$prov { probe do$it(int $x); };
