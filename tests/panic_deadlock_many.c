/* panic_deadlock.c with eight readers: the report lists six, then " ...)". */
#define READERS 8
#include "panic_deadlock.c"
