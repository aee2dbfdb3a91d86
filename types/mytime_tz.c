/* mytime_tz.c - session time zones: fixed offsets and named zones from the system tz database
 * (TZif). */
#include "types/mytime.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/mem.h"

struct mytime_tz {
    char name[80];
    int32_t fixed;    /* offset when ntrans == 0 */
    int32_t first;    /* offset before the first transition */
    int64_t *trans;   /* transition instants, ascending (unix seconds) */
    int32_t *offsets; /* offset in force from trans[i] on */
    uint32_t ntrans;
    struct mytime_tz *next;
};

/* The process-wide cache: zones are created once and never freed. tz_lock
 * guards tz_list. */
static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mytime_tz *tz_list;

static int64_t be(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = (v << 8) | p[i];
    if (n == 4)
        return (int32_t)(uint32_t)v;
    return (int64_t)v;
}

/* Parses a TZif file (v2+ 64-bit block when present). Returns 0 or -1. */
static int tzif_parse(const uint8_t *d, size_t n, struct mytime_tz *tz)
{
    if (n < 44 || memcmp(d, "TZif", 4) != 0)
        return -1;
    int version = d[4];
    size_t off = 0;
    int tsize = 4;
    for (int pass = 0; pass < 2; pass++) {
        if (off + 44 > n || memcmp(d + off, "TZif", 4) != 0)
            return -1;
        const uint8_t *h = d + off + 20;
        uint32_t isut = (uint32_t)be(h, 4), isstd = (uint32_t)be(h + 4, 4),
                 leap = (uint32_t)be(h + 8, 4), timecnt = (uint32_t)be(h + 12, 4),
                 typecnt = (uint32_t)be(h + 16, 4), charcnt = (uint32_t)be(h + 20, 4);
        size_t body = (size_t)timecnt * (size_t)tsize + timecnt + (size_t)typecnt * 6 + charcnt +
                      (size_t)leap * (size_t)(tsize + 4) + isstd + isut;
        if (off + 44 + body > n || typecnt == 0)
            return -1;
        if (pass == 0 && version >= '2') {
            off += 44 + body;
            tsize = 8;
            continue;
        }
        const uint8_t *p = d + off + 44;
        const uint8_t *idx = p + (size_t)timecnt * (size_t)tsize;
        const uint8_t *types = idx + timecnt;
        tz->ntrans = timecnt;
        tz->trans = duet_malloc(sizeof(int64_t) * (timecnt ? timecnt : 1));
        tz->offsets = duet_malloc(sizeof(int32_t) * (timecnt ? timecnt : 1));
        for (uint32_t i = 0; i < timecnt; i++) {
            tz->trans[i] = be(p + (size_t)i * (size_t)tsize, tsize);
            uint8_t ti = idx[i];
            if (ti >= typecnt)
                return -1;
            tz->offsets[i] = (int32_t)be(types + (size_t)ti * 6, 4);
        }
        /* Before the first transition: the first standard-time type, else type 0. */
        tz->first = (int32_t)be(types, 4);
        for (uint32_t t = 0; t < typecnt; t++)
            if (types[t * 6 + 4] == 0) {
                tz->first = (int32_t)be(types + (size_t)t * 6, 4);
                break;
            }
        tz->fixed = tz->first;
        return 0;
    }
    return -1;
}

static struct mytime_tz *tz_load_file(const char *path, const char *name)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *data = duet_malloc(1 << 20);
    size_t n = fread(data, 1, 1 << 20, f);
    fclose(f);
    struct mytime_tz *tz = duet_calloc(1, sizeof *tz);
    snprintf(tz->name, sizeof tz->name, "%s", name);
    if (tzif_parse(data, n, tz) != 0) {
        duet_free(tz->trans);
        duet_free(tz->offsets);
        duet_free(tz);
        tz = NULL;
    }
    duet_free(data);
    return tz;
}

/* "+08:00" style offsets; returns 0 and the seconds, or -1. */
static int parse_offset(const char *s, size_t len, int32_t *secs)
{
    if (len < 5 || len > 6 || (s[0] != '+' && s[0] != '-'))
        return -1;
    size_t colon = len - 3;
    if (s[colon] != ':')
        return -1;
    int h = 0, m = 0;
    for (size_t i = 1; i < colon; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        h = h * 10 + (s[i] - '0');
    }
    for (size_t i = colon + 1; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        m = m * 10 + (s[i] - '0');
    }
    if (m > 59)
        return -1;
    int v = h * 60 + m;
    if (s[0] == '-' ? v > 13 * 60 + 59 : v > 14 * 60)
        return -1;
    *secs = (s[0] == '-' ? -v : v) * 60;
    return 0;
}

static bool name_ok(const char *s, size_t len)
{
    if (len == 0 || len >= 64 || s[0] == '/' || s[0] == '.')
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+'))
            return false;
        if (c == '.' || (c == '/' && i + 1 < len && s[i + 1] == '.'))
            return false;
    }
    return true;
}

const mytime_tz_t *mytime_tz_get(const char *name, size_t len)
{
    char key[80];
    if (len >= 64)
        return NULL;
    memcpy(key, name, len);
    key[len] = '\0';
    pthread_mutex_lock(&tz_lock);
    struct mytime_tz *tz;
    for (tz = tz_list; tz; tz = tz->next)
        if (strcasecmp(tz->name, key) == 0)
            break;
    if (!tz) {
        int32_t secs = 0;
        if (parse_offset(key, len, &secs) == 0 || strcasecmp(key, "UTC") == 0) {
            tz = duet_calloc(1, sizeof *tz);
            snprintf(tz->name, sizeof tz->name, "%s", key);
            tz->fixed = tz->first = strcasecmp(key, "UTC") == 0 ? 0 : secs;
        } else if (strcasecmp(key, "SYSTEM") == 0) {
            const char *env = getenv("TZ");
            char path[160];
            if (env && *env &&
                name_ok(env[0] == ':' ? env + 1 : env, strlen(env) - (env[0] == ':')))
                snprintf(path, sizeof path, "/usr/share/zoneinfo/%s",
                         env[0] == ':' ? env + 1 : env);
            else
                snprintf(path, sizeof path, "/etc/localtime");
            tz = tz_load_file(path, "SYSTEM");
            if (!tz) {
                tz = duet_calloc(1, sizeof *tz);
                snprintf(tz->name, sizeof tz->name, "SYSTEM");
            }
        } else if (name_ok(key, len)) {
            char path[160];
            snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", key);
            tz = tz_load_file(path, key);
        }
        if (tz) {
            tz->next = tz_list;
            tz_list = tz;
        }
    }
    pthread_mutex_unlock(&tz_lock);
    return tz;
}

int32_t mytime_tz_offset(const mytime_tz_t *tz, int64_t utc)
{
    if (tz->ntrans == 0)
        return tz->fixed;
    if (utc < tz->trans[0])
        return tz->first;
    uint32_t lo = 0, hi = tz->ntrans; /* last trans <= utc */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (tz->trans[mid] <= utc)
            lo = mid;
        else
            hi = mid;
    }
    return tz->offsets[lo];
}

mytime_t mytime_utc_to_local(const mytime_tz_t *tz, const mytime_t *utc)
{
    if (utc->month == 0 || utc->day == 0)
        return *utc;
    int64_t u = mytime_to_unix(utc);
    return mytime_from_unix(u + mytime_tz_offset(tz, u), utc->usec);
}

mytime_t mytime_local_to_utc(const mytime_tz_t *tz, const mytime_t *local)
{
    if (local->month == 0 || local->day == 0)
        return *local;
    int64_t l = mytime_to_unix(local);
    /* Transitions are days apart, so the offsets in force a day either side are
     * the only candidates. */
    int32_t cand[2] = {mytime_tz_offset(tz, l - 100000), mytime_tz_offset(tz, l + 100000)};
    int64_t best = 0;
    bool found = false;
    for (int i = 0; i < 2; i++) {
        int64_t u = l - cand[i];
        if (mytime_tz_offset(tz, u) == cand[i] && (!found || u < best)) {
            best = u;
            found = true;
        }
    }
    if (!found) {
        /* In a gap: the first instant after it, i.e. the transition itself. */
        int64_t u = l - cand[0];
        uint32_t lo = 0;
        for (uint32_t i = 0; i < tz->ntrans && tz->trans[i] <= u; i++)
            lo = i;
        best = tz->ntrans ? tz->trans[lo] : u;
        return mytime_from_unix(best, 0);
    }
    return mytime_from_unix(best, local->usec);
}
