import ExtractCore

/// `word_count`: how many words a section (or the whole text) has, into an integer field, with
/// the section's span. A word is a run of characters between spaces, tabs and line ends.
public struct WordCountStage: Stage {
    public static let description = StageDescription(
        kind: "word_count",
        summary: "Counts the words of a section (or of the whole text) into an integer field.",
        options: [
            OptionDescription("field", "string", "the field to fill", required: true),
            OptionDescription("section", "string", "the section to count (default: the whole text)"),
        ],
        example: "- stage: word_count\n  field: words"
    )

    let field: FieldID
    let section: SectionID?

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        var section: SectionID?
        if let node = options.optional("section"), let name = node.string() {
            section = context.requireSection(name, at: node)
        }
        guard let node = options.required("field", expected: "a field name"), let name = node.string() else { throw StageBuildFailed() }
        field = context.provideField(name, shape: .scalar, at: node)
        self.section = section
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker { Worker(field: field, section: section) }

    public struct Worker: StageWorker {
        let field: FieldID
        let section: SectionID?

        public mutating func process(_ item: inout WorkItem) {
            let range: Range<Int>
            if let section {
                // A section that was not found leaves the field unset (segment reports it).
                guard let found = item.sections[section.index] else { return }
                range = found
            } else {
                range = 0..<item.text.count
            }
            var words = 0
            var inWord = false
            for byte in item.text[range] {
                let space = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
                if !space && !inWord { words += 1 }
                inWord = !space
            }
            item.record[field] = .integer(words)
            item.record.spans[field.index] = item.span(of: range)
        }
    }
}
