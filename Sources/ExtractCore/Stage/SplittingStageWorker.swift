/// A stage worker that turns one work item into any number of pieces, each of which the rest of
/// the pipeline processes as if it were a document of its own, and each of which gives its own
/// record (or its own rejection).
///
/// A listing page of twenty occupations becomes twenty records this way. A stage whose worker
/// conforms is run through ``split(_:emit:)`` instead of ``StageWorker/process(_:)``, whichever
/// package it comes from; the pipeline finds out from the worker's type. ``WorkItem/cut(_:emit:)``
/// makes pieces from ranges of the text so that their sources, spans, fields, diagnostics and
/// truncation follow the rules every splitting stage shares.
public protocol SplittingStageWorker: StageWorker {
    /// Cuts `item` into pieces, handing each to `emit` in text order; each is finished by the
    /// later stages before the next one is made, so a page of many pieces is never held whole.
    ///
    /// To reject the whole document instead, set `item.rejection` (and emit nothing). A document
    /// for which nothing is emitted and nothing is rejected is rejected by the pipeline with
    /// `<kind>.no_pieces`: every document gives a record or a reason.
    mutating func split(_ item: inout WorkItem, emit: (consuming WorkItem) -> Void)
}

extension SplittingStageWorker {
    /// Not called by the pipeline, which calls ``split(_:emit:)``; leaves the item as it is.
    public mutating func process(_ item: inout WorkItem) {}
}

extension Stage {
    /// Whether the stage's worker cuts documents into pieces (``SplittingStageWorker``).
    public static var splitsDocuments: Bool { Worker.self is any SplittingStageWorker.Type }
}
