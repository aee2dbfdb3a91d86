/* users.c - the in-memory user table (see users.h). One rwlock guards the list. */
#include "proxy/users.h"
#include "common/mem.h"
#include "wire/protocol.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct user_node {
    proxy_user_t u;
    struct user_node *next;
} user_node_t;

struct proxy_users {
    pthread_rwlock_t lock; /* guards list and every node */
    user_node_t *list;
};

static void set_password(proxy_user_t *u, proxy_auth_plugin_t plugin, const char *pw)
{
    size_t n = pw ? strlen(pw) : 0;
    u->plugin = plugin;
    u->empty_password = n == 0;
    u->sha2_cached = false;
    memset(u->native_hash, 0, sizeof(u->native_hash));
    memset(u->sha2_hash, 0, sizeof(u->sha2_hash));
    if (n == 0)
        return;
    if (plugin == PROXY_AUTH_NATIVE) {
        wire_native_hash(pw, n, u->native_hash);
    } else {
        wire_random_bytes(u->sha2_salt, sizeof(u->sha2_salt));
        wire_sha2_salted(pw, n, u->sha2_salt, u->sha2_hash);
    }
}

proxy_users_t *proxy_users_create(void)
{
    proxy_users_t *t = duet_calloc(1, sizeof(*t));
    pthread_rwlock_init(&t->lock, NULL);
    user_node_t *root = duet_calloc(1, sizeof(*root));
    snprintf(root->u.name, sizeof(root->u.name), "root");
    snprintf(root->u.host, sizeof(root->u.host), "%%");
    set_password(&root->u, PROXY_AUTH_CACHING_SHA2, "");
    t->list = root;
    return t;
}

void proxy_users_destroy(proxy_users_t *t)
{
    if (t == NULL)
        return;
    user_node_t *n = t->list;
    while (n) {
        user_node_t *next = n->next;
        duet_free(n);
        n = next;
    }
    pthread_rwlock_destroy(&t->lock);
    duet_free(t);
}

int proxy_plugin_parse(const char *name, size_t n, proxy_auth_plugin_t *out)
{
    if (n == strlen(WIRE_PLUGIN_NATIVE) && strncasecmp(name, WIRE_PLUGIN_NATIVE, n) == 0) {
        *out = PROXY_AUTH_NATIVE;
        return 0;
    }
    if (n == strlen(WIRE_PLUGIN_CACHING_SHA2) &&
        strncasecmp(name, WIRE_PLUGIN_CACHING_SHA2, n) == 0) {
        *out = PROXY_AUTH_CACHING_SHA2;
        return 0;
    }
    return -1;
}

const char *proxy_plugin_name(proxy_auth_plugin_t p)
{
    return p == PROXY_AUTH_NATIVE ? WIRE_PLUGIN_NATIVE : WIRE_PLUGIN_CACHING_SHA2;
}

static user_node_t **find_exact(proxy_users_t *t, const char *name, const char *host)
{
    for (user_node_t **pp = &t->list; *pp; pp = &(*pp)->next)
        if (strcmp((*pp)->u.name, name) == 0 && strcasecmp((*pp)->u.host, host) == 0)
            return pp;
    return NULL;
}

static int user_op_failed(duet_err_t *err, const char *op, const char *name, const char *host)
{
    char who[320];
    snprintf(who, sizeof(who), "'%s'@'%s'", name, host);
    return duet_err_set(err, ER_CANNOT_USER, op, who);
}

int proxy_users_create_user(proxy_users_t *t, const char *name, const char *host,
                            proxy_auth_plugin_t plugin, const char *password, duet_err_t *err)
{
    if (strlen(name) >= sizeof(((proxy_user_t *)0)->name) ||
        strlen(host) >= sizeof(((proxy_user_t *)0)->host))
        return user_op_failed(err, "CREATE USER", name, host);
    user_node_t *n = duet_calloc(1, sizeof(*n));
    snprintf(n->u.name, sizeof(n->u.name), "%s", name);
    snprintf(n->u.host, sizeof(n->u.host), "%s", host);
    set_password(&n->u, plugin, password);
    pthread_rwlock_wrlock(&t->lock);
    if (find_exact(t, name, host) != NULL) {
        pthread_rwlock_unlock(&t->lock);
        duet_free(n);
        return user_op_failed(err, "CREATE USER", name, host);
    }
    n->next = t->list;
    t->list = n;
    pthread_rwlock_unlock(&t->lock);
    return 0;
}

int proxy_users_alter_user(proxy_users_t *t, const char *name, const char *host,
                           proxy_auth_plugin_t plugin, const char *password, duet_err_t *err)
{
    pthread_rwlock_wrlock(&t->lock);
    user_node_t **pp = find_exact(t, name, host);
    if (pp == NULL) {
        pthread_rwlock_unlock(&t->lock);
        return user_op_failed(err, "ALTER USER", name, host);
    }
    set_password(&(*pp)->u, plugin, password);
    pthread_rwlock_unlock(&t->lock);
    return 0;
}

int proxy_users_drop_user(proxy_users_t *t, const char *name, const char *host, duet_err_t *err)
{
    pthread_rwlock_wrlock(&t->lock);
    user_node_t **pp = find_exact(t, name, host);
    if (pp == NULL) {
        pthread_rwlock_unlock(&t->lock);
        return user_op_failed(err, "DROP USER", name, host);
    }
    user_node_t *n = *pp;
    *pp = n->next;
    pthread_rwlock_unlock(&t->lock);
    duet_free(n);
    return 0;
}

static bool is_local(const char *h)
{
    return strcmp(h, "127.0.0.1") == 0 || strcmp(h, "::1") == 0 || strcmp(h, "localhost") == 0;
}

bool proxy_users_find(proxy_users_t *t, const char *name, size_t name_len, const char *client_host,
                      proxy_user_t *out)
{
    user_node_t *exact = NULL, *any = NULL, *local = NULL;
    pthread_rwlock_rdlock(&t->lock);
    for (user_node_t *n = t->list; n; n = n->next) {
        if (strlen(n->u.name) != name_len || memcmp(n->u.name, name, name_len) != 0)
            continue;
        if (strcasecmp(n->u.host, client_host) == 0)
            exact = n;
        else if (strcmp(n->u.host, "%") == 0)
            any = n;
        else if (strcasecmp(n->u.host, "localhost") == 0 && is_local(client_host))
            local = n;
    }
    user_node_t *hit = exact ? exact : local ? local : any;
    if (hit)
        *out = hit->u;
    pthread_rwlock_unlock(&t->lock);
    return hit != NULL;
}

bool proxy_users_verify_sha2_full(proxy_users_t *t, const proxy_user_t *user, const char *pw,
                                  size_t n)
{
    if (user->empty_password)
        return n == 0;
    if (n == 0)
        return false;
    uint8_t h[WIRE_SHA256_LEN];
    wire_sha2_salted(pw, n, user->sha2_salt, h);
    if (!wire_memeq_ct(h, user->sha2_hash, sizeof(h)))
        return false;
    pthread_rwlock_wrlock(&t->lock);
    user_node_t **pp = find_exact(t, user->name, user->host);
    /* Cache only if the account still has the password just verified. */
    if (pp != NULL && wire_memeq_ct((*pp)->u.sha2_hash, h, sizeof(h))) {
        wire_sha2_digest2(pw, n, (*pp)->u.sha2_digest2);
        (*pp)->u.sha2_cached = true;
    }
    pthread_rwlock_unlock(&t->lock);
    return true;
}

bool proxy_users_verify_native_clear(const proxy_user_t *user, const char *pw, size_t n)
{
    if (user->empty_password)
        return n == 0;
    uint8_t h[WIRE_SHA1_LEN];
    wire_native_hash(pw, n, h);
    return wire_memeq_ct(h, user->native_hash, sizeof(h));
}

int proxy_users_bootstrap(proxy_users_t *t, const char *spec, duet_err_t *err)
{
    char *copy = duet_strdup(spec);
    char *save = NULL;
    int rc = 0;
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *c1 = strchr(item, ':');
        char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (c2 == NULL) {
            rc = duet_err_set(err, ER_GENERIC, "bad user spec '%s': want name:plugin:password",
                              item);
            break;
        }
        *c1 = *c2 = '\0';
        const char *plug = c1 + 1;
        proxy_auth_plugin_t p;
        if (strcmp(plug, "native") == 0)
            p = PROXY_AUTH_NATIVE;
        else if (strcmp(plug, "sha2") == 0)
            p = PROXY_AUTH_CACHING_SHA2;
        else if (proxy_plugin_parse(plug, strlen(plug), &p) < 0) {
            rc = duet_err_set(err, ER_GENERIC, "bad user spec: unknown plugin '%s'", plug);
            break;
        }
        if (proxy_users_create_user(t, item, "%", p, c2 + 1, err) < 0) {
            rc = -1;
            break;
        }
    }
    duet_free(copy);
    return rc;
}
