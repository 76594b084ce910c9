import ExtractCore

extension StageRegistry {
    /// Every built-in stage, registered exactly as a stage from another package would be.
    public static let builtIn = StageRegistry([
        HTMLStage.self,
        NormalizeStage.self,
        TruncationStage.self,
        SplitStage.self,
        SegmentStage.self,
        FieldsStage.self,
        DeriveStage.self,
        ResolveStage.self,
        ExecStage.self,
    ])
}

extension PipelineBuilder {
    /// A builder with `registry`'s stages and the built-in value parsers.
    public init(registry: StageRegistry) { self.init(registry: registry, parsers: .builtIn) }
}
