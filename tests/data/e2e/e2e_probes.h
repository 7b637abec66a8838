/* e2e_probes.h: the probe-firing half of the e2e program (a library in the
 * shared layout) */
#ifndef E2E_PROBES_H
#define E2E_PROBES_H
void e2e_fire(void);		/* fire every probe once */
int e2e_twelve_enabled(void);	/* E2E_TWELVE_ENABLED() */
#endif
