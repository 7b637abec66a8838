/* options only */
#pragma D option quiet
#pragma D option bufsize=16m
