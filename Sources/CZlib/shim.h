#ifndef EXTRACT_CZLIB_SHIM_H
#define EXTRACT_CZLIB_SHIM_H
// zlib inflates gzip members of WARC files and gzip/deflate HTTP bodies.
#include <zlib.h>
#endif
