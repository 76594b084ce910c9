import ExtractBuiltIn
import ExtractCore

extension ExtractRuntime {
    /// The built-in runtime and this package's four parts: one line each.
    public static let custom = ExtractRuntime.builtIn
        .adding(WordCountStage.self)
        .adding(USDateParser.self)
        .adding(TSVEmitter.self)
        .adding(GzipTextReader.self)
}
