/* test_handshake.c - unit tests for wire/handshake: greeting, HandshakeResponse41,
 * SSLRequest, AuthSwitchRequest and COM_CHANGE_USER. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "duet_version.h"
#include "wire/codec.h"
#include "wire/handshake.h"

static void test_server_version(void **state)
{
    (void)state;
    char v[64];
    wire_server_version(v, sizeof(v));
    assert_string_equal(v, "8.0.11-duet-" DUET_VERSION);
}

static void test_greeting_layout(void **state)
{
    (void)state;
    wire_greeting_t g = {.server_version = "8.0.11-duet-x",
                         .connection_id = 0x01020304,
                         .capabilities = WIRE_SERVER_CAPABILITIES | WIRE_CLIENT_SSL,
                         .collation = 46,
                         .status = WIRE_STATUS_AUTOCOMMIT,
                         .auth_plugin = WIRE_PLUGIN_CACHING_SHA2};
    for (int i = 0; i < WIRE_SCRAMBLE_LEN; i++)
        g.scramble[i] = (uint8_t)('A' + i);
    duet_buf_t b = DUET_BUF_INIT;
    wire_greeting_encode(&g, &b);
    wire_reader_t r;
    wire_reader_init(&r, b.data, b.len);
    uint8_t proto, filler, coll, plen;
    const char *ver;
    size_t n;
    uint32_t id;
    const uint8_t *s1, *reserved, *s2;
    uint16_t lo, st, hi;
    wire_read_u8(&r, &proto);
    wire_read_nul_str(&r, &ver, &n);
    wire_read_u32(&r, &id);
    wire_read_bytes(&r, 8, &s1);
    wire_read_u8(&r, &filler);
    wire_read_u16(&r, &lo);
    wire_read_u8(&r, &coll);
    wire_read_u16(&r, &st);
    wire_read_u16(&r, &hi);
    wire_read_u8(&r, &plen);
    wire_read_bytes(&r, 10, &reserved);
    wire_read_bytes(&r, 13, &s2);
    const char *plugin;
    wire_read_nul_str(&r, &plugin, &n);
    assert_false(r.failed);
    assert_int_equal(wire_reader_left(&r), 0);
    assert_int_equal(proto, 10);
    assert_string_equal(ver, "8.0.11-duet-x");
    assert_int_equal(id, 0x01020304);
    assert_memory_equal(s1, "ABCDEFGH", 8);
    assert_memory_equal(s2, "IJKLMNOPQRST\0", 13);
    assert_int_equal(filler, 0);
    uint32_t caps = lo | ((uint32_t)hi << 16);
    assert_true(caps & WIRE_CLIENT_MYSQL);
    assert_true(caps & WIRE_CLIENT_PROTOCOL_41);
    assert_true(caps & WIRE_CLIENT_DEPRECATE_EOF);
    assert_true(caps & WIRE_CLIENT_SSL);
    assert_false(caps & WIRE_CLIENT_SESSION_TRACK);
    assert_false(caps & WIRE_CLIENT_QUERY_ATTRIBUTES);
    assert_int_equal(coll, 46);
    assert_int_equal(st, WIRE_STATUS_AUTOCOMMIT);
    assert_int_equal(plen, 21);
    for (int i = 0; i < 10; i++)
        assert_int_equal(reserved[i], 0);
    assert_string_equal(plugin, "caching_sha2_password");
    duet_buf_free(&b);
}

/* Builds a HandshakeResponse41 the way libmysqlclient does. */
static void build_response(duet_buf_t *b, uint32_t caps, const char *user, const void *auth,
                           size_t auth_len, const char *db, const char *plugin, bool attrs)
{
    wire_put_u32(b, caps);
    wire_put_u32(b, 16777216);
    wire_put_u8(b, 45);
    for (int i = 0; i < 23; i++)
        wire_put_u8(b, 0);
    wire_put_nul_str(b, user);
    if (caps & WIRE_CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA) {
        wire_put_lenenc_str(b, auth, auth_len);
    } else {
        wire_put_u8(b, (uint8_t)auth_len);
        wire_put_bytes(b, auth, auth_len);
    }
    if (db)
        wire_put_nul_str(b, db);
    if (plugin)
        wire_put_nul_str(b, plugin);
    if (attrs) {
        duet_buf_t a = DUET_BUF_INIT;
        wire_put_lenenc_str(&a, "_client_name", 12);
        wire_put_lenenc_str(&a, "pymysql", 7);
        wire_put_lenenc_str(&a, "_pid", 4);
        wire_put_lenenc_str(&a, "42", 2);
        wire_put_lenenc_str(b, a.data, a.len);
        duet_buf_free(&a);
    }
}

static void test_response_full(void **state)
{
    (void)state;
    uint32_t caps = WIRE_SERVER_CAPABILITIES;
    duet_buf_t b = DUET_BUF_INIT;
    build_response(&b, caps, "root", "0123456789abcdefghij", 20, "test", "mysql_native_password",
                   true);
    wire_handshake_response_t r;
    duet_err_t e = {0};
    assert_int_equal(wire_handshake_response_parse((uint8_t *)b.data, b.len, caps, &r, &e), 0);
    assert_false(r.ssl_request);
    assert_int_equal(r.collation, 45);
    assert_int_equal(r.max_packet, 16777216);
    assert_int_equal(r.user_len, 4);
    assert_memory_equal(r.user, "root", 4);
    assert_int_equal(r.auth_len, 20);
    assert_int_equal(r.db_len, 4);
    assert_memory_equal(r.db, "test", 4);
    assert_int_equal(r.plugin_len, strlen("mysql_native_password"));
    assert_int_equal(r.nattrs, 2);
    assert_memory_equal(r.attrs[0].key, "_client_name", 12);
    assert_memory_equal(r.attrs[1].value, "42", 2);
    duet_buf_free(&b);
}

static void test_response_secure_connection_no_db(void **state)
{
    (void)state;
    uint32_t caps =
        WIRE_CLIENT_PROTOCOL_41 | WIRE_CLIENT_SECURE_CONNECTION | WIRE_CLIENT_PLUGIN_AUTH;
    duet_buf_t b = DUET_BUF_INIT;
    build_response(&b, caps, "u", "", 0, NULL, "", false);
    wire_handshake_response_t r;
    duet_err_t e = {0};
    assert_int_equal(
        wire_handshake_response_parse((uint8_t *)b.data, b.len, WIRE_SERVER_CAPABILITIES, &r, &e),
        0);
    assert_int_equal(r.auth_len, 0);
    assert_null(r.db);
    assert_non_null(r.plugin);
    assert_int_equal(r.plugin_len, 0);
    duet_buf_free(&b);
}

static void test_ssl_request(void **state)
{
    (void)state;
    uint32_t caps = WIRE_SERVER_CAPABILITIES | WIRE_CLIENT_SSL;
    duet_buf_t b = DUET_BUF_INIT;
    wire_put_u32(&b, caps);
    wire_put_u32(&b, 1 << 24);
    wire_put_u8(&b, 255);
    for (int i = 0; i < 23; i++)
        wire_put_u8(&b, 0);
    wire_handshake_response_t r;
    duet_err_t e = {0};
    assert_int_equal(wire_handshake_response_parse((uint8_t *)b.data, b.len, caps, &r, &e), 0);
    assert_true(r.ssl_request);
    /* Without SSL offered by the server, a 32-byte packet is malformed. */
    assert_int_equal(
        wire_handshake_response_parse((uint8_t *)b.data, b.len, WIRE_SERVER_CAPABILITIES, &r, &e),
        -1);
    assert_int_equal(e.code, 1835);
    duet_buf_free(&b);
}

static void test_no_protocol41(void **state)
{
    (void)state;
    duet_buf_t b = DUET_BUF_INIT;
    build_response(&b, WIRE_CLIENT_SECURE_CONNECTION, "u", "", 0, NULL, NULL, false);
    wire_handshake_response_t r;
    duet_err_t e = {0};
    assert_int_equal(
        wire_handshake_response_parse((uint8_t *)b.data, b.len, WIRE_SERVER_CAPABILITIES, &r, &e),
        -1);
    assert_int_equal(e.code, 1043);
    assert_string_equal(e.msg, "Bad handshake");
    duet_buf_free(&b);
}

static void test_truncated_everywhere(void **state)
{
    (void)state;
    uint32_t caps = WIRE_SERVER_CAPABILITIES;
    duet_buf_t b = DUET_BUF_INIT;
    build_response(&b, caps, "root", "0123456789abcdefghij", 20, "test", "caching_sha2_password",
                   true);
    /* Every cut either parses (trailing optional parts) or fails with 1835; never crashes. */
    for (size_t cut = 0; cut < b.len; cut++) {
        wire_handshake_response_t r;
        duet_err_t e = {0};
        int rc = wire_handshake_response_parse((uint8_t *)b.data, cut, caps, &r, &e);
        if (rc < 0)
            assert_int_equal(e.code, 1835);
    }
    duet_buf_free(&b);
}

static void test_auth_switch(void **state)
{
    (void)state;
    duet_buf_t b = DUET_BUF_INIT;
    wire_auth_switch_encode("mysql_native_password", (const uint8_t *)"12345678901234567890", 20,
                            &b);
    assert_int_equal(b.len, 1 + 22 + 20 + 1);
    assert_int_equal((uint8_t)b.data[0], 0xFE);
    assert_string_equal(b.data + 1, "mysql_native_password");
    assert_int_equal(b.data[b.len - 1], 0);
    duet_buf_free(&b);
}

static void test_change_user(void **state)
{
    (void)state;
    duet_buf_t b = DUET_BUF_INIT;
    wire_put_u8(&b, 0x11);
    wire_put_nul_str(&b, "bob");
    wire_put_u8(&b, 3);
    wire_put_bytes(&b, "xyz", 3);
    wire_put_nul_str(&b, "db1");
    wire_put_u16(&b, 255);
    wire_put_nul_str(&b, "mysql_native_password");
    wire_change_user_t cu;
    duet_err_t e = {0};
    assert_int_equal(
        wire_change_user_parse((uint8_t *)b.data, b.len, WIRE_SERVER_CAPABILITIES, &cu, &e), 0);
    assert_memory_equal(cu.user, "bob", 3);
    assert_int_equal(cu.auth_len, 3);
    assert_memory_equal(cu.db, "db1", 3);
    assert_int_equal(cu.collation, 255);
    assert_int_equal(cu.plugin_len, 21);
    assert_int_equal(
        wire_change_user_parse((uint8_t *)b.data, 6, WIRE_SERVER_CAPABILITIES, &cu, &e), -1);
    assert_int_equal(e.code, 1835);
    duet_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_version),
        cmocka_unit_test(test_greeting_layout),
        cmocka_unit_test(test_response_full),
        cmocka_unit_test(test_response_secure_connection_no_db),
        cmocka_unit_test(test_ssl_request),
        cmocka_unit_test(test_no_protocol41),
        cmocka_unit_test(test_truncated_everywhere),
        cmocka_unit_test(test_auth_switch),
        cmocka_unit_test(test_change_user),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
