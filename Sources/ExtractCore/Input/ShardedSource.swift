/// Which share of the input one of `count` processes reads: `--shard index/count`, from 0.
public struct Shard: Sendable, Equatable {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `2/8` → index 2 of 8; nil when it is not `i/n` with 0 ≤ i < n.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }
}

/// The entries of a source that fall to one shard: those at positions `index`, `index + count`,
/// `index + 2·count` … of the input order, counting documents and failures; records the reader
/// skips (WARC requests, metadata) are counted in shard 0 only.
///
/// Every process given the same inputs and its own shard reads a disjoint share, and together
/// the shards read every entry once, with no coordination. Entries of other shards are passed
/// over before they are loaded: a page file is not read, a JSON Lines line not parsed, a WARC
/// response not decoded (an archive's gzip members are still inflated, to find its records).
public struct ShardedSource<Base: DocumentSource>: DocumentSource {
    private var base: Base
    private let shard: Shard
    /// How many entries of the whole input have been seen, in every shard.
    public private(set) var entriesSeen = 0

    public init(_ base: Base, shard: Shard) {
        self.base = base
        self.shard = shard
    }

    public mutating func next() -> InputEntry? { nextPending()?.load() }

    public mutating func nextPending() -> PendingInput? {
        while let entry = base.nextPending() {
            entriesSeen += 1
            // A record the reader skips (a WARC request, metadata or warcinfo record) takes no
            // share: counted once, in shard 0, it would otherwise put the pages of an archive
            // (request, response, metadata, ...) all in one shard.
            if entry.isSkipped {
                if shard.index == 0 { return entry }
                continue
            }
            let position = shares
            shares += 1
            if position % shard.count == shard.index { return entry }
        }
        return nil
    }

    /// How many entries that take a share (all but skipped records) have been seen.
    private var shares = 0
}
