import ExtractBuiltIn
import ExtractCore
import ExtractEmitters
import ExtractStages
import ExtractTestSupport
import Testing

/// A value parser from outside the project's modules: the text backwards.
private enum ReversedParser: ValueParser {
    static let name = "reversed"
    static let summary = "the text backwards"
    static let examples = [ValueParserExample("abc", "cba")]
    static func parse(_ text: ArraySlice<UInt8>) -> Value? { .string(String(String(decoding: text, as: UTF8.self).reversed())) }
}

/// An output format from outside: one source per line.
private struct SourcesEmitter: Emitter {
    static let format = "sources"
    static let fileExtensions = ["src"]
    static let summary = "the source of each record"
    init(schema: Schema, options: EmitterOptions) {}
    func header() -> [UInt8] { [] }
    var separator: [UInt8] { [0x0A] }
    func encode(_ record: Record, into output: inout [UInt8]) { output.append(contentsOf: record.source.utf8) }
    func footer(recordCount: Int) -> [UInt8] { recordCount > 0 ? [0x0A] : [] }
}

/// The runtime: one value holding the four registries, each part added with one call.
@Suite struct RuntimeTests {
    static let runtime = ExtractRuntime.builtIn.adding(ReversedParser.self).adding(SourcesEmitter.self)

    @Test func theBuiltInRuntimeHoldsEveryBuiltInPart() {
        let runtime = ExtractRuntime.builtIn
        #expect(runtime.stages.kinds == StageRegistry.builtIn.kinds)
        #expect(runtime.parsers.names == ValueParserRegistry.builtIn.names)
        #expect(runtime.emitters.formats == ["json", "jsonl", "csv", "yaml"])
        #expect(runtime.readers.formats == ["text", "jsonl", "warc"])
    }

    @Test func addingAPartPutsItInItsRegistryOnly() {
        #expect(Self.runtime.parsers.names == ValueParserRegistry.builtIn.names + ["reversed"])
        #expect(Self.runtime.emitters.formats == ["json", "jsonl", "csv", "yaml", "sources"])
        #expect(Self.runtime.emitters.emitter(forExtension: "SRC") == SourcesEmitter.self)
        #expect(Self.runtime.stages.kinds == StageRegistry.builtIn.kinds)
        #expect(Self.runtime.readers.formats == ["text", "jsonl", "warc"])
    }

    @Test func aParserFromAnotherPackageWorksInTemplatesAndInDerive() throws {
        let yaml = """
        stages:
          - stage: fields
            fields:
              title: { pattern: '\\A(?<value>[^\\n]+)', value: value | reversed }
              plain: { pattern: '\\A(?<value>[^\\n]+)' }
          - stage: derive
            fields:
              derived: { from: plain, parse: reversed }
        """
        let pipeline = try Self.runtime.builder.build(text: yaml, file: "p.yaml")
        let page = process("Nurse\nrest", with: pipeline)
        #expect(page["title"] == "esruN")
        #expect(page["derived"] == "esruN")
        // Without it, both places report the parser as unknown, listing those there are.
        let error = pipelineError(yaml)
        #expect(error?.issues.count == 2)
        #expect(error?.issues.allSatisfy { $0.message.contains("'reversed'") } ?? false)
    }

    @Test func aParserRegisteredUnderABuiltInNameReplacesItInPlace() {
        enum LoudString: ValueParser {
            static let name = "string"
            static let summary = "upper case"
            static func parse(_ text: ArraySlice<UInt8>) -> Value? { .string(String(decoding: text, as: UTF8.self).uppercased()) }
        }
        let parsers = ValueParserRegistry.builtIn.adding(LoudString.self)
        #expect(parsers.names == ValueParserRegistry.builtIn.names)
        #expect(parsers.parser(named: "string") == LoudString.self)
    }
}
