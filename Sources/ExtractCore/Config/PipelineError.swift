/// One mistake in a pipeline file, rendered like a compiler diagnostic:
///
///     Pipelines/career.yaml:14:9: error: unknown option 'patern' for stage 'fields' (did you mean 'pattern'?)
///         patern: '(?<title>.+)'
///         ^
///     expected one of: fields, pattern, section
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    /// What would have been accepted, e.g. "one of: normalize, segment" or "an integer".
    public var expected: String?
    /// The source line the location points into, for the snippet.
    public var line: String?

    public init(location: SourceLocation, message: String, expected: String? = nil, line: String? = nil) {
        self.location = location
        self.message = message
        self.expected = expected
        self.line = line
    }

    public var description: String {
        var text = "\(location): error: \(message)"
        if let line {
            text += "\n    \(line)\n    " + caretPrefix(line) + "^"
        }
        if let expected { text += "\nexpected \(expected)" }
        return text
    }

    /// Spaces (tabs kept) up to the column, counted in Unicode scalars like the column itself.
    private func caretPrefix(_ line: String) -> String {
        var prefix = ""
        for (index, scalar) in line.unicodeScalars.enumerated() where index < location.column - 1 {
            prefix.append(scalar == "\t" ? "\t" : " ")
        }
        if location.column - 1 > prefix.unicodeScalars.count {
            prefix += String(repeating: " ", count: location.column - 1 - prefix.unicodeScalars.count)
        }
        return prefix
    }
}

/// A pipeline that cannot run: every mistake found in the file, reported at once.
public struct PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ConfigIssue]
    /// What the file is, for the closing count: `pipeline file`, or `registry` for a registry
    /// read on its own (`extract entities`).
    public var fileKind: String

    public init(issues: [ConfigIssue], fileKind: String = "pipeline file") {
        self.issues = issues
        self.fileKind = fileKind
    }

    public init(_ issue: ConfigIssue, fileKind: String = "pipeline file") {
        self.init(issues: [issue], fileKind: fileKind)
    }

    /// Every issue, then how many there are in the file; a file that could not be read at all is
    /// only said so (it has no mistakes to count).
    public var description: String {
        let text = issues.map(\.description).joined(separator: "\n\n")
        if issues.allSatisfy(\.location.isWholeFile) { return text }
        let count = issues.count == 1 ? "1 error" : "\(issues.count) errors"
        return text + "\n\(count) in \(fileKind)"
    }
}
