/* arena.h - region allocator: per-statement and per-request memory, reset or freed as a whole. */
#ifndef DUET_COMMON_ARENA_H
#define DUET_COMMON_ARENA_H

#include <stddef.h>

/*
 * An arena hands out memory from large blocks. Nothing is freed one piece at a
 * time: duet_arena_reset() gives everything back at once (keeping the first
 * block for reuse) and duet_arena_destroy() releases all blocks. An arena is
 * owned by one thread at a time; it has no lock.
 */
typedef struct duet_arena duet_arena_t;

/* duet_arena_create: a new empty arena whose blocks are at least block_size bytes
 * (0 picks the default, 8 KiB). Never returns NULL. */
duet_arena_t *duet_arena_create(size_t block_size);

/* duet_arena_destroy: frees the arena and everything allocated in it. NULL is allowed. */
void duet_arena_destroy(duet_arena_t *a);

/* duet_arena_alloc: n bytes aligned to 16, valid until the next reset or destroy.
 * Never returns NULL (n == 0 returns a valid unique pointer). */
void *duet_arena_alloc(duet_arena_t *a, size_t n);

/* duet_arena_calloc: like duet_arena_alloc, zero-filled; count*size overflow aborts. */
void *duet_arena_calloc(duet_arena_t *a, size_t count, size_t size);

/* duet_arena_realloc: grows p (old_n bytes, from this arena) to n bytes. Extends in
 * place when p is the last allocation, otherwise copies. Returns the new pointer. */
void *duet_arena_realloc(duet_arena_t *a, void *p, size_t old_n, size_t n);

/* duet_arena_strndup/strdup: NUL-terminated copies in the arena. */
char *duet_arena_strndup(duet_arena_t *a, const char *s, size_t n);
char *duet_arena_strdup(duet_arena_t *a, const char *s);

/* duet_arena_sprintf: formats into arena memory; returns the NUL-terminated string. */
char *duet_arena_sprintf(duet_arena_t *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* duet_arena_reset: invalidates every allocation; keeps the first block for reuse. */
void duet_arena_reset(duet_arena_t *a);

/* duet_arena_used: bytes handed out since the last reset (for memory tracking). */
size_t duet_arena_used(const duet_arena_t *a);

/* duet_arena_reserved: bytes held from the system, including unused block tails. */
size_t duet_arena_reserved(const duet_arena_t *a);

#endif
