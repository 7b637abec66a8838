#error tracing is not configured
provider p { probe a(); };
