/* handshake.h - connection phase packets: HandshakeV10, SSLRequest, HandshakeResponse41,
 * AuthSwitchRequest, AuthMoreData and COM_CHANGE_USER. */
#ifndef DUET_WIRE_HANDSHAKE_H
#define DUET_WIRE_HANDSHAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/err.h"
#include "wire/protocol.h"

/* wire_greeting_t: what the server announces in HandshakeV10. */
typedef struct wire_greeting {
    const char *server_version; /* "8.0.11-duet-<version>" */
    uint32_t connection_id;
    uint8_t scramble[WIRE_SCRAMBLE_LEN];
    uint32_t capabilities;
    uint8_t collation;
    uint16_t status;
    const char *auth_plugin;
} wire_greeting_t;

/* wire_server_version: writes "8.0.11-duet-<DUET_VERSION>" into out (NUL-terminated). */
void wire_server_version(char *out, size_t outsz);

/* wire_greeting_encode: appends the HandshakeV10 payload to b. Any thread. */
void wire_greeting_encode(const wire_greeting_t *g, duet_buf_t *b);

/* At most this many connect attributes are kept; more are read and dropped. */
#define WIRE_MAX_CONN_ATTRS 32

/* wire_handshake_response_t: a parsed HandshakeResponse41 (or SSLRequest). Strings
 * point into the packet payload, which must outlive this value. */
typedef struct wire_handshake_response {
    uint32_t capabilities; /* as sent by the client */
    uint32_t max_packet;
    uint8_t collation;
    bool ssl_request; /* a 32-byte SSLRequest: the TLS handshake follows */
    const char *user;
    size_t user_len;
    const uint8_t *auth;
    size_t auth_len;
    const char *db; /* NULL when CLIENT_CONNECT_WITH_DB is not set */
    size_t db_len;
    const char *plugin; /* NULL when absent; "" is possible */
    size_t plugin_len;
    size_t nattrs;
    struct {
        const uint8_t *key, *value;
        size_t key_len, value_len;
    } attrs[WIRE_MAX_CONN_ATTRS];
    uint8_t zstd_level;
} wire_handshake_response_t;

/*
 * wire_handshake_response_parse: parses payload (len bytes) as SSLRequest or
 * HandshakeResponse41. server_caps is what the greeting announced; flags the client
 * sets beyond them are ignored. Returns 0; or -1 with err 1043 (Bad handshake) when
 * the client lacks CLIENT_PROTOCOL_41, or 1835 (Malformed communication packet)
 * when the packet is truncated or inconsistent. Any thread.
 */
int wire_handshake_response_parse(const uint8_t *payload, size_t len, uint32_t server_caps,
                                  wire_handshake_response_t *out, duet_err_t *err);

/* wire_auth_switch_encode: appends an AuthSwitchRequest (0xFE, plugin, data, NUL). */
void wire_auth_switch_encode(const char *plugin, const uint8_t *data, size_t n, duet_buf_t *b);

/* wire_auth_more_data_encode: appends an AuthMoreData packet (0x01, data). */
void wire_auth_more_data_encode(const uint8_t *data, size_t n, duet_buf_t *b);

/* wire_change_user_t: a parsed COM_CHANGE_USER; strings point into the payload. */
typedef struct wire_change_user {
    const char *user;
    size_t user_len;
    const uint8_t *auth;
    size_t auth_len;
    const char *db;
    size_t db_len;
    uint16_t collation; /* 0 when absent */
    const char *plugin; /* NULL when absent */
    size_t plugin_len;
} wire_change_user_t;

/* wire_change_user_parse: parses a COM_CHANGE_USER payload (command byte included)
 * given the negotiated capabilities. Returns 0, or -1 with err 1835. */
int wire_change_user_parse(const uint8_t *payload, size_t len, uint32_t caps,
                           wire_change_user_t *out, duet_err_t *err);

#endif
