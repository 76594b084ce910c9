import Foundation

/// A file that cannot be read, with the reason in words a user can act on ("no such file", "is a
/// directory", "permission denied"), rather than a made-up position inside it.
public struct UnreadableFile: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }

    /// The whole file at `path`, or why it cannot be read.
    public static func contents(of path: String) throws(UnreadableFile) -> Data {
        if let data = FileManager.default.contents(atPath: path) { return data }
        throw UnreadableFile(path: path, reason: reason(path))
    }

    /// Why `path` cannot be read, found out after reading it failed.
    static func reason(_ path: String) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let error = errno
            var link = stat()
            if error == ENOENT, lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK { return "is a broken symbolic link" }
            return describe(error)
        }
        if status.st_mode & S_IFMT == S_IFDIR { return "is a directory" }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return describe(errno) }
        close(descriptor)
        return "it could not be read"
    }

    /// An errno as a reason: the usual ones in plain words, others as the system says them.
    static func describe(_ error: Int32) -> String {
        switch error {
        case ENOENT: return "no such file"
        case ENOTDIR: return "a part of the path is not a directory"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "too many levels of symbolic links"
        default: return String(cString: strerror(error))
        }
    }
}
