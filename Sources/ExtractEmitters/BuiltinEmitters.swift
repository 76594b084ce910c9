import ExtractCore

extension EmitterRegistry {
    /// Every output format `extract` ships with: the single registration list.
    public static let builtIn = EmitterRegistry([JSONEmitter.self, JSONLinesEmitter.self, CSVEmitter.self, YAMLEmitter.self])
}
