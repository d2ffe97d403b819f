/*
 * The configuration runtime/pool.c is built with for the fuzz targets, in
 * place of the one meson generates for a board: the pool's shape comes
 * from the compiler's command line (tests/fuzz/meson.build builds one
 * target per shape), the rest are the values rt.h needs to compile.
 */
#ifndef GORO_CONFIG_H
#define GORO_CONFIG_H

#ifndef GORO_POOL_SIZE
#define GORO_POOL_SIZE (32 * 1024)
#endif
#ifndef GORO_MIN_BLOCK
#define GORO_MIN_BLOCK 512
#endif
#define GORO_NCPU          1
#define GORO_MAX_TASKS     8
#define GORO_MAX_TIMERS    8
#define GORO_STACK_GUARD   64
#define GORO_FRAME_MAX     0
#define GORO_TRACE         0 /* no trace hooks */
#define GORO_TRACE_RECORDS 16
/* Freed blocks are poisoned, and whatever else checks=2 adds. */
#define GORO_CHECKS 2

#endif
