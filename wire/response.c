/* response.c - OK, ERR and EOF packets (see response.h). */
#include "wire/response.h"
#include "wire/codec.h"
#include "wire/protocol.h"

#include <string.h>

static void ok_body(const wire_ok_t *ok, duet_buf_t *b)
{
    wire_put_lenenc(b, ok->affected_rows);
    wire_put_lenenc(b, ok->last_insert_id);
    wire_put_u16(b, ok->status);
    wire_put_u16(b, ok->warnings);
    /* The info text goes length-encoded when there is one, as MySQL and TiDB send it
     * (clients such as Connector/C parse it that way even without SESSION_TRACK). */
    if (ok->info != NULL && ok->info[0] != '\0')
        wire_put_lenenc_str(b, ok->info, strlen(ok->info));
}

void wire_ok_encode(const wire_ok_t *ok, duet_buf_t *b)
{
    wire_put_u8(b, 0x00);
    ok_body(ok, b);
}

void wire_err_encode(const duet_err_t *e, duet_buf_t *b)
{
    wire_put_u8(b, 0xFF);
    wire_put_u16(b, (uint16_t)e->code);
    wire_put_u8(b, '#');
    char state[5] = {'H', 'Y', '0', '0', '0'};
    if (strlen(e->sqlstate) == 5)
        memcpy(state, e->sqlstate, 5);
    wire_put_bytes(b, state, 5);
    wire_put_bytes(b, e->msg, strlen(e->msg));
}

void wire_eof_encode(uint16_t warnings, uint16_t status, duet_buf_t *b)
{
    wire_put_u8(b, 0xFE);
    wire_put_u16(b, warnings);
    wire_put_u16(b, status);
}

void wire_result_end_encode(uint32_t caps, uint16_t warnings, uint16_t status, duet_buf_t *b)
{
    if (caps & WIRE_CLIENT_DEPRECATE_EOF) {
        wire_ok_t ok = {.status = status, .warnings = warnings};
        wire_put_u8(b, 0xFE);
        ok_body(&ok, b);
    } else {
        wire_eof_encode(warnings, status, b);
    }
}
