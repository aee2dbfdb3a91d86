/* test_arena.c - unit tests for common/arena: alignment, big blocks, realloc, reset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "common/arena.h"

static void test_alloc_aligned(void **state)
{
    (void)state;
    duet_arena_t *a = duet_arena_create(256);
    for (int i = 0; i < 100; i++) {
        char *p = duet_arena_alloc(a, (size_t)i);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 0xAB, (size_t)i);
    }
    duet_arena_destroy(a);
}

static void test_big_allocation_keeps_small_ones_together(void **state)
{
    (void)state;
    duet_arena_t *a = duet_arena_create(1024);
    char *s1 = duet_arena_alloc(a, 16);
    char *big = duet_arena_alloc(a, 100000);
    memset(big, 1, 100000);
    char *s2 = duet_arena_alloc(a, 16);
    /* The big block went behind the current one: s2 follows s1. */
    assert_ptr_equal(s2, s1 + 16);
    assert_int_equal(duet_arena_used(a), 16 + 100000 + 16);
    duet_arena_destroy(a);
}

static void test_arena_realloc(void **state)
{
    (void)state;
    duet_arena_t *a = duet_arena_create(4096);
    char *p = duet_arena_alloc(a, 8);
    memcpy(p, "abcdefgh", 8);
    char *q = duet_arena_realloc(a, p, 8, 64);
    assert_ptr_equal(p, q); /* last allocation grows in place */
    duet_arena_alloc(a, 8);
    char *r = duet_arena_realloc(a, q, 64, 128);
    assert_ptr_not_equal(r, q);
    assert_memory_equal(r, "abcdefgh", 8);
    char *big = duet_arena_realloc(a, r, 128, 20000);
    assert_memory_equal(big, "abcdefgh", 8);
    duet_arena_destroy(a);
}

static void test_reset_keeps_first_block(void **state)
{
    (void)state;
    duet_arena_t *a = duet_arena_create(1024);
    size_t first = duet_arena_reserved(a);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 200; i++)
            duet_arena_alloc(a, 100);
        duet_arena_alloc(a, 50000);
        assert_true(duet_arena_reserved(a) > first);
        duet_arena_reset(a);
        assert_int_equal(duet_arena_used(a), 0);
        assert_int_equal(duet_arena_reserved(a), first);
    }
    duet_arena_destroy(a);
}

static void test_strings(void **state)
{
    (void)state;
    duet_arena_t *a = duet_arena_create(0);
    assert_string_equal(duet_arena_strdup(a, "tikv"), "tikv");
    assert_string_equal(duet_arena_strndup(a, "tiflash", 4), "tifl");
    assert_string_equal(duet_arena_sprintf(a, "%s-%d", "t", 42), "t-42");
    int *z = duet_arena_calloc(a, 10, sizeof(int));
    for (int i = 0; i < 10; i++)
        assert_int_equal(z[i], 0);
    duet_arena_destroy(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_aligned),
        cmocka_unit_test(test_big_allocation_keeps_small_ones_together),
        cmocka_unit_test(test_arena_realloc),
        cmocka_unit_test(test_reset_keeps_first_block),
        cmocka_unit_test(test_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
