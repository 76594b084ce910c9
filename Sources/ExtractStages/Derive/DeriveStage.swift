import ExtractCore

/// Computes fields from other fields or from the document itself.
///
/// Each field has one rule:
/// - `from: FIELD` and `parse: PARSER`: reads a string field with a value parser (`slug` of the title);
/// - `document: source`: the document's locator (path, `path#N`, JSON Lines id or WARC target URI);
///   `document: warc_record_id`, `http_status`, `content_type`: what a WARC record said of the
///   page (null for pages read from files);
/// - `sum: LIST` and `key: KEY`: the sum of `KEY` over the list's objects; null when the list is
///   empty, any item lacks a number there, or the list was cut off with the page (a total that
///   would be wrong is not given);
/// - `count: LIST`: the number of items (null when the list was cut off);
/// - `annual: FIELD`: a money object's figures per year, `{min, max}` (see ``AnnualPay``: hour ×
///   2,080, day × 260, week × 52, month × 12; null for an unknown period).
public struct DeriveStage: Stage {
    public static let description = StageDescription(
        kind: "derive",
        summary: "Computes fields from other fields (parse, sum, count, annual pay) or from the document (source, WARC record id, HTTP status, content type).",
        options: [
            OptionDescription("fields", "mapping of field name to rule",
                              "rules: {from, parse} | {document: source | warc_record_id | http_status | content_type} | {sum, key} | {count} | {annual: MONEY_FIELD} (per year: hour × 2080, day × 260, week × 52, month × 12; null for an unknown period)",
                              required: true),
        ],
        example: """
        - stage: fields
          fields:
            title: { pattern: '\\A(?<value>[^\\n]+)$' }
            salary: { pattern: '^Pay: (?<value>.+)$', value: value | money }
            steps:
              each: '^Step: (?<name>.+?) \\((?<months>\\d+) months\\)$'
              value: { name: name, months: months | integer }
        - stage: derive
          fields:
            id: { from: title, parse: slug }
            source: { document: source }
            total_months: { sum: steps, key: months }
            salary_annual: { annual: salary }
        """
    )

    enum Rule: Sendable {
        case parse(FieldID, any ValueParser.Type)
        case document(DocumentFact)
        case sum(FieldID, key: String)
        case count(FieldID)
        case annual(FieldID)
    }

    let rules: [(FieldID, String, Rule)]

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        let before = context.issues.issues.count
        var rules: [(FieldID, String, Rule)] = []
        for entry in options.required("fields", expected: "a mapping of field names to rules")?.entries() ?? [] {
            guard let spec = entry.value.options(allowed: ["from", "parse", "document", "sum", "key", "count", "annual"],
                                                 context: "derived field '\(entry.key)'") else { continue }
            var rule: Rule?
            var shape = Shape.scalar(.number)
            var nullable = true
            if let from = spec.optional("from") {
                if let name = from.string(), let field = context.requireField(name, at: from),
                   let parseNode = spec.required("parse", expected: "a value parser name"), let parserName = parseNode.string() {
                    if let parser = context.parsers.parser(named: parserName) {
                        rule = .parse(field.id, parser)
                        shape = parser.shape
                    } else {
                        parseNode.report("unknown value parser '\(parserName)'" + didYouMean(parserName, context.parsers.names),
                                         expected: "one of: " + context.parsers.names.joined(separator: ", "))
                    }
                }
            } else if let document = spec.optional("document") {
                if let fact = document.choice(DocumentFact.allCases.map(\.rawValue)).flatMap(DocumentFact.init(rawValue:)) {
                    rule = .document(fact)
                    shape = .scalar(fact.type)
                    nullable = fact != .source
                }
            } else if let sum = spec.optional("sum") {
                if let name = sum.string(), let field = context.requireField(name, at: sum),
                   let key = spec.required("key", expected: "the key to add up in each item")?.string() {
                    if case .list(let item) = field.shape, item[key] == nil {
                        sum.report("items of '\(name)' have no key '\(key)'", expected: "a key of the list's objects")
                    } else {
                        rule = .sum(field.id, key: key)
                    }
                }
            } else if let count = spec.optional("count") {
                if let name = count.string(), let field = context.requireField(name, at: count) {
                    rule = .count(field.id)
                    shape = .scalar(.integer)
                }
            } else if let annual = spec.optional("annual") {
                if let name = annual.string(), let field = context.requireField(name, at: annual) {
                    if case .object(let members) = field.shape, AnnualPay.requiredKeys.allSatisfy({ key in members.contains { $0.key == key } }) {
                        rule = .annual(field.id)
                        shape = AnnualPay.shape
                        nullable = false
                    } else {
                        annual.report("'\(name)' is not a money object", expected: "a field with keys min, max and period (`text | money`)")
                    }
                }
            } else {
                entry.keyNode.report("derived field '\(entry.key)' has no rule", expected: "one of: from, document, sum, count, annual")
            }
            guard let rule else { continue }
            rules.append((context.provideField(entry.key, shape: shape, nullable: nullable, at: entry.keyNode), entry.key, rule))
        }
        if context.issues.issues.count > before { throw StageBuildFailed() }
        self.rules = rules
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker { Worker(stage: self) }

    /// What `document:` can copy into the record.
    enum DocumentFact: String, CaseIterable, Sendable {
        case source
        case warcRecordID = "warc_record_id"
        case httpStatus = "http_status"
        case contentType = "content_type"

        /// The type of the value copied.
        var type: Shape.Scalar { self == .httpStatus ? .integer : .text }

        func value(of document: Document) -> Value {
            switch self {
            case .source: .string(document.source)
            case .warcRecordID: document.metadata.warcRecordID.map(Value.string) ?? .null
            case .httpStatus: document.metadata.httpStatus.map(Value.integer) ?? .null
            case .contentType: document.metadata.contentType.map(Value.string) ?? .null
            }
        }
    }

    public struct Worker: StageWorker {
        let stage: DeriveStage

        public mutating func process(_ item: inout WorkItem) {
            for (id, name, rule) in stage.rules {
                switch rule {
                case .document(let fact):
                    item.record[id] = fact.value(of: item.document)
                case .parse(let from, let parser):
                    guard case .string(let text)? = item.record[from] else { item.record[id] = .null; continue }
                    if let value = parser.parse(Array(text.utf8)[...]) {
                        item.record[id] = value
                    } else {
                        item.record[id] = .null
                        item.diagnose(Diagnostic(stage: "derive", field: name, code: "derive.unparsed",
                                                 message: "cannot read '\(text)' as \(parser.name)"))
                    }
                    item.record.spans[id.index] = item.record.spans[from.index]
                case .count(let list):
                    let count = item.record.cutOff[list.index] ? nil : Self.count(item.record, list)
                    item.record[id] = count.map(Value.integer) ?? .null
                case .sum(let list, let key):
                    item.record[id] = item.record.cutOff[list.index] ? .null : Self.sum(item.record, list, key: key)
                case .annual(let money):
                    // Read before the store is written to, so it is not copied.
                    let figures = Self.stored(item.record, money).map { AnnualPay.figures($0.0, $0.1) } ?? (nil, nil)
                    item.record.setRoot(AnnualPay.node(figures, in: &item.record.store), for: id)
                    item.record.spans[id.index] = item.record.spans[money.index]
                }
            }
        }

        /// A list field's store and node: the record's own, or, for a value set as a tree (by
        /// another package's stage), a store made for it.
        static func stored(_ record: Record, _ field: FieldID) -> (ValueStore, ValueStore.NodeID)? {
            if let root = record.root(field) { return (record.store, root) }
            guard let tree = record[field] else { return nil }
            var store = ValueStore()
            let node = store.append(tree)
            return (store, node)
        }

        /// The number of items of a list field; nil when it is not a list.
        static func count(_ record: Record, _ list: FieldID) -> Int? {
            guard let (store, root) = stored(record, list), store.kind(root) == .list else { return nil }
            return store.count(root)
        }

        /// The sum of `key` over a list field's objects: null when the list is empty or is no
        /// list, or an item lacks a number there; a decimal when any of them is one.
        static func sum(_ record: Record, _ list: FieldID, key: String) -> Value {
            guard let (store, root) = stored(record, list), store.kind(root) == .list, store.count(root) > 0 else { return .null }
            var integer = 0
            var decimal = 0.0
            var isDecimal = false
            for position in 0..<store.count(root) {
                guard let number = store.member(key, of: store.item(position, of: root)) else { return .null }
                if let value = store.integer(number) {
                    integer += value
                } else if let value = store.decimal(number) {
                    decimal += value
                    isDecimal = true
                } else {
                    return .null
                }
            }
            return isDecimal ? .decimal(decimal + Double(integer)) : .integer(integer)
        }
    }
}
