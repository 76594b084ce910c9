import ArgumentParser
import ExtractCore
import Foundation

/// Checks the paths given on the command line before anything is read. A path that is not
/// there is a typo, not a failed document: reading on would end in a run with no records (and,
/// before this check, an earlier output replaced by nothing).
enum InputPaths {
    /// What is wrong with each path that cannot be read, as a line for stderr; empty when all are there.
    static func problems(_ paths: [String]) -> [String] {
        paths.filter { $0 != "-" }.compactMap(problem)
    }

    /// The paths listed in `file` (`-`: standard input), one per line, blank lines skipped; none
    /// without a file.
    static func listed(in file: String?) throws -> [String] {
        guard let file else { return [] }
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try UnreadableFile.contents(of: file)
            } catch {
                printError("extract: cannot read the list of paths '\(file)': \(error.reason)")
                throw ExitCode(ExtractCommand.Status.usage.rawValue)
            }
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// Prints every problem and exits with the usage status when there is one.
    static func check(_ paths: [String]) throws {
        let found = problems(paths)
        guard !found.isEmpty else { return }
        for line in found { printError("extract: \(line)") }
        throw ExitCode(ExtractCommand.Status.usage.rawValue)
    }

    private static func problem(_ path: String) -> String? {
        var status = stat()
        if stat(path, &status) == 0 { return nil }
        let reason = errno
        var link = stat()
        if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            return "input '\(path)' is a broken symbolic link"
        }
        guard reason == ENOENT || reason == ENOTDIR else {
            return "input '\(path)' cannot be read: \(String(cString: strerror(reason)))"
        }
        return "input '\(path)' does not exist" + nearbyName(path)
    }

    /// ` (did you mean 'dir/pages'?)` when the directory the path names holds a close name.
    private static func nearbyName(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let directory = (path as NSString).deletingLastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory),
              !entries.isEmpty else { return "" }
        let suggestion = didYouMean(name, entries.filter { !$0.hasPrefix(".") })
        guard !suggestion.isEmpty, let closest = entries.first(where: { suggestion == " (did you mean '\($0)'?)" }) else { return "" }
        return " (did you mean '\((directory as NSString).appendingPathComponent(closest))'?)"
    }
}
