/* Größe — naïve café */
provider u { probe a(int); // ünïcödé
};
