/*
 * SPDX-License-Identifier: FSFAP
 * Copyright (C) 2026 The sdtkit authors
 *
 * Copying and distribution of this file, with or without modification, are
 * permitted in any medium without royalty provided the copyright notice and
 * this notice are preserved. This file is offered as-is, without any warranty.
 */

/*
 * provider.d: the probes of PROJECT (a starter file from sdtkit's templates/).
 *
 * Rename the provider and the probes, then:
 *   sdtkit header -o provider_probes.h provider.d       the probe header
 *   sdtkit object -o provider_semaphores.o provider.d prog.o   its semaphores
 * or let the build do it (templates/CMakeLists.snippet.cmake and the others).
 *
 * Each probe becomes two macros in the header, the provider and the probe
 * name upper-cased and "__" turned into "_":
 *   PROJECT_REQUEST_START(id, path)     fires the probe
 *   PROJECT_REQUEST_START_ENABLED()     nonzero while a tracer is attached
 * Tracers see the probe as project:request__start (bpftrace, gdb, perf,
 * SystemTap) or project:::request-start (DTrace-style tools).
 *
 * Argument types are C types, checked at compile time against the macro's
 * arguments. At most 12 arguments; strings as "const char *". Integers and
 * pointers travel as they are; a tracer reads strings and structures from
 * the program's memory (bpftrace: str(arg1)).
 */
provider project {
	/* a request starts: its id and the path it asks for */
	probe request__start(long id, const char *path);
	/* it is done, with a status (0: success) and its duration in ns */
	probe request__done(long id, int status, unsigned long long ns);
	/* a probe without arguments */
	probe idle();
};

/*
 * Costly arguments: test the ENABLED() macro first, so that nothing is
 * computed unless a tracer listens:
 *
 *   if (PROJECT_REQUEST_START_ENABLED())
 *           PROJECT_REQUEST_START(req->id, path_of(req));
 *
 * A build without tracing (the no-op header, `sdtkit header --disabled`)
 * keeps the same macros: ENABLED() is 0, a probe compiles to nothing and
 * its arguments are never evaluated.
 */
