import ExtractCore

/// A hand-built schema shaped like a career-page pipeline, and records full of strings that break
/// naive writers: what ``EmitterConformance`` writes and reads back. The field IDs are public so a
/// test can build more records of the same schema.
public enum ConformanceRecords {
    public static let id = FieldID(0)
    public static let source = FieldID(1)
    /// Provided by a stage but not written to output.
    public static let body = FieldID(2)
    public static let title = FieldID(3)
    public static let salary = FieldID(4)
    public static let jobGrowth = FieldID(5)
    public static let tags = FieldID(6)
    public static let pathway = FieldID(7)
    public static let notes = FieldID(8)

    public static let salaryShape = Shape.object([
        .init("min", .scalar), .init("max", .scalar), .init("currency", .scalar),
        .init("period", .scalar), .init("text", .scalar),
    ])
    public static let jobGrowthShape = Shape.object([.init("percent", .scalar), .init("period", .scalar), .init("text", .scalar)])
    public static let pathwayShape = Shape.list(.object([
        .init("step", .scalar), .init("title", .scalar), .init("required", .scalar), .init("skills", .list(.scalar)),
    ]))

    public static var schema: Schema {
        var schema = Schema()
        schema.fields = [
            Schema.Field(id: id, name: "id", shape: .scalar),
            Schema.Field(id: source, name: "source", shape: .scalar),
            Schema.Field(id: body, name: "body", shape: .scalar),
            Schema.Field(id: title, name: "title", shape: .scalar),
            Schema.Field(id: salary, name: "salary", shape: salaryShape),
            Schema.Field(id: jobGrowth, name: "job_growth", shape: jobGrowthShape),
            Schema.Field(id: tags, name: "tags", shape: .list(.scalar)),
            Schema.Field(id: pathway, name: "pathway", shape: pathwayShape),
            Schema.Field(id: notes, name: "notes", shape: .scalar),
        ]
        schema.output = [id, source, title, salary, jobGrowth, tags, pathway, notes]
        return schema
    }

    /// Strings that YAML 1.1 or 1.2 would read as something else, spreadsheets as formulas, or
    /// naive CSV and JSON writers would break on.
    public static let hostileTags: [String] = [
        "no", "yes", "on", "1e3", "0x10", "2024-01-01", "~", "null", "- dash", "key: value",
        " lead space", "#hash", "Café ☕", "", "back\\slash /path", "tab\there", "trailing ", "ends:",
        "bell\u{07}unit\u{1F}",
    ]

    public static let salaryText = "Pay \"up to\" $81,000.50, or more\r\nper year\nroughly"

    /// Everything hostile at once, with two diagnostics.
    public static var hostile: Record {
        var record = Record(source: "pages/career one.html", fieldCount: 9)
        record[id] = 1
        record[source] = "pages/career one.html"
        record[body] = "<html>not written</html>"
        record[title] = "=cmd|' /C calc'!A0"
        record[salary] = .object([
            .init("min", 52000), .init("max", 81000.5), .init("currency", "+1"),
            .init("period", "@SUM(A1)"), .init("text", .string(salaryText)),
        ])
        record[jobGrowth] = .object([.init("percent", -3.5), .init("period", "2024-01-01"), .init("text", "-3%")])
        record[tags] = .list(hostileTags.map(Value.string))
        record[pathway] = .list([
            .object([
                .init("step", 1), .init("title", "Apprentice, \"junior\""), .init("required", true),
                .init("skills", ["SQL", "=HYPERLINK(\"x\")"]),
            ]),
            .object([.init("step", 2), .init("title", "Lead: level 2 #1"), .init("required", false), .init("skills", [])]),
            .object([.init("step", 3), .init("title", nil), .init("required", false), .init("skills", ["yes"])]),
        ])
        record[notes] = nil
        record.spans[title.index] = Span(start: 10, end: 28)
        record.diagnostics = [
            Diagnostic(stage: "fields", field: "salary", code: "fields.unparsed",
                       message: "could not read \"$81,000.50+\"", span: Span(start: 120, end: 131)),
            Diagnostic(stage: "segment", code: "segment.missing_section", message: "no 'Outlook' section\nfound"),
        ]
        return record
    }

    /// A quiet record: a null object, a missing key, empty lists, no diagnostics.
    public static var quiet: Record {
        var record = Record(source: "pages/b.html", fieldCount: 9)
        record[id] = 2
        record[source] = "pages/b.html"
        record[title] = "Data Analyst"
        record[salary] = .null
        record[jobGrowth] = .object([.init("percent", 4), .init("text", "+4%")])
        record[tags] = []
        record[pathway] = []
        record[notes] = "Remote: yes\nHybrid: no"
        return record
    }

    /// A record with numbers where text might be expected: negative integers and a tag list
    /// starting with a formula.
    public static var numeric: Record {
        var record = Record(source: "pages/c.html", fieldCount: 9)
        record[id] = -7
        record[source] = "pages/c.html"
        record[title] = "-"
        record[salary] = .object([
            .init("min", -3), .init("max", 1e16), .init("currency", "EUR"), .init("period", "year"), .init("text", "€3"),
        ])
        record[jobGrowth] = .object([.init("percent", 0.0), .init("period", nil), .init("text", "0%")])
        record[tags] = ["=1+2", "x"]
        record[pathway] = [.object([.init("step", 1), .init("title", "@home"), .init("required", nil), .init("skills", [])])]
        record[notes] = "@"
        return record
    }

    public static var all: [Record] { [hostile, quiet, numeric] }
}
