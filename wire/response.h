/* response.h - generic response packets: OK, ERR, EOF and the end-of-result marker. */
#ifndef DUET_WIRE_RESPONSE_H
#define DUET_WIRE_RESPONSE_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/err.h"

/* wire_ok_t: the fields of an OK packet. info may be NULL. */
typedef struct wire_ok {
    uint64_t affected_rows;
    uint64_t last_insert_id;
    uint16_t status;
    uint16_t warnings;
    const char *info;
} wire_ok_t;

/* wire_ok_encode: appends an OK packet payload (header 0x00); a non-empty info is
 * length-encoded. Any thread. */
void wire_ok_encode(const wire_ok_t *ok, duet_buf_t *b);

/* wire_err_encode: appends an ERR packet payload: 0xFF, errno, '#', SQLSTATE, message. */
void wire_err_encode(const duet_err_t *e, duet_buf_t *b);

/* wire_eof_encode: appends a classic EOF packet payload (0xFE, warnings, status). */
void wire_eof_encode(uint16_t warnings, uint16_t status, duet_buf_t *b);

/*
 * wire_result_end_encode: appends what ends a result set (or answers
 * COM_SET_OPTION): with CLIENT_DEPRECATE_EOF in caps an OK packet whose header is
 * 0xFE, otherwise a classic EOF packet.
 */
void wire_result_end_encode(uint32_t caps, uint16_t warnings, uint16_t status, duet_buf_t *b);

#endif
