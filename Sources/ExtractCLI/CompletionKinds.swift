import ArgumentParser
import ExtractCore
import ExtractEmitters
import ExtractStages

/// What the shell completion scripts offer for the values of options and arguments: files for
/// every path, the accepted words for the options that take one of a few.
extension CompletionKind {
    /// A pipeline, registry or mentions file: YAML files, and the directories to find them in.
    static var yamlFile: CompletionKind { .file(extensions: ["yaml", "yml"]) }

    /// `--format`: the registered output formats.
    static var outputFormats: CompletionKind { .list(EmitterRegistry.builtIn.formats) }

    /// `--input-format`: how input files may be read.
    static var inputFormats: CompletionKind { .list(InputFormat.allCases.map(\.rawValue)) }

    /// `--encoding`: how a text page that is not UTF-8 may be read.
    static var encodings: CompletionKind { .list(InputEncoding.allCases.map(\.rawValue)) }

    /// `extract stages KIND`: the registered stage kinds.
    static var stageKinds: CompletionKind { .list(StageRegistry.builtIn.kinds) }
}
