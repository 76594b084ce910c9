import CExtractSystem
import Glibc

/// One running instance of an `exec` stage's program: started with `posix_spawn`, its stdin a
/// Unix socket and its stdout and stderr pipes, all three non-blocking on this side.
///
/// A document's request is written and its answer read in one `poll` loop that also reads
/// stderr, so a large text, a large answer or a chatty stderr never fills a buffer that the
/// other side waits on. The request is sent with `MSG_NOSIGNAL`: a child that has died gives
/// EPIPE, never a SIGPIPE that would end extract. The child runs in a process group of its own
/// (Ctrl-C reaches extract, which stops it in order) with every signal at its default and none
/// blocked, whatever extract ignores or blocks.
///
/// A child is always reaped: ``kill()`` after a failure, ``stop(grace:)`` (or deinit) at the end.
final class ExecChild {
    let pid: pid_t
    private var input: Int32
    private var output: Int32
    private var errors: Int32
    private var stderr = ExecStderr()
    /// What is read of stdout towards the current answer.
    private var answer: [UInt8] = []
    private var scratch = [UInt8](repeating: 0, count: 65_536)
    /// Set once the child is reaped.
    private(set) var waitStatus: Int32?

    /// The longest answer line read; a longer one is a bad response.
    static let longestAnswer = 64 << 20

    /// How one document's exchange ended.
    enum Outcome: Equatable {
        /// One line, without its line feed.
        case answered([UInt8])
        /// The child wrote more after its answer line (in the same read): it is out of step.
        case answeredMoreThanOneLine
        /// The child wrote to stdout before it was sent this document: it is out of step.
        case unrequestedOutput([UInt8])
        /// Stdout closed before a whole line: the child exited, or closed it.
        case closed
        case timedOut
        /// The answer grew past ``longestAnswer`` without a line feed.
        case tooLong
        /// A system call failed (its errno).
        case failed(Int32)
    }

    struct StartFailure: Error {
        var message: String
    }

    private init(pid: pid_t, input: Int32, output: Int32, errors: Int32) {
        self.pid = pid
        self.input = input
        self.output = output
        self.errors = errors
    }

    deinit { stop(grace: 1_000_000_000) }

    /// Starts `command`; throws with the reason when it cannot be.
    static func start(_ command: ExecCommand) throws(StartFailure) -> ExecChild {
        var stdin: [Int32] = [-1, -1]
        var stdout: [Int32] = [-1, -1]
        var stderr: [Int32] = [-1, -1]
        defer { for fd in [stdin[1], stdout[1], stderr[1]] where fd >= 0 { close(fd) } }
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &stdin) == 0,
              extract_pipe_cloexec(&stdout) == 0, extract_pipe_cloexec(&stderr) == 0 else {
            let reason = errorText(errno)
            for fd in [stdin[0], stdout[0], stderr[0]] where fd >= 0 { close(fd) }
            throw StartFailure(message: "cannot make pipes for '\(command.name)': \(reason)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin[1], 0)
        posix_spawn_file_actions_adddup2(&actions, stdout[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderr[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        var pid = pid_t()
        let status = extract_spawn_add_chdir(&actions, command.workingDirectory)
        let result = status != 0 ? status : withCStrings([command.executable] + command.arguments) { argv in
            withCStrings(command.environment) { envp in posix_spawn(&pid, command.executable, &actions, &attributes, argv, envp) }
        }
        guard result == 0 else {
            for fd in [stdin[0], stdout[0], stderr[0]] { close(fd) }
            throw StartFailure(message: "cannot start '\(command.name)': \(errorText(result))")
        }
        for fd in [stdin[0], stdout[0], stderr[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return ExecChild(pid: pid, input: stdin[0], output: stdout[0], errors: stderr[0])
    }

    /// Writes `request` and reads one answer line before `deadline` (``now()``), forwarding
    /// stderr labelled with `label` meanwhile.
    func exchange(_ request: [UInt8], deadline: UInt64, label: String) -> Outcome {
        answer.removeAll(keepingCapacity: true)
        guard readOutput() else { return .failed(errno) }
        if !answer.isEmpty { return .unrequestedOutput(answer) }
        var written = 0
        var lineEnd: Int?
        var canWrite = input >= 0
        while true {
            if let lineEnd, written == request.count || !canWrite {
                finishErrors(label: label, until: 0)
                if lineEnd + 1 < answer.count { return .answeredMoreThanOneLine }
                return .answered(Array(answer[..<lineEnd]))
            }
            let now = Self.now()
            guard now < deadline else {
                finishErrors(label: label, until: 0)
                return .timedOut
            }
            var fds: [pollfd] = []
            if canWrite && written < request.count { fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            if lineEnd == nil { fds.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
            if errors >= 0 { fds.append(pollfd(fd: errors, events: Int16(POLLIN), revents: 0)) }
            let milliseconds = Int32(min((deadline - now + 999_999) / 1_000_000, 60_000))
            if poll(&fds, nfds_t(fds.count), milliseconds) < 0 {
                if errno == EINTR { continue }
                return .failed(errno)
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == input {
                    switch send(request, from: written) {
                    case .some(let count): written += count
                    case .none: canWrite = false
                    }
                } else if entry.fd == output {
                    let start = answer.count
                    guard readOutput() else { return .failed(errno) }
                    if let index = answer[start...].firstIndex(of: 0x0A) {
                        lineEnd = index
                    } else if outputClosed {
                        finishErrors(label: label, until: Self.now() + 200_000_000)
                        return .closed
                    } else if answer.count > Self.longestAnswer {
                        return .tooLong
                    }
                } else {
                    drainErrors(label: label, until: 0)
                }
            }
        }
    }

    // MARK: Reading and writing

    /// Set when a read of stdout saw its end.
    private var outputClosed = false

    /// Reads what stdout holds now into ``answer`` (stopping past ``longestAnswer``), marking
    /// its end when seen; false on an error other than "nothing more for now".
    private func readOutput() -> Bool {
        while answer.count <= Self.longestAnswer {
            let count = scratch.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count > 0 {
                answer.append(contentsOf: scratch[..<count])
            } else if count == 0 {
                outputClosed = true
                return true
            } else if errno != EINTR {
                return errno == EAGAIN || errno == EWOULDBLOCK
            }
        }
        return true
    }

    /// Sends what the socket takes of `request` from `offset`; nil when the child no longer reads.
    private func send(_ request: [UInt8], from offset: Int) -> Int? {
        while true {
            let count = request.withUnsafeBytes { bytes in
                bytes.baseAddress.map { Glibc.send(input, $0 + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) } ?? 0
            }
            if count >= 0 { return count }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return 0 }
            return nil
        }
    }

    /// Forwards what stderr holds and then its unfinished line, if any: the end of a document.
    private func finishErrors(label: String?, until deadline: UInt64) {
        drainErrors(label: label, until: deadline)
        stderr.flush(label: label)
    }

    /// Forwards the whole lines stderr holds, waiting for more until `deadline` (0: not at all) or its end.
    private func drainErrors(label: String?, until deadline: UInt64) {
        while errors >= 0 {
            let count = scratch.withUnsafeMutableBytes { read(errors, $0.baseAddress, $0.count) }
            if count > 0 {
                scratch.withUnsafeBytes { stderr.take(UnsafeRawBufferPointer(rebasing: $0[..<count]), label: label) }
                continue
            }
            if count == 0 {
                close(errors)
                errors = -1
                break
            }
            if errno == EINTR { continue }
            guard errno == EAGAIN || errno == EWOULDBLOCK else { break }
            let now = Self.now()
            guard now < deadline else { break }
            var entry = pollfd(fd: errors, events: Int16(POLLIN), revents: 0)
            _ = poll(&entry, 1, Int32(min((deadline - now + 999_999) / 1_000_000, 1_000)))
        }
    }

    // MARK: Ending

    /// Kills the child and its process group (SIGKILL) and reaps it, after a failure; forwards
    /// what it had written to stderr under `label`. Returns the wait status.
    @discardableResult
    func kill(label: String?) -> Int32 {
        if let waitStatus { return waitStatus }
        Glibc.kill(-pid, SIGKILL)
        let status = reap()
        finishErrors(label: label, until: Self.now() + 200_000_000)
        closeAll()
        return status
    }

    /// The wait status of a child whose stdout closed: it is given up to a second to exit, then killed.
    func exitStatus(label: String?) -> Int32 {
        if let waitStatus { return waitStatus }
        if let status = waitForExit(until: Self.now() + 1_000_000_000) {
            closeAll()
            return status
        }
        return kill(label: label)
    }

    /// Ends the child at the end of the run: closes its stdin (its end of input), gives it `grace`
    /// nanoseconds to exit while its stderr is forwarded, then kills it; always reaps it.
    func stop(grace: UInt64) {
        guard waitStatus == nil else { return }
        if input >= 0 {
            close(input)
            input = -1
        }
        let deadline = Self.now() + grace
        while waitStatus == nil, Self.now() < deadline {
            if waitForExit(until: 0) != nil { break }
            drainErrors(label: nil, until: min(deadline, Self.now() + 10_000_000))
            if errors < 0, waitForExit(until: min(deadline, Self.now() + 10_000_000)) != nil { break }
        }
        if waitStatus == nil {
            kill(label: nil)
        } else {
            finishErrors(label: nil, until: Self.now() + 100_000_000)
            closeAll()
        }
    }

    /// Reaps the child if it exits by `deadline` (0: only if it has already).
    private func waitForExit(until deadline: UInt64) -> Int32? {
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                waitStatus = status
                return status
            }
            if result < 0, errno != EINTR {
                waitStatus = 0
                return 0
            }
            guard Self.now() < deadline else { return nil }
            usleep(2_000)
        }
    }

    /// Waits for the child to exit (it has been killed).
    private func reap() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { break }
        }
        waitStatus = status
        return status
    }

    private func closeAll() {
        for fd in [input, output, errors] where fd >= 0 { close(fd) }
        input = -1
        output = -1
        errors = -1
    }

    // MARK: Helpers

    /// Nanoseconds on the monotonic clock.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// A wait status in words: `exited with status 3`, `was killed by signal 11 (Segmentation fault)`.
    static func describe(waitStatus status: Int32) -> String {
        let signal = status & 0x7F
        if signal == 0 { return "exited with status \((status >> 8) & 0xFF)" }
        let name = strsignal(signal).map { String(cString: $0) } ?? "unknown"
        return "was killed by signal \(signal) (\(name))"
    }

    static func errorText(_ number: Int32) -> String { String(cString: strerror(number)) }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}
