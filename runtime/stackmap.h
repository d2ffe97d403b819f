/*
 * Frame records and stack maps: what tools/goro-check writes into task
 * code and the mover (stack.c) reads. Macros only, since the plugin (C++,
 * built against GCC's headers) includes this file too; both sides must
 * agree on every value here.
 *
 * A checked function that calls something and has locals in memory
 * (arrays, structs, address-taken or volatile scalars) gets a two-word
 * record in its frame, written at entry and cleared (magic = 0) at every
 * return:
 *
 *	record[0] = STACKMAP_REC_MAGIC;
 *	record[1] = &map;    in section STACKMAP_SECTION
 *
 * and the map, built by the plugin once the frame is laid out, says what
 * each word near the record holds:
 *
 *	uint32_t magic;      STACKMAP_MAP_MAGIC
 *	int16_t  first;      first described word, in words from the record
 *	uint16_t nwords;     words described (the record's own two included)
 *	uint32_t bits[];     2 bits per word from `first`, low bits first:
 *	                     STACKMAP_UNKNOWN, STACKMAP_DATA, STACKMAP_PTR
 */
#ifndef GORO_STACKMAP_H
#define GORO_STACKMAP_H

/* The record's first word. A NaN as a float, an address no board has,
 * and on 64-bit the sign extension of its 32 bits, so that x86-64 stores
 * it with one instruction (movq $imm32). */
#define STACKMAP_REC_MAGIC32 0xFFB5E04Du
/* The map's first word: "gmap" in ASCII. */
#define STACKMAP_MAP_MAGIC 0x70616D67u
/* The maps' section: a C identifier, so the linker defines
 * __start_goro_maps and __stop_goro_maps around it. */
#define STACKMAP_SECTION "goro_maps"

/* What a described word holds. */
#define STACKMAP_UNKNOWN                                                                           \
	0u               /* a char buffer, a union with a pointer, a gap: the conservative rule */
#define STACKMAP_DATA 1u /* no pointer: copied as it is */
#define STACKMAP_PTR  2u /* an aligned pointer: adjusted if it points into the live part */

#endif
