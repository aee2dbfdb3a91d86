/* status.c - the status HTTP port on libevent's http server, in its own thread:
 * /status (JSON: version, git hash, connections) and /metrics (Prometheus text). */
#define DUET_LOG_MODULE "proxy"
#include "common/log.h"
#include "duet_version.h"
#include "proxy/server_int.h"

#include <event2/buffer.h>
#include <event2/http.h>
#include <stdio.h>
#include <string.h>

static void status_cb(struct evhttp_request *req, void *arg)
{
    proxy_server_t *s = arg;
    struct evbuffer *b = evbuffer_new();
    evbuffer_add_printf(b,
                        "{\"connections\":%d,\"version\":\"%s\",\"git_hash\":\"%s\","
                        "\"status_port\":%d,\"port\":%d}\n",
                        proxy_server_connections(s), s->version, DUET_GIT_COMMIT,
                        s->cfg.status.status_port, s->port);
    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type", "application/json");
    evhttp_send_reply(req, HTTP_OK, "OK", b);
    evbuffer_free(b);
}

static void metrics_cb(struct evhttp_request *req, void *arg)
{
    proxy_server_t *s = arg;
    duet_buf_t text = DUET_BUF_INIT;
    proxy_metrics_render(&s->metrics, &text);
    struct evbuffer *b = evbuffer_new();
    evbuffer_add(b, text.data, text.len);
    duet_buf_free(&text);
    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type",
                      "text/plain; version=0.0.4");
    evhttp_send_reply(req, HTTP_OK, "OK", b);
    evbuffer_free(b);
}

static void *status_main(void *arg)
{
    proxy_server_t *s = arg;
    event_base_loop(s->http_base, EVLOOP_NO_EXIT_ON_EMPTY);
    return NULL;
}

int proxy_status_start(proxy_server_t *s, duet_err_t *err)
{
    s->http_base = event_base_new();
    if (s->http_base == NULL)
        return duet_err_set(err, ER_GENERIC, "cannot create the status event loop");
    s->http = evhttp_new(s->http_base);
    const char *host = s->cfg.status.status_host[0] ? s->cfg.status.status_host : "127.0.0.1";
    if (s->http == NULL ||
        evhttp_bind_socket(s->http, host, (uint16_t)s->cfg.status.status_port) != 0) {
        if (s->http)
            evhttp_free(s->http);
        event_base_free(s->http_base);
        s->http = NULL;
        s->http_base = NULL;
        return duet_err_set(err, ER_GENERIC, "cannot listen on status port %s:%d", host,
                            s->cfg.status.status_port);
    }
    evhttp_set_cb(s->http, "/status", status_cb, s);
    evhttp_set_cb(s->http, "/metrics", metrics_cb, s);
    if (pthread_create(&s->http_thread, NULL, status_main, s) != 0) {
        evhttp_free(s->http);
        event_base_free(s->http_base);
        s->http = NULL;
        s->http_base = NULL;
        return duet_err_set(err, ER_GENERIC, "cannot start the status thread");
    }
    s->http_running = true;
    return 0;
}

void proxy_status_stop(proxy_server_t *s)
{
    if (!s->http_running)
        return;
    event_base_loopbreak(s->http_base);
    pthread_join(s->http_thread, NULL);
    evhttp_free(s->http);
    event_base_free(s->http_base);
    s->http = NULL;
    s->http_base = NULL;
    s->http_running = false;
}
