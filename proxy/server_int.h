/* server_int.h - proxy's internal server, loop and connection structures, shared by
 * server.c (loops, listeners, registry), conn.c (the protocol state machine) and
 * status.c (the HTTP port). Not for other modules. */
#ifndef DUET_PROXY_SERVER_INT_H
#define DUET_PROXY_SERVER_INT_H

#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "common/pool.h"
#include "proxy/exec.h"
#include "proxy/metrics.h"
#include "proxy/server.h"
#include "proxy/session.h"
#include "wire/compress.h"
#include "wire/packet.h"
#include "wire/tls.h"

typedef struct proxy_loop proxy_loop_t;
typedef struct proxy_conn proxy_conn_t;

enum { LOOP_MSG_NEW_FD, LOOP_MSG_DONE, LOOP_MSG_KILL, LOOP_MSG_STOP, LOOP_MSG_WRITE };

typedef struct loop_msg {
    int kind;
    int fd;
    bool is_unix;
    char host[64];
    int peer_port;
    uint64_t id;
    proxy_conn_t *conn;
    duet_buf_t data; /* LOOP_MSG_WRITE: packets a worker flushed */
    struct loop_msg *next;
} loop_msg_t;

struct proxy_loop {
    proxy_server_t *server;
    int index;
    struct event_base *base;
    pthread_t thread;
    bool thread_started;
    pthread_mutex_t lock; /* guards head/tail */
    loop_msg_t *head, *tail;
    struct event *notify;
    struct event *reap; /* frees the graveyard on the next loop iteration */
    /* Loop thread only: */
    proxy_conn_t *conns;
    proxy_conn_t *graveyard; /* closed connections, freed by reap */
    int zombies;             /* closed connections whose statement still runs */
    bool stopping;
};

struct proxy_server {
    duet_config_t cfg;
    char datadir[4096];
    char version[64];
    wire_tls_t tls;
    bool have_tls;
    proxy_users_t *users;
    proxy_sysvars_t *sysvars;
    proxy_metrics_t metrics;
    int nloops;
    proxy_loop_t *loops;
    duet_pool_t *pool;
    struct evconnlistener *listener;
    struct evconnlistener *unix_listener;
    int port;
    atomic_ullong next_conn_id;
    atomic_uint rr;
    pthread_mutex_t reg_lock; /* guards the registry list (reg_next/reg_prev) */
    proxy_conn_t *registry;
    proxy_db_exists_fn db_exists;
    void *db_ctx;
    proxy_executor_t executor;
    struct event_base *http_base;
    struct evhttp *http;
    pthread_t http_thread;
    bool http_running;
    bool started, stopped;
};

enum conn_state {
    CS_FIRST,         /* greeting sent; raw-reading HandshakeResponse or SSLRequest */
    CS_TLS,           /* TLS handshake running */
    CS_AUTH_RESPONSE, /* waiting for HandshakeResponse over TLS */
    CS_AUTH_SWITCH,   /* AuthSwitchRequest sent */
    CS_SHA2_FULL,     /* caching_sha2 asked for full authentication */
    CS_SHA2_RSA,      /* public key sent; waiting for the encrypted password */
    CS_READY,         /* waiting for a command */
    CS_BUSY,          /* a worker runs the command */
    CS_CLOSING,       /* flushing a last packet before closing */
};

struct proxy_conn {
    proxy_loop_t *loop;
    proxy_server_t *server;
    int fd;
    struct bufferevent *bev;
    struct event *raw_ev;
    struct event *timer;
    int state;
    bool dead;   /* closed while a worker ran its command: freed on DONE */
    bool closed; /* closed; memory stays valid until the loop reaps it */
    bool registered;
    bool close_after_reply;        /* the worker met a malformed packet: answer, then close */
    duet_err_t init_err;           /* why init_connect failed */
    wire_compress_algo_t compress; /* active compression, after login */
    wire_compress_algo_t compress_pending; /* negotiated; starts after the login OK */
    int zstd_level;
    bool interactive; /* the client sent CLIENT_INTERACTIVE: wait_timeout = interactive_timeout */
    uint8_t cseq;     /* compressed sequence id */
    struct evbuffer *plain_in; /* decompressed input */
    /* Streaming from the worker: flow_lock guards the two counters and flow_closed. */
    pthread_mutex_t flow_lock;
    pthread_cond_t flow_cond;
    size_t flow_queued;  /* bytes posted by the worker, not yet in the socket buffer */
    size_t flow_pending; /* bytes in the bufferevent's output */
    bool flow_closed;
    bool is_unix;
    uint8_t seq;
    duet_buf_t in;
    uint8_t raw_hdr[4];
    size_t raw_got;
    wire_out_t out;
    uint8_t scramble[WIRE_SCRAMBLE_LEN];
    proxy_user_t account;
    bool change_user;
    bool sent_password; /* for "using password: YES/NO" */
    char pending_db[65];
    proxy_session_t sess;
    uint64_t cmd_start_us;
    int cmd_kind;
    uint8_t cmd;
    time_t connected_at;
    int peer_port;
    /* Under the server's reg_lock (read by SHOW PROCESSLIST from other threads): */
    char *info;                        /* running statement text, NULL when idle */
    time_t state_since;                /* when the current command (or idleness) began */
    uint8_t info_cmd;                  /* the command info belongs to */
    proxy_conn_t *prev, *next;         /* loop list, loop thread only */
    proxy_conn_t *reg_prev, *reg_next; /* registry, under reg_lock */
};

/* loop_post: queues a message for loop l and wakes it. Any thread. */
void proxy_loop_post(proxy_loop_t *l, loop_msg_t *m);

/* conn_* (conn.c), loop thread only. */
void proxy_conn_accept(proxy_loop_t *l, int fd, bool is_unix, const char *host, int peer_port,
                       uint64_t id);
void proxy_conn_done(proxy_conn_t *c);
void proxy_conn_write(proxy_conn_t *c, duet_buf_t *data);
void proxy_conn_kill(proxy_loop_t *l, uint64_t id);
void proxy_conn_close(proxy_conn_t *c);
/* proxy_conn_reap: frees the loop's closed connections. */
void proxy_conn_reap(proxy_loop_t *l);
/* proxy_conn_reject: sends ERR (sequence 0) on a bare socket and closes it. */
void proxy_conn_reject(int fd, const duet_err_t *err);

/* status.c: starts and stops the HTTP status port. */
int proxy_status_start(proxy_server_t *s, duet_err_t *err);
void proxy_status_stop(proxy_server_t *s);

uint64_t proxy_now_us(void);

#endif
