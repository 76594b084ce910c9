import ExtractCore
import Testing

@Suite struct JSONValueReaderTests {
    @Test func readsNestedValuesKeepingKeyOrder() throws {
        let value = try JSONValueReader.read(Array(#"{"b": [1, 2.5, -3e2], "a": {"x": null, "y": true}, "s": "é\n\u00e9\ud83d\ude00"}"#.utf8))
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["b", "a", "s"])
        #expect(value["b"] == .list([.integer(1), .decimal(2.5), .decimal(-300)]))
        #expect(value["a"] == .object([.init("x", .null), .init("y", .bool(true))]))
        #expect(value["s"] == .string("é\né😀"))
    }

    @Test(arguments: ["{", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2", #""\ud83d""#, #""\ud83d\u0041""#])
    func malformedJSONIsAnError(text: String) {
        #expect(throws: JSONValueReader.Failure.self) { try JSONValueReader.read(Array(text.utf8)) }
    }
}
