#ifndef CEXTRACTSYSTEM_H
#define CEXTRACTSYSTEM_H

/// System calls that Swift's Glibc module does not import (glibc declares them only under
/// _GNU_SOURCE).

/// Starts writing a byte range of a file's dirty pages to disk and returns without waiting for
/// it: Linux's sync_file_range(2) with SYNC_FILE_RANGE_WRITE. Returns 0, or -1 with errno set
/// (ENOSYS on systems without it). Advisory: nothing depends on it succeeding.
int extract_start_writeback(int fd, long long offset, long long length);

#endif
