/// Every extension point in one value: the stages a pipeline file may name, the value parsers
/// its templates may name, the output formats and the input readers. Every command (`run`,
/// `validate`, `test`, `eval`, `inspect`, `schema`, `stages`) takes it, so a part added here is
/// usable everywhere at once.
///
/// The built-in runtime is `ExtractRuntime.builtIn` (module ExtractBuiltIn); another package adds
/// its parts with `adding(_:)`, one call per part, and hands the result to
/// `ExtractCLI.main(runtime:)` or to ``PipelineBuilder/init(runtime:)``. Registries are consulted
/// while a pipeline is built and a run is set up, never per document.
public struct ExtractRuntime: Sendable {
    public var stages: StageRegistry
    public var parsers: ValueParserRegistry
    public var emitters: EmitterRegistry
    public var readers: InputReaderRegistry

    /// A runtime of the given registries. Those not given are empty, but for the readers, which
    /// default to the built-in ones (they live in this module); `ExtractRuntime.builtIn` has all.
    public init(stages: StageRegistry = StageRegistry(), parsers: ValueParserRegistry = ValueParserRegistry(),
                emitters: EmitterRegistry = EmitterRegistry(), readers: InputReaderRegistry = .builtIn) {
        self.stages = stages
        self.parsers = parsers
        self.emitters = emitters
        self.readers = readers
    }

    /// The runtime with one more stage kind (a kind registered twice keeps the later one).
    public func adding(_ stage: any Stage.Type) -> ExtractRuntime { changing { $0.stages = stages.adding(stage) } }

    /// The runtime with one more value parser (a name registered twice keeps the later one).
    public func adding(_ parser: any ValueParser.Type) -> ExtractRuntime { changing { $0.parsers = parsers.adding(parser) } }

    /// The runtime with one more output format (a format registered twice keeps the later one).
    public func adding(_ emitter: any Emitter.Type) -> ExtractRuntime { changing { $0.emitters = emitters.adding(emitter) } }

    /// The runtime with one more input reader (a format registered twice keeps the later one).
    public func adding(_ reader: any InputReader.Type) -> ExtractRuntime { changing { $0.readers = readers.adding(reader) } }

    private func changing(_ change: (inout ExtractRuntime) -> Void) -> ExtractRuntime {
        var copy = self
        change(&copy)
        return copy
    }

    /// A pipeline builder with this runtime's stages and value parsers.
    public var builder: PipelineBuilder { PipelineBuilder(runtime: self) }
}
