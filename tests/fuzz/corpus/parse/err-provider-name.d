provider { probe a(); };
