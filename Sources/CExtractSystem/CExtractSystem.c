#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include "CExtractSystem.h"

int extract_start_writeback(int fd, long long offset, long long length) {
#ifdef __linux__
    return sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    (void)offset;
    (void)length;
    errno = ENOSYS;
    return -1;
#endif
}
