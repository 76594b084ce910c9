#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H
// PCRE2's API is generic over the code unit width; we only use the 8-bit (UTF-8) library.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
