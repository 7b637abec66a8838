#error this build has no probes
provider p { probe x(); };
