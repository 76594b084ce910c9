import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// The `exec` stage with real Python programs (`Fixtures/exec/`): fields merged, failures of one
/// document rejecting only that document and the program restarted, children reaped.
@Suite("Exec stage")
struct ExecStageTests {
    static let plugins = repositoryRoot.appendingPathComponent("Fixtures/exec").path

    /// A pipeline running `plugin` (a file in Fixtures/exec) after a segment and a fields stage.
    static func pipeline(_ plugin: String, provides: String = "{ pid: scalar }", timeout: String = "20s",
                         startTimeout: String = "20s") throws -> Pipeline {
        try buildPipeline("""
        stages:
          - stage: segment
            sections:
              duties: '^Primary Duties$'
              settings: '^Work Settings$'
          - stage: fields
            fields:
              title: { pattern: '\\A(?<value>[A-Z][^\\n]*)$', optional: true }
          - stage: exec
            command: ./\(plugin)
            timeout: \(timeout)
            start_timeout: \(startTimeout)
            provides: \(provides)
        """, file: "exec.yaml", baseDirectory: plugins)
    }

    static let fieldsProvides = """
    { words: scalar, text_bytes: scalar, pid: scalar, keywords: list, stats: { lines: scalar, has_title: scalar },
      title_upper: scalar, duty_count: scalar, duties_span_ok: scalar, shout: scalar, echo: scalar }
    """

    static let page = "Nurse\nPrimary Duties\n- Care for patients\n- Keep records\nWork Settings\nHospitals\n"

    /// The process id a plugin answered with.
    static func pid(_ page: ProcessedPage) -> pid_t? {
        if case .integer(let pid)? = page["pid"] { return pid_t(pid) } else { return nil }
    }

    /// Whether `pid` is gone: exited and reaped (a zombie would still answer signal 0).
    static func isReaped(_ pid: pid_t) -> Bool { kill(pid, 0) == -1 && errno == ESRCH }

    @Test func fieldsTheProgramAnswersAreMergedIntoTheRecord() throws {
        let pipeline = try Self.pipeline("fields.py", provides: Self.fieldsProvides)
        let result = process(Self.page, with: pipeline, source: "pages/nurse.txt")
        #expect(result.item.rejection == nil)
        #expect(result["words"] == 13)
        #expect(result["text_bytes"] == .integer(Self.page.utf8.count))
        #expect(result["keywords"] == ["Nurse", "Primary", "Duties"])
        #expect(result["stats"] == .object([.init("lines", 6), .init("has_title", true)]))
        #expect(result["shout"] == .null)
        #expect(result.diagnosticCodes.isEmpty)
    }

    @Test func theRequestCarriesTheFieldsSoFarAndTheSectionsWithTheirByteOffsets() throws {
        let pipeline = try Self.pipeline("fields.py", provides: Self.fieldsProvides)
        let result = process(Self.page, with: pipeline)
        #expect(result["title_upper"] == "NURSE")
        #expect(result["duty_count"] == 2)
        // The program checked that start..end of the text's UTF-8 bytes is the section's text.
        #expect(result["duties_span_ok"] == true)
        let nonASCII = process("Infirmière\nPrimary Duties\n- Soins 💉\nWork Settings\nHôpital\n", with: pipeline)
        #expect(nonASCII["duties_span_ok"] == true)
        #expect(nonASCII["title_upper"] == "INFIRMIÈRE")
    }

    @Test func textWithQuotesBackslashesAndControlCharactersReachesTheProgramIntact() throws {
        let text = "ECHO \"quoted\" back\\slash\ttab\u{01}\u{1F}\u{7F}ctrl\r\nline two 漢字 \u{2028} 💉\n"
        let result = process(text, with: try Self.pipeline("fields.py", provides: Self.fieldsProvides))
        #expect(result.item.rejection == nil)
        #expect(result["echo"] == .string(text))
    }

    /// Answers that are no response, each with the reason its rejection gives.
    static let invalidAnswers: [(answer: String, reason: String)] = [
        ("", "invalid JSON at byte 0 (unexpected end): ''"),
        ("[1, 2]", "not a JSON object: '[1, 2]'"),
        (#"{"fields": {"pid": 1}, "extra": true}"#, #"unknown key "extra" (a response has: fields, diagnostics, reject)"#),
        (#"{"fields": [1]}"#, #""fields" must be an object, found '[1]'"#),
        (#"{"reject": 3}"#, #""reject" must be a string, found '3'"#),
        (#"{"diagnostics": [{"code": "not a word", "message": "x"}]}"#,
         #"each diagnostic must be {"code": WORD, "message": TEXT} with an optional "field", found '{"code":"not a word","message":"x"}'"#),
    ]

    /// A pipeline whose program answers every page with `answer`.
    static func answering(_ answer: String, provides: String = "{ pid: scalar }") throws -> Pipeline {
        try buildPipeline("""
        stages:
          - stage: exec
            command: ./answer.py
            args: ['\(answer)']
            provides: \(provides)
        """, file: "exec.yaml", baseDirectory: plugins)
    }

    @Test(arguments: invalidAnswers.map(\.answer))
    func anAnswerThatIsNoResponseRejectsTheDocumentSayingWhy(answer: String) throws {
        let reason = try #require(Self.invalidAnswers.first { $0.answer == answer }).reason
        let result = process("Page\n", with: try Self.answering(answer))
        #expect(result.item.rejection == Rejection(code: "exec.bad_response", message: "'./answer.py' answered with no response: " + reason))
    }

    @Test(arguments: ["{}", #"{"fields": {}}"#, #"{"fields": {"pid": null}, "diagnostics": []}"#])
    func anAnswerWithNothingLeavesTheFieldsNull(answer: String) throws {
        let result = process("Page\n", with: try Self.answering(answer))
        #expect(result.item.rejection == nil)
        #expect(result.output == [.init("pid", .null), .init("diagnostics", [])])
        #expect(result.diagnosticCodes.isEmpty)
    }

    @Test func anObjectTheProgramAnswersHasEveryDeclaredKeyInTheDeclaredOrder() throws {
        let answer = #"{"fields": {"pay": {"max": 5}, "steps": [{"months": 3}, {"name": "b", "months": null}]}}"#
        let result = process("Page\n", with: try Self.answering(answer, provides: "{ pay: { min: scalar, max: scalar }, steps: [{ name: scalar, months: scalar }] }"))
        #expect(result.diagnosticCodes.isEmpty)
        #expect(result["pay"] == .object([.init("min", nil), .init("max", 5)]))
        #expect(result["steps"] == [.object([.init("name", nil), .init("months", 3)]), .object([.init("name", "b"), .init("months", nil)])])
    }

    @Test func aNullListItemIsAWrongShape() throws {
        let result = process("Page\n", with: try Self.answering(#"{"fields": {"tags": ["a", null]}}"#, provides: "{ tags: list }"))
        #expect(result["tags"] == .null)
        #expect(result.item.record.diagnostics.map(\.message) == ["tags[1] is null, and list items never are"])
    }

    @Test func aProgramDiagnosticIsAddedUnderExecWithItsField() throws {
        let pipeline = try Self.pipeline("fields.py", provides: Self.fieldsProvides)
        let result = process("no title here\n", with: pipeline)
        let diagnostic = try #require(result.item.record.diagnostics.first { $0.stage == "exec" })
        #expect(diagnostic.code == "exec.no_title")
        #expect(diagnostic.field == "title_upper")
        #expect(diagnostic.message == "the page has no title")
        #expect(result["title_upper"] == .null)
    }

    @Test func theProgramsRejectionRejectsTheDocument() throws {
        let result = process("Nurse\nREJECT ME\n", with: try Self.pipeline("fields.py", provides: Self.fieldsProvides))
        #expect(result.item.rejection == Rejection(code: "exec.rejected", message: "the page asked to be rejected"))
    }

    @Test func oneChildServesEveryDocumentOfAWorkerAndIsReapedWhenTheWorkerEnds() throws {
        let pipeline = try Self.pipeline("crash.py")
        var pids: [pid_t] = []
        do {
            var worker = pipeline.makeWorker()
            for index in 0..<3 {
                let item = worker.process(Document(source: "p\(index)", bytes: Array("Page \(index)\n".utf8)))
                pids.append(try #require(Self.pid(ProcessedPage(pipeline: pipeline, item: item))))
            }
            #expect(Set(pids).count == 1)
            #expect(!Self.isReaped(pids[0]))
        }
        #expect(Self.isReaped(pids[0]))
    }

    /// Runs three documents through one worker: before, the one that fails, after.
    static func failureInTheMiddle(_ pipeline: Pipeline, failing: String) -> [ProcessedPage] {
        var worker = pipeline.makeWorker()
        return ["Before\n", failing, "After\n"].enumerated().map { index, text in
            ProcessedPage(pipeline: pipeline, item: worker.process(Document(source: "doc\(index)", bytes: Array(text.utf8))))
        }
    }

    /// The failing document is rejected with `code` and the others give records; the first
    /// child was replaced and reaped.
    static func expectOnlyTheMiddleFailed(_ results: [ProcessedPage], code: String) throws -> Rejection {
        #expect(results[0].item.rejection == nil)
        #expect(results[2].item.rejection == nil)
        let rejection = try #require(results[1].item.rejection)
        #expect(rejection.code == code)
        let first = try #require(pid(results[0]))
        let restarted = try #require(pid(results[2]))
        #expect(first != restarted)
        #expect(isReaped(first))
        return rejection
    }

    @Test func aCrashRejectsThatDocumentOnlyAndTheProgramIsRestarted() throws {
        let results = Self.failureInTheMiddle(try Self.pipeline("crash.py"), failing: "CRASH\n")
        let rejection = try Self.expectOnlyTheMiddleFailed(results, code: "exec.crashed")
        #expect(rejection.message == "'./crash.py' exited with status 3 before answering")
    }

    @Test func aProgramKilledByASignalIsReportedWithTheSignal() throws {
        let results = Self.failureInTheMiddle(try Self.pipeline("crash.py"), failing: "SEGFAULT\n")
        let rejection = try Self.expectOnlyTheMiddleFailed(results, code: "exec.crashed")
        #expect(rejection.message == "'./crash.py' was killed by signal 11 (Segmentation fault) before answering")
    }

    @Test func aProgramRemovedAfterTheBuildRejectsAsNotStarted() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let plugin = folder.path + "/plugin.py"
        try FileManager.default.copyItem(atPath: Self.plugins + "/crash.py", toPath: plugin)
        let pipeline = try buildPipeline("stages:\n  - stage: exec\n    command: ./plugin.py\n    provides: { pid: scalar }\n",
                                         baseDirectory: folder.path)
        try FileManager.default.removeItem(atPath: plugin)
        let result = process("Page\n", with: pipeline)
        #expect(result.item.rejection == Rejection(code: "exec.not_started", message: "cannot start './plugin.py': No such file or directory"))
    }

    @Test func aProgramPastTheTimeoutIsKilledAndTheDocumentRejected() throws {
        let start = Date()
        let results = Self.failureInTheMiddle(try Self.pipeline("slow.py", timeout: "500ms"), failing: "SLOW\n")
        #expect(Date().timeIntervalSince(start) < 30)
        let rejection = try Self.expectOnlyTheMiddleFailed(results, code: "exec.timeout")
        #expect(rejection.message == "'./slow.py' did not answer within 500ms; it was killed")
    }

    @Test func aFreshProgramsFirstDocumentIsGivenItsStartTimeoutToo() throws {
        let start = Date()
        let result = process("SLOW\n", with: try Self.pipeline("slow.py", timeout: "300ms", startTimeout: "2s"))
        #expect(Date().timeIntervalSince(start) >= 2.3)
        #expect(result.item.rejection == Rejection(code: "exec.timeout",
                                                   message: "'./slow.py' did not answer within 300ms (and 2s to start); it was killed"))
    }

    @Test func anAnswerThatIsNotJSONRejectsAsBadResponseAndTheProgramIsRestarted() throws {
        let results = Self.failureInTheMiddle(try Self.pipeline("bad_json.py"), failing: "BAD\n")
        let rejection = try Self.expectOnlyTheMiddleFailed(results, code: "exec.bad_response")
        #expect(rejection.message.hasPrefix("'./bad_json.py' answered with no response: invalid JSON at byte"))
        #expect(rejection.message.hasSuffix("'this is not JSON {'"))
    }

    @Test func twoAnswerLinesForOneDocumentRejectAsBadResponse() throws {
        let results = Self.failureInTheMiddle(try Self.pipeline("bad_json.py"), failing: "TWICE\n")
        let rejection = try Self.expectOnlyTheMiddleFailed(results, code: "exec.bad_response")
        #expect(rejection.message.contains("more than one line") || rejection.message.contains("before it was sent this document"))
    }

    @Test func aTextLargerThanAPipeBufferGoesThroughAndSoDoesALargeAnswer() throws {
        let pipeline = try Self.pipeline("fields.py", provides: Self.fieldsProvides)
        let text = "Big page SHOUT\n" + String(repeating: "a line of text, é and 漢字 included\n", count: 40_000)
        #expect(text.utf8.count > 1_000_000)
        let result = process(text, with: pipeline)
        #expect(result.item.rejection == nil)
        #expect(result["text_bytes"] == .integer(text.utf8.count))
        #expect(result["shout"] == .string(text.uppercased()))
    }

    @Test func wrongShapesAndUndeclaredFieldsGiveDiagnosticsNotACrash() throws {
        let pipeline = try Self.pipeline("wrong_shapes.py",
                                         provides: "{ count: scalar, tags: list, info: { lang: scalar }, fine: scalar }")
        let result = process("Page\n", with: pipeline)
        #expect(result.item.rejection == nil)
        #expect(result["fine"] == "ok")
        #expect(result["count"] == .null)
        #expect(result["tags"] == .null)
        // An object answered wrong is absent: an object of its keys, each null, as any absent object.
        #expect(result["info"] == .object([.init("lang", nil)]))
        let exec = result.item.record.diagnostics.filter { $0.stage == "exec" }
        #expect(exec.map(\.code) == ["exec.wrong_shape", "exec.wrong_shape", "exec.wrong_shape", "exec.undeclared_field"])
        #expect(exec.map(\.field) == ["count", "tags", "info", "secret"])
        #expect(exec[0].message == "count must be a scalar, found a list")
        #expect(exec[1].message == "tags[1] must be a scalar, found an object")
        #expect(exec[2].message == "info has key 'extra', which is not declared (declared: lang)")
        #expect(exec[3].message == "'./wrong_shapes.py' set field 'secret', which the stage does not provide (provides: count, fine, info, tags)")
    }

    @Test func aChildThatIgnoresTheEndOfItsInputIsKilledWhenTheWorkerEnds() throws {
        let pipeline = try Self.pipeline("ignores_eof.py")
        var pid: pid_t?
        let start = Date()
        do {
            var worker = pipeline.makeWorker()
            let item = worker.process(Document(source: "p", bytes: Array("Page\n".utf8)))
            pid = Self.pid(ProcessedPage(pipeline: pipeline, item: item))
        }
        #expect(Self.isReaped(try #require(pid)))
        #expect(Date().timeIntervalSince(start) < 30)
    }
}
