/* chunk_codec.h - the chunk's binary network encoding; decoding borrows the received bytes. */
#ifndef DUET_EXEC_CHUNK_CODEC_H
#define DUET_EXEC_CHUNK_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/err.h"
#include "exec/chunk.h"

/*
 * Thread safety: pure functions over caller-owned buffers; any thread.
 *
 * Layout (all integers little endian; every section starts at a multiple of 8
 * bytes from the start of the message, so a message received into 8-aligned
 * memory can be used in place):
 *   header   "DCK1", u32 ncols, u32 nrows, u32 0
 *   per column:
 *     u8 class (exec_col_class_t), 3 zero bytes, u32 0, u64 data_len
 *     null bitmap: (nrows+7)/8 bytes, padded to 8
 *     variable width only: offsets, (nrows+1) u32, padded to 8
 *     data: data_len bytes (fixed width: nrows * element size), padded to 8
 * Column types are not sent: both ends know the schema (the DAG's output
 * types), as TiDB's chunk encoding does.
 */

/* exec_chunk_encode: appends the logical rows of c (the selection applied) to out. */
void exec_chunk_encode(const exec_chunk_t *c, duet_buf_t *out);

/*
 * exec_chunk_decode: a chunk of ncols columns of types fts from buf[0..len).
 * Column buffers point into buf (which must outlive the chunk and stay
 * unchanged) when it is 8-byte aligned; otherwise they are copied. Appending
 * to or resetting a decoded chunk first makes the touched column owned. Returns
 * 0 with *out set (free with exec_chunk_free), or -1 with err 1105 when the
 * message is truncated, has trailing bytes, names another column count or
 * class, or holds invalid offsets or decimal values (*out is then NULL).
 */
int exec_chunk_decode(const uint8_t *buf, size_t len, const types_field_type_t *fts, uint32_t ncols,
                      exec_chunk_t **out, duet_err_t *err);

#endif
