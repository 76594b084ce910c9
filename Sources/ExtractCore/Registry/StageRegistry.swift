/// The stage kinds a pipeline file may name. A value, passed to the builder: built-in stages are
/// registered in one list (`StageRegistry.builtIn` in ExtractStages) and other packages add theirs
/// the same way with ``adding(_:)``.
public struct StageRegistry: Sendable {
    private var byKind: [String: any Stage.Type] = [:]
    public private(set) var kinds: [String] = []

    public init(_ stages: [any Stage.Type] = []) {
        for stage in stages { self = self.adding(stage) }
    }

    /// A registry with `stage` added; a kind registered twice keeps the later registration.
    public func adding(_ stage: any Stage.Type) -> StageRegistry {
        var copy = self
        let kind = stage.description.kind
        if copy.byKind[kind] == nil { copy.kinds.append(kind) }
        copy.byKind[kind] = stage
        return copy
    }

    public func stage(kind: String) -> (any Stage.Type)? { byKind[kind] }

    public var descriptions: [StageDescription] { kinds.compactMap { byKind[$0]?.description } }
}
