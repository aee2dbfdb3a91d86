/* fuzz_wire.c - libFuzzer target: everything a client can send before and after login goes
 * through wire's decoders, which must reject bad input with an error and never crash,
 * read out of bounds or leak. The first input byte picks the decoder. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/mem.h"
#include "wire/compress.h"
#include "wire/codec.h"
#include "wire/handshake.h"
#include "wire/packet.h"
#include "wire/protocol.h"
#include "wire/stmt.h"

static void fuzz_frames(const uint8_t *p, size_t n)
{
    size_t fb, pl;
    uint8_t next;
    for (uint8_t seq = 0; seq < 2; seq++) {
        if (wire_packet_scan(p, n, seq, 1u << 20, &fb, &pl, &next) == WIRE_PKT_OK) {
            duet_buf_t b = DUET_BUF_INIT;
            wire_packet_join(p, fb, &b);
            if (b.len != pl)
                __builtin_trap();
            duet_buf_free(&b);
        }
    }
}

static void fuzz_handshake(const uint8_t *p, size_t n)
{
    wire_handshake_response_t r;
    duet_err_t e = {0};
    uint32_t caps[] = {WIRE_SERVER_CAPABILITIES, WIRE_SERVER_CAPABILITIES | WIRE_CLIENT_SSL,
                       WIRE_CLIENT_PROTOCOL_41, 0xFFFFFFFFu};
    for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
        if (wire_handshake_response_parse(p, n, caps[i], &r, &e) == 0 && !r.ssl_request) {
            /* Every slice the parser hands out lies inside the packet. */
            if (r.user + r.user_len > (const char *)p + n || r.auth + r.auth_len > p + n)
                __builtin_trap();
            for (size_t k = 0; k < r.nattrs; k++)
                if (r.attrs[k].value + r.attrs[k].value_len > p + n)
                    __builtin_trap();
        }
    }
    wire_change_user_t cu;
    wire_change_user_parse(p, n, WIRE_SERVER_CAPABILITIES, &cu, &e);
    wire_change_user_parse(p, n, 0, &cu, &e);
}

static void fuzz_execute(const uint8_t *p, size_t n)
{
    if (n < 2)
        return;
    uint16_t count = (uint16_t)(p[0] % 40);
    wire_stmt_params_t s;
    wire_stmt_params_init(&s, count);
    if (count > 0 && (p[1] & 1)) {
        duet_buf_append(&s.long_data[0], "long", 4);
        s.has_long_data[0] = true;
    }
    wire_param_t params[40];
    wire_stmt_execute_t ex;
    duet_err_t e = {0};
    /* Twice: the second execution may reuse the first one's types. */
    wire_stmt_execute_parse(p + 2, n - 2, &s, &ex, params, &e);
    wire_stmt_execute_parse(p + 2, n - 2, &s, &ex, params, &e);
    wire_stmt_params_free(&s);
    uint32_t id, rows;
    uint16_t param;
    const uint8_t *data;
    size_t dn;
    wire_long_data_parse(p, n, &id, &param, &data, &dn, &e);
    wire_stmt_fetch_parse(p, n, &id, &rows, &e);
    wire_stmt_id_parse(p, n, &id, &e);
}

static void fuzz_reader(const uint8_t *p, size_t n)
{
    wire_reader_t r;
    wire_reader_init(&r, p, n);
    while (!r.failed && wire_reader_left(&r) > 0) {
        uint64_t v;
        const uint8_t *s;
        const char *z;
        size_t len;
        uint8_t op;
        if (wire_read_u8(&r, &op) < 0)
            break;
        switch (op % 4) {
        case 0:
            wire_read_lenenc(&r, &v);
            break;
        case 1:
            wire_read_lenenc_str(&r, &s, &len);
            break;
        case 2:
            wire_read_nul_str(&r, &z, &len);
            break;
        default:
            wire_read_u64(&r, &v);
            break;
        }
    }
}

static void fuzz_compressed(const uint8_t *p, size_t n)
{
    size_t off = 0;
    while (n - off >= WIRE_COMPRESS_HEADER) {
        size_t fs = wire_compress_frame_size(p + off);
        if (fs > n - off)
            break;
        duet_buf_t out = DUET_BUF_INIT;
        duet_err_t e = {0};
        uint8_t cseq;
        wire_compress_decode(WIRE_COMPRESS_ZLIB, p + off, fs, &cseq, &out, &e);
        duet_buf_reset(&out);
        wire_compress_decode(WIRE_COMPRESS_ZSTD, p + off, fs, &cseq, &out, &e);
        duet_buf_free(&out);
        off += fs;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    switch (data[0] % 5) {
    case 0:
        fuzz_frames(p, n);
        break;
    case 1:
        fuzz_handshake(p, n);
        break;
    case 2:
        fuzz_execute(p, n);
        break;
    case 3:
        fuzz_reader(p, n);
        break;
    default:
        fuzz_compressed(p, n);
        break;
    }
    return 0;
}
