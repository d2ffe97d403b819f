/*
 * Frame records and stack maps: what tools/goro-check writes into task
 * code and the mover (stack.c) reads. Macros only, since the plugin (C++,
 * built against GCC's headers) includes this file too; both sides must
 * agree on every value here.
 *
 * A checked function that calls something and has locals in memory
 * (arrays, structs, address-taken or volatile scalars) gets a two-word
 * record in its frame, written at entry and cleared (first word 0) at
 * every return:
 *
 *	record[0] = &record[0];   a word that holds its own address
 *	record[1] = &map;         in section STACKMAP_SECTION
 *
 * The first word is a pointer into the live stack, so the mover's scan
 * meets it where it handles such words, off its fast path, and adjusts
 * it like any other: the record stays whole at its new place. The map,
 * built by the plugin once the frame is laid out, says what each word
 * near the record holds:
 *
 *	uint32_t magic;      STACKMAP_MAP_MAGIC
 *	int16_t  first;      first described word, in words from the record
 *	uint16_t nwords;     words described (the record's own two included)
 *	uint16_t nruns;      runs that follow
 *	uint16_t runs[];     from `first` on, in order: kind << STACKMAP_KIND_SHIFT
 *	                     | words, the kind STACKMAP_UNKNOWN, _DATA or _PTR
 *
 * Runs, not bits per word: small, and a run of data can be copied again
 * as a block when a frame has too many adjusted words to look up one by
 * one.
 */
#ifndef GORO_STACKMAP_H
#define GORO_STACKMAP_H

/* The map's first word: "gmap" in ASCII. */
#define STACKMAP_MAP_MAGIC 0x70616D67u
/* The maps' section: a C identifier, so the linker defines
 * __start_goro_maps and __stop_goro_maps around it. */
#define STACKMAP_SECTION "goro_maps"

/* A run: its kind in the top two bits, its length in words below. */
#define STACKMAP_KIND_SHIFT 14
#define STACKMAP_RUN_MAX    0x3FFFu

/* What a described word holds. */
#define STACKMAP_UNKNOWN                                                                           \
	0u               /* a char buffer, a union with a pointer, a gap: the conservative rule */
#define STACKMAP_DATA 1u /* no pointer: copied as it is */
#define STACKMAP_PTR  2u /* an aligned pointer: adjusted if it points into the live part */

#endif
