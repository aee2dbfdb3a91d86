/* conn.c - one client connection on its event loop: handshake, TLS upgrade, the auth
 * plugins' exchanges, command dispatch, hand-off of statements to the worker pool,
 * timeouts and closing. Everything here runs on the connection's loop thread except
 * conn_work(), which runs on a worker while the connection is CS_BUSY. */
#define DUET_LOG_MODULE "proxy"
#include "common/log.h"
#include "common/mem.h"
#include "proxy/exec.h"
#include "proxy/server_int.h"
#include "wire/auth.h"
#include "wire/codec.h"
#include "wire/handshake.h"
#include "wire/protocol.h"
#include "wire/response.h"
#include "wire/stmt.h"

#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent_ssl.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The first packet (HandshakeResponse or SSLRequest) is never this large. */
#define FIRST_PACKET_MAX (1u << 20)
/* Internal command code: running init_connect before the login OK. */
#define CMD_INIT_CONNECT 0xFF
/* A worker streaming a result waits while more than this is unsent. */
#define FLOW_LIMIT (4u << 20)

static void conn_process_input(proxy_conn_t *c);
static void conn_work(void *arg);
static void auth_send_ok(proxy_conn_t *c);
static void conn_read_cb(struct bufferevent *bev, void *arg);
static void conn_write_cb(struct bufferevent *bev, void *arg);
static void conn_event_cb(struct bufferevent *bev, short what, void *arg);

static uint32_t server_caps(const proxy_server_t *s)
{
    uint32_t caps = WIRE_SERVER_CAPABILITIES | WIRE_CLIENT_COMPRESS | WIRE_CLIENT_ZSTD_COMPRESSION;
    if (s->have_tls)
        caps |= WIRE_CLIENT_SSL;
    return caps;
}

static size_t max_packet(proxy_conn_t *c)
{
    /* Before login nobody gets to make the server buffer much. */
    if (c->state != CS_READY && c->state != CS_BUSY)
        return FIRST_PACKET_MAX;
    if (c->sess.vars.vals != NULL)
        return (size_t)proxy_sysvar_session_int(&c->sess.vars, "max_allowed_packet");
    return (size_t)proxy_sysvar_global_int(c->server->sysvars, "max_allowed_packet");
}

static void conn_free(proxy_conn_t *c)
{
    pthread_mutex_destroy(&c->flow_lock);
    pthread_cond_destroy(&c->flow_cond);
    duet_free(c->info);
    if (c->plain_in)
        evbuffer_free(c->plain_in);
    proxy_session_free(&c->sess);
    duet_buf_free(&c->in);
    wire_out_free(&c->out);
    duet_free(c);
}

static void unregister(proxy_conn_t *c)
{
    proxy_server_t *s = c->server;
    if (!c->registered)
        return;
    pthread_mutex_lock(&s->reg_lock);
    if (c->reg_prev)
        c->reg_prev->reg_next = c->reg_next;
    else
        s->registry = c->reg_next;
    if (c->reg_next)
        c->reg_next->reg_prev = c->reg_prev;
    c->reg_prev = c->reg_next = NULL;
    c->registered = false;
    pthread_mutex_unlock(&s->reg_lock);
}

static void do_register(proxy_conn_t *c)
{
    proxy_server_t *s = c->server;
    if (c->registered)
        return;
    pthread_mutex_lock(&s->reg_lock);
    c->reg_next = s->registry;
    c->reg_prev = NULL;
    if (s->registry)
        s->registry->reg_prev = c;
    s->registry = c;
    c->registered = true;
    pthread_mutex_unlock(&s->reg_lock);
}

void proxy_conn_reap(proxy_loop_t *l)
{
    while (l->graveyard) {
        proxy_conn_t *c = l->graveyard;
        l->graveyard = c->next;
        conn_free(c);
    }
}

void proxy_conn_close(proxy_conn_t *c)
{
    proxy_loop_t *l = c->loop;
    if (c->closed)
        return;
    c->closed = true;
    unregister(c);
    atomic_fetch_sub(&c->server->metrics.connections, 1);
    if (c->raw_ev)
        event_free(c->raw_ev);
    if (c->timer)
        event_free(c->timer);
    c->raw_ev = c->timer = NULL;
    if (c->bev)
        bufferevent_free(c->bev);
    else if (c->fd >= 0)
        close(c->fd);
    c->bev = NULL;
    c->fd = -1;
    if (c->prev)
        c->prev->next = c->next;
    else
        l->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->prev = c->next = NULL;
    if (c->state == CS_BUSY) {
        c->dead = true;
        atomic_store(&c->sess.killed, PROXY_KILL_CONNECTION);
        pthread_mutex_lock(&c->flow_lock);
        c->flow_closed = true;
        pthread_cond_broadcast(&c->flow_cond);
        pthread_mutex_unlock(&c->flow_lock);
        l->zombies++;
        return;
    }
    /* Callers up the stack may still look at c: free it on the next iteration. */
    c->next = l->graveyard;
    l->graveyard = c;
    event_active(l->reap, EV_READ, 0);
}

/* Writes framed packets to the client, compressed when that was negotiated. */
static void write_bytes(proxy_conn_t *c, const char *data, size_t n)
{
    if (n == 0)
        return;
    if (c->bev && c->compress != WIRE_COMPRESS_NONE) {
        duet_buf_t z = DUET_BUF_INIT;
        wire_compress_encode(c->compress, c->zstd_level, (const uint8_t *)data, n, &c->cseq, &z);
        bufferevent_write(c->bev, z.data, z.len);
        duet_buf_free(&z);
    } else if (c->bev) {
        bufferevent_write(c->bev, data, n);
    } else {
        /* Before the buffered connection exists: a greeting or an error, a few hundred
         * bytes that fit in any socket buffer. */
        ssize_t w = send(c->fd, data, n, MSG_NOSIGNAL);
        (void)w;
    }
}

/* Sends what is in c->out and continues the sequence after it. */
static void conn_send(proxy_conn_t *c)
{
    write_bytes(c, c->out.buf.data, c->out.buf.len);
    c->seq = c->out.seq;
    wire_out_reset(&c->out, c->seq);
}

static void flow_update(proxy_conn_t *c, size_t written)
{
    pthread_mutex_lock(&c->flow_lock);
    c->flow_queued -= written;
    c->flow_pending = c->bev ? evbuffer_get_length(bufferevent_get_output(c->bev)) : 0;
    pthread_cond_broadcast(&c->flow_cond);
    pthread_mutex_unlock(&c->flow_lock);
}

void proxy_conn_write(proxy_conn_t *c, duet_buf_t *data)
{
    if (!c->dead && c->bev != NULL)
        write_bytes(c, data->data, data->len);
    flow_update(c, data->len);
}

/* The sink's flush, on the worker: hands whole packets to the loop, then waits while the
 * client is behind by more than FLOW_LIMIT (at most net_write_timeout). */
static void conn_worker_flush(void *arg, wire_out_t *out)
{
    proxy_conn_t *c = arg;
    size_t n = out->buf.len;
    if (n == 0)
        return;
    loop_msg_t *m = duet_calloc(1, sizeof(*m));
    m->kind = LOOP_MSG_WRITE;
    m->conn = c;
    m->data = out->buf;
    memset(&out->buf, 0, sizeof(out->buf));
    pthread_mutex_lock(&c->flow_lock);
    c->flow_queued += n;
    pthread_mutex_unlock(&c->flow_lock);
    proxy_loop_post(c->loop, m);
    int64_t limit = proxy_sysvar_session_int(&c->sess.vars, "net_write_timeout");
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += limit > 0 ? limit : 60;
    pthread_mutex_lock(&c->flow_lock);
    while (!c->flow_closed && c->flow_queued + c->flow_pending > FLOW_LIMIT) {
        if (pthread_cond_timedwait(&c->flow_cond, &c->flow_lock, &deadline) != 0) {
            /* The client stopped reading: give up on it, as net_write_timeout says. */
            atomic_store(&c->sess.killed, PROXY_KILL_CONNECTION);
            break;
        }
    }
    pthread_mutex_unlock(&c->flow_lock);
}

/* Sends err and closes once it is written. */
static void conn_fail(proxy_conn_t *c, const duet_err_t *e)
{
    proxy_metrics_error(&c->server->metrics, e->code);
    wire_out_reset(&c->out, c->seq);
    wire_out_begin(&c->out);
    wire_err_encode(e, &c->out.buf);
    wire_out_end(&c->out);
    conn_send(c);
    if (c->bev == NULL) {
        proxy_conn_close(c);
        return;
    }
    c->state = CS_CLOSING;
    bufferevent_disable(c->bev, EV_READ);
    if (c->timer)
        event_del(c->timer);
    if (evbuffer_get_length(bufferevent_get_output(c->bev)) == 0)
        proxy_conn_close(c);
}

static void conn_fail_code(proxy_conn_t *c, int code, const char *state, const char *msg)
{
    duet_err_t e = {0};
    duet_err_set(&e, code, state, "%s", msg);
    conn_fail(c, &e);
}

void proxy_conn_reject(int fd, const duet_err_t *err)
{
    wire_out_t o = {0};
    wire_out_reset(&o, 0);
    wire_out_begin(&o);
    wire_err_encode(err, &o.buf);
    wire_out_end(&o);
    ssize_t n = send(fd, o.buf.data, o.buf.len, MSG_NOSIGNAL);
    (void)n;
    wire_out_free(&o);
    close(fd);
}

static void timer_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    proxy_conn_t *c = arg;
    if (c->state == CS_BUSY || c->state == CS_CLOSING)
        return;
    if (c->state == CS_READY) {
        duet_err_t e = {0};
        duet_err_set(&e, ER_CLIENT_INTERACTION_TIMEOUT);
        c->seq = 0;
        conn_fail(c, &e);
        return;
    }
    proxy_conn_close(c); /* handshake took longer than connect_timeout */
}

static void arm_timer(proxy_conn_t *c, int64_t seconds)
{
    if (c->timer == NULL)
        return;
    struct timeval tv = {.tv_sec = seconds > 0 ? seconds : 1, .tv_usec = 0};
    event_add(c->timer, &tv);
}

static void enter_ready(proxy_conn_t *c)
{
    c->state = CS_READY;
    c->seq = 0;
    duet_buf_reset(&c->in);
    int64_t t = proxy_sysvar_session_int(&c->sess.vars, "wait_timeout");
    arm_timer(c, t);
}

/* ---- authentication ---- */

static void auth_denied(proxy_conn_t *c)
{
    duet_err_t e = {0};
    duet_err_set(&e, ER_ACCESS_DENIED_ERROR, c->sess.user, c->sess.host,
                 c->sent_password ? "YES" : "NO");
    atomic_fetch_add(&c->server->metrics.aborted_connects, 1);
    log_info("conn %llu: access denied for '%s'@'%s'", (unsigned long long)c->sess.conn_id,
             c->sess.user, c->sess.host);
    conn_fail(c, &e);
}

static bool db_exists(proxy_conn_t *c, const char *name, size_t n)
{
    proxy_server_t *s = c->server;
    return s->db_exists != NULL && s->db_exists(s->db_ctx, name, n);
}

static void auth_ok(proxy_conn_t *c)
{
    snprintf(c->sess.user_host, sizeof(c->sess.user_host), "%s", c->account.host);
    memset(&c->account, 0, sizeof(c->account));
    if (c->sess.vars.vals == NULL) {
        proxy_sysvar_session_init(c->server->sysvars, &c->sess.vars);
        proxy_sysvar_session_collation(c->server->sysvars, &c->sess.vars, c->sess.collation);
        if (c->interactive) {
            /* MySQL: interactive clients start with wait_timeout = interactive_timeout. */
            proxy_sv_value_t v = {
                .kind = PROXY_SVV_INT,
                .i = proxy_sysvar_global_int(c->server->sysvars, "interactive_timeout")};
            bool trunc;
            duet_err_t ignore = {0};
            proxy_sysvar_set(c->server->sysvars, &c->sess.vars, "wait_timeout", 12,
                             PROXY_REQ_SESSION, &v, &trunc, &ignore);
        }
    }
    if (c->pending_db[0]) {
        if (!db_exists(c, c->pending_db, strlen(c->pending_db))) {
            duet_err_t e = {0};
            duet_err_set(&e, ER_BAD_DB_ERROR, c->pending_db);
            conn_fail(c, &e);
            return;
        }
        snprintf(c->sess.db, sizeof(c->sess.db), "%s", c->pending_db);
    }
    /* init_connect runs for every account but root (MySQL skips CONNECTION_ADMIN
     * holders); if it fails, the client gets its error and is disconnected. */
    char init[1024];
    bool is_null = true;
    duet_err_t ignore = {0};
    proxy_sysvar_get(c->server->sysvars, NULL, "init_connect", 12, PROXY_REQ_GLOBAL, init,
                     sizeof(init), &is_null, &ignore);
    if (!is_null && init[0] != '\0' && strcmp(c->sess.user, "root") != 0) {
        duet_buf_reset(&c->in);
        duet_buf_putc(&c->in, (char)CMD_INIT_CONNECT);
        duet_buf_puts(&c->in, init);
        c->cmd = CMD_INIT_CONNECT;
        c->cmd_kind = PROXY_Q_OTHER;
        c->cmd_start_us = proxy_now_us();
        c->sess.started_us = c->cmd_start_us;
        c->state = CS_BUSY;
        atomic_fetch_add(&c->server->metrics.running, 1);
        bufferevent_disable(c->bev, EV_READ);
        if (c->timer)
            event_del(c->timer);
        if (duet_pool_submit(c->server->pool, conn_work, c) < 0) {
            c->state = CS_AUTH_RESPONSE;
            atomic_fetch_sub(&c->server->metrics.running, 1);
            conn_fail_code(c, ER_GENERIC, "server is shutting down");
        }
        return;
    }
    auth_send_ok(c);
}

/* Sends the login OK and enters the command phase. */
static void auth_send_ok(proxy_conn_t *c)
{
    wire_ok_t ok = {.status = proxy_session_status(&c->sess)};
    wire_out_reset(&c->out, c->seq);
    wire_out_begin(&c->out);
    wire_ok_encode(&ok, &c->out.buf);
    wire_out_end(&c->out);
    conn_send(c);
    if (c->compress_pending != WIRE_COMPRESS_NONE && c->compress == WIRE_COMPRESS_NONE) {
        c->compress = c->compress_pending;
        c->plain_in = evbuffer_new();
    }
    if (!c->change_user)
        do_register(c);
    c->change_user = false;
    enter_ready(c);
}

static void send_more_data(proxy_conn_t *c, const uint8_t *data, size_t n)
{
    wire_out_reset(&c->out, c->seq);
    wire_out_begin(&c->out);
    wire_auth_more_data_encode(data, n, &c->out.buf);
    wire_out_end(&c->out);
    conn_send(c);
}

static void send_auth_switch(proxy_conn_t *c)
{
    wire_out_reset(&c->out, c->seq);
    wire_out_begin(&c->out);
    wire_auth_switch_encode(proxy_plugin_name(c->account.plugin), c->scramble, WIRE_SCRAMBLE_LEN,
                            &c->out.buf);
    wire_out_end(&c->out);
    conn_send(c);
    c->state = CS_AUTH_SWITCH;
}

/* Verifies the first answer computed with the account's own plugin. */
static void auth_verify_first(proxy_conn_t *c, const uint8_t *data, size_t n)
{
    if (n == 1 && data[0] == 0)
        n = 0;
    c->sent_password = n > 0;
    proxy_user_t *a = &c->account;
    if (a->empty_password) {
        if (n == 0)
            auth_ok(c);
        else
            auth_denied(c);
        return;
    }
    if (a->plugin == PROXY_AUTH_NATIVE) {
        if (wire_native_verify(c->scramble, data, n, a->native_hash))
            auth_ok(c);
        else
            auth_denied(c);
        return;
    }
    if (n == 0) {
        auth_denied(c);
        return;
    }
    if (a->sha2_cached) {
        if (!wire_sha2_fast_verify(c->scramble, data, n, a->sha2_digest2)) {
            auth_denied(c);
            return;
        }
        uint8_t ok = WIRE_SHA2_FAST_AUTH_OK;
        send_more_data(c, &ok, 1);
        auth_ok(c);
        return;
    }
    uint8_t full = WIRE_SHA2_FULL_AUTH;
    send_more_data(c, &full, 1);
    c->state = CS_SHA2_FULL;
}

static void auth_full_password(proxy_conn_t *c, const char *pw, size_t n)
{
    while (n > 0 && pw[n - 1] == '\0')
        n--;
    c->sent_password = n > 0;
    if (proxy_users_verify_sha2_full(c->server->users, &c->account, pw, n))
        auth_ok(c);
    else
        auth_denied(c);
}

static void auth_sha2_full(proxy_conn_t *c, const uint8_t *data, size_t n)
{
    if (n == 1 && data[0] == WIRE_SHA2_REQUEST_PUB_KEY) {
        if (c->server->tls.rsa_public_pem == NULL) {
            auth_denied(c);
            return;
        }
        send_more_data(c, (const uint8_t *)c->server->tls.rsa_public_pem,
                       c->server->tls.rsa_public_len);
        c->state = CS_SHA2_RSA;
        return;
    }
    if (!c->sess.secure) {
        /* A clear-text password over an insecure channel is refused, as MySQL does. */
        auth_denied(c);
        return;
    }
    auth_full_password(c, (const char *)data, n);
}

static void auth_sha2_rsa(proxy_conn_t *c, const uint8_t *data, size_t n)
{
    duet_buf_t pw = DUET_BUF_INIT;
    if (wire_rsa_decrypt_password(c->server->tls.rsa_key, data, n, c->scramble, &pw) < 0) {
        duet_buf_free(&pw);
        c->sent_password = true;
        auth_denied(c);
        return;
    }
    auth_full_password(c, pw.data ? pw.data : "", pw.len);
    if (pw.data)
        OPENSSL_cleanse(pw.data, pw.len);
    duet_buf_free(&pw);
}

static void copy_name(char *dst, size_t dstsz, const char *src, size_t n)
{
    if (n >= dstsz)
        n = dstsz - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void handle_handshake_response(proxy_conn_t *c, const wire_handshake_response_t *r)
{
    proxy_server_t *s = c->server;
    c->sess.caps = r->capabilities & server_caps(s);
    c->sess.collation = r->collation;
    copy_name(c->sess.user, sizeof(c->sess.user), r->user, r->user_len);
    if (r->db)
        copy_name(c->pending_db, sizeof(c->pending_db), r->db, r->db_len);
    c->sent_password = r->auth_len > 0;
    c->interactive = (r->capabilities & WIRE_CLIENT_INTERACTIVE) != 0;
    if (c->sess.caps & WIRE_CLIENT_ZSTD_COMPRESSION) {
        c->compress_pending = WIRE_COMPRESS_ZSTD;
        c->zstd_level = r->zstd_level >= 1 && r->zstd_level <= 22 ? r->zstd_level : 3;
    } else if (c->sess.caps & WIRE_CLIENT_COMPRESS) {
        c->compress_pending = WIRE_COMPRESS_ZLIB;
    }
    if (s->cfg.security.require_secure_transport && !c->sess.secure) {
        duet_err_t e = {0};
        duet_err_set(&e, ER_SECURE_TRANSPORT_REQUIRED);
        conn_fail(c, &e);
        return;
    }
    if (r->user_len >= sizeof(c->sess.user) ||
        !proxy_users_find(s->users, r->user, r->user_len, c->sess.host, &c->account)) {
        auth_denied(c);
        return;
    }
    proxy_auth_plugin_t client_plugin = PROXY_AUTH_NATIVE;
    bool known = true;
    if (r->plugin != NULL && r->plugin_len > 0)
        known = proxy_plugin_parse(r->plugin, r->plugin_len, &client_plugin) == 0;
    bool empty = r->auth_len == 0 || (r->auth_len == 1 && r->auth[0] == 0);
    if (c->account.empty_password && empty && known) {
        auth_ok(c);
        return;
    }
    if (!known || client_plugin != c->account.plugin) {
        send_auth_switch(c);
        return;
    }
    auth_verify_first(c, r->auth, r->auth_len);
}

/* ---- the first packet, read without buffering so TLS can take over the socket ---- */

static void start_bev(proxy_conn_t *c, SSL *ssl)
{
    proxy_loop_t *l = c->loop;
    if (ssl != NULL)
        c->bev = bufferevent_openssl_socket_new(l->base, c->fd, ssl, BUFFEREVENT_SSL_ACCEPTING,
                                                BEV_OPT_CLOSE_ON_FREE);
    else
        c->bev = bufferevent_socket_new(l->base, c->fd, BEV_OPT_CLOSE_ON_FREE);
    if (c->bev == NULL) {
        if (ssl)
            SSL_free(ssl);
        return;
    }
    if (ssl != NULL)
        bufferevent_openssl_set_allow_dirty_shutdown(c->bev, 1);
    bufferevent_setcb(c->bev, conn_read_cb, conn_write_cb, conn_event_cb, c);
    /* The write callback runs when output drains to half the flow limit. */
    bufferevent_setwatermark(c->bev, EV_WRITE, FLOW_LIMIT / 2, 0);
    bufferevent_enable(c->bev, EV_READ | EV_WRITE);
}

static void first_packet(proxy_conn_t *c)
{
    event_free(c->raw_ev);
    c->raw_ev = NULL;
    proxy_server_t *s = c->server;
    wire_handshake_response_t r;
    duet_err_t e = {0};
    int rc = wire_handshake_response_parse((const uint8_t *)c->in.data, c->in.len, server_caps(s),
                                           &r, &e);
    if (rc == 0 && r.ssl_request) {
        SSL *ssl = SSL_new(s->tls.ssl_ctx);
        if (ssl == NULL) {
            proxy_conn_close(c);
            return;
        }
        c->sess.secure = true;
        c->state = CS_TLS;
        duet_buf_reset(&c->in);
        start_bev(c, ssl);
        if (c->bev == NULL)
            proxy_conn_close(c);
        return;
    }
    start_bev(c, NULL);
    if (c->bev == NULL) {
        proxy_conn_close(c);
        return;
    }
    if (rc < 0) {
        conn_fail(c, &e);
        return;
    }
    c->state = CS_AUTH_RESPONSE;
    handle_handshake_response(c, &r);
    if (c->state != CS_CLOSING && c->bev != NULL)
        duet_buf_reset(&c->in);
}

static void raw_fail(proxy_conn_t *c, int code, const char *state, const char *msg)
{
    event_free(c->raw_ev);
    c->raw_ev = NULL;
    conn_fail_code(c, code, state, msg);
}

static void raw_read_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)what;
    proxy_conn_t *c = arg;
    for (;;) {
        ssize_t n;
        if (c->raw_got < 4) {
            n = recv(fd, c->raw_hdr + c->raw_got, 4 - c->raw_got, 0);
        } else {
            uint32_t len;
            uint8_t seq;
            wire_frame_header_decode(c->raw_hdr, &len, &seq);
            size_t need = len - c->in.len;
            if (need == 0) {
                first_packet(c);
                return;
            }
            duet_buf_reserve(&c->in, need);
            n = recv(fd, c->in.data + c->in.len, need, 0);
            if (n > 0) {
                c->in.len += (size_t)n;
                c->in.data[c->in.len] = '\0';
                continue;
            }
        }
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            proxy_conn_close(c);
            return;
        }
        if (n < 0)
            return;
        c->raw_got += (size_t)n;
        if (c->raw_got == 4) {
            uint32_t len;
            uint8_t seq;
            wire_frame_header_decode(c->raw_hdr, &len, &seq);
            if (seq != 1) {
                raw_fail(c, ER_NET_PACKETS_OUT_OF_ORDER);
                return;
            }
            if (len > FIRST_PACKET_MAX) {
                raw_fail(c, ER_NET_PACKET_TOO_LARGE);
                return;
            }
            c->seq = 2;
        }
    }
}

void proxy_conn_accept(proxy_loop_t *l, int fd, bool is_unix, const char *host, int peer_port,
                       uint64_t id)
{
    proxy_server_t *s = l->server;
    proxy_conn_t *c = duet_calloc(1, sizeof(*c));
    c->loop = l;
    c->server = s;
    c->fd = fd;
    c->is_unix = is_unix;
    c->connected_at = time(NULL);
    c->state_since = c->connected_at;
    c->peer_port = peer_port;
    c->sess.server = s;
    c->sess.conn_id = id;
    c->sess.secure = is_unix;
    pthread_mutex_init(&c->flow_lock, NULL);
    pthread_cond_init(&c->flow_cond, NULL);
    atomic_init(&c->sess.killed, PROXY_KILL_NONE);
    snprintf(c->sess.host, sizeof(c->sess.host), "%s", is_unix ? "localhost" : host);
    c->next = l->conns;
    if (l->conns)
        l->conns->prev = c;
    l->conns = c;
    wire_scramble_generate(c->scramble);

    wire_greeting_t g = {.server_version = s->version,
                         .connection_id = (uint32_t)id,
                         .capabilities = server_caps(s),
                         .collation = WIRE_SERVER_COLLATION,
                         .status = WIRE_STATUS_AUTOCOMMIT,
                         .auth_plugin = WIRE_PLUGIN_CACHING_SHA2};
    memcpy(g.scramble, c->scramble, sizeof(g.scramble));
    wire_out_reset(&c->out, 0);
    wire_out_begin(&c->out);
    wire_greeting_encode(&g, &c->out.buf);
    wire_out_end(&c->out);
    conn_send(c);
    c->state = CS_FIRST;
    c->raw_ev = event_new(l->base, fd, EV_READ | EV_PERSIST, raw_read_cb, c);
    event_add(c->raw_ev, NULL);
    c->timer = evtimer_new(l->base, timer_cb, c);
    arm_timer(c, proxy_sysvar_global_int(s->sysvars, "connect_timeout"));
}

/* ---- commands ---- */

static void reply_ok(proxy_conn_t *c)
{
    wire_ok_t ok = {.status = proxy_session_status(&c->sess), .warnings = 0};
    wire_out_begin(&c->out);
    wire_ok_encode(&ok, &c->out.buf);
    wire_out_end(&c->out);
}

static void reply_err(proxy_conn_t *c, const duet_err_t *e)
{
    proxy_metrics_error(&c->server->metrics, e->code);
    wire_out_begin(&c->out);
    wire_err_encode(e, &c->out.buf);
    wire_out_end(&c->out);
}

static void cmd_statistics(proxy_conn_t *c)
{
    proxy_server_t *s = c->server;
    int64_t up = (int64_t)time(NULL) - s->metrics.started;
    if (up <= 0)
        up = 1;
    unsigned long long q = atomic_load(&s->metrics.questions);
    char text[256];
    snprintf(text, sizeof(text),
             "Uptime: %lld  Threads: %d  Questions: %llu  Slow queries: 0  Opens: 0  Flush "
             "tables: 1  Open tables: 0  Queries per second avg: %.3f",
             (long long)up, atomic_load(&s->metrics.connections), q, (double)q / (double)up);
    wire_out_packet(&c->out, text, strlen(text));
}

static void cmd_kill(proxy_conn_t *c, uint64_t id)
{
    duet_err_t e = {0};
    if (proxy_server_kill(c->server, &c->sess, id, false, &e) < 0)
        reply_err(c, &e);
    else
        reply_ok(c);
}

int proxy_server_kill(proxy_server_t *s, const proxy_session_t *by, uint64_t id, bool query_only,
                      duet_err_t *err)
{
    pthread_mutex_lock(&s->reg_lock);
    proxy_conn_t *t = s->registry;
    while (t && t->sess.conn_id != id)
        t = t->reg_next;
    if (t == NULL) {
        pthread_mutex_unlock(&s->reg_lock);
        return duet_err_set(err, ER_NO_SUCH_THREAD, (unsigned long long)id);
    }
    if (strcmp(t->sess.user, by->user) != 0 && strcmp(by->user, "root") != 0) {
        pthread_mutex_unlock(&s->reg_lock);
        return duet_err_set(err, ER_KILL_DENIED_ERROR, (unsigned long long)id);
    }
    if (query_only) {
        int expect = PROXY_KILL_NONE;
        atomic_compare_exchange_strong(&t->sess.killed, &expect, PROXY_KILL_QUERY);
        pthread_mutex_unlock(&s->reg_lock);
        return 0;
    }
    atomic_store(&t->sess.killed, PROXY_KILL_CONNECTION);
    proxy_loop_t *l = t->loop;
    pthread_mutex_unlock(&s->reg_lock);
    loop_msg_t *m = duet_calloc(1, sizeof(*m));
    m->kind = LOOP_MSG_KILL;
    m->id = id;
    proxy_loop_post(l, m);
    return 0;
}

static const char *command_name(uint8_t cmd, bool busy)
{
    if (!busy)
        return "Sleep";
    switch (cmd) {
    case WIRE_COM_STMT_PREPARE:
        return "Prepare";
    case WIRE_COM_STMT_EXECUTE:
        return "Execute";
    case WIRE_COM_STMT_FETCH:
        return "Fetch";
    default:
        return "Query";
    }
}

int proxy_server_processlist(proxy_server_t *s, proxy_process_t **out, size_t *n)
{
    time_t now = time(NULL);
    pthread_mutex_lock(&s->reg_lock);
    size_t count = 0;
    for (proxy_conn_t *t = s->registry; t; t = t->reg_next)
        count++;
    proxy_process_t *p = duet_calloc(count ? count : 1, sizeof(*p));
    size_t i = 0;
    for (proxy_conn_t *t = s->registry; t; t = t->reg_next, i++) {
        p[i].id = t->sess.conn_id;
        snprintf(p[i].user, sizeof(p[i].user), "%s", t->sess.user);
        if (t->is_unix)
            snprintf(p[i].host, sizeof(p[i].host), "localhost");
        else
            snprintf(p[i].host, sizeof(p[i].host), "%s:%d", t->sess.host, t->peer_port);
        snprintf(p[i].db, sizeof(p[i].db), "%s", t->sess.db);
        p[i].command = command_name(t->info_cmd, t->info != NULL);
        p[i].time = (int64_t)(now - t->state_since);
        p[i].info = t->info ? duet_strdup(t->info) : NULL;
    }
    pthread_mutex_unlock(&s->reg_lock);
    *out = p;
    *n = count;
    return 0;
}

void proxy_processlist_free(proxy_process_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        duet_free(p[i].info);
    duet_free(p);
}

/* Records the running statement (or idleness) for SHOW PROCESSLIST. Loop thread. */
static void set_info(proxy_conn_t *c, const char *text, size_t n)
{
    char *copy = text ? duet_strndup(text, n) : NULL;
    pthread_mutex_lock(&c->server->reg_lock);
    char *old = c->info;
    c->info = copy;
    c->info_cmd = c->cmd;
    c->state_since = time(NULL);
    pthread_mutex_unlock(&c->server->reg_lock);
    duet_free(old);
}

void proxy_conn_kill(proxy_loop_t *l, uint64_t id)
{
    for (proxy_conn_t *c = l->conns; c; c = c->next) {
        if (c->sess.conn_id == id) {
            if (c->state != CS_BUSY)
                proxy_conn_close(c);
            return;
        }
    }
}

static void cmd_change_user(proxy_conn_t *c)
{
    wire_change_user_t cu;
    duet_err_t e = {0};
    if (wire_change_user_parse((const uint8_t *)c->in.data, c->in.len, c->sess.caps, &cu, &e) < 0) {
        conn_fail(c, &e);
        return;
    }
    unregister(c);
    proxy_session_reset(&c->sess);
    c->sess.db[0] = '\0';
    copy_name(c->sess.user, sizeof(c->sess.user), cu.user, cu.user_len);
    c->pending_db[0] = '\0';
    if (cu.db_len > 0)
        copy_name(c->pending_db, sizeof(c->pending_db), cu.db, cu.db_len);
    if (cu.collation) {
        c->sess.collation = (uint8_t)cu.collation;
        proxy_sysvar_session_collation(c->server->sysvars, &c->sess.vars, cu.collation);
    }
    c->sent_password = cu.auth_len > 0;
    do_register(c);
    c->change_user = true;
    if (cu.user_len >= sizeof(c->sess.user) ||
        !proxy_users_find(c->server->users, cu.user, cu.user_len, c->sess.host, &c->account)) {
        auth_denied(c);
        return;
    }
    /* As in the handshake: the client computed its answer with the connection's scramble
     * and the plugin it names; verify it directly when that is the account's plugin. */
    proxy_auth_plugin_t client_plugin = PROXY_AUTH_NATIVE;
    bool known = true;
    if (cu.plugin != NULL && cu.plugin_len > 0)
        known = proxy_plugin_parse(cu.plugin, cu.plugin_len, &client_plugin) == 0;
    bool empty = cu.auth_len == 0 || (cu.auth_len == 1 && cu.auth[0] == 0);
    if (c->account.empty_password && empty && known) {
        auth_ok(c);
        return;
    }
    if (!known || client_plugin != c->account.plugin) {
        send_auth_switch(c);
        return;
    }
    auth_verify_first(c, cu.auth, cu.auth_len);
}

static void cmd_init_db(proxy_conn_t *c)
{
    const char *name = c->in.data + 1;
    size_t n = c->in.len - 1;
    duet_err_t e = {0};
    if (n == 0 || n > 64 || !db_exists(c, name, n)) {
        char nm[80];
        copy_name(nm, sizeof(nm), name, n);
        duet_err_set(&e, ER_BAD_DB_ERROR, nm);
        reply_err(c, &e);
        return;
    }
    copy_name(c->sess.db, sizeof(c->sess.db), name, n);
    reply_ok(c);
}

static void cmd_stmt_reset(proxy_conn_t *c)
{
    uint32_t id;
    duet_err_t e = {0};
    if (wire_stmt_id_parse((const uint8_t *)c->in.data, c->in.len, &id, &e) < 0) {
        conn_fail(c, &e);
        return;
    }
    proxy_stmt_t *st = proxy_stmt_find(&c->sess, id);
    if (st == NULL) {
        char ids[16];
        snprintf(ids, sizeof(ids), "%u", id);
        duet_err_set(&e, ER_UNKNOWN_STMT_HANDLER, ids, "mysqld_stmt_reset");
        reply_err(c, &e);
        return;
    }
    wire_stmt_params_reset_long_data(&st->params);
    proxy_stmt_close_cursor(st);
    reply_ok(c);
}

static void cmd_long_data(proxy_conn_t *c)
{
    uint32_t id;
    uint16_t param;
    const uint8_t *data;
    size_t n;
    duet_err_t e = {0};
    if (wire_long_data_parse((const uint8_t *)c->in.data, c->in.len, &id, &param, &data, &n, &e) <
        0) {
        conn_fail(c, &e);
        return;
    }
    proxy_stmt_t *st = proxy_stmt_find(&c->sess, id);
    if (st == NULL || param >= st->params.count)
        return; /* no reply: the error surfaces at execute, as in MySQL */
    duet_buf_append(&st->params.long_data[param], data, n);
    st->params.has_long_data[param] = true;
}

static void conn_work(void *arg);

static int command_kind(uint8_t cmd)
{
    switch (cmd) {
    case WIRE_COM_QUERY:
        return PROXY_Q_QUERY;
    case WIRE_COM_STMT_PREPARE:
        return PROXY_Q_STMT_PREPARE;
    case WIRE_COM_STMT_EXECUTE:
        return PROXY_Q_STMT_EXECUTE;
    case WIRE_COM_STMT_FETCH:
        return PROXY_Q_STMT_FETCH;
    case WIRE_COM_PING:
        return PROXY_Q_PING;
    case WIRE_COM_INIT_DB:
        return PROXY_Q_INIT_DB;
    default:
        return PROXY_Q_OTHER;
    }
}

/* Handles one complete command packet in c->in. */
static void conn_command(proxy_conn_t *c)
{
    proxy_server_t *s = c->server;
    if (c->in.len == 0) {
        conn_fail_code(c, ER_MALFORMED_PACKET);
        return;
    }
    uint8_t cmd = (uint8_t)c->in.data[0];
    c->cmd = cmd;
    c->cmd_kind = command_kind(cmd);
    c->cmd_start_us = proxy_now_us();
    c->sess.started_us = c->cmd_start_us;
    int expected = PROXY_KILL_QUERY;
    atomic_compare_exchange_strong(&c->sess.killed, &expected, PROXY_KILL_NONE);
    if (c->timer)
        event_del(c->timer);
    wire_out_reset(&c->out, c->seq);
    duet_err_t e = {0};
    switch (cmd) {
    case WIRE_COM_QUIT:
        proxy_conn_close(c);
        return;
    case WIRE_COM_QUERY:
    case WIRE_COM_STMT_PREPARE:
    case WIRE_COM_STMT_EXECUTE:
    case WIRE_COM_STMT_FETCH:
        c->state = CS_BUSY;
        atomic_fetch_add(&s->metrics.running, 1);
        bufferevent_disable(c->bev, EV_READ);
        if (cmd == WIRE_COM_QUERY || cmd == WIRE_COM_STMT_PREPARE)
            set_info(c, c->in.data + 1, c->in.len - 1);
        else
            set_info(c, "", 0);
        if (duet_pool_submit(s->pool, conn_work, c) < 0) {
            c->state = CS_READY;
            atomic_fetch_sub(&s->metrics.running, 1);
            duet_err_set(&e, ER_GENERIC, "server is shutting down");
            reply_err(c, &e);
            break;
        }
        return;
    case WIRE_COM_PING:
        reply_ok(c);
        break;
    case WIRE_COM_INIT_DB:
        cmd_init_db(c);
        break;
    case WIRE_COM_FIELD_LIST:
        if (c->sess.db[0] == '\0')
            duet_err_set(&e, ER_NO_DB_ERROR);
        else
            duet_err_set(&e, ER_NO_SUCH_TABLE, c->sess.db, c->in.data + 1);
        reply_err(c, &e);
        break;
    case WIRE_COM_STATISTICS:
        cmd_statistics(c);
        break;
    case WIRE_COM_PROCESS_KILL: {
        wire_reader_t r;
        uint32_t id;
        wire_reader_init(&r, c->in.data + 1, c->in.len - 1);
        if (wire_read_u32(&r, &id) < 0) {
            conn_fail_code(c, ER_MALFORMED_PACKET);
            return;
        }
        cmd_kill(c, id);
        break;
    }
    case WIRE_COM_SET_OPTION: {
        wire_reader_t r;
        uint16_t opt;
        wire_reader_init(&r, c->in.data + 1, c->in.len - 1);
        if (wire_read_u16(&r, &opt) < 0) {
            conn_fail_code(c, ER_MALFORMED_PACKET);
            return;
        }
        if (opt > 1) {
            duet_err_set(&e, ER_UNKNOWN_COM_ERROR);
            reply_err(c, &e);
            break;
        }
        if (opt == 0)
            c->sess.caps |= WIRE_CLIENT_MULTI_STATEMENTS;
        else
            c->sess.caps &= ~WIRE_CLIENT_MULTI_STATEMENTS;
        wire_out_begin(&c->out);
        wire_result_end_encode(c->sess.caps, 0, proxy_session_status(&c->sess), &c->out.buf);
        wire_out_end(&c->out);
        break;
    }
    case WIRE_COM_RESET_CONNECTION:
        proxy_session_reset(&c->sess);
        reply_ok(c);
        break;
    case WIRE_COM_CHANGE_USER:
        cmd_change_user(c);
        return;
    case WIRE_COM_STMT_CLOSE: {
        uint32_t id;
        if (wire_stmt_id_parse((const uint8_t *)c->in.data, c->in.len, &id, &e) < 0) {
            conn_fail(c, &e);
            return;
        }
        proxy_stmt_close(&c->sess, id);
        break;
    }
    case WIRE_COM_STMT_RESET:
        cmd_stmt_reset(c);
        if (c->state == CS_CLOSING || c->bev == NULL)
            return;
        break;
    case WIRE_COM_STMT_SEND_LONG_DATA:
        cmd_long_data(c);
        if (c->state == CS_CLOSING || c->bev == NULL)
            return;
        break;
    default:
        duet_err_set(&e, ER_UNKNOWN_COM_ERROR);
        reply_err(c, &e);
        break;
    }
    if (c->state == CS_CLOSING)
        return;
    proxy_metrics_query(&s->metrics, c->cmd_kind, proxy_now_us() - c->cmd_start_us);
    conn_send(c);
    enter_ready(c);
}

/* Runs on a worker: COM_QUERY and COM_STMT_PREPARE/EXECUTE/FETCH. Owns c->sess, c->in
 * and c->out until it posts LOOP_MSG_DONE. */
static void conn_work(void *arg)
{
    proxy_conn_t *c = arg;
    proxy_session_t *s = &c->sess;
    proxy_sink_t k;
    duet_err_t e = {0};
    const uint8_t *p = (const uint8_t *)c->in.data;
    size_t n = c->in.len;
    if (c->cmd == CMD_INIT_CONNECT) {
        /* Results are discarded; only an error matters. */
        wire_out_t scratch = {0};
        wire_out_reset(&scratch, 0);
        proxy_sink_init(&k, s, &scratch, false);
        proxy_exec(s, (const char *)p + 1, n - 1, &k);
        c->close_after_reply = k.errors > 0;
        if (k.errors > 0)
            c->init_err = k.last_err;
        proxy_sink_free(&k);
        wire_out_free(&scratch);
        loop_msg_t *m = duet_calloc(1, sizeof(*m));
        m->kind = LOOP_MSG_DONE;
        m->conn = c;
        proxy_loop_post(c->loop, m);
        return;
    }
    wire_out_reset(&c->out, c->seq);
    proxy_sink_init(&k, s, &c->out, c->cmd != WIRE_COM_QUERY);
    k.flush = conn_worker_flush;
    k.flush_ctx = c;
    if (atomic_load(&s->killed) == PROXY_KILL_CONNECTION) {
        duet_err_set(&e, ER_QUERY_INTERRUPTED);
        proxy_sink_error(&k, &e);
    } else if (c->cmd == WIRE_COM_QUERY) {
        proxy_exec(s, (const char *)p + 1, n - 1, &k);
    } else if (c->cmd == WIRE_COM_STMT_PREPARE) {
        uint16_t ncols = 0, nparams = 0;
        const wire_column_t *cols = NULL;
        if (proxy_prepare(s, (const char *)p + 1, n - 1, &ncols, &nparams, &cols, &e) < 0) {
            proxy_sink_error(&k, &e);
        } else {
            proxy_stmt_t *st = proxy_stmt_add(s, NULL, (const char *)p + 1, n - 1, ncols, nparams);
            wire_out_begin(&c->out);
            wire_prepare_ok_encode(st->id, ncols, nparams, s->warnings, &c->out.buf);
            wire_out_end(&c->out);
            /* Parameter definitions carry no type information MySQL clients use. */
            wire_column_t q = {
                .name = "?", .charset = WIRE_COLLATION_BINARY, .type = WIRE_TYPE_VAR_STRING};
            for (int part = 0; part < 2; part++) {
                uint16_t count = part == 0 ? nparams : ncols;
                for (uint16_t i = 0; i < count; i++) {
                    wire_out_begin(&c->out);
                    wire_column_encode(part == 1 && cols ? &cols[i] : &q, false, &c->out.buf);
                    wire_out_end(&c->out);
                }
                if (count > 0 && !(s->caps & WIRE_CLIENT_DEPRECATE_EOF)) {
                    wire_out_begin(&c->out);
                    wire_eof_encode(0, proxy_session_status(s), &c->out.buf);
                    wire_out_end(&c->out);
                }
            }
        }
    } else if (c->cmd == WIRE_COM_STMT_EXECUTE) {
        wire_stmt_execute_t ex;
        proxy_stmt_t *st = NULL;
        if (wire_stmt_execute_head(p, n, &ex, &e) == 0) {
            st = proxy_stmt_find(s, ex.stmt_id);
            if (st == NULL) {
                char ids[16];
                snprintf(ids, sizeof(ids), "%u", ex.stmt_id);
                duet_err_set(&e, ER_UNKNOWN_STMT_HANDLER, ids, "mysqld_stmt_execute");
            }
        }
        if (st != NULL) {
            wire_param_t *params =
                duet_calloc(st->params.count ? st->params.count : 1, sizeof(wire_param_t));
            proxy_stmt_close_cursor(st);
            if (ex.flags & 0x01) /* CURSOR_TYPE_READ_ONLY */
                k.cursor = st;
            if (wire_stmt_execute_parse(p, n, &st->params, &ex, params, &e) == 0)
                proxy_exec_prepared(s, st, params, &k);
            else
                proxy_sink_error(&k, &e);
            wire_stmt_params_reset_long_data(&st->params);
            duet_free(params);
        } else {
            proxy_sink_error(&k, &e);
        }
    } else {
        uint32_t id, rows;
        proxy_stmt_t *st = NULL;
        if (wire_stmt_fetch_parse(p, n, &id, &rows, &e) == 0) {
            st = proxy_stmt_find(s, id);
            if (st == NULL) {
                char ids[16];
                snprintf(ids, sizeof(ids), "%u", id);
                duet_err_set(&e, ER_UNKNOWN_STMT_HANDLER, ids, "mysqld_stmt_fetch");
            } else if (!st->cursor_open) {
                duet_err_set(&e, ER_STMT_HAS_NO_OPEN_CURSOR, (unsigned long)id);
                st = NULL;
            }
        }
        if (st == NULL) {
            proxy_sink_error(&k, &e);
        } else {
            /* Up to rows rows from the cursor, then EOF; LAST_ROW_SENT closes it. */
            duet_buf_t *b = &st->cursor_rows;
            for (uint32_t i = 0; i < rows && st->cursor_pos + 4 <= b->len; i++) {
                uint32_t len;
                memcpy(&len, b->data + st->cursor_pos, 4);
                wire_out_packet(&c->out, b->data + st->cursor_pos + 4, len);
                st->cursor_pos += 4 + (size_t)len;
                if (c->out.buf.len >= PROXY_SINK_FLUSH_BYTES)
                    conn_worker_flush(c, &c->out);
            }
            uint16_t status = proxy_session_status(s) | WIRE_STATUS_CURSOR_EXISTS;
            bool done = st->cursor_pos + 4 > b->len;
            if (done)
                status |= WIRE_STATUS_LAST_ROW_SENT;
            wire_out_begin(&c->out);
            wire_result_end_encode(s->caps, 0, status, &c->out.buf);
            wire_out_end(&c->out);
            if (done)
                proxy_stmt_close_cursor(st);
        }
    }
    c->close_after_reply = k.last_errno == DUET_ERRNO(ER_MALFORMED_PACKET);
    c->cmd_kind = k.last_errno ? -k.last_errno : c->cmd_kind;
    proxy_sink_free(&k);
    loop_msg_t *m = duet_calloc(1, sizeof(*m));
    m->kind = LOOP_MSG_DONE;
    m->conn = c;
    proxy_loop_post(c->loop, m);
}

void proxy_conn_done(proxy_conn_t *c)
{
    proxy_server_t *s = c->server;
    int kind = c->cmd_kind;
    if (kind < 0) {
        proxy_metrics_error(&s->metrics, -kind);
        kind = command_kind(c->cmd);
    }
    proxy_metrics_query(&s->metrics, kind, proxy_now_us() - c->cmd_start_us);
    atomic_fetch_sub(&s->metrics.running, 1);
    if (c->dead) {
        c->loop->zombies--;
        conn_free(c);
        return;
    }
    if (c->cmd == CMD_INIT_CONNECT) {
        c->cmd = 0;
        c->state = CS_AUTH_RESPONSE;
        if (c->close_after_reply) {
            c->close_after_reply = false;
            log_info("conn %llu: init_connect failed for '%s': %s",
                     (unsigned long long)c->sess.conn_id, c->sess.user, c->init_err.msg);
            conn_fail(c, &c->init_err);
            return;
        }
        auth_send_ok(c);
        bufferevent_enable(c->bev, EV_READ);
        conn_process_input(c);
        return;
    }
    c->state = CS_READY;
    set_info(c, NULL, 0);
    if (atomic_load(&c->sess.killed) == PROXY_KILL_CONNECTION) {
        proxy_conn_close(c);
        return;
    }
    conn_send(c);
    if (c->close_after_reply) {
        c->state = CS_CLOSING;
        if (evbuffer_get_length(bufferevent_get_output(c->bev)) == 0)
            proxy_conn_close(c);
        return;
    }
    enter_ready(c);
    bufferevent_enable(c->bev, EV_READ);
    conn_process_input(c);
}

/* ---- input ---- */

/* Moves one complete packet from the socket buffer into c->in. Returns 1 when one is
 * ready, 0 when more input is needed, -1 with err on a framing error. */
static int take_packet(proxy_conn_t *c, duet_err_t *err)
{
    struct evbuffer *in = c->plain_in ? c->plain_in : bufferevent_get_input(c->bev);
    size_t max = max_packet(c);
    for (;;) {
        if (evbuffer_get_length(in) < WIRE_HEADER_SIZE)
            return 0;
        uint8_t h[4];
        evbuffer_copyout(in, h, sizeof(h));
        uint32_t len;
        uint8_t seq;
        wire_frame_header_decode(h, &len, &seq);
        if (seq != c->seq)
            return duet_err_set(err, ER_NET_PACKETS_OUT_OF_ORDER);
        if (c->in.len + len > max)
            return duet_err_set(err, ER_NET_PACKET_TOO_LARGE);
        if (evbuffer_get_length(in) < WIRE_HEADER_SIZE + (size_t)len)
            return 0;
        evbuffer_drain(in, WIRE_HEADER_SIZE);
        duet_buf_reserve(&c->in, len);
        evbuffer_remove(in, c->in.data + c->in.len, len);
        c->in.len += len;
        c->in.data[c->in.len] = '\0';
        c->seq++;
        if (len < WIRE_MAX_FRAME)
            return 1;
    }
}

/* Decompresses every complete compressed frame waiting on the socket into plain_in.
 * Returns 0, or -1 with err 1835. */
static int inflate_input(proxy_conn_t *c, duet_err_t *err)
{
    struct evbuffer *in = bufferevent_get_input(c->bev);
    size_t limit = max_packet(c) + WIRE_MAX_FRAME + WIRE_HEADER_SIZE;
    while (evbuffer_get_length(in) >= WIRE_COMPRESS_HEADER &&
           evbuffer_get_length(c->plain_in) < limit) {
        uint8_t h[WIRE_COMPRESS_HEADER];
        evbuffer_copyout(in, h, sizeof(h));
        size_t fsize = wire_compress_frame_size(h);
        if (evbuffer_get_length(in) < fsize)
            return 0;
        const uint8_t *frame = evbuffer_pullup(in, (ssize_t)fsize);
        duet_buf_t plain = DUET_BUF_INIT;
        uint8_t cseq;
        int rc = wire_compress_decode(c->compress, frame, fsize, &cseq, &plain, err);
        evbuffer_drain(in, fsize);
        if (rc == 0) {
            evbuffer_add(c->plain_in, plain.data ? plain.data : "", plain.len);
            c->cseq = (uint8_t)(cseq + 1);
        }
        duet_buf_free(&plain);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static void conn_process_input(proxy_conn_t *c)
{
    while (c->bev != NULL && !c->closed) {
        int st = c->state;
        if (st == CS_BUSY || st == CS_CLOSING || st == CS_TLS || st == CS_FIRST)
            return;
        duet_err_t e = {0};
        if (c->plain_in != NULL && inflate_input(c, &e) < 0) {
            conn_fail(c, &e);
            return;
        }
        int rc = take_packet(c, &e);
        if (rc == 0)
            return;
        if (rc < 0) {
            conn_fail(c, &e);
            return;
        }
        const uint8_t *p = (const uint8_t *)c->in.data;
        size_t n = c->in.len;
        switch (st) {
        case CS_AUTH_RESPONSE: {
            wire_handshake_response_t r;
            if (wire_handshake_response_parse(p, n, server_caps(c->server), &r, &e) < 0 ||
                r.ssl_request) {
                if (!duet_err_is_set(&e))
                    duet_err_set(&e, ER_MALFORMED_PACKET);
                conn_fail(c, &e);
                return;
            }
            handle_handshake_response(c, &r);
            break;
        }
        case CS_AUTH_SWITCH:
            auth_verify_first(c, p, n);
            break;
        case CS_SHA2_FULL:
            auth_sha2_full(c, p, n);
            break;
        case CS_SHA2_RSA:
            auth_sha2_rsa(c, p, n);
            break;
        case CS_READY:
            conn_command(c);
            break;
        default:
            return;
        }
        /* A handler may have closed c; its memory stays valid until the reap. */
        if (c->closed || c->state == CS_BUSY || c->state == CS_CLOSING)
            return;
        if (c->state != CS_READY)
            duet_buf_reset(&c->in);
    }
}

static void conn_read_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    conn_process_input(arg);
}

static void conn_write_cb(struct bufferevent *bev, void *arg)
{
    proxy_conn_t *c = arg;
    if (c->state == CS_BUSY)
        flow_update(c, 0);
    if (c->state == CS_CLOSING && evbuffer_get_length(bufferevent_get_output(bev)) == 0)
        proxy_conn_close(c);
}

static void conn_event_cb(struct bufferevent *bev, short what, void *arg)
{
    (void)bev;
    proxy_conn_t *c = arg;
    if (what & BEV_EVENT_CONNECTED) {
        if (c->state == CS_TLS) {
            c->state = CS_AUTH_RESPONSE;
            conn_process_input(c);
        }
        return;
    }
    if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR | BEV_EVENT_TIMEOUT))
        proxy_conn_close(c);
}
