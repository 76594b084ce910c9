import ArgumentParser
import ExtractCore

/// How input files are read: the options `run` and `eval` share, so both read every format the
/// runtime's readers read.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("How to read input files: auto (by the file name's end: \(InputOptions.extensionsInWords)), or one format for every file: \(CommandRuntime.current.readers.formats.joined(separator: ", ")).",
                               valueName: "auto|" + CommandRuntime.current.readers.formats.joined(separator: "|")),
            completion: .inputFormats)
    var inputFormat: String = "auto"

    @Option(help: ArgumentHelp("How to read a text page that is not UTF-8: auto (Windows-1252 when it looks like Western text in it, else rejected), utf-8 (reject it), or cp1252.", valueName: "auto|utf-8|cp1252"),
            completion: .encodings)
    var encoding: String = "auto"

    @Option(help: "JSON Lines: the field holding the document id.")
    var idField: String = "id"

    @Option(help: "JSON Lines: the field holding the page text.")
    var textField: String = "text"

    @Option(help: "Reject documents larger than this many bytes: a file, standard input, or a JSON Lines line, none read whole.")
    var maxDocumentBytes: Int = 16 << 20

    /// Each reader with the file name ends that select it: `jsonl (.jsonl, .ndjson), warc (.warc, .warc.gz), else text`.
    private static var extensionsInWords: String {
        let readers = CommandRuntime.current.readers.readers
        return readers.filter { !$0.fileExtensions.isEmpty }
            .map { "\($0.format) (\($0.fileExtensions.map { "." + $0 }.joined(separator: ", ")))" }
            .joined(separator: ", ") + ", else text"
    }

    func validate() throws {
        guard maxDocumentBytes >= 1 else { throw ValidationError("--max-document-bytes must be at least 1") }
        _ = try InputEncoding.option(encoding)
        guard inputFormat == "auto" || CommandRuntime.current.readers.reader(format: inputFormat) != nil else {
            throw ValidationError("--input-format must be one of: auto, \(CommandRuntime.current.readers.formats.joined(separator: ", "))")
        }
    }

    /// What the readers are told.
    var settings: InputSettings {
        var settings = InputSettings()
        settings.reader = inputFormat == "auto" ? nil : CommandRuntime.current.readers.reader(format: inputFormat)
        settings.idField = idField
        settings.textField = textField
        settings.maxDocumentBytes = maxDocumentBytes
        return settings
    }

    /// The documents at `paths`, each file read by its reader; `meter` counts the bytes read
    /// (for progress).
    func source(_ paths: [String], meter: ReadMeter? = nil) -> PathSource {
        var settings = settings
        settings.meter = meter
        return PathSource(paths: paths, settings: settings, readers: CommandRuntime.current.readers)
    }
}
