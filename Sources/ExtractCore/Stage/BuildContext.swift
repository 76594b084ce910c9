/// Limits for pattern matching, set once per pipeline (`limits:` in the file).
public struct PatternLimits: Sendable, Equatable {
    public var matchLimit: Int = 1_000_000
    public var depthLimit: Int = 10_000
    public var heapLimitKiB: Int = 20_000
    public var jitStackKiB: Int = 1_024
    public init() {}
}

/// What stages see while being built: where the file is, the limits, the value parsers the
/// pipeline may name, and the contract book: sections and fields provided so far. Requiring something no earlier stage provides is a
/// mistake reported at the option that asked for it.
public final class BuildContext: @unchecked Sendable {
    /// The pipeline file's directory, for resolving relative paths (registries).
    public let baseDirectory: String
    public let limits: PatternLimits
    public let issues: IssueCollector
    /// The value parsers templates and `derive` rules may name (the runtime's).
    public let parsers: ValueParserRegistry
    /// The kind of the stage being built, for messages.
    public internal(set) var stageKind = ""
    public private(set) var sections: [String] = []
    public private(set) var schema = Schema()
    /// How many stages come before the one being built.
    public internal(set) var stageIndex = 0
    /// Whether the first stage takes the document's bytes undecoded (see ``acceptUndecodedBytes(at:)``).
    public private(set) var readsUndecodedBytes = false
    /// How many of `sections` were provided before the last stage that splits documents
    /// (``Stage/splitsDocuments``): the pieces it cuts do not have them.
    public private(set) var sectionsBeforeSplit = 0

    public init(baseDirectory: String, limits: PatternLimits, issues: IssueCollector,
                parsers: ValueParserRegistry = ValueParserRegistry()) {
        self.baseDirectory = baseDirectory
        self.limits = limits
        self.issues = issues
        self.parsers = parsers
    }

    /// Resolves a path written in the pipeline file relative to the file's directory.
    public func resolvePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : (baseDirectory.isEmpty ? path : baseDirectory + "/" + path)
    }

    // MARK: Input

    /// Declares that this stage takes the document's bytes as read, in whatever charset they
    /// are, and leaves UTF-8 text behind it (or rejects the document): the runner then skips
    /// its own checks (empty, binary, valid UTF-8) and the stage makes them instead. Only the
    /// first stage can: every later stage reads text, which must already be UTF-8.
    public func acceptUndecodedBytes(at node: ConfigNode) {
        guard stageIndex == 0 else {
            node.report("stage '\(stageKind)' reads the page's bytes before they are decoded, so it must be the first stage",
                        expected: "'- stage: \(stageKind)' first in 'stages'")
            return
        }
        readsUndecodedBytes = true
    }

    // MARK: Sections

    /// Declares that this stage provides section `name`.
    public func provideSection(_ name: String, at node: ConfigNode) -> SectionID {
        if let index = sections.firstIndex(of: name) {
            node.report("section '\(name)' is already provided by an earlier stage", expected: "a new section name")
            return SectionID(index)
        }
        sections.append(name)
        return SectionID(sections.count - 1)
    }

    /// The ID of section `name`, reported as a mistake when no earlier stage provides it.
    public func requireSection(_ name: String, at node: ConfigNode) -> SectionID? {
        if let index = sections.firstIndex(of: name), index < sectionsBeforeSplit {
            node.report("stage '\(stageKind)' needs section '\(name)', which is found before the page is split: the pieces do not have it",
                        expected: "a segment stage after the splitting stage")
            return nil
        }
        if let index = sections.firstIndex(of: name) { return SectionID(index) }
        node.report("stage '\(stageKind)' needs section '\(name)', which no earlier stage provides",
                    expected: sections.isEmpty ? "a segment stage before this one"
                        : "one of: " + sections.joined(separator: ", "))
        return nil
    }

    // MARK: Fields

    /// Declares that this stage provides field `name` with the given shape; `nullable`: whether
    /// a record may hold null there.
    public func provideField(_ name: String, shape: Shape, nullable: Bool = true, at node: ConfigNode) -> FieldID {
        if let existing = schema.field(named: name) {
            node.report("field '\(name)' is already provided by an earlier stage", expected: "a new field name")
            return existing.id
        }
        let id = FieldID(schema.fields.count)
        schema.fields.append(Schema.Field(id: id, name: name, shape: shape, nullable: nullable))
        return id
    }

    /// The field `name`, reported as a mistake when no earlier stage provides it.
    public func requireField(_ name: String, at node: ConfigNode) -> Schema.Field? {
        if let field = schema.field(named: name) { return field }
        node.report("stage '\(stageKind)' needs field '\(name)', which no earlier stage provides",
                    expected: schema.fields.isEmpty ? "a stage providing it before this one"
                        : "one of: " + schema.fields.map(\.name).joined(separator: ", "))
        return nil
    }

    /// Records that a stage changed the shape of a field it transforms in place (and, when
    /// given, whether it may be null).
    public func updateShape(of field: FieldID, to shape: Shape, nullable: Bool? = nil) {
        schema.fields[field.index].shape = shape
        if let nullable { schema.fields[field.index].nullable = nullable }
    }

    func setOutput(_ fields: [FieldID]) { schema.output = fields }

    /// Records that the stage just built splits documents: later stages read pieces.
    func documentsSplit() { sectionsBeforeSplit = sections.count }
}
