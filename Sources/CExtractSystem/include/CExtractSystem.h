#ifndef CEXTRACTSYSTEM_H
#define CEXTRACTSYSTEM_H

#include <spawn.h>

/// System calls that Swift's Glibc module does not import (glibc declares them only under
/// _GNU_SOURCE).

/// Starts writing a byte range of a file's dirty pages to disk and returns without waiting for
/// it: Linux's sync_file_range(2) with SYNC_FILE_RANGE_WRITE. Returns 0, or -1 with errno set
/// (ENOSYS on systems without it). Advisory: nothing depends on it succeeding.
int extract_start_writeback(int fd, long long offset, long long length);

/// Makes a spawned process start in `path`: posix_spawn_file_actions_addchdir_np (glibc 2.29 and
/// later). Returns 0, or an error number (ENOSYS where the C library lacks it).
int extract_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *path);

/// A pipe whose two ends are closed on exec from the start (pipe2 with O_CLOEXEC), so a child
/// another thread spawns meanwhile cannot inherit them. Returns 0, or -1 with errno set.
int extract_pipe_cloexec(int fds[2]);

#endif
