/*
 * keel_user.h - the intrinsics user programs add to the translator's runtime (keel_rt.h):
 * the syscall instruction, ud2 and an indirect call. Included into every translated user program (gcc -include).
 */
#ifndef KEEL_USER_H
#define KEEL_USER_H

#include "keel_rt.h"

jlong keel_x86_syscall(jint n, jlong a0, jlong a1, jlong a2, jlong a3, jlong a4, jlong a5);
jlong keel_x86_syscall_result(jint i);
void keel_x86_ud2(void) __attribute__((noreturn));
void keel_x86_call(jlong address);

#endif
