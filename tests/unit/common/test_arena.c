/* test_arena.c - unit tests for common/arena. */
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
    for (int i = 1; i < 100; i++) {
        char *p = duet_arena_alloc(a, (size_t)i);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 0xAB, (size_t)i);
    }
    duet_arena_destroy(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_aligned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
