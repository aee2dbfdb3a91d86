/* stmt.h - prepared statement packets: COM_STMT_PREPARE response, COM_STMT_EXECUTE
 * parameter decoding (every type, long data), and the small COM_STMT_* commands. */
#ifndef DUET_WIRE_STMT_H
#define DUET_WIRE_STMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/err.h"
#include "wire/resultset.h"

/* wire_prepare_ok_encode: appends COM_STMT_PREPARE_OK (the first packet; parameter and
 * column definitions follow as separate packets). */
void wire_prepare_ok_encode(uint32_t stmt_id, uint16_t ncols, uint16_t nparams, uint16_t warnings,
                            duet_buf_t *b);

/* wire_param_t: one bound parameter. value.kind is NULL for SQL NULL. */
typedef struct wire_param {
    uint8_t type; /* WIRE_TYPE_* the client bound */
    bool is_unsigned;
    wire_value_t value;
} wire_param_t;

/* Per-statement state the server keeps between executions. */
typedef struct wire_stmt_params {
    uint16_t count;        /* parameters in the statement */
    uint16_t *types;       /* count entries: type | (unsigned ? 0x8000 : 0); 0xFFFF = unbound */
    duet_buf_t *long_data; /* count buffers filled by COM_STMT_SEND_LONG_DATA */
    bool *has_long_data;
} wire_stmt_params_t;

/* wire_stmt_params_init/free: state for count parameters (heap, owned by the statement). */
void wire_stmt_params_init(wire_stmt_params_t *s, uint16_t count);
void wire_stmt_params_free(wire_stmt_params_t *s);
/* wire_stmt_params_reset_long_data: forgets long data (after execute and on COM_STMT_RESET). */
void wire_stmt_params_reset_long_data(wire_stmt_params_t *s);

/* wire_stmt_execute_t: a decoded COM_STMT_EXECUTE. */
typedef struct wire_stmt_execute {
    uint32_t stmt_id;
    uint8_t flags; /* cursor type */
    uint32_t iterations;
} wire_stmt_execute_t;

/* wire_stmt_execute_head: reads the statement id (and flags) so the caller can find
 * the statement. Returns 0, or -1 with err 1835 when truncated. */
int wire_stmt_execute_head(const uint8_t *payload, size_t len, wire_stmt_execute_t *out,
                           duet_err_t *err);

/*
 * wire_stmt_execute_parse: decodes the parameters of a COM_STMT_EXECUTE payload
 * (command byte included) for a statement with state s. params must have s->count
 * entries; string values point into payload or into s->long_data. The null bitmap
 * starts at bit 0. When the client does not send types (new-params-bound = 0) the
 * previous execution's types are used; none known → error 1210. Returns 0, or -1
 * with err 1835 when the packet is truncated or a value is malformed.
 */
int wire_stmt_execute_parse(const uint8_t *payload, size_t len, wire_stmt_params_t *s,
                            wire_stmt_execute_t *out, wire_param_t *params, duet_err_t *err);

/* wire_stmt_id_parse: the statement id of COM_STMT_CLOSE/RESET (command byte included).
 * Returns 0 or -1 with err 1835. */
int wire_stmt_id_parse(const uint8_t *payload, size_t len, uint32_t *id, duet_err_t *err);

/* wire_long_data_parse: COM_STMT_SEND_LONG_DATA: statement id, parameter index, data. */
int wire_long_data_parse(const uint8_t *payload, size_t len, uint32_t *id, uint16_t *param,
                         const uint8_t **data, size_t *n, duet_err_t *err);

/* wire_stmt_fetch_parse: COM_STMT_FETCH: statement id and row count. */
int wire_stmt_fetch_parse(const uint8_t *payload, size_t len, uint32_t *id, uint32_t *rows,
                          duet_err_t *err);

#endif
