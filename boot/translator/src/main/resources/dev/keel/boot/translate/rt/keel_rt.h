/*
 * The runtime of translated kernel Java: object model, checks, allocation, console and the
 * hardware intrinsics. Compiled in two ways: hosted (KEEL_HOSTED defined; a Linux process used
 * by the differential tests) and freestanding (the kernel image; no libc).
 *
 * Object layout (see the translator's README): every object starts with a kobj header holding
 * its class descriptor. Arrays add a 32-bit length and start their elements 16 bytes in.
 */
#ifndef KEEL_RT_H
#define KEEL_RT_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t jint;
typedef int64_t jlong;
typedef int8_t jbyte;
typedef int16_t jshort;
typedef uint16_t jchar;
typedef uint8_t jboolean;

typedef void (*keel_fn)(void);
typedef struct keel_class keel_class;

/* The header of every object. */
typedef struct kobj {
    const keel_class *cls;
} kobj;

#define KEEL_CLASS_INTERFACE 1u
#define KEEL_CLASS_ARRAY 2u

/* A class descriptor: one per program class, builtin class and array type. */
struct keel_class {
    const char *name;                     /* Java name, e.g. "dev.keel.kernel.cap.Rights" */
    const keel_class *super;              /* null for Object and interfaces */
    uint32_t flags;                       /* KEEL_CLASS_* */
    const keel_class *const *interfaces;  /* every interface implemented, transitively */
    uint32_t ninterfaces;
    const keel_fn *dispatch;              /* virtual and interface methods, by selector */
    uint32_t size;                        /* instance size in bytes (0 for arrays) */
    const keel_class *elem;               /* arrays of references: the component class */
    uint32_t elem_size;                   /* arrays: bytes per element */
};

/* Arrays: header, length, padding, then the elements at offset 16. */
typedef struct keel_array {
    kobj header;
    jint length;
    jint pad;
} keel_array;

/* String literals: constant byte data (ASCII). */
typedef struct keel_string {
    kobj header;
    jint length;
    const char *bytes;
} keel_string;

/* The builtin throwables: a message, set by the (String) constructor. */
typedef struct keel_throwable {
    kobj header;
    kobj *message;
} keel_throwable;

extern const keel_class keel_Object_class;
extern const keel_class keel_String_class;
extern const keel_class keel_Throwable_class;
extern const keel_class keel_Exception_class;
extern const keel_class keel_RuntimeException_class;
extern const keel_class keel_Error_class;
extern const keel_class keel_AssertionError_class;
extern const keel_class keel_IllegalStateException_class;
extern const keel_class keel_IllegalArgumentException_class;
extern const keel_class keel_UnsupportedOperationException_class;
extern const keel_class keel_IndexOutOfBoundsException_class;
extern const keel_class keel_array_class_AZ;
extern const keel_class keel_array_class_AB;
extern const keel_class keel_array_class_AC;
extern const keel_class keel_array_class_AS;
extern const keel_class keel_array_class_AI;
extern const keel_class keel_array_class_AJ;

/* Panics: the Java exception a check would throw, named as the JVM names it. */
enum keel_panic_kind {
    KEEL_NPE,
    KEEL_AIOOBE,
    KEEL_ARITHMETIC,
    KEEL_NEGATIVE_SIZE,
    KEEL_CLASS_CAST,
    KEEL_ARRAY_STORE,
    KEEL_STRING_INDEX,
    KEEL_ABSTRACT_METHOD,
    KEEL_OUT_OF_MEMORY,
    KEEL_HOSTED_PRIVILEGED,
    KEEL_ASSERTION_FAILED,
};

__attribute__((noreturn, cold)) void keel_panic(enum keel_panic_kind kind, const char *where, int line);
__attribute__((noreturn, cold)) void keel_throw(kobj *t, const char *where, int line);
void keel_abstract_method(void);

/* Checks. */
#define KEEL_NULL(p, w, l) do { if (__builtin_expect((p) == 0, 0)) keel_panic(KEEL_NPE, w, l); } while (0)
#define KEEL_LEN(a) (((keel_array *)(a))->length)
#define KEEL_ELEMS(a, T) ((T *)((char *)(a) + sizeof(keel_array)))
#define KEEL_BOUNDS(a, i, w, l) do { \
        if (__builtin_expect((uint32_t)(i) >= (uint32_t)KEEL_LEN(a), 0)) keel_panic(KEEL_AIOOBE, w, l); \
    } while (0)
#define KEEL_DISPATCH(o, sel) ((o)->cls->dispatch[sel])
#define KEEL_INIT(c) do { if (__builtin_expect(c##__init_state == 0, 0)) c##__init(); } while (0)
#define KEEL_VAR __attribute__((unused))

/* Division as Java defines it: truncation, MIN_VALUE / -1 == MIN_VALUE, x % -1 == 0. */
static inline jint keel_idiv(jint a, jint b, const char *w, int l) {
    if (__builtin_expect(b == 0, 0)) keel_panic(KEEL_ARITHMETIC, w, l);
    if (b == -1) return (jint)(0u - (uint32_t)a);
    return a / b;
}
static inline jint keel_irem(jint a, jint b, const char *w, int l) {
    if (__builtin_expect(b == 0, 0)) keel_panic(KEEL_ARITHMETIC, w, l);
    if (b == -1) return 0;
    return a % b;
}
static inline jlong keel_ldiv(jlong a, jlong b, const char *w, int l) {
    if (__builtin_expect(b == 0, 0)) keel_panic(KEEL_ARITHMETIC, w, l);
    if (b == -1) return (jlong)(UINT64_C(0) - (uint64_t)a);
    return a / b;
}
static inline jlong keel_lrem(jlong a, jlong b, const char *w, int l) {
    if (__builtin_expect(b == 0, 0)) keel_panic(KEEL_ARITHMETIC, w, l);
    if (b == -1) return 0;
    return a % b;
}

/* Type tests. */
int keel_is_assignable(const keel_class *from, const keel_class *to);
static inline jint keel_instanceof(kobj *o, const keel_class *c) {
    return o != 0 && (o->cls == c || keel_is_assignable(o->cls, c));
}
static inline void keel_checkcast(kobj *o, const keel_class *c, const char *w, int l) {
    if (o != 0 && o->cls != c && !keel_is_assignable(o->cls, c)) keel_panic(KEEL_CLASS_CAST, w, l);
}
static inline void keel_store_check(kobj *a, kobj *v, const char *w, int l) {
    const keel_class *e = a->cls->elem;
    if (v != 0 && e != &keel_Object_class && v->cls != e && !keel_is_assignable(v->cls, e)) {
        keel_panic(KEEL_ARRAY_STORE, w, l);
    }
}

/* Allocation: zeroed memory from the current region (bump allocator or the class's pool). */
kobj *keel_new(const keel_class *c, const char *w, int l);
kobj *keel_new_array(const keel_class *c, jint length, const char *w, int l);
kobj *keel_new_multi(const keel_class *c, const jint *dims, int ndims, const char *w, int l);
void keel_heap_init(void *base, size_t size);
void keel_pool_init(const keel_class *c, void *base, size_t size);
size_t keel_heap_used(void);
size_t keel_pool_used(const keel_class *c);

/* Throwables. */
static inline void keel_throwable_init(kobj *t, kobj *message) {
    ((keel_throwable *)t)->message = message;
}

/* java.lang helpers. */
static inline jint keel_string_length(kobj *s, const char *w, int l) {
    KEEL_NULL(s, w, l);
    return ((keel_string *)s)->length;
}
static inline jint keel_string_charAt(kobj *s, jint i, const char *w, int l) {
    KEEL_NULL(s, w, l);
    if ((uint32_t)i >= (uint32_t)((keel_string *)s)->length) keel_panic(KEEL_STRING_INDEX, w, l);
    return (jint)(uint8_t)((keel_string *)s)->bytes[i];
}
static inline jint keel_min_i(jint a, jint b) { return a < b ? a : b; }
static inline jint keel_max_i(jint a, jint b) { return a > b ? a : b; }
static inline jint keel_abs_i(jint a) { return a < 0 ? (jint)(0u - (uint32_t)a) : a; }
static inline jlong keel_min_j(jlong a, jlong b) { return a < b ? a : b; }
static inline jlong keel_max_j(jlong a, jlong b) { return a > b ? a : b; }
static inline jlong keel_abs_j(jlong a) { return a < 0 ? (jlong)(UINT64_C(0) - (uint64_t)a) : a; }
/* Population count without __builtin_popcount, which calls libgcc when the CPU may lack POPCNT. */
static inline jint keel_bitcount_j(jlong a) {
    uint64_t x = (uint64_t)a;
    x = x - ((x >> 1) & UINT64_C(0x5555555555555555));
    x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
    x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
    return (jint)((x * UINT64_C(0x0101010101010101)) >> 56);
}
static inline jint keel_bitcount_i(jint a) { return keel_bitcount_j((jlong)(uint32_t)a); }
static inline jint keel_nlz_i(jint a) { return a == 0 ? 32 : __builtin_clz((uint32_t)a); }
static inline jint keel_ntz_i(jint a) { return a == 0 ? 32 : __builtin_ctz((uint32_t)a); }
static inline jint keel_nlz_j(jlong a) { return a == 0 ? 64 : __builtin_clzll((uint64_t)a); }
static inline jint keel_ntz_j(jlong a) { return a == 0 ? 64 : __builtin_ctzll((uint64_t)a); }
void keel_arraycopy(kobj *src, jint sp, kobj *dst, jint dp, jint n, const char *w, int l);
kobj *keel_array_clone(kobj *a, const char *w, int l);
kobj *keel_string_bytes(kobj *s, kobj *charset, const char *w, int l);
jint keel_string_equals(kobj *s, kobj *o, const char *w, int l);
jint keel_string_starts_with(kobj *s, kobj *prefix, const char *w, int l);
static inline jint keel_compare_i(jint a, jint b) { return (a > b) - (a < b); }
static inline jint keel_compare_j(jlong a, jlong b) { return (a > b) - (a < b); }
static inline jint keel_compare_unsigned_i(jint a, jint b) { return ((uint32_t)a > (uint32_t)b) - ((uint32_t)a < (uint32_t)b); }
static inline jint keel_compare_unsigned_j(jlong a, jlong b) { return ((uint64_t)a > (uint64_t)b) - ((uint64_t)a < (uint64_t)b); }
static inline jlong keel_to_unsigned_long(jint a) { return (jlong)(uint32_t)a; }
static inline jint keel_floor_div_i(jint a, jint b, const char *w, int l) {
    jint q = keel_idiv(a, b, w, l);
    if ((a ^ b) < 0 && (jint)((uint32_t)q * (uint32_t)b) != a) q--;
    return q;
}
static inline jint keel_floor_mod_i(jint a, jint b, const char *w, int l) {
    jint r = keel_irem(a, b, w, l);
    if ((r ^ b) < 0 && r != 0) r = (jint)((uint32_t)r + (uint32_t)b);
    return r;
}
static inline jlong keel_floor_div_j(jlong a, jlong b, const char *w, int l) {
    jlong q = keel_ldiv(a, b, w, l);
    if ((a ^ b) < 0 && (jlong)((uint64_t)q * (uint64_t)b) != a) q--;
    return q;
}
static inline jlong keel_floor_mod_j(jlong a, jlong b, const char *w, int l) {
    jlong r = keel_lrem(a, b, w, l);
    if ((r ^ b) < 0 && r != 0) r = (jlong)((uint64_t)r + (uint64_t)b);
    return r;
}

/* JUnit assertions in translated unit tests: a failure panics (messages are not kept). */
#define KEEL_CHECK(c) do { if (__builtin_expect(!(c), 0)) keel_panic(KEEL_ASSERTION_FAILED, w, l); } while (0)
static inline void keel_assert_true(jint c, const char *w, int l) { KEEL_CHECK(c); }
static inline void keel_assert_true_m(jint c, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(c); }
static inline void keel_assert_false(jint c, const char *w, int l) { KEEL_CHECK(!c); }
static inline void keel_assert_false_m(jint c, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(!c); }
static inline void keel_assert_equals_i(jint a, jint b, const char *w, int l) { KEEL_CHECK(a == b); }
static inline void keel_assert_equals_i_m(jint a, jint b, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(a == b); }
static inline void keel_assert_not_equals_i(jint a, jint b, const char *w, int l) { KEEL_CHECK(a != b); }
static inline void keel_assert_equals_j(jlong a, jlong b, const char *w, int l) { KEEL_CHECK(a == b); }
static inline void keel_assert_equals_j_m(jlong a, jlong b, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(a == b); }
static inline void keel_assert_not_equals_j(jlong a, jlong b, const char *w, int l) { KEEL_CHECK(a != b); }
static inline void keel_assert_null(kobj *o, const char *w, int l) { KEEL_CHECK(o == 0); }
static inline void keel_assert_null_m(kobj *o, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(o == 0); }
static inline void keel_assert_not_null(kobj *o, const char *w, int l) { KEEL_CHECK(o != 0); }
static inline void keel_assert_not_null_m(kobj *o, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(o != 0); }
static inline void keel_assert_same(kobj *a, kobj *b, const char *w, int l) { KEEL_CHECK(a == b); }
static inline void keel_assert_not_same(kobj *a, kobj *b, const char *w, int l) { KEEL_CHECK(a != b); }
int keel_objects_equal(kobj *a, kobj *b);
int keel_byte_arrays_equal(kobj *a, kobj *b);
static inline void keel_assert_equals_obj(kobj *a, kobj *b, const char *w, int l) { KEEL_CHECK(keel_objects_equal(a, b)); }
static inline void keel_assert_equals_obj_m(kobj *a, kobj *b, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(keel_objects_equal(a, b)); }
static inline void keel_assert_not_equals_obj(kobj *a, kobj *b, const char *w, int l) { KEEL_CHECK(!keel_objects_equal(a, b)); }
static inline void keel_assert_not_equals_obj_m(kobj *a, kobj *b, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(!keel_objects_equal(a, b)); }
static inline void keel_assert_not_equals_j_m(jlong a, jlong b, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(a != b); }
static inline void keel_assert_not_equals_i_m(jint a, jint b, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(a != b); }
static inline void keel_assert_array_equals_b(kobj *a, kobj *b, const char *w, int l) { KEEL_CHECK(keel_byte_arrays_equal(a, b)); }
static inline void keel_assert_array_equals_b_m(kobj *a, kobj *b, kobj *m, const char *w, int l) { (void)m; KEEL_CHECK(keel_byte_arrays_equal(a, b)); }
static inline kobj *keel_assert_fail(kobj *m, const char *w, int l) { (void)m; keel_panic(KEEL_ASSERTION_FAILED, w, l); }
static inline kobj *keel_assert_fail0(const char *w, int l) { keel_panic(KEEL_ASSERTION_FAILED, w, l); }

/* Math.*Exact: overflow is an ArithmeticException panic. */
#define KEEL_EXACT(name, T, op) static inline T name(T a, T b, const char *w, int l) { \
        T r; if (__builtin_##op##_overflow(a, b, &r)) keel_panic(KEEL_ARITHMETIC, w, l); return r; }
KEEL_EXACT(keel_add_exact_i, jint, add)
KEEL_EXACT(keel_sub_exact_i, jint, sub)
KEEL_EXACT(keel_mul_exact_i, jint, mul)
KEEL_EXACT(keel_add_exact_j, jlong, add)
KEEL_EXACT(keel_sub_exact_j, jlong, sub)
KEEL_EXACT(keel_mul_exact_j, jlong, mul)
static inline jint keel_to_int_exact(jlong a, const char *w, int l) {
    if (a != (jlong)(jint)a) keel_panic(KEEL_ARITHMETIC, w, l);
    return (jint)a;
}

/* assert: javac asks Class.desiredAssertionStatus(); the answer is fixed at C compile time. */
#ifndef KEEL_ASSERTIONS
#define KEEL_ASSERTIONS 1
#endif
static inline jint keel_assertions_enabled(kobj *cls) { (void)cls; return KEEL_ASSERTIONS; }

/* String concatenation in test code (never in kernel code; see StringConcat). */
void keel_concat_begin(void);
void keel_concat_bytes(const char *b, jint n);
void keel_concat_long(jlong v);
void keel_concat_char(jint c);
void keel_concat_bool(jint v);
void keel_concat_string(kobj *s);
kobj *keel_concat_end(const char *w, int l);
kobj *keel_string_make(kobj *bytes, jint n, const char *w, int l);

/* Console: bytes out (stdout when hosted, COM1 when freestanding). */
void keel_console_write(const char *bytes, size_t n);
void keel_console_string(kobj *s, const char *w, int l);
void keel_console_int(jint v);
void keel_console_long(jlong v);
void keel_console_bool(jint v);
void keel_console_char(jint c);
void keel_console_newline(void);

/* Hardware intrinsics (x86-64). */
#ifdef KEEL_HOSTED
jint keel_x86_inb(jint port);
jint keel_x86_inw(jint port);
jint keel_x86_inl(jint port);
void keel_x86_outb(jint port, jint v);
void keel_x86_outw(jint port, jint v);
void keel_x86_outl(jint port, jint v);
jlong keel_x86_read_cr0(void);
void keel_x86_write_cr0(jlong v);
jlong keel_x86_read_cr2(void);
jlong keel_x86_read_cr3(void);
void keel_x86_write_cr3(jlong v);
jlong keel_x86_read_cr4(void);
void keel_x86_write_cr4(jlong v);
void keel_x86_invlpg(jlong va);
jlong keel_x86_rdmsr(jint msr);
void keel_x86_wrmsr(jint msr, jlong v);
void keel_x86_cli(void);
void keel_x86_sti(void);
__attribute__((noreturn)) void keel_x86_hlt(void);
jint keel_phys_load8(jlong pa);
jint keel_phys_load16(jlong pa);
jint keel_phys_load32(jlong pa);
jlong keel_phys_load64(jlong pa);
void keel_phys_store8(jlong pa, jint v);
void keel_phys_store16(jlong pa, jint v);
void keel_phys_store32(jlong pa, jint v);
void keel_phys_store64(jlong pa, jlong v);
/* Hosted driver helpers. */
void keel_hosted_start(void);
int keel_hosted_finish(void);
int keel_usage(const char *prog);
int keel_streq(const char *a, const char *b);
kobj *keel_argv_longs(const keel_class *long_array, int n, char **args);
#else
static inline jint keel_x86_inb(jint port) {
    uint8_t v; __asm__ volatile("inb %w1, %0" : "=a"(v) : "Nd"((uint16_t)port)); return v;
}
static inline jint keel_x86_inw(jint port) {
    uint16_t v; __asm__ volatile("inw %w1, %0" : "=a"(v) : "Nd"((uint16_t)port)); return v;
}
static inline jint keel_x86_inl(jint port) {
    uint32_t v; __asm__ volatile("inl %w1, %0" : "=a"(v) : "Nd"((uint16_t)port)); return (jint)v;
}
static inline void keel_x86_outb(jint port, jint v) {
    __asm__ volatile("outb %0, %w1" : : "a"((uint8_t)v), "Nd"((uint16_t)port));
}
static inline void keel_x86_outw(jint port, jint v) {
    __asm__ volatile("outw %0, %w1" : : "a"((uint16_t)v), "Nd"((uint16_t)port));
}
static inline void keel_x86_outl(jint port, jint v) {
    __asm__ volatile("outl %0, %w1" : : "a"((uint32_t)v), "Nd"((uint16_t)port));
}
#define KEEL_READ_CR(n) static inline jlong keel_x86_read_cr##n(void) { \
        uint64_t v; __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v)); return (jlong)v; }
#define KEEL_WRITE_CR(n) static inline void keel_x86_write_cr##n(jlong v) { \
        __asm__ volatile("mov %0, %%cr" #n : : "r"((uint64_t)v) : "memory"); }
KEEL_READ_CR(0)
KEEL_READ_CR(2)
KEEL_READ_CR(3)
KEEL_READ_CR(4)
KEEL_WRITE_CR(0)
KEEL_WRITE_CR(3)
KEEL_WRITE_CR(4)
static inline void keel_x86_invlpg(jlong va) {
    __asm__ volatile("invlpg (%0)" : : "r"((uint64_t)va) : "memory");
}
static inline jlong keel_x86_rdmsr(jint msr) {
    uint32_t lo, hi; __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"((uint32_t)msr));
    return (jlong)(((uint64_t)hi << 32) | lo);
}
static inline void keel_x86_wrmsr(jint msr, jlong v) {
    __asm__ volatile("wrmsr" : : "c"((uint32_t)msr), "a"((uint32_t)(uint64_t)v), "d"((uint32_t)((uint64_t)v >> 32)));
}
static inline void keel_x86_cli(void) { __asm__ volatile("cli" : : : "memory"); }
static inline void keel_x86_sti(void) { __asm__ volatile("sti" : : : "memory"); }
static inline void keel_x86_hlt(void) { __asm__ volatile("hlt" : : : "memory"); }
/* Physical memory is reached through the kernel's direct map, which starts at KEEL_PHYS_BASE. */
#ifndef KEEL_PHYS_BASE
#define KEEL_PHYS_BASE 0
#endif
#define KEEL_PHYS(T, pa) ((volatile T *)(uintptr_t)((uint64_t)(pa) + (uint64_t)KEEL_PHYS_BASE))
static inline jint keel_phys_load8(jlong pa) { return *KEEL_PHYS(uint8_t, pa); }
static inline jint keel_phys_load16(jlong pa) { return *KEEL_PHYS(uint16_t, pa); }
static inline jint keel_phys_load32(jlong pa) { return (jint)*KEEL_PHYS(uint32_t, pa); }
static inline jlong keel_phys_load64(jlong pa) { return (jlong)*KEEL_PHYS(uint64_t, pa); }
static inline void keel_phys_store8(jlong pa, jint v) { *KEEL_PHYS(uint8_t, pa) = (uint8_t)v; }
static inline void keel_phys_store16(jlong pa, jint v) { *KEEL_PHYS(uint16_t, pa) = (uint16_t)v; }
static inline void keel_phys_store32(jlong pa, jint v) { *KEEL_PHYS(uint32_t, pa) = (uint32_t)v; }
static inline void keel_phys_store64(jlong pa, jlong v) { *KEEL_PHYS(uint64_t, pa) = (uint64_t)v; }
#endif

static inline jlong keel_x86_rdtsc(void) {
    uint32_t lo, hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)); return (jlong)(((uint64_t)hi << 32) | lo);
}
static inline void keel_x86_pause(void) { __asm__ volatile("pause"); }

#endif
