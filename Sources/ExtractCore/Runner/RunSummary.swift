/// What a run did: counts for the summary line and the exit status.
///
/// A document gives one record, or one per piece when a stage splits it (`split`), so
/// `records` may exceed `documents`; `failed` counts documents, and pieces, that gave no record.
public struct RunSummary: Sendable, Equatable {
    public var documents = 0
    public var records = 0
    public var failed = 0
    public var inputBytes = 0
    /// Diagnostics in written records, by code.
    public var diagnostics: [String: Int] = [:]
    /// Documents (or pieces) that gave no record, by reason code.
    public var failures: [String: Int] = [:]
    /// Entries of the input that are not documents (WARC records other than pages), by kind.
    public var skipped: [String: Int] = [:]
    public var seconds = 0.0

    public init() {}

    /// Counts a document read, before it is processed.
    mutating func count(_ document: Document) {
        documents += 1
        inputBytes += document.bytes.count
    }

    /// Counts a finished item: a record, or a document or piece that gave none.
    mutating func count(_ item: WorkItem) {
        if let rejection = item.rejection {
            failed += 1
            failures[rejection.code, default: 0] += 1
        } else {
            records += 1
            for diagnostic in item.record.diagnostics { diagnostics[diagnostic.code, default: 0] += 1 }
        }
    }

    /// Adds the counts of `other` (its `seconds` aside).
    mutating func add(_ other: RunSummary) {
        documents += other.documents
        records += other.records
        failed += other.failed
        inputBytes += other.inputBytes
        for (code, count) in other.diagnostics { diagnostics[code, default: 0] += count }
        for (code, count) in other.failures { failures[code, default: 0] += count }
        for (kind, count) in other.skipped { skipped[kind, default: 0] += count }
    }

    mutating func countFailure(_ rejection: Rejection) {
        documents += 1
        failed += 1
        failures[rejection.code, default: 0] += 1
    }
}
