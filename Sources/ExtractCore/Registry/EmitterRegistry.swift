/// The output formats `--format` accepts and `-o FILE`'s extension selects. A value, like the
/// stage registry: the built-in formats are one list (`EmitterRegistry.builtIn` in
/// ExtractEmitters) and other packages add theirs with ``adding(_:)``.
public struct EmitterRegistry: Sendable {
    public private(set) var emitters: [any Emitter.Type] = []

    public init(_ emitters: [any Emitter.Type] = []) {
        for emitter in emitters { self = self.adding(emitter) }
    }

    /// A registry with `emitter` added; a format registered twice keeps the later registration,
    /// in the earlier one's place. A file extension two formats claim selects the later one.
    public func adding(_ emitter: any Emitter.Type) -> EmitterRegistry {
        var copy = self
        copy.emitters = emitters.registering(emitter) { $0.format == emitter.format }
        return copy
    }

    public func emitter(format: String) -> (any Emitter.Type)? { emitters.first { $0.format == format } }
    public func emitter(forExtension ext: String) -> (any Emitter.Type)? {
        emitters.last { $0.fileExtensions.contains(ext.lowercased()) }
    }
    public var formats: [String] { emitters.map { $0.format } }
}
