import ExtractCore
import ExtractEmitters
import ExtractStages

extension ExtractRuntime {
    /// Everything `extract` ships with: the built-in stages, value parsers, output formats and
    /// input readers. A package building its own `extract` starts here and adds its parts.
    public static let builtIn = ExtractRuntime(stages: .builtIn, parsers: .builtIn, emitters: .builtIn, readers: .builtIn)
}
