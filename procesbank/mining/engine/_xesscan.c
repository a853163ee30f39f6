/* Native scanner for the plain XES shape (see xesfast.py for the shape and the frame).
 *
 * The Polars reader splits the body into one row per tag (the text after one '<' up to the
 * next) and checks the rows with vectorised expressions; this does the same in one pass over
 * the bytes, as a state machine, and keeps only the values of the wanted keys: per key a
 * dictionary of its distinct values (int32 codes per event or trace) or, for dates, the
 * instant in microseconds since the epoch (UTC). Anything outside the plain shape stops the
 * scan with ShapeError, and Python hands the file to the careful readers, as the Polars
 * reader does. The GIL is released while a chunk is scanned, so zlib inflates the next one.
 *
 * No third-party code: the hash table, UTF-8 check and date reading are here.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static PyObject *ShapeError;

enum { T_STRING, T_DATE, T_INT, T_FLOAT, T_BOOLEAN, T_ID, T_LIST, T_CONTAINER, T_NONE };
static const char *TYPE_NAMES[] = {"string", "date", "int", "float", "boolean", "id", "list",
                                   "container"};
#define NULL_DATE INT64_MIN
#define MAX_STACK 4096

/* Byte classes inside quoted text. */
enum { C_PLAIN = 0, C_QUOTE, C_AMP, C_LT, C_BAD, C_HIGH };
static unsigned char CLASS[256];

static void init_classes(void) {
    for (int c = 0; c < 256; c++) {
        if (c >= 0x80)
            CLASS[c] = C_HIGH;
        else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            CLASS[c] = C_BAD;
        else
            CLASS[c] = C_PLAIN;
    }
    CLASS['"'] = C_QUOTE;
    CLASS['&'] = C_AMP;
    CLASS['<'] = C_LT;
}

/* ---- one wanted key: its values for one scope (events or traces) ---- */

typedef struct {
    char *name; /* raw (escaped) key as in the file */
    Py_ssize_t name_len;
    long first_seen; /* order of first appearance; -1: never seen */
    unsigned types;  /* bit per XES type seen */
    /* text values: codes per owner, interned distinct values */
    int32_t *codes;
    Py_ssize_t codes_len, codes_cap;
    char *arena;
    size_t arena_len, arena_cap;
    size_t *offsets; /* start of each distinct value in arena; offsets[n] = end */
    Py_ssize_t n_unique, offsets_cap;
    int32_t *table; /* open addressing: code or -1 */
    uint64_t *hashes;
    size_t table_cap;
    /* date values */
    int64_t *dates;
    Py_ssize_t dates_len, dates_cap;
    int date_failed;
} Key;

typedef struct {
    Key *keys;
    Py_ssize_t n, cap;
    int fixed; /* 1: only these keys are wanted; 0: every key is */
    long seen;
} Scope;

static int grow(void **buf, size_t *cap, size_t need, size_t item) {
    if (need <= *cap)
        return 0;
    size_t cap2 = *cap ? *cap : 16;
    while (cap2 < need)
        cap2 *= 2;
    void *p = realloc(*buf, cap2 * item);
    if (!p)
        return -1;
    *buf = p;
    *cap = cap2;
    return 0;
}

static Key *scope_add(Scope *s, const char *name, Py_ssize_t len) {
    size_t cap = (size_t)s->cap;
    if (grow((void **)&s->keys, &cap, (size_t)s->n + 1, sizeof(Key)) < 0)
        return NULL;
    s->cap = (Py_ssize_t)cap;
    Key *k = &s->keys[s->n];
    memset(k, 0, sizeof(Key));
    k->name = malloc(len ? (size_t)len : 1);
    if (!k->name)
        return NULL;
    memcpy(k->name, name, (size_t)len);
    k->name_len = len;
    k->first_seen = -1;
    s->n++;
    return k;
}

static void key_free(Key *k) {
    free(k->name);
    free(k->codes);
    free(k->arena);
    free(k->offsets);
    free(k->table);
    free(k->hashes);
    free(k->dates);
}

static inline int same_bytes(const char *a, const char *b, size_t n) {
    /* Most texts compared differ in their last byte or not at all: no call for those. */
    return n == 0 || (a[n - 1] == b[n - 1] && memcmp(a, b, n - 1) == 0);
}

static uint64_t hash_bytes(const char *p, size_t n) {
    uint64_t h = 1469598103934665603ULL ^ (n * 0x9E3779B97F4A7C15ULL);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x100000001B3ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 0x100000001B3ULL;
    h ^= h >> 32;
    return h * 0x9E3779B97F4A7C15ULL;
}

static int table_rehash(Key *k) {
    size_t cap = k->table_cap ? k->table_cap * 2 : 64;
    int32_t *t = malloc(cap * sizeof(int32_t));
    uint64_t *hs = malloc(cap * sizeof(uint64_t));
    if (!t || !hs) {
        free(t);
        free(hs);
        return -1;
    }
    memset(t, 0xff, cap * sizeof(int32_t));
    for (size_t i = 0; i < k->table_cap; i++) {
        if (k->table[i] < 0)
            continue;
        size_t j = k->hashes[i] & (cap - 1);
        while (t[j] >= 0)
            j = (j + 1) & (cap - 1);
        t[j] = k->table[i];
        hs[j] = k->hashes[i];
    }
    free(k->table);
    free(k->hashes);
    k->table = t;
    k->hashes = hs;
    k->table_cap = cap;
    return 0;
}

/* The code of a value, interned on first sight; -1 when out of memory. */
static int32_t intern(Key *k, const char *p, size_t n) {
    if ((size_t)(k->n_unique + 1) * 2 > k->table_cap && table_rehash(k) < 0)
        return -1;
    uint64_t h = hash_bytes(p, n);
    size_t mask = k->table_cap - 1, j = h & mask;
    while (k->table[j] >= 0) {
        if (k->hashes[j] == h) {
            int32_t c = k->table[j];
            size_t a = k->offsets[c], b = k->offsets[c + 1];
            if (b - a == n && same_bytes(k->arena + a, p, n))
                return c;
        }
        j = (j + 1) & mask;
    }
    if (k->n_unique >= INT32_MAX - 1)
        return -1;
    size_t ocap = (size_t)k->offsets_cap;
    if (grow((void **)&k->offsets, &ocap, (size_t)k->n_unique + 2, sizeof(size_t)) < 0)
        return -1;
    k->offsets_cap = (Py_ssize_t)ocap;
    if (grow((void **)&k->arena, &k->arena_cap, k->arena_len + n + 1, 1) < 0)
        return -1;
    if (k->n_unique == 0)
        k->offsets[0] = 0;
    memcpy(k->arena + k->arena_len, p, n);
    k->arena_len += n;
    int32_t c = (int32_t)k->n_unique++;
    k->offsets[c + 1] = k->arena_len;
    k->table[j] = c;
    k->hashes[j] = h;
    return c;
}

static int set_code(Key *k, Py_ssize_t owner, int32_t code) {
    if (owner >= k->codes_len) {
        size_t cap = (size_t)k->codes_cap;
        if (grow((void **)&k->codes, &cap, (size_t)owner + 1, sizeof(int32_t)) < 0)
            return -1;
        k->codes_cap = (Py_ssize_t)cap;
        for (Py_ssize_t i = k->codes_len; i <= owner; i++)
            k->codes[i] = -1;
        k->codes_len = owner + 1;
    }
    k->codes[owner] = code;
    return 0;
}

static int set_date(Key *k, Py_ssize_t owner, int64_t value) {
    if (owner >= k->dates_len) {
        size_t cap = (size_t)k->dates_cap;
        if (grow((void **)&k->dates, &cap, (size_t)owner + 1, sizeof(int64_t)) < 0)
            return -1;
        k->dates_cap = (Py_ssize_t)cap;
        for (Py_ssize_t i = k->dates_len; i <= owner; i++)
            k->dates[i] = NULL_DATE;
        k->dates_len = owner + 1;
    }
    k->dates[owner] = value;
    return 0;
}

/* ---- dates: YYYY-MM-DDTHH:MM:SS[.f{1,6}][Z|+HH:MM|-HH:MM], else 0 (the Polars path reads
 * the column: it knows the other forms and when a column stays text) ---- */

static int digits(const char *p, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return 1;
}

static int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int parse_date(const char *p, size_t n, int64_t *out) {
    static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, mo, d, h, mi, s;
    if (n < 19 || p[4] != '-' || p[7] != '-' || p[10] != 'T' || p[13] != ':' || p[16] != ':')
        return 0;
    if (!digits(p, 4, &y) || !digits(p + 5, 2, &mo) || !digits(p + 8, 2, &d) ||
        !digits(p + 11, 2, &h) || !digits(p + 14, 2, &mi) || !digits(p + 17, 2, &s))
        return 0;
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > DAYS[mo - 1] + (mo == 2 && leap))
        return 0;
    size_t i = 19;
    int64_t micros = 0;
    if (i < n && p[i] == '.') {
        size_t start = ++i;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
        size_t count = i - start;
        if (count < 1 || count > 6)
            return 0;
        for (size_t j = 0; j < 6; j++)
            micros = micros * 10 + (j < count ? p[start + j] - '0' : 0);
    }
    int64_t offset = 0;
    if (i < n && p[i] == 'Z') {
        i++;
    } else if (i < n && (p[i] == '+' || p[i] == '-')) {
        int oh, om;
        if (n - i != 6 || p[i + 3] != ':' || !digits(p + i + 1, 2, &oh) ||
            !digits(p + i + 4, 2, &om) || oh > 14 || om > 59)
            return 0;
        offset = (oh * 60 + om) * (p[i] == '-' ? -1 : 1);
        i += 6;
    }
    if (i != n)
        return 0;
    int64_t seconds = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset * 60;
    *out = seconds * 1000000 + micros;
    return 1;
}

/* ---- the scanner ---- */

typedef struct {
    PyObject_HEAD Scope scopes[2]; /* 0: events, 1: traces */
    int in_event, in_trace, in_global, level, ended;
    Py_ssize_t events, traces;
    int32_t *trace_of_event;
    size_t toe_cap;
    unsigned char stack[MAX_STACK];
    int global_scope_trace;
    PyObject *globals; /* list of (scope, type, key bytes, value bytes) */
    char *carry;
    size_t carry_len, carry_cap;
    int started, busy;
    const char *error;
    int oom;
} Scanner;

typedef struct {
    const char *p;
    size_t n;
} Span;

/* Pending global attributes are collected without the GIL and turned into Python objects
 * after the chunk. */
typedef struct {
    int scope_trace, type;
    Span key, value;
} GlobalRow;

typedef struct {
    Scanner *sc;
    GlobalRow *globals;
    size_t n_globals, cap_globals;
} Run;

#define FAIL(msg)                                                                              \
    do {                                                                                       \
        sc->error = (msg);                                                                     \
        return -1;                                                                             \
    } while (0)

/* Checks an entity or character reference starting at p[0] == '&'; returns its length. */
static size_t entity_length(const char *p, const char *end) {
    const char *q = p + 1;
    const char *semi = memchr(q, ';', (size_t)(end - q) < 12 ? (size_t)(end - q) : 12);
    if (!semi)
        return 0;
    size_t n = (size_t)(semi - q);
    if ((n == 2 && (!memcmp(q, "lt", 2) || !memcmp(q, "gt", 2))) ||
        (n == 3 && !memcmp(q, "amp", 3)) ||
        (n == 4 && (!memcmp(q, "quot", 4) || !memcmp(q, "apos", 4))))
        return n + 2;
    if (n < 2 || q[0] != '#')
        return 0;
    long code = 0;
    if (q[1] == 'x') {
        if (n < 3)
            return 0;
        for (size_t i = 2; i < n; i++) {
            char c = q[i];
            int v = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            if (v < 0 || code > 0x10FFFF)
                return 0;
            code = code * 16 + v;
        }
    } else {
        for (size_t i = 1; i < n; i++) {
            if (q[i] < '0' || q[i] > '9' || code > 0x10FFFF)
                return 0;
            code = code * 10 + (q[i] - '0');
        }
    }
    if (!(code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
          (code >= 0xE000 && code <= 0x10FFFF)))
        return 0;
    return n + 2;
}

/* Length of one UTF-8 character at p, 0 if not valid UTF-8. */
static size_t utf8_length(const unsigned char *p, const unsigned char *end) {
    unsigned c = p[0];
    if (c >= 0xC2 && c <= 0xDF) {
        if (end - p >= 2 && (p[1] & 0xC0) == 0x80)
            return 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        if (end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            unsigned cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF))
                return 3;
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        if (end - p >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
            (p[3] & 0xC0) == 0x80) {
            unsigned cp = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) |
                          (p[3] & 0x3F);
            if (cp >= 0x10000 && cp <= 0x10FFFF)
                return 4;
        }
    }
    return 0;
}

/* Whether [p, q) holds only printable ASCII other than '&' (eight bytes at a time): the
 * common case, which needs no further check. */
static int plain_ascii(const char *p, const char *q) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    for (; q - p >= 8; p += 8) {
        uint64_t w, amp;
        memcpy(&w, p, 8);
        amp = w ^ (ones * '&');
        if ((w & highs) | ((w - ones * 0x20) & ~w & highs) | ((amp - ones) & ~amp & highs))
            return 0;
    }
    for (; p < q; p++)
        if (CLASS[(unsigned char)*p] != C_PLAIN || *p < 0x20)
            return 0;
    return 1;
}

/* Quoted text from *pp (just after the opening quote) up to the closing quote, checked:
 * UTF-8, no character XML forbids, only XML's entities (a row holds no '<'). Leaves *pp
 * after the closing quote. */
static int quoted(Scanner *sc, const char **pp, const char *end, Span *out) {
    const char *start = *pp;
    const char *q = memchr(start, '"', (size_t)(end - start));
    if (!q)
        FAIL("quoted text not closed");
    if (!plain_ascii(start, q)) {
        for (const char *p = start; p < q;) {
            switch (CLASS[(unsigned char)*p]) {
            case C_PLAIN:
                p++;
                break;
            case C_AMP: {
                size_t len = entity_length(p, q);
                if (!len)
                    FAIL("entity");
                p += len;
                break;
            }
            case C_HIGH: {
                size_t len = utf8_length((const unsigned char *)p, (const unsigned char *)q);
                if (!len)
                    FAIL("not UTF-8");
                p += len;
                break;
            }
            default:
                FAIL("a character XML does not allow");
            }
        }
    }
    out->p = start;
    out->n = (size_t)(q - start);
    *pp = q + 1;
    return 0;
}

static inline int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static const char *skip_space(const char *p, const char *end) {
    while (p < end && is_space(*p))
        p++;
    return p;
}

static int starts(const char *p, const char *end, const char *lit, size_t n) {
    return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

#define STARTS(lit) starts(p, end, lit, sizeof(lit) - 1)

/* The value type named at p ("string key=..."), or T_NONE; *len: its name's length. */
static int type_at(const char *p, const char *end, size_t *len) {
    int t;
    if (p >= end)
        return T_NONE;
    switch (*p) {
    case 's': t = T_STRING; break;
    case 'd': t = T_DATE; break;
    case 'i': t = end - p > 1 && p[1] == 'd' ? T_ID : T_INT; break;
    case 'f': t = T_FLOAT; break;
    case 'b': t = T_BOOLEAN; break;
    case 'l': t = T_LIST; break;
    case 'c': t = T_CONTAINER; break;
    default: return T_NONE;
    }
    size_t n = strlen(TYPE_NAMES[t]);
    if ((size_t)(end - p) > n && memcmp(p, TYPE_NAMES[t], n) == 0) {
        *len = n;
        return t;
    }
    return T_NONE;
}

static Key *find_key(Scope *s, const Span *key) {
    for (Py_ssize_t i = 0; i < s->n; i++) {
        Key *k = &s->keys[i];
        if (k->name_len == (Py_ssize_t)key->n && same_bytes(k->name, key->p, key->n))
            return k;
    }
    if (s->fixed)
        return NULL;
    return scope_add(s, key->p, (Py_ssize_t)key->n);
}

static int keep_value(Run *run, int scope, Py_ssize_t owner, int type, Span *key, Span *value) {
    Scanner *sc = run->sc;
    Scope *s = &sc->scopes[scope];
    Key *k = find_key(s, key);
    if (!k) {
        if (s->fixed)
            return 0;
        sc->oom = 1;
        FAIL("out of memory");
    }
    if (k->first_seen < 0)
        k->first_seen = s->seen++;
    k->types |= 1u << type;
    if (type == T_DATE) {
        int64_t instant;
        if (!parse_date(value->p, value->n, &instant)) {
            k->date_failed = 1;
            return 0;
        }
        if (set_date(k, owner, instant) < 0) {
            sc->oom = 1;
            FAIL("out of memory");
        }
        return 0;
    }
    int32_t code = intern(k, value->p, value->n);
    if (code < 0 || set_code(k, owner, code) < 0) {
        sc->oom = 1;
        FAIL("out of memory");
    }
    return 0;
}

static int end_of_row(Scanner *sc, const char *p, const char *end) {
    if (skip_space(p, end) != end)
        FAIL("text after a tag");
    return 0;
}

static int attribute_row(Run *run, const char *p, const char *end, int type) {
    Scanner *sc = run->sc;
    Span key, value = {NULL, 0};
    if (!STARTS("key=\""))
        FAIL("attribute");
    p += 5;
    if (quoted(sc, &p, end, &key) < 0)
        return -1;
    if (key.n == 0)
        FAIL("empty key");
    int container = type == T_LIST || type == T_CONTAINER;
    if (!container) {
        if (!STARTS(" value=\""))
            FAIL("value");
        p += 8;
        if (quoted(sc, &p, end, &value) < 0)
            return -1;
    }
    p = skip_space(p, end);
    int opens;
    if (STARTS("/>")) {
        opens = 0;
        p += 2;
    } else if (STARTS(">")) {
        opens = 1;
        p += 1;
    } else {
        FAIL("attribute closing");
    }
    if (end_of_row(sc, p, end) < 0)
        return -1;
    if (!container && sc->level == 0) {
        if (sc->in_event) {
            if (keep_value(run, 0, sc->events - 1, type, &key, &value) < 0)
                return -1;
        } else if (sc->in_trace) {
            if (keep_value(run, 1, sc->traces - 1, type, &key, &value) < 0)
                return -1;
        } else if (sc->in_global) {
            if (grow((void **)&run->globals, &run->cap_globals, run->n_globals + 1,
                     sizeof(GlobalRow)) < 0) {
                sc->oom = 1;
                FAIL("out of memory");
            }
            /* Copied: a row may lie in the carry, which the next row overwrites. */
            char *copy = malloc(key.n + value.n + 1);
            if (!copy) {
                sc->oom = 1;
                FAIL("out of memory");
            }
            memcpy(copy, key.p, key.n);
            if (value.n)
                memcpy(copy + key.n, value.p, value.n);
            GlobalRow *g = &run->globals[run->n_globals++];
            g->scope_trace = sc->global_scope_trace;
            g->type = type;
            g->key.p = copy;
            g->key.n = key.n;
            g->value.p = copy + key.n;
            g->value.n = value.n;
        }
    }
    if (opens) {
        if (sc->level >= MAX_STACK)
            FAIL("nested too deep");
        sc->stack[sc->level++] = (unsigned char)type;
    }
    return 0;
}

static int header_row(Scanner *sc, const char *p, const char *end) {
    /* name="..." [name="..." [name="..."]] /> : the Polars reader's check of a header. */
    const char *name = p;
    while (p < end && *p != '"' && *p != '&' && CLASS[(unsigned char)*p] == C_PLAIN)
        p++;
    if (p >= end || *p != '"' || p == name || p[-1] != '=')
        FAIL("header");
    for (int values = 0;; values++) {
        Span ignored;
        if (values == 3)
            FAIL("header");
        p++;
        if (quoted(sc, &p, end, &ignored) < 0)
            return -1;
        const char *between = p;
        while (p < end && *p != '"' && CLASS[(unsigned char)*p] == C_PLAIN && *p != '&')
            p++;
        if (p >= end) {
            const char *q = skip_space(between, end);
            if (!starts(q, end, "/>", 2) || skip_space(q + 2, end) != end)
                FAIL("header");
            return 0;
        }
        if (*p != '"')
            FAIL("header");
    }
}

/* One row: the text after a '<' up to the next '<' (or the end of the document). */
static int row(Run *run, const char *p, const char *end) {
    Scanner *sc = run->sc;
    if (sc->ended)
        FAIL("after end");
    if (p >= end)
        FAIL("empty tag");
    size_t len;
    int type;
    if (*p == '/') {
        p++;
        if (STARTS("event>")) {
            if (sc->level || !sc->in_event)
                FAIL("/event");
            sc->in_event = 0;
            p += 6;
        } else if (STARTS("trace>")) {
            if (sc->level || sc->in_event || !sc->in_trace)
                FAIL("/trace");
            sc->in_trace = 0;
            p += 6;
        } else if (STARTS("global>")) {
            if (sc->level || !sc->in_global)
                FAIL("/global");
            sc->in_global = 0;
            p += 7;
        } else if (STARTS("values>")) {
            if (sc->level < 1)
                FAIL("values");
            p += 7;
        } else if (STARTS("log>")) {
            if (sc->level || sc->in_event || sc->in_trace || sc->in_global)
                FAIL("end");
            p += 4;
            if (end_of_row(sc, p, end) < 0)
                return -1;
            sc->ended = 1;
            return 0;
        } else if ((type = type_at(p, end, &len)) != T_NONE && p[len] == '>') {
            if (sc->level < 1 || sc->stack[sc->level - 1] != type)
                FAIL("nested attribute closed by another type");
            sc->level--;
            p += len + 1;
        } else {
            FAIL("unknown end tag");
        }
        return end_of_row(sc, p, end);
    }
    if ((type = type_at(p, end, &len)) != T_NONE && p[len] == ' ')
        return attribute_row(run, p + len + 1, end, type);
    if (STARTS("event>")) {
        if (!sc->in_trace || sc->in_event || sc->in_global || sc->level)
            FAIL("event");
        if (grow((void **)&sc->trace_of_event, &sc->toe_cap, (size_t)sc->events + 1,
                 sizeof(int32_t)) < 0) {
            sc->oom = 1;
            FAIL("out of memory");
        }
        sc->trace_of_event[sc->events++] = (int32_t)(sc->traces - 1);
        sc->in_event = 1;
        p += 6;
    } else if (STARTS("trace>")) {
        if (sc->in_trace || sc->in_event || sc->in_global || sc->level)
            FAIL("trace");
        if (sc->traces >= INT32_MAX)
            FAIL("too many traces");
        sc->traces++;
        sc->in_trace = 1;
        p += 6;
    } else if (STARTS("global>") || STARTS("global scope=\"")) {
        if (sc->in_global || sc->in_trace || sc->level)
            FAIL("global");
        sc->global_scope_trace = 0;
        if (p[6] == ' ') {
            Span scope;
            p += 14;
            if (quoted(sc, &p, end, &scope) < 0)
                return -1;
            if (scope.n == 5 && !memcmp(scope.p, "trace", 5))
                sc->global_scope_trace = 1;
            else if (!(scope.n == 5 && !memcmp(scope.p, "event", 5)))
                FAIL("global");
            p = skip_space(p, end);
            if (!STARTS(">"))
                FAIL("global");
            p += 1;
        } else {
            p += 7;
        }
        sc->in_global = 1;
    } else if (STARTS("values>") || STARTS("values/>")) {
        if (sc->level < 1)
            FAIL("values");
        p += p[6] == '>' ? 7 : 8;
    } else if (STARTS("extension ") || STARTS("classifier ")) {
        if (sc->level || sc->in_event || sc->in_trace || sc->in_global)
            FAIL("header");
        return header_row(sc, p + (*p == 'e' ? 10 : 11), end);
    } else {
        FAIL("unknown tag");
    }
    return end_of_row(sc, p, end);
}

/* The rows of data[0:n], which ends just before a '<' (or the document's end when last). */
static int rows(Run *run, const char *data, size_t n) {
    const char *p = data, *end = data + n;
    for (;;) {
        const char *next = memchr(p, '<', (size_t)(end - p));
        if (row(run, p, next ? next : end) < 0)
            return -1;
        if (!next)
            return 0;
        p = next + 1;
    }
}

static void free_globals(Run *run) {
    for (size_t i = 0; i < run->n_globals; i++)
        free((void *)run->globals[i].key.p);
    free(run->globals);
}

static int add_globals(Scanner *sc, Run *run) {
    for (size_t i = 0; i < run->n_globals; i++) {
        GlobalRow *g = &run->globals[i];
        PyObject *t = Py_BuildValue("(ssy#y#)", g->scope_trace ? "trace" : "event",
                                    TYPE_NAMES[g->type], g->key.p, (Py_ssize_t)g->key.n,
                                    g->value.p, (Py_ssize_t)g->value.n);
        if (!t || PyList_Append(sc->globals, t) < 0) {
            Py_XDECREF(t);
            return -1;
        }
        Py_DECREF(t);
    }
    return 0;
}

static int raise_scan_error(Scanner *sc) {
    if (sc->oom)
        PyErr_NoMemory();
    else
        PyErr_SetString(ShapeError, sc->error);
    sc->ended = 1;
    sc->error = "scanner used after an error";
    return -1;
}

/* Rows spanning two chunks: the tail after the last '<' is kept until the next chunk. */
static int feed_bytes(Scanner *sc, Run *run, const char *data, size_t n) {
    const char *last = NULL;
    for (const char *q = data + n; q > data;) {
        q--;
        if (*q == '<') {
            last = q;
            break;
        }
    }
    if (!last) {
        if (grow((void **)&sc->carry, &sc->carry_cap, sc->carry_len + n, 1) < 0) {
            sc->oom = 1;
            return -1;
        }
        memcpy(sc->carry + sc->carry_len, data, n);
        sc->carry_len += n;
        return 0;
    }
    const char *first = memchr(data, '<', n);
    const char *body = data;
    if (sc->carry_len) {
        size_t head = (size_t)(first - data);
        if (grow((void **)&sc->carry, &sc->carry_cap, sc->carry_len + head, 1) < 0) {
            sc->oom = 1;
            return -1;
        }
        memcpy(sc->carry + sc->carry_len, data, head);
        if (row(run, sc->carry, sc->carry + sc->carry_len + head) < 0)
            return -1;
        sc->carry_len = 0;
        body = first + 1;
    }
    if (body <= last && rows(run, body, (size_t)(last - body)) < 0)
        return -1;
    size_t tail = (size_t)(data + n - last - 1);
    if (grow((void **)&sc->carry, &sc->carry_cap, tail, 1) < 0) {
        sc->oom = 1;
        return -1;
    }
    memcpy(sc->carry, last + 1, tail);
    sc->carry_len = tail;
    return 0;
}

static PyObject *Scanner_feed(Scanner *sc, PyObject *args) {
    Py_buffer view;
    Py_ssize_t start = 0, stop = -1;
    if (!PyArg_ParseTuple(args, "y*|nn", &view, &start, &stop))
        return NULL;
    if (stop < 0 || stop > view.len)
        stop = view.len;
    if (sc->busy) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_RuntimeError, "scanner in use");
        return NULL;
    }
    if (start < 0 || start > stop) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "start");
        return NULL;
    }
    if (sc->error && sc->ended) {
        PyBuffer_Release(&view);
        PyErr_SetString(ShapeError, sc->error);
        return NULL;
    }
    Run run = {sc, NULL, 0, 0};
    int rc;
    sc->busy = 1;
    Py_BEGIN_ALLOW_THREADS;
    rc = feed_bytes(sc, &run, (const char *)view.buf + start, (size_t)(stop - start));
    Py_END_ALLOW_THREADS;
    sc->busy = 0;
    if (rc == 0 && add_globals(sc, &run) < 0)
        rc = -2;
    free_globals(&run);
    PyBuffer_Release(&view);
    if (rc == -1) {
        raise_scan_error(sc);
        return NULL;
    }
    if (rc == -2)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *bytes_of(const void *p, size_t n) {
    return PyBytes_FromStringAndSize(n ? (const char *)p : "", (Py_ssize_t)n);
}

/* (raw key, types, codes, uniques, dates, date_failed) per seen key, in order of first
 * appearance. Codes and dates are padded to ``count`` owners (-1 / NULL_DATE: absent). */
static PyObject *scope_result(Scope *s, Py_ssize_t count) {
    PyObject *list = PyList_New(0);
    if (!list)
        return NULL;
    for (long order = 0; order < s->seen; order++) {
        Key *k = NULL;
        for (Py_ssize_t i = 0; i < s->n; i++)
            if (s->keys[i].first_seen == order)
                k = &s->keys[i];
        if (!k)
            continue;
        if ((k->n_unique && set_code(k, count - 1, k->codes_len >= count ? k->codes[count - 1] : -1) < 0) ||
            (k->dates_len && set_date(k, count - 1, k->dates_len >= count ? k->dates[count - 1] : NULL_DATE) < 0)) {
            Py_DECREF(list);
            return PyErr_NoMemory();
        }
        PyObject *uniques = PyList_New(k->n_unique);
        if (!uniques) {
            Py_DECREF(list);
            return NULL;
        }
        for (Py_ssize_t c = 0; c < k->n_unique; c++) {
            PyObject *u = PyUnicode_DecodeUTF8(k->arena + k->offsets[c],
                                               (Py_ssize_t)(k->offsets[c + 1] - k->offsets[c]),
                                               "strict");
            if (!u) {
                Py_DECREF(uniques);
                Py_DECREF(list);
                return NULL;
            }
            PyList_SET_ITEM(uniques, c, u);
        }
        PyObject *item = Py_BuildValue(
            "(y#INNNi)", k->name, k->name_len, k->types,
            k->n_unique ? bytes_of(k->codes, (size_t)count * sizeof(int32_t)) : Py_NewRef(Py_None),
            uniques,
            k->dates_len ? bytes_of(k->dates, (size_t)count * sizeof(int64_t)) : Py_NewRef(Py_None),
            k->date_failed);
        if (!item || PyList_Append(list, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(item);
    }
    return list;
}

static PyObject *Scanner_finish(Scanner *sc, PyObject *Py_UNUSED(ignored)) {
    if (sc->busy) {
        PyErr_SetString(PyExc_RuntimeError, "scanner in use");
        return NULL;
    }
    if (sc->error && sc->ended) {
        PyErr_SetString(ShapeError, sc->error);
        return NULL;
    }
    Run run = {sc, NULL, 0, 0};
    int rc = row(&run, sc->carry, sc->carry + sc->carry_len);
    free_globals(&run); /* the last row closes the document: no global here */
    if (rc < 0) {
        raise_scan_error(sc);
        return NULL;
    }
    if (!sc->ended) {
        PyErr_SetString(ShapeError, "no </log>");
        return NULL;
    }
    if (sc->events == 0) {
        PyErr_SetString(ShapeError, "no events");
        return NULL;
    }
    PyObject *events = scope_result(&sc->scopes[0], sc->events);
    PyObject *traces = events ? scope_result(&sc->scopes[1], sc->traces) : NULL;
    if (!traces) {
        Py_XDECREF(events);
        return NULL;
    }
    return Py_BuildValue("{s:n,s:n,s:N,s:N,s:N,s:O}", "events", sc->events, "traces",
                         sc->traces, "trace_of_event",
                         bytes_of(sc->trace_of_event, (size_t)sc->events * sizeof(int32_t)),
                         "event_keys", events, "trace_keys", traces, "globals", sc->globals);
}

static int scope_init(Scope *s, PyObject *keys) {
    memset(s, 0, sizeof(Scope));
    if (keys == Py_None)
        return 0;
    s->fixed = 1;
    PyObject *seq = PySequence_Fast(keys, "keys must be a sequence of bytes");
    if (!seq)
        return -1;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        if (!PyBytes_Check(item)) {
            Py_DECREF(seq);
            PyErr_SetString(PyExc_TypeError, "keys must be bytes");
            return -1;
        }
        if (!scope_add(s, PyBytes_AS_STRING(item), PyBytes_GET_SIZE(item))) {
            Py_DECREF(seq);
            PyErr_NoMemory();
            return -1;
        }
    }
    Py_DECREF(seq);
    return 0;
}

static int Scanner_init(Scanner *sc, PyObject *args, PyObject *kwds) {
    static char *names[] = {"event_keys", "trace_keys", NULL};
    PyObject *event_keys = Py_None, *trace_keys = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO", names, &event_keys, &trace_keys))
        return -1;
    if (sc->globals) {
        PyErr_SetString(PyExc_RuntimeError, "scanner already initialised");
        return -1;
    }
    sc->globals = PyList_New(0);
    if (!sc->globals)
        return -1;
    if (scope_init(&sc->scopes[0], event_keys) < 0 || scope_init(&sc->scopes[1], trace_keys) < 0)
        return -1;
    return 0;
}

static void Scanner_dealloc(Scanner *sc) {
    for (int s = 0; s < 2; s++) {
        for (Py_ssize_t i = 0; i < sc->scopes[s].n; i++)
            key_free(&sc->scopes[s].keys[i]);
        free(sc->scopes[s].keys);
    }
    free(sc->trace_of_event);
    free(sc->carry);
    Py_XDECREF(sc->globals);
    Py_TYPE(sc)->tp_free((PyObject *)sc);
}

static PyObject *py_parse_date(PyObject *Py_UNUSED(module), PyObject *arg) {
    Py_ssize_t n;
    const char *p = PyUnicode_AsUTF8AndSize(arg, &n);
    if (!p)
        return NULL;
    int64_t out;
    if (!parse_date(p, (size_t)n, &out))
        Py_RETURN_NONE;
    return PyLong_FromLongLong(out);
}

static PyMethodDef Scanner_methods[] = {
    {"feed", (PyCFunction)Scanner_feed, METH_VARARGS,
     "feed(data, start=0, stop=-1): scan data[start:stop] (stop -1: the end), the next part "
     "of the document's body after the root's start tag (the first call starts just after "
     "the '<' that follows it)."},
    {"finish", (PyCFunction)Scanner_finish, METH_NOARGS,
     "finish() -> dict: the last row checked, the values of the wanted keys."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "procesbank.mining.engine._xesscan.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Scanner_init,
    .tp_dealloc = (destructor)Scanner_dealloc,
    .tp_methods = Scanner_methods,
    .tp_doc = "Scanner(event_keys=None, trace_keys=None): raw keys as bytes; None: all keys.",
};

static PyMethodDef module_methods[] = {
    {"parse_date", py_parse_date, METH_O,
     "Microseconds since the epoch (UTC) of an ISO 8601 date-time in the common XES form, "
     "or None."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, .m_name = "_xesscan",
    .m_doc = "Native scanner for the plain XES shape.", .m_size = -1,
    .m_methods = module_methods};

PyMODINIT_FUNC PyInit__xesscan(void) {
    init_classes();
    if (PyType_Ready(&ScannerType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&moduledef);
    if (!m)
        return NULL;
    ShapeError = PyErr_NewException("_xesscan.ShapeError", PyExc_ValueError, NULL);
    if (!ShapeError || PyModule_AddObject(m, "ShapeError", ShapeError) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&ScannerType);
    if (PyModule_AddObject(m, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(ShapeError);
    return m;
}
