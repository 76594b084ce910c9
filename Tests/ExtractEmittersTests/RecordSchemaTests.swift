import ExtractCore
import ExtractEmitters
import Testing

/// The JSON Schema `extract schema` prints, built from declared shapes. (Records are validated
/// against it by python-jsonschema in Tests/Interop/schema_test.py.)
@Suite struct RecordSchemaTests {
    static let schema: Schema = {
        var schema = Schema()
        schema.fields = [
            Schema.Field(id: FieldID(0), name: "source", shape: .scalar(.text), nullable: false),
            Schema.Field(id: FieldID(1), name: "pay", shape: .object([
                .init("min", .scalar(.number)), .init("currency", .scalar(.text), nullable: false),
            ])),
            Schema.Field(id: FieldID(2), name: "steps", shape: .list(.object([.init("months", .scalar(.integer))])), nullable: false),
            Schema.Field(id: FieldID(3), name: "remote", shape: .scalar(.boolean)),
            Schema.Field(id: FieldID(4), name: "extra", shape: .scalar),
            Schema.Field(id: FieldID(5), name: "blob", shape: .object([])),
            Schema.Field(id: FieldID(6), name: "hidden", shape: .scalar(.text)),
        ]
        schema.output = (0..<6).map(FieldID.init)
        return schema
    }()

    static func property(_ schema: Value, _ path: String...) -> Value? {
        var value: Value? = schema
        for key in path { value = value?[key] }
        return value
    }

    @Test func scalarsHaveTheirJSONTypeAndNullWhereItMayStand() {
        let json = RecordSchema.jsonSchema(of: Self.schema, name: "test")
        #expect(Self.property(json, "properties", "source") == .object([.init("type", "string")]))
        #expect(Self.property(json, "properties", "remote", "type") == ["boolean", "null"])
        #expect(Self.property(json, "properties", "extra", "type") == ["string", "number", "boolean", "null"])
        #expect(Self.property(json, "properties", "pay", "properties", "min", "type") == ["number", "null"])
        // A key never null in a value found is null in the object of nulls written when none is.
        #expect(Self.property(json, "properties", "pay", "properties", "currency", "type") == ["string", "null"])
    }

    @Test func objectsRequireEveryDeclaredKeyAndNoOther() {
        let json = RecordSchema.jsonSchema(of: Self.schema, name: "test")
        // Outside lists an object is never null: an absent one is an object of nulls.
        #expect(Self.property(json, "properties", "pay", "type") == "object")
        #expect(Self.property(json, "properties", "pay", "required") == ["min", "currency"])
        #expect(Self.property(json, "properties", "pay", "additionalProperties") == false)
        // An object shape without declared keys is any object.
        #expect(Self.property(json, "properties", "blob") == .object([.init("type", ["object", "null"])]))
    }

    @Test func objectsInsideObjectsAreNeverNullButObjectsInListItemsMayBe() {
        var schema = Schema()
        let organization = Shape.object([.init("id", .scalar(.text), nullable: false)])
        schema.fields = [
            Schema.Field(id: FieldID(0), name: "salary", shape: .object([
                .init("range", .object([.init("min", .scalar(.number), nullable: false)])),
            ]), nullable: false),
            Schema.Field(id: FieldID(1), name: "citations", shape: .list(.object([.init("organization", organization)])), nullable: false),
        ]
        schema.output = [FieldID(0), FieldID(1)]
        let json = RecordSchema.jsonSchema(of: schema, name: "test")
        // salary is always found, but its range may be absent: an object whose keys may be null.
        #expect(Self.property(json, "properties", "salary", "type") == "object")
        #expect(Self.property(json, "properties", "salary", "properties", "range", "type") == "object")
        #expect(Self.property(json, "properties", "salary", "properties", "range", "properties", "min", "type") == ["number", "null"])
        // In a list item an absent object stays null, and a key found is as declared.
        let item = Self.property(json, "properties", "citations", "items", "properties", "organization")
        #expect(item?["type"] == ["object", "null"])
        #expect(item?["properties"]?["id"]?["type"] == "string")
    }

    @Test func listItemsAreNeverNull() {
        let json = RecordSchema.jsonSchema(of: Self.schema, name: "test")
        #expect(Self.property(json, "properties", "steps", "type") == "array")
        #expect(Self.property(json, "properties", "steps", "items", "type") == "object")
        #expect(Self.property(json, "properties", "steps", "items", "properties", "months", "type") == ["integer", "null"])
    }

    @Test func theRecordHoldsItsOutputFieldsAndDiagnosticsAndNothingElse() {
        let json = RecordSchema.jsonSchema(of: Self.schema, name: "test")
        #expect(json["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(json["title"] == "A record of the pipeline 'test'")
        #expect(json["required"] == ["source", "pay", "steps", "remote", "extra", "blob", "diagnostics"])
        #expect(json["additionalProperties"] == false)
        #expect(Self.property(json, "properties", "hidden") == nil)
        #expect(Self.property(json, "properties", "diagnostics", "items") == .object([.init("$ref", "#/$defs/diagnostic")]))
        #expect(Self.property(json, "$defs", "diagnostic", "required") == ["stage", "field", "code", "message"])
        #expect(Self.property(json, "properties", "_spans") == nil)
    }

    @Test func withSpansEachFieldMayHaveARangeAndListsOnePerItem() {
        let json = RecordSchema.jsonSchema(of: Self.schema, name: "test", withSpans: true)
        guard case .list(let required)? = json["required"] else { Issue.record("no required list"); return }
        #expect(required.last == "_spans")
        #expect(Self.property(json, "properties", "_spans", "properties", "pay") == .object([.init("$ref", "#/$defs/span")]))
        #expect(Self.property(json, "properties", "_spans", "properties", "steps", "anyOf") == [
            .object([.init("$ref", "#/$defs/span")]),
            .object([.init("type", "array"), .init("items", .object([.init("$ref", "#/$defs/span")]))]),
        ])
        #expect(Self.property(json, "properties", "_spans", "required") == nil)
    }
}
