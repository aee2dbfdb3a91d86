/* arena.c - region allocator (see arena.h). */
#include "common/arena.h"
#include "common/mem.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN         16
#define ARENA_DEFAULT_BLOCK 8192

typedef struct arena_block {
    struct arena_block *next;
    size_t size; /* usable bytes in data[] */
    size_t used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
} arena_block_t;

struct duet_arena {
    arena_block_t *head;  /* current block; older blocks follow through next */
    arena_block_t *first; /* the block made at create time, kept by reset */
    size_t block_size;
    size_t used;
    size_t reserved;
    void *last; /* last allocation, for in-place realloc */
};

static size_t align_up(size_t n)
{
    return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static arena_block_t *arena_block_new(duet_arena_t *a, size_t need)
{
    size_t size = need > a->block_size ? need : a->block_size;
    arena_block_t *b = duet_malloc(sizeof(*b) + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    a->reserved += size;
    return b;
}

duet_arena_t *duet_arena_create(size_t block_size)
{
    duet_arena_t *a = duet_calloc(1, sizeof(*a));
    a->block_size = block_size ? align_up(block_size) : ARENA_DEFAULT_BLOCK;
    a->head = a->first = arena_block_new(a, a->block_size);
    return a;
}

void duet_arena_destroy(duet_arena_t *a)
{
    if (a == NULL)
        return;
    arena_block_t *b = a->head;
    while (b) {
        arena_block_t *next = b->next;
        duet_free(b);
        b = next;
    }
    duet_free(a);
}

void *duet_arena_alloc(duet_arena_t *a, size_t n)
{
    assert(a != NULL);
    size_t need = align_up(n ? n : 1);
    arena_block_t *b = a->head;
    if (b->size - b->used < need) {
        /* Oversized requests get their own block behind the head so the
         * head's free tail stays usable for small allocations. */
        arena_block_t *nb = arena_block_new(a, need);
        if (need > a->block_size / 2) {
            nb->next = b->next;
            b->next = nb;
            nb->used = need;
            a->used += need;
            a->last = NULL;
            return nb->data;
        }
        nb->next = b;
        a->head = b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->used += need;
    a->last = p;
    return p;
}

void *duet_arena_calloc(duet_arena_t *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        fprintf(stderr, "duet: arena allocation overflow\n");
        abort();
    }
    void *p = duet_arena_alloc(a, count * size);
    memset(p, 0, count * size);
    return p;
}

void *duet_arena_realloc(duet_arena_t *a, void *p, size_t old_n, size_t n)
{
    if (p == NULL)
        return duet_arena_alloc(a, n);
    if (n <= old_n)
        return p;
    arena_block_t *b = a->head;
    if (p == a->last) {
        size_t old_need = align_up(old_n ? old_n : 1);
        size_t new_need = align_up(n);
        if (b->used - old_need + new_need <= b->size) {
            b->used += new_need - old_need;
            a->used += new_need - old_need;
            return p;
        }
    }
    void *q = duet_arena_alloc(a, n);
    memcpy(q, p, old_n);
    return q;
}

char *duet_arena_strndup(duet_arena_t *a, const char *s, size_t n)
{
    char *d = duet_arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *duet_arena_strdup(duet_arena_t *a, const char *s)
{
    return duet_arena_strndup(a, s, strlen(s));
}

char *duet_arena_sprintf(duet_arena_t *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *s = duet_arena_alloc(a, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return s;
}

void duet_arena_reset(duet_arena_t *a)
{
    arena_block_t *b = a->head, *keep = a->first;
    while (b) {
        arena_block_t *next = b->next;
        if (b != keep)
            duet_free(b);
        b = next;
    }
    keep->used = 0;
    keep->next = NULL;
    a->head = keep;
    a->used = 0;
    a->reserved = keep->size;
    a->last = NULL;
}

size_t duet_arena_used(const duet_arena_t *a)
{
    return a->used;
}

size_t duet_arena_reserved(const duet_arena_t *a)
{
    return a->reserved;
}
