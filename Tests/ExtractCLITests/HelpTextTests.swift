import Foundation
import Testing

/// Help as a newcomer reads it in an 80-column terminal: nothing wraps mid-phrase, examples stay
/// whole commands, and `extract stages` wraps its own lines under themselves.
@Suite struct HelpTextTests {
    /// Every command's words after `extract`, and its discussion.
    static func commands() throws -> [(words: [String], discussion: String)] {
        let commands = try CommandTree.commands().map { ($0.words, $0.info["discussion"] as? String ?? "") }
        #expect(commands.count >= 6)
        return commands
    }

    @Test func helpAt80ColumnsIsLaidOutAsWrittenAndNoLineIsLonger() throws {
        for command in try Self.commands() {
            let narrow = try CLI.run(command.words + ["--help"], environment: ["COLUMNS": "80"])
            let wide = try CLI.run(command.words + ["--help"], environment: ["COLUMNS": "400"])
            #expect(narrow.status == 0)
            // The overview and discussion (all before USAGE) are not re-wrapped by the help printer.
            func head(_ text: String) -> String { text.components(separatedBy: "\nUSAGE:")[0] }
            #expect(head(narrow.stdout) == head(wide.stdout), "extract \(command.words.joined(separator: " ")) --help is re-wrapped at 80 columns")
            for line in narrow.stdout.split(separator: "\n") {
                #expect(line.count <= 80, "extract \(command.words.joined(separator: " ")) --help: \(line.count) columns: \(line)")
            }
        }
    }

    @Test func everyExampleIsAWholeCommandOrContinuesOnPurpose() throws {
        for command in try Self.commands() {
            var continues = false
            for line in command.discussion.split(separator: "\n", omittingEmptySubsequences: false) {
                let text = line.trimmingCharacters(in: .whitespaces)
                if continues {
                    #expect(line.hasPrefix("      "), "a continuation line is indented under its command: \(line)")
                } else if line.hasPrefix("  extract ") || line.hasPrefix("  cat ") {
                    #expect(line.count <= 80)
                }
                continues = text.hasSuffix("\\")
            }
            #expect(!continues, "extract \(command.words.joined(separator: " ")): the last example ends in a continuation")
        }
    }

    @Test func noDiscussionLineStartsWithARoffControlCharacter() throws {
        // The manual page puts the discussion's lines into roff as they are: a line starting with
        // `.` or `'` would be read as a request and vanish from the page.
        for command in try Self.commands() {
            for line in command.discussion.split(separator: "\n") {
                #expect(!line.hasPrefix(".") && !line.hasPrefix("'"), "extract \(command.words.joined(separator: " ")): \(line)")
            }
        }
    }

    @Test func stagesWrapsItsLinesToTheWidthUnderThemselves() throws {
        for width in [80, 50] {
            let result = try CLI.run(["stages"], environment: ["COLUMNS": String(width)])
            #expect(result.status == 0)
            var inExample = false
            for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
                if line == "  example:" { inExample = true; continue }
                if line.isEmpty { inExample = false }
                // Examples are YAML, printed as written; everything else fits.
                if !inExample { #expect(line.count <= width, "\(width) columns: \(line)") }
            }
        }
        let segment = try CLI.run(["stages", "segment"], environment: ["COLUMNS": "60"]).stdout
        #expect(segment.hasPrefix("""
        segment: Finds named sections by heading patterns, plus the
          preamble before the first heading.
          options:
            sections (mapping of section name to heading pattern,
              required): headings, matched at line starts

        """))
    }
}
