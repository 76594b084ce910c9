import Testing
import PCRE2

@Suite struct PatternTests {
    private func matches(_ pattern: Pattern, _ text: String, scratch: MatchScratch = MatchScratch()) throws -> [String] {
        let bytes = Array(text.utf8)
        var found: [String] = []
        try bytes.withUnsafeBufferPointer { buffer in
            try scratch.forEachMatch(pattern, in: buffer) { match in
                if let r = match.range(0) { found.append(String(decoding: buffer[r], as: UTF8.self)) }
                return true
            }
        }
        return found
    }

    @Test func namedGroupsAreReadFromTheNameTable() throws {
        let pattern = try Pattern(#"(?<lo>\d+)-(?<hi>\d+)"#)
        #expect(pattern.captureCount == 2)
        #expect(pattern.groupNumber("lo") == 1)
        #expect(pattern.groupNumber("hi") == 2)
        #expect(pattern.groupNumber("missing") == nil)
        let scratch = MatchScratch()
        let bytes = Array("pay 36-59".utf8)
        let found = try bytes.withUnsafeBufferPointer { try scratch.match(pattern, in: $0) }
        #expect(found)
        #expect(scratch.range(1) == 4..<6)
        #expect(scratch.range(2) == 7..<9)
    }

    @Test func compileErrorCarriesMessageAndOffset() {
        #expect {
            _ = try Pattern("(?<name>abc")
        } throws: { error in
            guard let error = error as? PCRE2Error else { return false }
            return error.offset == 11 && error.message.contains("missing closing parenthesis")
        }
    }

    @Test func unicodeModeMatchesMultiByteCharactersAsOne() throws {
        let pattern = try Pattern(#"^• (?<item>\w+)"#, options: [.unicode, .multiline])
        #expect(try matches(pattern, "• Café\n• Naïve\nplain") == ["• Café", "• Naïve"])
    }

    @Test func emptyMatchesAdvanceByWholeCharacters() throws {
        let pattern = try Pattern("x*")
        // Four empty matches around three multi-byte characters plus one at the end; never mid-scalar.
        #expect(try matches(pattern, "éüö") == ["", "", "", ""])
    }

    @Test func matchLimitStopsCatastrophicBacktracking() throws {
        let pattern = try Pattern("(a+)+$")
        let scratch = MatchScratch(limits: .init(matchLimit: 10_000))
        let subject = Array((String(repeating: "a", count: 40) + "b").utf8)
        #expect {
            try subject.withUnsafeBufferPointer { try scratch.match(pattern, in: $0) }
        } throws: { error in
            (error as? PCRE2Error)?.isResourceLimit == true
        }
    }

    @Test func oneScratchServesPatternsWithDifferentGroupCounts() throws {
        let scratch = MatchScratch()
        let many = try Pattern(String(repeating: "(a)", count: 20))
        let few = try Pattern("(b)")
        let subject = Array((String(repeating: "a", count: 20) + "b").utf8)
        let (matchedFew, fewRange, matchedMany, manyRange) = try subject.withUnsafeBufferPointer { buffer throws in
            let first = try scratch.match(few, in: buffer)
            let firstRange = scratch.range(1)
            let second = try scratch.match(many, in: buffer)
            return (first, firstRange, second, scratch.range(20))
        }
        #expect(matchedFew && fewRange == 20..<21)
        #expect(matchedMany && manyRange == 19..<20)
    }

    @Test func compiledPatternIsSharedAcrossThreads() async throws {
        let pattern = try Pattern(#"\$(?<n>[\d,]+)"#)
        let text = String(repeating: "salary $36,000 and $59,000\n", count: 200)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let scratch = MatchScratch()
                    let bytes = Array(text.utf8)
                    var count = 0
                    try bytes.withUnsafeBufferPointer { buffer in
                        try scratch.forEachMatch(pattern, in: buffer) { _ in count += 1; return true }
                    }
                    return count
                }
            }
            var all: [Int] = []
            for try await count in group { all.append(count) }
            return all
        }
        #expect(counts == [400, 400, 400, 400])
    }
}
