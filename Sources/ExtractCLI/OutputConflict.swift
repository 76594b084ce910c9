import Foundation

/// Refuses an output that would replace one of the run's inputs, or that later runs would read as
/// one. The finished output is renamed over its destination, so `extract pages.jsonl -o
/// pages.jsonl` would replace the corpus with its records, and `extract pages/ -o pages/a.txt` a
/// page with the records of all of them; `extract pages/ -o pages/out.jsonl` would be read back
/// as a page by the next run.
enum OutputConflict {
    /// Why `destination` must not be written (naming the input as it was given), or nil when
    /// writing it is safe.
    ///
    /// Besides an existing input, a destination that does not exist yet is refused when it lies
    /// in an input directory: the walk would read it back as a page on the next run.
    static func problem(writing destination: String, inputs: [String]) -> String? {
        var target = stat()
        let exists = stat(destination, &target) == 0
        // A FIFO or a device (/dev/null) is written to, not replaced: nothing of the input can be lost.
        if exists && target.st_mode & S_IFMT != S_IFREG { return nil }
        let resolved = exists ? realPath(destination) : resolvedNewPath(destination)
        for input in inputs where input != "-" {
            var status = stat()
            guard stat(input, &status) == 0 else { continue }
            if status.st_mode & S_IFMT == S_IFDIR {
                if let directory = realPath(input), let file = resolved, isWalked(file, under: directory) {
                    return exists
                        ? "'\(destination)' is a page of the input directory '\(input)'; writing there would replace it: choose another output path"
                        : "'\(destination)' lies in the input directory '\(input)', so the next run would read it back as a page: choose a path outside it"
                }
            } else if exists && status.st_dev == target.st_dev && status.st_ino == target.st_ino {
                let what = destination == input ? "'\(destination)' is an input" : "'\(destination)' is the input '\(input)'"
                return what + "; writing there would replace it: choose another output path"
            }
        }
        return nil
    }

    /// The real path a file not yet created at `path` would have: its directory resolved, its name
    /// appended. Nil when the directory does not exist either.
    private static func resolvedNewPath(_ path: String) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        guard let real = realPath(directory.isEmpty ? "." : directory) else { return nil }
        return (real as NSString).appendingPathComponent((path as NSString).lastPathComponent)
    }

    /// Whether two output paths name the same file (one would replace the other at the end).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).resolvingSymlinksInPath().path == URL(fileURLWithPath: b).resolvingSymlinksInPath().path
    }

    /// Whether walking `directory` reaches `file`: it lies below it, with no hidden name on the
    /// way (the walk skips those).
    private static func isWalked(_ file: String, under directory: String) -> Bool {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        guard file.hasPrefix(prefix) else { return false }
        return !file.dropFirst(prefix.count).split(separator: "/").contains { $0.hasPrefix(".") }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
