/* cppdemo_level.h: included by cppdemo.d through the C preprocessor */
#define EXTRA_LEVEL 2
