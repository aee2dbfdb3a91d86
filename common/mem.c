/* mem.c - the single allocator wrapper (see mem.h). */
#include "common/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void mem_oom(size_t n)
{
    fprintf(stderr, "duet: out of memory allocating %zu bytes\n", n);
    abort();
}

void *duet_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        mem_oom(n);
    return p;
}

void *duet_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (p == NULL)
        mem_oom(count * size);
    return p;
}

void *duet_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL)
        mem_oom(n);
    return q;
}

void duet_free(void *p)
{
    free(p);
}

char *duet_strndup(const char *s, size_t n)
{
    char *d = duet_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *duet_strdup(const char *s)
{
    return duet_strndup(s, strlen(s));
}
