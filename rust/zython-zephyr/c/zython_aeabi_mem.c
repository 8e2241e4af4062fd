/*
 * The ARM EABI memory helpers that Rust code calls (__aeabi_memcpy & co.), forwarded to the C
 * library's memcpy/memmove/memset (CONFIG_ZYTHON_LIBC_MEM). Without them the Rust archive brings
 * its own copies of all three (about 3.7 KB on Cortex-M3) beside the C library's. Weak, so a C
 * library that has its own __aeabi_* functions keeps them.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <string.h>

#define ZY_WEAK __attribute__((weak))

ZY_WEAK void __aeabi_memcpy(void *dest, const void *src, size_t n) { memcpy(dest, src, n); }
ZY_WEAK void __aeabi_memcpy4(void *dest, const void *src, size_t n) { memcpy(dest, src, n); }
ZY_WEAK void __aeabi_memcpy8(void *dest, const void *src, size_t n) { memcpy(dest, src, n); }
ZY_WEAK void __aeabi_memmove(void *dest, const void *src, size_t n) { memmove(dest, src, n); }
ZY_WEAK void __aeabi_memmove4(void *dest, const void *src, size_t n) { memmove(dest, src, n); }
ZY_WEAK void __aeabi_memmove8(void *dest, const void *src, size_t n) { memmove(dest, src, n); }
/* Note the EABI argument order: length before value. */
ZY_WEAK void __aeabi_memset(void *dest, size_t n, int c) { memset(dest, c, n); }
ZY_WEAK void __aeabi_memset4(void *dest, size_t n, int c) { memset(dest, c, n); }
ZY_WEAK void __aeabi_memset8(void *dest, size_t n, int c) { memset(dest, c, n); }
ZY_WEAK void __aeabi_memclr(void *dest, size_t n) { memset(dest, 0, n); }
ZY_WEAK void __aeabi_memclr4(void *dest, size_t n) { memset(dest, 0, n); }
ZY_WEAK void __aeabi_memclr8(void *dest, size_t n) { memset(dest, 0, n); }
