/* server.c - the server's life cycle: event loops (one thread each), listeners, the
 * worker pool and the connection registry (see server.h). */
#define DUET_LOG_MODULE "proxy"
#include "proxy/server_int.h"
#include "common/log.h"
#include "common/mem.h"
#include "wire/handshake.h"

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <event2/thread.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

uint64_t proxy_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static pthread_once_t evthread_once = PTHREAD_ONCE_INIT;
static void evthread_setup(void)
{
    evthread_use_pthreads();
}

proxy_server_t *proxy_server_create(const duet_config_t *cfg, const char *datadir, duet_err_t *err)
{
    pthread_once(&evthread_once, evthread_setup);
    /* A client that goes away mid-write must cost an EPIPE, not the process. */
    signal(SIGPIPE, SIG_IGN);
    proxy_server_t *s = duet_calloc(1, sizeof(*s));
    s->cfg = *cfg;
    snprintf(s->datadir, sizeof(s->datadir), "%s", datadir);
    wire_server_version(s->version, sizeof(s->version));
    if (wire_tls_load(&s->tls, datadir, cfg->security.ssl_cert, cfg->security.ssl_key,
                      cfg->security.ssl_ca, err) < 0) {
        duet_free(s);
        return NULL;
    }
    s->have_tls = s->tls.ssl_ctx != NULL;
    s->users = proxy_users_create();
    s->sysvars = proxy_sysvars_create(cfg, s->have_tls);
    char gv[4200];
    snprintf(gv, sizeof(gv), "%s/global_variables", datadir);
    if (proxy_sysvars_persist(s->sysvars, gv, err) < 0) {
        proxy_sysvars_destroy(s->sysvars);
        proxy_users_destroy(s->users);
        wire_tls_free(&s->tls);
        duet_free(s);
        return NULL;
    }
    proxy_metrics_init(&s->metrics);
    pthread_mutex_init(&s->reg_lock, NULL);
    atomic_init(&s->next_conn_id, 1);
    int n = cfg->performance.max_procs;
    if (n <= 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        n = cores > 0 ? (int)cores : 1;
    }
    s->nloops = n;
    return s;
}

void proxy_server_set_catalog(proxy_server_t *s, proxy_db_exists_fn fn, void *ctx)
{
    s->db_exists = fn;
    s->db_ctx = ctx;
}

proxy_users_t *proxy_server_users(proxy_server_t *s)
{
    return s->users;
}

proxy_sysvars_t *proxy_server_sysvars(proxy_server_t *s)
{
    return s->sysvars;
}

int proxy_server_connections(proxy_server_t *s)
{
    return atomic_load(&s->metrics.connections);
}

proxy_metrics_t *proxy_server_metrics(proxy_server_t *s)
{
    return &s->metrics;
}

int proxy_server_port(const proxy_server_t *s)
{
    return s->port;
}

void proxy_loop_post(proxy_loop_t *l, loop_msg_t *m)
{
    m->next = NULL;
    pthread_mutex_lock(&l->lock);
    if (l->tail)
        l->tail->next = m;
    else
        l->head = m;
    l->tail = m;
    /* Activate under the lock: once the loop has taken the message it may exit. */
    event_active(l->notify, EV_READ, 0);
    pthread_mutex_unlock(&l->lock);
}

static void loop_check_exit(proxy_loop_t *l)
{
    if (l->stopping && l->conns == NULL && l->zombies == 0)
        event_base_loopbreak(l->base);
}

static void loop_notify_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    proxy_loop_t *l = arg;
    pthread_mutex_lock(&l->lock);
    loop_msg_t *m = l->head;
    l->head = l->tail = NULL;
    pthread_mutex_unlock(&l->lock);
    while (m) {
        loop_msg_t *next = m->next;
        switch (m->kind) {
        case LOOP_MSG_NEW_FD:
            if (l->stopping) {
                close(m->fd);
                atomic_fetch_sub(&l->server->metrics.connections, 1);
            } else {
                proxy_conn_accept(l, m->fd, m->is_unix, m->host, m->peer_port, m->id);
            }
            break;
        case LOOP_MSG_DONE:
            proxy_conn_done(m->conn);
            break;
        case LOOP_MSG_WRITE:
            proxy_conn_write(m->conn, &m->data);
            duet_buf_free(&m->data);
            break;
        case LOOP_MSG_KILL:
            proxy_conn_kill(l, m->id);
            break;
        case LOOP_MSG_STOP:
            l->stopping = true;
            if (l->index == 0) {
                if (l->server->listener)
                    evconnlistener_free(l->server->listener);
                if (l->server->unix_listener)
                    evconnlistener_free(l->server->unix_listener);
                l->server->listener = l->server->unix_listener = NULL;
            }
            while (l->conns)
                proxy_conn_close(l->conns);
            break;
        }
        duet_free(m);
        m = next;
    }
    loop_check_exit(l);
}

static void loop_reap_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    proxy_conn_reap(arg);
}

static void *loop_main(void *arg)
{
    proxy_loop_t *l = arg;
    event_base_loop(l->base, EVLOOP_NO_EXIT_ON_EMPTY);
    return NULL;
}

static void accept_cb(struct evconnlistener *lst, evutil_socket_t fd, struct sockaddr *addr,
                      int socklen, void *arg)
{
    (void)lst;
    (void)socklen;
    proxy_server_t *s = arg;
    char host[64] = "localhost";
    bool is_unix = addr->sa_family == AF_UNIX;
    int peer_port = 0;
    if (addr->sa_family == AF_INET) {
        inet_ntop(AF_INET, &((struct sockaddr_in *)addr)->sin_addr, host, sizeof(host));
        peer_port = ntohs(((struct sockaddr_in *)addr)->sin_port);
    } else if (addr->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)addr)->sin6_addr, host, sizeof(host));
        peer_port = ntohs(((struct sockaddr_in6 *)addr)->sin6_port);
    }
    if (!is_unix) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    int max = s->cfg.max_server_connections;
    int now = atomic_fetch_add(&s->metrics.connections, 1);
    if (max > 0 && now >= max) {
        atomic_fetch_sub(&s->metrics.connections, 1);
        atomic_fetch_add(&s->metrics.aborted_connects, 1);
        duet_err_t e = {0};
        duet_err_set(&e, ER_CON_COUNT_ERROR);
        proxy_metrics_error(&s->metrics, e.code);
        proxy_conn_reject(fd, &e);
        return;
    }
    atomic_fetch_add(&s->metrics.connections_total, 1);
    int used = now + 1, prev = atomic_load(&s->metrics.max_used_connections);
    while (used > prev &&
           !atomic_compare_exchange_weak(&s->metrics.max_used_connections, &prev, used))
        ;
    loop_msg_t *m = duet_calloc(1, sizeof(*m));
    m->kind = LOOP_MSG_NEW_FD;
    m->fd = fd;
    m->is_unix = is_unix;
    m->peer_port = peer_port;
    snprintf(m->host, sizeof(m->host), "%s", host);
    m->id = atomic_fetch_add(&s->next_conn_id, 1);
    unsigned i = atomic_fetch_add(&s->rr, 1) % (unsigned)s->nloops;
    proxy_loop_post(&s->loops[i], m);
}

static void accept_error_cb(struct evconnlistener *lst, void *arg)
{
    (void)lst;
    (void)arg;
    int e = EVUTIL_SOCKET_ERROR();
    log_warn("accept failed: %s", evutil_socket_error_to_string(e));
}

static int listen_tcp(proxy_server_t *s, duet_err_t *err)
{
    struct evutil_addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = EVUTIL_AI_PASSIVE | EVUTIL_AI_NUMERICSERV;
    char port[16];
    snprintf(port, sizeof(port), "%d", s->cfg.port);
    int rc = evutil_getaddrinfo(s->cfg.host[0] ? s->cfg.host : NULL, port, &hints, &res);
    if (rc != 0)
        return duet_err_set(err, ER_GENERIC, "cannot resolve listen address %s: %s", s->cfg.host,
                            evutil_gai_strerror(rc));
    s->listener = evconnlistener_new_bind(s->loops[0].base, accept_cb, s,
                                          LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE |
                                              LEV_OPT_CLOSE_ON_EXEC | LEV_OPT_THREADSAFE,
                                          1024, res->ai_addr, (int)res->ai_addrlen);
    evutil_freeaddrinfo(res);
    if (s->listener == NULL)
        return duet_err_set(err, ER_GENERIC, "cannot listen on %s:%d: %s", s->cfg.host, s->cfg.port,
                            strerror(errno));
    evconnlistener_set_error_cb(s->listener, accept_error_cb);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    if (getsockname(evconnlistener_get_fd(s->listener), (struct sockaddr *)&ss, &sl) == 0) {
        if (ss.ss_family == AF_INET)
            s->port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
        else if (ss.ss_family == AF_INET6)
            s->port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    }
    return 0;
}

static int listen_unix(proxy_server_t *s, duet_err_t *err)
{
    struct sockaddr_un sun = {0};
    sun.sun_family = AF_UNIX;
    if (strlen(s->cfg.socket) >= sizeof(sun.sun_path))
        return duet_err_set(err, ER_GENERIC, "socket path too long: %s", s->cfg.socket);
    memcpy(sun.sun_path, s->cfg.socket, strlen(s->cfg.socket) + 1);
    unlink(s->cfg.socket);
    s->unix_listener =
        evconnlistener_new_bind(s->loops[0].base, accept_cb, s,
                                LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC | LEV_OPT_THREADSAFE,
                                1024, (struct sockaddr *)&sun, sizeof(sun));
    if (s->unix_listener == NULL)
        return duet_err_set(err, ER_GENERIC, "cannot listen on socket %s: %s", s->cfg.socket,
                            strerror(errno));
    chmod(s->cfg.socket, 0777);
    evconnlistener_set_error_cb(s->unix_listener, accept_error_cb);
    return 0;
}

static void free_loops(proxy_server_t *s)
{
    if (s->loops == NULL)
        return;
    for (int i = 0; i < s->nloops; i++) {
        proxy_loop_t *l = &s->loops[i];
        loop_msg_t *m = l->head;
        while (m) {
            loop_msg_t *next = m->next;
            if (m->kind == LOOP_MSG_NEW_FD)
                close(m->fd);
            duet_buf_free(&m->data);
            duet_free(m);
            m = next;
        }
        proxy_conn_reap(l);
        if (l->notify)
            event_free(l->notify);
        if (l->reap)
            event_free(l->reap);
        if (l->base)
            event_base_free(l->base);
        pthread_mutex_destroy(&l->lock);
    }
    duet_free(s->loops);
    s->loops = NULL;
}

int proxy_server_start(proxy_server_t *s, duet_err_t *err)
{
    s->loops = duet_calloc((size_t)s->nloops, sizeof(proxy_loop_t));
    for (int i = 0; i < s->nloops; i++) {
        proxy_loop_t *l = &s->loops[i];
        l->server = s;
        l->index = i;
        pthread_mutex_init(&l->lock, NULL);
        l->base = event_base_new();
        if (l->base == NULL) {
            free_loops(s);
            return duet_err_set(err, ER_GENERIC, "cannot create an event loop");
        }
        l->notify = event_new(l->base, -1, EV_PERSIST, loop_notify_cb, l);
        l->reap = event_new(l->base, -1, 0, loop_reap_cb, l);
    }
    if (listen_tcp(s, err) < 0 || (s->cfg.socket[0] && listen_unix(s, err) < 0)) {
        if (s->listener)
            evconnlistener_free(s->listener);
        s->listener = NULL;
        free_loops(s);
        return -1;
    }
    /* Statements may wait on storage, so the pool is wider than the loops: a few long
     * statements must not queue everyone else's behind them. */
    int workers = s->nloops * 4 < 8 ? 8 : s->nloops * 4;
    s->pool = duet_pool_create(workers, "sql");
    if (s->pool == NULL) {
        proxy_server_stop(s);
        return duet_err_set(err, ER_GENERIC, "cannot start the worker pool");
    }
    for (int i = 0; i < s->nloops; i++) {
        proxy_loop_t *l = &s->loops[i];
        if (pthread_create(&l->thread, NULL, loop_main, l) != 0) {
            proxy_server_stop(s);
            return duet_err_set(err, ER_GENERIC, "cannot start event loop thread");
        }
        l->thread_started = true;
    }
    s->started = true;
    if (s->cfg.status.report_status && s->cfg.status.status_port > 0 &&
        proxy_status_start(s, err) < 0) {
        proxy_server_stop(s);
        return -1;
    }
    return 0;
}

void proxy_server_stop(proxy_server_t *s)
{
    if (s->stopped)
        return;
    s->stopped = true;
    proxy_status_stop(s);
    if (s->loops != NULL) {
        for (int i = 0; i < s->nloops; i++) {
            proxy_loop_t *l = &s->loops[i];
            if (!l->thread_started)
                continue;
            loop_msg_t *m = duet_calloc(1, sizeof(*m));
            m->kind = LOOP_MSG_STOP;
            proxy_loop_post(l, m);
        }
        for (int i = 0; i < s->nloops; i++)
            if (s->loops[i].thread_started)
                pthread_join(s->loops[i].thread, NULL);
    }
    if (s->listener)
        evconnlistener_free(s->listener);
    if (s->unix_listener)
        evconnlistener_free(s->unix_listener);
    s->listener = s->unix_listener = NULL;
    if (s->cfg.socket[0])
        unlink(s->cfg.socket);
    duet_pool_destroy(s->pool);
    s->pool = NULL;
    free_loops(s);
}

void proxy_server_destroy(proxy_server_t *s)
{
    if (s == NULL)
        return;
    proxy_server_stop(s);
    wire_tls_free(&s->tls);
    proxy_users_destroy(s->users);
    proxy_sysvars_destroy(s->sysvars);
    pthread_mutex_destroy(&s->reg_lock);
    duet_free(s);
}
