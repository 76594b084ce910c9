import Foundation

/// The size of a run's input, known before it is read: what progress is measured against.
public enum InputSize {
    /// The bytes of every file `paths` name, directories walked as ``PathSource`` walks them
    /// (hidden names left out, links followed, a link back to a directory being walked not
    /// followed); nil when some input's size cannot be known in advance (standard input, a pipe).
    /// Walking a large tree takes a while: call it off the thread that reads.
    public static func total(of paths: [String]) -> Int? {
        var total = 0
        for path in paths {
            guard path != "-", let size = size(of: path) else { return nil }
            total += size
        }
        return total
    }

    /// One path's bytes: a regular file's size, a directory's files' sizes; nil for anything else.
    private static func size(of path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return 0 }  // reported as a failure, read as nothing
        switch status.st_mode & S_IFMT {
        case S_IFREG: return Int(status.st_size)
        case S_IFDIR: return walk(path)
        default: return nil
        }
    }

    /// The sizes of the files under `directory`, as the walk reaches them.
    private static func walk(_ directory: String) -> Int? {
        var total = 0
        var walk = [DirectoryListing(directory)]
        while !walk.isEmpty {
            guard let entry = walk[walk.count - 1].next() else {
                walk.removeLast()
                continue
            }
            switch entry {
            case .file(let path):
                var status = stat()
                guard stat(path, &status) == 0 else { continue }
                guard status.st_mode & S_IFMT == S_IFREG else { return nil }
                total += Int(status.st_size)
            case .directory(let path):
                if DirectoryListing.ancestor(of: path, in: walk) == nil { walk.append(DirectoryListing(path)) }
            case .unreadable:
                continue
            }
        }
        return total
    }
}
