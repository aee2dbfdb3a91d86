/* test_users.c - unit tests for proxy/users: accounts, host matching, password checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "proxy/users.h"

static void test_root_default(void **state)
{
    (void)state;
    proxy_users_t *u = proxy_users_create();
    proxy_user_t a;
    assert_true(proxy_users_find(u, "root", 4, "127.0.0.1", &a));
    assert_true(a.empty_password);
    assert_int_equal(a.plugin, PROXY_AUTH_CACHING_SHA2);
    assert_false(proxy_users_find(u, "roo", 3, "127.0.0.1", &a));
    proxy_users_destroy(u);
}

static void test_create_alter_drop(void **state)
{
    (void)state;
    proxy_users_t *u = proxy_users_create();
    duet_err_t e = {0};
    assert_int_equal(proxy_users_create_user(u, "bob", "%", PROXY_AUTH_NATIVE, "pw", &e), 0);
    assert_int_equal(proxy_users_create_user(u, "bob", "%", PROXY_AUTH_NATIVE, "pw", &e), -1);
    assert_int_equal(e.code, 1396);
    assert_string_equal(e.msg, "Operation CREATE USER failed for 'bob'@'%'");
    proxy_user_t a;
    assert_true(proxy_users_find(u, "bob", 3, "10.0.0.1", &a));
    assert_false(a.empty_password);
    assert_true(proxy_users_verify_native_clear(&a, "pw", 2));
    assert_false(proxy_users_verify_native_clear(&a, "pW", 2));
    /* A localhost account wins over '%' for local clients. */
    assert_int_equal(
        proxy_users_create_user(u, "bob", "localhost", PROXY_AUTH_CACHING_SHA2, "other", &e), 0);
    assert_true(proxy_users_find(u, "bob", 3, "127.0.0.1", &a));
    assert_string_equal(a.host, "localhost");
    assert_true(proxy_users_find(u, "bob", 3, "10.0.0.1", &a));
    assert_string_equal(a.host, "%");
    assert_int_equal(proxy_users_alter_user(u, "nobody", "%", PROXY_AUTH_NATIVE, "x", &e), -1);
    assert_string_equal(e.msg, "Operation ALTER USER failed for 'nobody'@'%'");
    assert_int_equal(proxy_users_drop_user(u, "bob", "%", &e), 0);
    assert_int_equal(proxy_users_drop_user(u, "bob", "%", &e), -1);
    assert_string_equal(e.msg, "Operation DROP USER failed for 'bob'@'%'");
    proxy_users_destroy(u);
}

static void test_sha2_cache(void **state)
{
    (void)state;
    proxy_users_t *u = proxy_users_create();
    duet_err_t e = {0};
    assert_int_equal(proxy_users_bootstrap(u, "s:sha2:pw2,n:native:pw1", &e), 0);
    proxy_user_t a;
    assert_true(proxy_users_find(u, "s", 1, "127.0.0.1", &a));
    assert_false(a.sha2_cached);
    assert_false(proxy_users_verify_sha2_full(u, &a, "bad", 3));
    assert_true(proxy_users_find(u, "s", 1, "127.0.0.1", &a));
    assert_false(a.sha2_cached);
    assert_true(proxy_users_verify_sha2_full(u, &a, "pw2", 3));
    assert_true(proxy_users_find(u, "s", 1, "127.0.0.1", &a));
    assert_true(a.sha2_cached);
    uint8_t scramble[WIRE_SCRAMBLE_LEN] = "01234567890123456789", resp[32];
    wire_sha2_scramble("pw2", 3, scramble, resp);
    assert_true(wire_sha2_fast_verify(scramble, resp, 32, a.sha2_digest2));
    /* ALTER USER clears the cache. */
    assert_int_equal(proxy_users_alter_user(u, "s", "%", PROXY_AUTH_CACHING_SHA2, "new", &e), 0);
    assert_true(proxy_users_find(u, "s", 1, "127.0.0.1", &a));
    assert_false(a.sha2_cached);
    assert_int_equal(proxy_users_bootstrap(u, "x:weird:pw", &e), -1);
    assert_int_equal(proxy_users_bootstrap(u, "nocolon", &e), -1);
    proxy_users_destroy(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_root_default),
        cmocka_unit_test(test_create_alter_drop),
        cmocka_unit_test(test_sha2_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
