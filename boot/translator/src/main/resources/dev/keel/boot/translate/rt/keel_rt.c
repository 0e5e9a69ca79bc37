/*
 * The runtime shared by hosted and freestanding builds: builtin class descriptors, type tests,
 * allocation, panics and number formatting. Platform parts (console bytes, halting, the default
 * heap) are in keel_rt_hosted.c and keel_rt_free.c.
 */
#include "keel_rt.h"

void keel_platform_halt(int code) __attribute__((noreturn));
void keel_platform_default_heap(void);

const keel_class keel_Object_class = { "java.lang.Object", 0, 0, 0, 0, 0, sizeof(kobj), 0, 0 };
const keel_class keel_String_class = { "java.lang.String", &keel_Object_class, 0, 0, 0, 0, sizeof(keel_string), 0, 0 };
#define KEEL_THROWABLE(n, s) \
    const keel_class keel_##n##_class = { "java.lang." #n, s, 0, 0, 0, 0, sizeof(keel_throwable), 0, 0 };
KEEL_THROWABLE(Throwable, &keel_Object_class)
KEEL_THROWABLE(Exception, &keel_Throwable_class)
KEEL_THROWABLE(Error, &keel_Throwable_class)
KEEL_THROWABLE(RuntimeException, &keel_Exception_class)
KEEL_THROWABLE(AssertionError, &keel_Error_class)
KEEL_THROWABLE(IllegalStateException, &keel_RuntimeException_class)
KEEL_THROWABLE(IllegalArgumentException, &keel_RuntimeException_class)
KEEL_THROWABLE(UnsupportedOperationException, &keel_RuntimeException_class)
KEEL_THROWABLE(IndexOutOfBoundsException, &keel_RuntimeException_class)

/* Arrays of each primitive type. */
#define KEEL_PRIMITIVE_ARRAY(code, java, T) \
    const keel_class keel_array_class_A##code = { java "[]", &keel_Object_class, KEEL_CLASS_ARRAY, 0, 0, 0, 0, 0, sizeof(T) };
KEEL_PRIMITIVE_ARRAY(Z, "boolean", jboolean)
KEEL_PRIMITIVE_ARRAY(B, "byte", jbyte)
KEEL_PRIMITIVE_ARRAY(C, "char", jchar)
KEEL_PRIMITIVE_ARRAY(S, "short", jshort)
KEEL_PRIMITIVE_ARRAY(I, "int", jint)
KEEL_PRIMITIVE_ARRAY(J, "long", jlong)

/* ---- type tests ---- */

int keel_is_assignable(const keel_class *from, const keel_class *to) {
    if (from == to || to == &keel_Object_class) {
        return 1;
    }
    if (to->flags & KEEL_CLASS_INTERFACE) {
        for (uint32_t i = 0; i < from->ninterfaces; i++) {
            if (from->interfaces[i] == to) {
                return 1;
            }
        }
        return 0;
    }
    if (to->flags & KEEL_CLASS_ARRAY) {
        /* Primitive arrays match only themselves; reference arrays are covariant. */
        if (!(from->flags & KEEL_CLASS_ARRAY) || from->elem == 0 || to->elem == 0) {
            return 0;
        }
        return keel_is_assignable(from->elem, to->elem);
    }
    for (const keel_class *c = from->super; c != 0; c = c->super) {
        if (c == to) {
            return 1;
        }
    }
    return 0;
}

void keel_abstract_method(void) {
    keel_panic(KEEL_ABSTRACT_METHOD, "(dispatch)", 0);
}

/* ---- allocation: a bump region, and per-class pools ---- */

typedef struct keel_region {
    char *next;
    char *end;
} keel_region;

static keel_region heap;
static size_t heap_used;

#define KEEL_MAX_POOLS 32
static struct {
    const keel_class *cls;
    char *base;
    keel_region region;
} pools[KEEL_MAX_POOLS];
static int npools;

void keel_heap_init(void *base, size_t size) {
    heap.next = (char *)base;
    heap.end = (char *)base + size;
    heap_used = 0;
}

void keel_pool_init(const keel_class *c, void *base, size_t size) {
    if (npools == KEEL_MAX_POOLS) {
        keel_panic(KEEL_OUT_OF_MEMORY, "keel_pool_init: too many pools", 0);
    }
    pools[npools].cls = c;
    pools[npools].base = (char *)base;
    pools[npools].region.next = (char *)base;
    pools[npools].region.end = (char *)base + size;
    npools++;
}

size_t keel_heap_used(void) {
    return heap_used;
}

size_t keel_pool_used(const keel_class *c) {
    for (int i = 0; i < npools; i++) {
        if (pools[i].cls == c) {
            return (size_t)(pools[i].region.next - pools[i].base);
        }
    }
    return 0;
}

static void *region_alloc(keel_region *r, size_t size, const char *w, int l) {
    size = (size + 15) & ~(size_t)15;
    if (r->next == 0) {
        keel_platform_default_heap();
    }
    if ((size_t)(r->end - r->next) < size) {
        keel_panic(KEEL_OUT_OF_MEMORY, w, l);
    }
    char *p = r->next;
    r->next += size;
    for (size_t i = 0; i < size; i += 8) {
        *(uint64_t *)(void *)(p + i) = 0;
    }
    return p;
}

static keel_region *region_for(const keel_class *c) {
    for (int i = 0; i < npools; i++) {
        if (pools[i].cls == c) {
            return &pools[i].region;
        }
    }
    return &heap;
}

kobj *keel_new(const keel_class *c, const char *w, int l) {
    keel_region *r = region_for(c);
    kobj *o = (kobj *)region_alloc(r, c->size, w, l);
    if (r == &heap) {
        heap_used += c->size;
    }
    o->cls = c;
    return o;
}

kobj *keel_new_array(const keel_class *c, jint length, const char *w, int l) {
    if (length < 0) {
        keel_panic(KEEL_NEGATIVE_SIZE, w, l);
    }
    size_t size = sizeof(keel_array) + (size_t)length * c->elem_size;
    keel_array *a = (keel_array *)region_alloc(&heap, size, w, l);
    heap_used += size;
    a->header.cls = c;
    a->length = length;
    return &a->header;
}

static kobj *new_multi(const keel_class *c, const jint *dims, int ndims, const char *w, int l) {
    kobj *a = keel_new_array(c, dims[0], w, l);
    if (ndims > 1) {
        for (jint i = 0; i < dims[0]; i++) {
            KEEL_ELEMS(a, kobj *)[i] = new_multi(c->elem, dims + 1, ndims - 1, w, l);
        }
    }
    return a;
}

kobj *keel_new_multi(const keel_class *c, const jint *dims, int ndims, const char *w, int l) {
    for (int i = 0; i < ndims; i++) {
        if (dims[i] < 0) {
            keel_panic(KEEL_NEGATIVE_SIZE, w, l);
        }
    }
    return new_multi(c, dims, ndims, w, l);
}

/* ---- System.arraycopy ---- */

void keel_arraycopy(kobj *src, jint sp, kobj *dst, jint dp, jint n, const char *w, int l) {
    KEEL_NULL(src, w, l);
    KEEL_NULL(dst, w, l);
    const keel_class *sc = src->cls;
    const keel_class *dc = dst->cls;
    if (!(sc->flags & KEEL_CLASS_ARRAY) || !(dc->flags & KEEL_CLASS_ARRAY)
            || (sc->elem == 0) != (dc->elem == 0) || (sc->elem == 0 && sc != dc)) {
        keel_panic(KEEL_ARRAY_STORE, w, l);
    }
    if (sp < 0 || dp < 0 || n < 0 || (int64_t)sp + n > KEEL_LEN(src) || (int64_t)dp + n > KEEL_LEN(dst)) {
        keel_panic(KEEL_AIOOBE, w, l);
    }
    size_t es = sc->elem_size;
    char *s = (char *)src + sizeof(keel_array) + (size_t)sp * es;
    char *d = (char *)dst + sizeof(keel_array) + (size_t)dp * es;
    if (sc->elem != 0 && !keel_is_assignable(sc, dc)) {
        for (jint i = 0; i < n; i++) {
            kobj *v = ((kobj **)(void *)s)[i];
            keel_store_check(dst, v, w, l);
            ((kobj **)(void *)d)[i] = v;
        }
        return;
    }
    size_t bytes = (size_t)n * es;
    if (d < s) {
        for (size_t i = 0; i < bytes; i++) d[i] = s[i];
    } else {
        for (size_t i = bytes; i > 0; i--) d[i - 1] = s[i - 1];
    }
}

kobj *keel_array_clone(kobj *a, const char *w, int l) {
    KEEL_NULL(a, w, l);
    kobj *c = keel_new_array(a->cls, KEEL_LEN(a), w, l);
    size_t bytes = (size_t)KEEL_LEN(a) * a->cls->elem_size;
    char *s = (char *)a + sizeof(keel_array);
    char *d = (char *)c + sizeof(keel_array);
    for (size_t i = 0; i < bytes; i++) d[i] = s[i];
    return c;
}

/* String.getBytes(charset): literals are ASCII, so every charset gives the same bytes. */
kobj *keel_string_bytes(kobj *s, kobj *charset, const char *w, int l) {
    (void)charset;
    KEEL_NULL(s, w, l);
    keel_string *str = (keel_string *)s;
    kobj *a = keel_new_array(&keel_array_class_AB, str->length, w, l);
    for (jint i = 0; i < str->length; i++) KEEL_ELEMS(a, jbyte)[i] = (jbyte)str->bytes[i];
    return a;
}

jint keel_string_equals(kobj *s, kobj *o, const char *w, int l) {
    KEEL_NULL(s, w, l);
    return o != 0 && o->cls == &keel_String_class && keel_objects_equal(s, o);
}

jint keel_string_starts_with(kobj *s, kobj *prefix, const char *w, int l) {
    KEEL_NULL(s, w, l);
    KEEL_NULL(prefix, w, l);
    keel_string *x = (keel_string *)s;
    keel_string *p = (keel_string *)prefix;
    if (p->length > x->length) return 0;
    for (jint i = 0; i < p->length; i++) {
        if (x->bytes[i] != p->bytes[i]) return 0;
    }
    return 1;
}

/* JUnit's assertEquals(Object, Object) for programs where no class overrides equals. */
int keel_objects_equal(kobj *a, kobj *b) {
    if (a == b) return 1;
    if (a == 0 || b == 0 || a->cls != &keel_String_class || b->cls != &keel_String_class) return 0;
    keel_string *x = (keel_string *)a;
    keel_string *y = (keel_string *)b;
    if (x->length != y->length) return 0;
    for (jint i = 0; i < x->length; i++) {
        if (x->bytes[i] != y->bytes[i]) return 0;
    }
    return 1;
}

int keel_byte_arrays_equal(kobj *a, kobj *b) {
    if (a == b) return 1;
    if (a == 0 || b == 0 || KEEL_LEN(a) != KEEL_LEN(b)) return 0;
    for (jint i = 0; i < KEEL_LEN(a); i++) {
        if (KEEL_ELEMS(a, jbyte)[i] != KEEL_ELEMS(b, jbyte)[i]) return 0;
    }
    return 1;
}

/* ---- string concatenation (test code only) ---- */

#define KEEL_CONCAT_MAX 4096
static char concat_buf[KEEL_CONCAT_MAX];
static jint concat_len;

void keel_concat_begin(void) {
    concat_len = 0;
}

void keel_concat_bytes(const char *b, jint n) {
    for (jint i = 0; i < n; i++) {
        if (concat_len == KEEL_CONCAT_MAX) {
            keel_panic(KEEL_OUT_OF_MEMORY, "string concatenation longer than 4096", 0);
        }
        concat_buf[concat_len++] = b[i];
    }
}

/* A long in decimal: at most 19 digits and a sign. */
#define KEEL_LONG_DIGITS 24

/* Writes v in decimal at the end of buf; returns the index of its first character. */
static int format_long(jlong v, char buf[KEEL_LONG_DIGITS]) {
    int i = KEEL_LONG_DIGITS;
    uint64_t u = v < 0 ? UINT64_C(0) - (uint64_t)v : (uint64_t)v;
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0) {
        buf[--i] = '-';
    }
    return i;
}

void keel_concat_long(jlong v) {
    char buf[KEEL_LONG_DIGITS];
    int i = format_long(v, buf);
    keel_concat_bytes(buf + i, (jint)(KEEL_LONG_DIGITS - i));
}

void keel_concat_char(jint c) {
    char b = (char)(uint8_t)c;
    keel_concat_bytes(&b, 1);
}

void keel_concat_bool(jint v) {
    keel_concat_bytes(v ? "true" : "false", v ? 4 : 5);
}

void keel_concat_string(kobj *s) {
    if (s == 0) {
        keel_concat_bytes("null", 4);
    } else {
        keel_concat_bytes(((keel_string *)s)->bytes, ((keel_string *)s)->length);
    }
}

kobj *keel_concat_end(const char *w, int l) {
    kobj *bytes = keel_new_array(&keel_array_class_AB, concat_len, w, l);
    for (jint i = 0; i < concat_len; i++) KEEL_ELEMS(bytes, char)[i] = concat_buf[i];
    keel_string *s = (keel_string *)keel_new(&keel_String_class, w, l);
    s->length = concat_len;
    s->bytes = KEEL_ELEMS(bytes, char);
    return &s->header;
}

/* A String of the first n bytes of a byte array (the test StringBuilder's toString). */
kobj *keel_string_make(kobj *bytes, jint n, const char *w, int l) {
    KEEL_NULL(bytes, w, l);
    keel_concat_begin();
    keel_concat_bytes(KEEL_ELEMS(bytes, char), n);
    return keel_concat_end(w, l);
}

/* ---- console ---- */

static void write_str(const char *s) {
    size_t n = 0;
    while (s[n] != 0) {
        n++;
    }
    keel_console_write(s, n);
}

void keel_console_string(kobj *s, const char *w, int l) {
    if (s == 0) {
        (void)w;
        (void)l;
        write_str("null");
        return;
    }
    keel_console_write(((keel_string *)s)->bytes, (size_t)((keel_string *)s)->length);
}

void keel_console_long(jlong v) {
    char buf[KEEL_LONG_DIGITS];
    int i = format_long(v, buf);
    keel_console_write(buf + i, (size_t)(KEEL_LONG_DIGITS - i));
}

void keel_console_int(jint v) {
    keel_console_long(v);
}

void keel_console_bool(jint v) {
    write_str(v ? "true" : "false");
}

void keel_console_char(jint c) {
    char b = (char)(uint8_t)c;
    keel_console_write(&b, 1);
}

void keel_console_newline(void) {
    keel_console_write("\n", 1);
}

/* ---- panics ---- */

static const char *const panic_names[] = {
    "NullPointerException", "ArrayIndexOutOfBoundsException", "ArithmeticException",
    "NegativeArraySizeException", "ClassCastException", "ArrayStoreException",
    "StringIndexOutOfBoundsException", "AbstractMethodError", "OutOfMemoryError",
    "UnsupportedOperationException", "AssertionFailedError",
};

__attribute__((noreturn)) static void panic_tail(const char *where, int line) {
    write_str(" at ");
    write_str(where);
    write_str(" line ");
    keel_console_int(line);
    keel_console_newline();
    keel_platform_halt(70);
}

void keel_panic(enum keel_panic_kind kind, const char *where, int line) {
    write_str("PANIC ");
    write_str(panic_names[kind]);
    panic_tail(where, line);
}

void keel_throw(kobj *t, const char *where, int line) {
    KEEL_NULL(t, where, line);
    const char *name = t->cls->name;
    const char *simple = name;
    for (const char *p = name; *p != 0; p++) {
        if (*p == '.') {
            simple = p + 1;
        }
    }
    write_str("PANIC ");
    write_str(simple);
    kobj *msg = t->cls->size == sizeof(keel_throwable) ? ((keel_throwable *)t)->message : 0;
    if (msg != 0 && msg->cls == &keel_String_class) {
        write_str(": ");
        keel_console_string(msg, where, line);
    }
    panic_tail(where, line);
}
