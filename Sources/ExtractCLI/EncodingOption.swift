import ArgumentParser
import ExtractCore

extension InputEncoding {
    /// The encoding an `--encoding` value names, or a usage error listing the ones there are.
    static func option(_ value: String) throws -> InputEncoding {
        guard let encoding = InputEncoding(rawValue: value) else {
            throw ValidationError("--encoding must be one of: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return encoding
    }
}
