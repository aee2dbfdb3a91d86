/* mem.h - the single allocator wrapper: every heap allocation in duet goes through here. */
#ifndef DUET_COMMON_MEM_H
#define DUET_COMMON_MEM_H

#include <stddef.h>

/*
 * duet_malloc/duet_calloc/duet_realloc: like malloc, calloc and realloc, but
 * never return NULL: running out of memory logs one line and aborts, because
 * no caller can continue meaningfully. Query-level memory limits are enforced
 * earlier by memory trackers, which fail the statement with a MySQL error.
 * Thread-safe. jemalloc sits underneath in release builds.
 */
void *duet_malloc(size_t n);
void *duet_calloc(size_t count, size_t size);
void *duet_realloc(void *p, size_t n);

/* duet_free: frees memory from the functions above; NULL is allowed. */
void duet_free(void *p);

/* duet_strdup/duet_strndup: heap copies of a string, owned by the caller. */
char *duet_strdup(const char *s);
char *duet_strndup(const char *s, size_t n);

#endif
