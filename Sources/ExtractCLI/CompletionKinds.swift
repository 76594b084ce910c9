import ArgumentParser
import ExtractCore

/// What the shell completion scripts offer for the values of options and arguments: files for
/// every path, the accepted words for the options that take one of a few.
extension CompletionKind {
    /// A pipeline, registry or mentions file: YAML files, and the directories to find them in.
    static var yamlFile: CompletionKind { .file(extensions: ["yaml", "yml"]) }

    /// `--format`: the runtime's output formats.
    static var outputFormats: CompletionKind { .list(CommandRuntime.current.emitters.formats) }

    /// `--input-format`: `auto`, or one of the runtime's input readers.
    static var inputFormats: CompletionKind { .list(["auto"] + CommandRuntime.current.readers.formats) }

    /// `--encoding`: how a text page that is not UTF-8 may be read.
    static var encodings: CompletionKind { .list(InputEncoding.allCases.map(\.rawValue)) }

    /// `extract stages KIND`: the runtime's stage kinds.
    static var stageKinds: CompletionKind { .list(CommandRuntime.current.stages.kinds) }
}
