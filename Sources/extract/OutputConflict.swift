import Foundation

/// Refuses an output that would replace one of the run's inputs. The finished output is renamed
/// over its destination, so `extract pages.jsonl -o pages.jsonl` would replace the corpus with
/// its records, and `extract pages/ -o pages/a.txt` a page with the records of all of them.
enum OutputConflict {
    /// Why writing `destination` would replace an input (naming the input as it was given), or
    /// nil when it replaces none.
    static func problem(writing destination: String, inputs: [String]) -> String? {
        var target = stat()
        // Nothing there yet, or not a regular file: nothing of the input can be lost.
        guard stat(destination, &target) == 0, target.st_mode & S_IFMT == S_IFREG else { return nil }
        for input in inputs where input != "-" {
            var status = stat()
            guard stat(input, &status) == 0 else { continue }
            if status.st_mode & S_IFMT == S_IFDIR {
                if let directory = realPath(input), let file = realPath(destination), isWalked(file, under: directory) {
                    return "'\(destination)' is a page of the input directory '\(input)'"
                }
            } else if status.st_dev == target.st_dev && status.st_ino == target.st_ino {
                return destination == input ? "'\(destination)' is an input" : "'\(destination)' is the input '\(input)'"
            }
        }
        return nil
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
