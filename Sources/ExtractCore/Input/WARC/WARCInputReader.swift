/// Web archives, gzip or not: one page per `response` or `resource` record, named by its
/// `WARC-Target-URI`; other records are skipped and counted. Records are found in order; each
/// response is decoded by the worker that loads it.
public enum WARCInputReader: InputReader {
    public static let format = "warc"
    public static let fileExtensions = ["warc", "warc.gz"]
    public static let summary = "web archives: each 2xx HTML or plain-text response (or resource) record is a page"

    public static func open(_ file: InputFile, settings: InputSettings) -> any InputEntryReader {
        guard let descriptor = file.openForReading() else { return file.cannotOpen() }
        return WARCReader(descriptor: descriptor, name: file.path, maxDocumentBytes: settings.maxDocumentBytes, meter: settings.meter)
    }
}
