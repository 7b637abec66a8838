provider À¯ { probe a(); };
