import ExtractCore
import Testing

/// The one walk of a record's output members that every emitter and `eval` make.
@Suite struct RecordOutputTests {
    /// Fields `a` (scalar), `hidden` (not output), `b` (a list); output order b, a.
    static var schema: Schema {
        var schema = Schema()
        schema.fields = [Schema.Field(id: FieldID(0), name: "a", shape: .scalar),
                         Schema.Field(id: FieldID(1), name: "hidden", shape: .scalar),
                         Schema.Field(id: FieldID(2), name: "b", shape: .list(.scalar))]
        schema.output = [FieldID(2), FieldID(0)]
        return schema
    }

    static let code = DiagnosticCode(stage: "fields", name: "not_found", meaning: "nothing matched")

    /// Each member as (kind, index, key, value).
    static func members(_ record: Record, spans: Bool) -> [(OutputMember.Kind, Int, String, Value)] {
        var members: [(OutputMember.Kind, Int, String, Value)] = []
        record.forEachOutputMember(schema: schema, options: EmitterOptions(includeSpans: spans)) { member in
            members.append((member.kind, member.index, member.key, member.values.value(member.value)))
        }
        return members
    }

    @Test func theOutputFieldsComeInOrderThenDiagnosticsThenSpans() {
        var record = Record(source: "s", fieldCount: 3)
        record[FieldID(1)] = "not written"
        record[FieldID(2)] = ["x", "y"]
        record.spans[2] = Span(start: 3, end: 9)
        record.itemSpans[2] = [Span(start: 3, end: 5), Span(start: 7, end: 9)]
        record.diagnostics = [Diagnostic(Self.code, field: "a", message: "no a", span: Span(start: 0, end: 2))]
        let members = Self.members(record, spans: true)
        #expect(members.map(\.0) == [.field(FieldID(2)), .field(FieldID(0)), .diagnostics, .spans])
        #expect(members.map(\.1) == [0, 1, 2, 3])
        #expect(members.map(\.2) == ["b", "a", "diagnostics", "_spans"])
        #expect(members.map(\.3) == [
            ["x", "y"],
            nil,
            [.object([.init("stage", "fields"), .init("field", "a"), .init("code", "fields.not_found"),
                      .init("message", "no a"), .init("span", [0, 2])])],
            .object([.init("b", [[3, 5], [7, 9]])]),
        ])
    }

    @Test func aRecordWithoutDiagnosticsEndsWithAnEmptyListAndNoSpansUnlessAsked() {
        var record = Record(source: "s", fieldCount: 3)
        record[FieldID(0)] = 1
        record.spans[0] = Span(start: 4, end: 5)
        #expect(Self.members(record, spans: false).map(\.2) == ["b", "a", "diagnostics"])
        #expect(Self.members(record, spans: false).last?.3 == [])
        let withSpans = Self.members(record, spans: true)
        #expect(withSpans.map(\.2) == ["b", "a", "diagnostics", "_spans"])
        #expect(withSpans.last?.3 == .object([.init("a", [4, 5])]))
    }

    @Test func theDiagnosticsMemberHoldsEachDiagnosticsValueWithASpanOnlyWhereThereIsOne() {
        var record = Record(source: "s", fieldCount: 3)
        record.diagnostics = [Diagnostic(Self.code, message: "m"), Diagnostic(Self.code, field: "b", message: "n", span: Span(start: 1, end: 2))]
        #expect(record.diagnostics[0].value == .object([.init("stage", "fields"), .init("field", nil),
                                                        .init("code", "fields.not_found"), .init("message", "m")]))
        #expect(Self.members(record, spans: false)[2].3 == .list(record.diagnostics.map(\.value)))
    }
}
