/// A stage kind: built once from its options in the pipeline file, then run by many workers.
///
/// Building is where everything expensive happens (compiling patterns, loading registries,
/// building indexes) and where the stage states what it needs and provides through the
/// ``BuildContext``, so a pipeline whose order cannot work fails before any input is read.
/// A stage from another package conforms to this protocol and is registered in a
/// ``StageRegistry`` exactly like the built-in ones.
public protocol Stage: Sendable {
    associatedtype Worker: StageWorker
    /// Name, summary, options and an example, for `extract stages` and the README.
    static var description: StageDescription { get }
    /// Reads options, reporting every mistake to `context.issues` (the builder treats a stage that
    /// reported any as failed); throws ``StageBuildFailed`` when it cannot be made at all.
    init(options: ConfigNode.Options, context: BuildContext) throws
    /// A worker with its own scratch space; called once per worker thread.
    func makeWorker(_ resources: WorkerResources) -> Worker
}

/// The part of a stage that processes documents. Never throws on bad input: it records
/// diagnostics on the item, or rejects the document with a reason.
public protocol StageWorker {
    mutating func process(_ item: inout WorkItem)
}

/// Per-worker scratch shared by the stages of one worker (for example one PCRE2 match state),
/// created lazily by type, and what the run asks of its records. Belongs to one thread.
public final class WorkerResources {
    private var storage: [ObjectIdentifier: AnyObject] = [:]
    /// Whether records must carry the source spans of their values (`--with-spans`). When not,
    /// stages may skip working them out; a record's spans are then nil.
    public let recordsSpans: Bool
    /// How a text page that is not UTF-8 is read (`--encoding`): for a stage that takes
    /// undecoded bytes, to pass to ``WorkItem/checkInput(encoding:)``.
    public let inputEncoding: InputEncoding

    public init(recordsSpans: Bool = true, inputEncoding: InputEncoding = .auto) {
        self.recordsSpans = recordsSpans
        self.inputEncoding = inputEncoding
    }

    /// The worker's instance of `type`, made by `make` the first time it is asked for.
    public func shared<T: AnyObject>(_ type: T.Type, _ make: () -> T) -> T {
        if let existing = storage[ObjectIdentifier(type)] as? T { return existing }
        let made = make()
        storage[ObjectIdentifier(type)] = made
        return made
    }
}
