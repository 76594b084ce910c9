import ExtractCore
import ExtractEmitters
import Testing

@Suite struct BuiltinEmittersTests {
    @Test func builtInRegistryListsTheFourFormatsInOrder() {
        #expect(EmitterRegistry.builtIn.formats == ["json", "jsonl", "csv", "yaml"])
    }

    @Test func formatsAndFileExtensionsSelectTheirEmitters() {
        let registry = EmitterRegistry.builtIn
        #expect(registry.emitter(format: "json") == JSONEmitter.self)
        #expect(registry.emitter(format: "jsonl") == JSONLinesEmitter.self)
        #expect(registry.emitter(format: "csv") == CSVEmitter.self)
        #expect(registry.emitter(format: "yaml") == YAMLEmitter.self)
        #expect(registry.emitter(format: "xml") == nil)
        #expect(registry.emitter(forExtension: "json") == JSONEmitter.self)
        #expect(registry.emitter(forExtension: "jsonl") == JSONLinesEmitter.self)
        #expect(registry.emitter(forExtension: "NDJSON") == JSONLinesEmitter.self)
        #expect(registry.emitter(forExtension: "csv") == CSVEmitter.self)
        #expect(registry.emitter(forExtension: "yaml") == YAMLEmitter.self)
        #expect(registry.emitter(forExtension: "yml") == YAMLEmitter.self)
    }
}

@Suite struct EmitterConcurrencyTests {
    @Test func encodingFromManyTasksAtOnceGivesTheSameBytesAsOneAtATime() async {
        let records = Fixture.all
        for type in EmitterRegistry.builtIn.emitters {
            let emitter = type.init(schema: Fixture.schema, options: EmitterOptions(includeSpans: true))
            let expected = records.map { record in
                var bytes: [UInt8] = []
                emitter.encode(record, into: &bytes)
                return bytes
            }
            let results = await withTaskGroup(of: (Int, [UInt8]).self) { group in
                for n in 0..<240 {
                    group.addTask {
                        var bytes: [UInt8] = []
                        emitter.encode(records[n % records.count], into: &bytes)
                        return (n, bytes)
                    }
                }
                var results: [(Int, [UInt8])] = []
                for await result in group { results.append(result) }
                return results
            }
            #expect(results.count == 240)
            #expect(results.allSatisfy { $0.1 == expected[$0.0 % records.count] }, "\(type.format)")
        }
    }
}

@Suite struct EmitterValueStorageTests {
    /// The record with every field first set to another value, then to its own again: the
    /// store then holds both, and only the last is reachable.
    static func setTwice(_ record: Record) -> Record {
        var twice = Record(source: record.source, fieldCount: record.fieldCount)
        for index in 0..<record.fieldCount { twice[FieldID(index)] = ["replaced", .object([.init("k", 1)])] }
        for index in 0..<record.fieldCount { twice[FieldID(index)] = record[FieldID(index)] }
        twice.spans = record.spans
        twice.itemSpans = record.itemSpans
        twice.diagnostics = record.diagnostics
        return twice
    }

    @Test func everyFormatWritesOnlyTheValueAFieldWasLastSetTo() {
        for type in EmitterRegistry.builtIn.emitters {
            for options in [EmitterOptions(), EmitterOptions(includeSpans: true)] {
                let once = emit(type, records: Fixture.all, options: options)
                let twice = emit(type, records: Fixture.all.map(Self.setTwice), options: options)
                #expect(twice == once, "\(type.format), spans: \(options.includeSpans)")
            }
        }
    }
}
