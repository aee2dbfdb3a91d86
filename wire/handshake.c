/* handshake.c - connection phase packets (see handshake.h). */
#include "wire/handshake.h"
#include "duet_version.h"
#include "wire/codec.h"

#include <stdio.h>
#include <string.h>

void wire_server_version(char *out, size_t outsz)
{
    snprintf(out, outsz, "8.0.11-duet-%s", DUET_VERSION);
}

void wire_greeting_encode(const wire_greeting_t *g, duet_buf_t *b)
{
    wire_put_u8(b, 10);
    wire_put_nul_str(b, g->server_version);
    wire_put_u32(b, g->connection_id);
    wire_put_bytes(b, g->scramble, 8);
    wire_put_u8(b, 0);
    wire_put_u16(b, (uint16_t)(g->capabilities & 0xFFFF));
    wire_put_u8(b, g->collation);
    wire_put_u16(b, g->status);
    wire_put_u16(b, (uint16_t)(g->capabilities >> 16));
    wire_put_u8(b, WIRE_SCRAMBLE_LEN + 1);
    static const uint8_t reserved[10] = {0};
    wire_put_bytes(b, reserved, sizeof(reserved));
    wire_put_bytes(b, g->scramble + 8, WIRE_SCRAMBLE_LEN - 8);
    wire_put_u8(b, 0);
    wire_put_nul_str(b, g->auth_plugin);
}

static int malformed(duet_err_t *err)
{
    return duet_err_set(err, ER_MALFORMED_PACKET);
}

int wire_handshake_response_parse(const uint8_t *payload, size_t len, uint32_t server_caps,
                                  wire_handshake_response_t *out, duet_err_t *err)
{
    memset(out, 0, sizeof(*out));
    wire_reader_t r;
    wire_reader_init(&r, payload, len);
    uint32_t caps = 0;
    if (len >= 2) {
        uint16_t lo = (uint16_t)(payload[0] | (payload[1] << 8));
        if (!(lo & WIRE_CLIENT_PROTOCOL_41))
            return duet_err_set(err, ER_HANDSHAKE_ERROR);
    }
    wire_read_u32(&r, &caps);
    wire_read_u32(&r, &out->max_packet);
    wire_read_u8(&r, &out->collation);
    wire_read_skip(&r, 23);
    if (r.failed)
        return malformed(err);
    out->capabilities = caps;
    uint32_t eff = caps & server_caps;
    if (wire_reader_left(&r) == 0 && (eff & WIRE_CLIENT_SSL)) {
        out->ssl_request = true;
        return 0;
    }
    if (wire_read_nul_str(&r, &out->user, &out->user_len) < 0)
        return malformed(err);
    if (eff & WIRE_CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA) {
        if (wire_read_lenenc_str(&r, &out->auth, &out->auth_len) < 0)
            return malformed(err);
    } else if (eff & WIRE_CLIENT_SECURE_CONNECTION) {
        uint8_t n;
        if (wire_read_u8(&r, &n) < 0 || wire_read_bytes(&r, n, &out->auth) < 0)
            return malformed(err);
        out->auth_len = n;
    } else {
        const char *s;
        if (wire_read_nul_str(&r, &s, &out->auth_len) < 0)
            return malformed(err);
        out->auth = (const uint8_t *)s;
    }
    if ((eff & WIRE_CLIENT_CONNECT_WITH_DB) && wire_reader_left(&r) > 0) {
        if (wire_read_nul_str(&r, &out->db, &out->db_len) < 0)
            return malformed(err);
    }
    if ((eff & WIRE_CLIENT_PLUGIN_AUTH) && wire_reader_left(&r) > 0) {
        /* Some clients end the plugin name with the packet instead of a NUL. */
        const uint8_t *p = r.p + r.pos;
        const uint8_t *nul = memchr(p, 0, wire_reader_left(&r));
        if (nul == NULL) {
            out->plugin = (const char *)p;
            out->plugin_len = wire_reader_left(&r);
            r.pos = r.len;
        } else if (wire_read_nul_str(&r, &out->plugin, &out->plugin_len) < 0) {
            return malformed(err);
        }
    }
    if ((eff & WIRE_CLIENT_CONNECT_ATTRS) && wire_reader_left(&r) > 0) {
        uint64_t total;
        if (wire_read_lenenc(&r, &total) < 0 || total > wire_reader_left(&r))
            return malformed(err);
        wire_reader_t a;
        wire_reader_init(&a, r.p + r.pos, (size_t)total);
        r.pos += (size_t)total;
        while (wire_reader_left(&a) > 0) {
            const uint8_t *k, *v;
            size_t kn, vn;
            if (wire_read_lenenc_str(&a, &k, &kn) < 0 || wire_read_lenenc_str(&a, &v, &vn) < 0)
                return malformed(err);
            if (out->nattrs < WIRE_MAX_CONN_ATTRS) {
                out->attrs[out->nattrs].key = k;
                out->attrs[out->nattrs].key_len = kn;
                out->attrs[out->nattrs].value = v;
                out->attrs[out->nattrs].value_len = vn;
                out->nattrs++;
            }
        }
    }
    if ((eff & WIRE_CLIENT_ZSTD_COMPRESSION) && wire_reader_left(&r) > 0)
        wire_read_u8(&r, &out->zstd_level);
    return 0;
}

void wire_auth_switch_encode(const char *plugin, const uint8_t *data, size_t n, duet_buf_t *b)
{
    wire_put_u8(b, 0xFE);
    wire_put_nul_str(b, plugin);
    wire_put_bytes(b, data, n);
    wire_put_u8(b, 0);
}

void wire_auth_more_data_encode(const uint8_t *data, size_t n, duet_buf_t *b)
{
    wire_put_u8(b, 0x01);
    wire_put_bytes(b, data, n);
}

int wire_change_user_parse(const uint8_t *payload, size_t len, uint32_t caps,
                           wire_change_user_t *out, duet_err_t *err)
{
    memset(out, 0, sizeof(*out));
    wire_reader_t r;
    wire_reader_init(&r, payload, len);
    if (wire_read_skip(&r, 1) < 0 || wire_read_nul_str(&r, &out->user, &out->user_len) < 0)
        return malformed(err);
    if (caps & WIRE_CLIENT_SECURE_CONNECTION) {
        uint8_t n;
        if (wire_read_u8(&r, &n) < 0 || wire_read_bytes(&r, n, &out->auth) < 0)
            return malformed(err);
        out->auth_len = n;
    } else {
        const char *s;
        if (wire_read_nul_str(&r, &s, &out->auth_len) < 0)
            return malformed(err);
        out->auth = (const uint8_t *)s;
    }
    if (wire_read_nul_str(&r, &out->db, &out->db_len) < 0)
        return malformed(err);
    if (wire_reader_left(&r) >= 2)
        wire_read_u16(&r, &out->collation);
    if ((caps & WIRE_CLIENT_PLUGIN_AUTH) && wire_reader_left(&r) > 0) {
        if (wire_read_nul_str(&r, &out->plugin, &out->plugin_len) < 0)
            return malformed(err);
    }
    return 0;
}
