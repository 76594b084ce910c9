import ExtractCore
import ExtractEmitters
import ExtractStages
import Foundation

/// Renders an ``Inspection`` as one self-contained HTML file: the page's original text with
/// every value's span highlighted and every diagnostic marked, its sections as bands, and a side
/// panel listing the selection, every field (with links to its spans), the diagnostics, how each
/// organisation mention resolved, and the sections. Style, script and data are inline.
///
/// Anchors: the span of mark N starts at `#mN`, a diagnostic with a span at `#dN`; a field's row
/// is `#field-N` (N its place in the table), a diagnostic's `#diagnostic-N`, and a section's
/// label, where it starts, `#section-N`. The page text and every value are escaped; the data for
/// the script is JSON in `#inspect-data` with `<`, `>` and `&` escaped.
struct InspectionPage {
    let inspection: Inspection
    let text: PageText

    init(_ inspection: Inspection) {
        self.inspection = inspection
        text = PageText(bytes: inspection.bytes)
    }

    /// A field's colour: hues spread round the wheel by the golden angle, so neighbours differ.
    static func hue(field: Int) -> Int { Int((Double(field) * 137.508).truncatingRemainder(dividingBy: 360)) }

    func render() -> String {
        var html = ""
        html.reserveCapacity(inspection.bytes.count * 4 + 32_768)
        html += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>extract inspect: \(HTMLText.escape(inspection.source))</title>\n"
        html += "<style>\n\(InspectionAssets.style)\n</style>\n</head>\n<body>\n"
        header(into: &html)
        html += "<main id=\"page\" aria-label=\"the page's original text\">\n"
        for line in SourceLayout(inspection, text: text).lines { self.line(line, into: &html) }
        html += "</main>\n<aside>\n"
        html += "<section id=\"selection\"><h2>Selection</h2><div id=\"selection-body\"><p class=\"hint\">"
        html += "Click a highlight to see its field and value; hover for a summary.</p></div></section>\n"
        fieldTable(into: &html)
        diagnosticList(into: &html)
        entityList(into: &html)
        sectionList(into: &html)
        html += "</aside>\n<div id=\"tip\" hidden></div>\n<pre id=\"test-results\" hidden></pre>\n"
        html += "<script type=\"application/json\" id=\"inspect-data\">\(HTMLText.scriptJSON(JSONWriter.compact(data())))</script>\n"
        html += "<script>\n\(InspectionAssets.script)\n</script>\n</body>\n</html>\n"
        return html
    }

    // MARK: Header

    private func header(into html: inout String) {
        let withSpan = inspection.fields.filter { !$0.marks.isEmpty }.count
        let missing = inspection.bands.filter { $0.span == nil }.map(\.name)
        var facts = ["pipeline \(inspection.pipelineFile)", "\(inspection.fields.count) fields, \(withSpan) with a span",
                     "\(inspection.diagnostics.count) diagnostic\(inspection.diagnostics.count == 1 ? "" : "s")",
                     "\(inspection.bands.count - missing.count) of \(inspection.bands.count) sections found",
                     "\(inspection.bytes.count) bytes shown as \(text.encoding.rawValue)"]
        if !missing.isEmpty { facts[3] += " (missing: \(missing.joined(separator: ", ")))" }
        html += "<header>\n<h1>\(HTMLText.escape(inspection.source))</h1>\n<p>\(HTMLText.escape(facts.joined(separator: " · ")))</p>\n"
        if let rejection = inspection.rejection {
            html += "<p class=\"rejected\">No record: \(HTMLText.escape(rejection.message)) [\(HTMLText.escape(rejection.code))]</p>\n"
        }
        html += "</header>\n"
    }

    // MARK: The page text

    private func line(_ line: SourceLayout.Line, into html: inout String) {
        html += "<div class=\"line"
        if let band = line.band { html += " band\" data-band=\"\(band)\" style=\"--b:\(Self.hue(field: band))" }
        html += "\"><span class=\"ln\">\(line.number)</span><span class=\"src\">"
        for piece in line.pieces { self.piece(piece, into: &html) }
        html += "</span>"
        if !line.bandStarts.isEmpty {
            html += "<span>"
            for band in line.bandStarts {
                html += "<span class=\"band-label\" id=\"section-\(band)\" style=\"--b:\(Self.hue(field: band))\">"
                html += "\(HTMLText.escape(inspection.bands[band].name))</span>"
            }
            html += "</span>"
        }
        html += "</div>\n"
    }

    private func piece(_ piece: SourceLayout.Piece, into html: inout String) {
        switch piece {
        case .text(let range, let marks, let diagnostics):
            let content = HTMLText.escape(text.text(range))
            guard !marks.isEmpty || !diagnostics.isEmpty else {
                html += content
                return
            }
            var classes: [String] = []
            if let innermost = marks.last {
                classes.append("m")
                // Only a whole list covers it: text between the items (bullets, line breaks).
                if inspection.marks[innermost].kind == .list { classes.append("between") }
                // Every other item a shade darker, so items that follow each other are told apart.
                if let item = inspection.marks[innermost].item, item % 2 == 1 { classes.append("odd") }
            }
            if marks.count > 1 { classes.append("nested") }
            if !diagnostics.isEmpty { classes.append("diag") }
            html += "<span class=\"\(classes.joined(separator: " "))\""
            if let innermost = marks.last { html += " data-m=\"\(marks.map(String.init).joined(separator: " "))\" style=\"--h:\(hue(of: innermost))\"" }
            if !diagnostics.isEmpty { html += " data-d=\"\(diagnostics.map(String.init).joined(separator: " "))\"" }
            html += ">\(content)</span>"
        case .markStart(let id):
            html += "<span class=\"anchor\" id=\"m\(id)\"\(markAttributes(id))></span>"
        case .emptyMark(let id):
            html += "<span class=\"anchor pin empty\" id=\"m\(id)\" data-m=\"\(id)\" style=\"--h:\(hue(of: id))\"\(markAttributes(id))></span>"
        case .diagnosticStart(let id):
            let diagnostic = inspection.diagnostics[id]
            html += "<span class=\"pin problem\" id=\"d\(id)\" data-d=\"\(id)\" title=\"\(HTMLText.attribute(diagnostic.code))\"></span>"
        }
    }

    private func hue(of mark: Int) -> Int { Self.hue(field: inspection.marks[mark].field) }

    /// `data-field`, `data-item`, `data-span` of a mark's anchor: what it is, for tests and scripts.
    private func markAttributes(_ id: Int) -> String {
        let mark = inspection.marks[id]
        var attributes = " data-field=\"\(HTMLText.attribute(inspection.fields[mark.field].name))\" data-kind=\"\(mark.kind.rawValue)\""
        if let item = mark.item { attributes += " data-item=\"\(item)\"" }
        return attributes + " data-span=\"\(mark.span.start) \(mark.span.end)\""
    }

    // MARK: The side panel

    private func fieldTable(into html: inout String) {
        html += "<section id=\"fields\"><h2>Fields (\(inspection.fields.count))</h2>\n<table class=\"fields\">\n"
        for (index, field) in inspection.fields.enumerated() {
            html += "<tr id=\"field-\(index)\" data-field=\"\(HTMLText.attribute(field.name))\""
            html += field.inRecord ? ">" : " class=\"outside\" title=\"provided by a stage, not in the pipeline's record:\">"
            html += "<th><span class=\"swatch\" style=\"--h:\(Self.hue(field: index))\"></span>\(HTMLText.escape(field.name))"
            html += "<div class=\"links\">"
            if field.marks.isEmpty { html += "<span class=\"nospan\">no span</span>" }
            for id in field.marks {
                let mark = inspection.marks[id]
                let label = mark.item.map { "[\($0)]" } ?? (mark.kind == .list ? "list" : "span")
                html += "<a href=\"#m\(id)\">\(label)</a> "
            }
            for (id, diagnostic) in inspection.diagnostics.enumerated() where diagnostic.field == field.name {
                html += "<a class=\"code\" href=\"\(diagnostic.span == nil ? "#diagnostic-\(id)" : "#d\(id)")\">"
                html += "\(HTMLText.escape(diagnostic.code))</a> "
            }
            html += "</div></th><td><pre class=\"value\">\(HTMLText.escape(JSONWriter.pretty(field.value)))</pre></td></tr>\n"
        }
        html += "</table></section>\n"
    }

    private func diagnosticList(into html: inout String) {
        html += "<section id=\"diagnostics\"><h2>Diagnostics (\(inspection.diagnostics.count))</h2>\n"
        guard !inspection.diagnostics.isEmpty else {
            html += "<p class=\"nospan\">none</p></section>\n"
            return
        }
        html += "<table>\n"
        for (id, diagnostic) in inspection.diagnostics.enumerated() {
            html += "<tr id=\"diagnostic-\(id)\"><td><span class=\"code\">\(HTMLText.escape(diagnostic.code))</span>"
            if let field = diagnostic.field { html += "<br>\(HTMLText.escape(field))" }
            html += "</td><td>\(HTMLText.escape(diagnostic.message))</td><td class=\"links\">"
            html += diagnostic.span.map { "<a href=\"#d\(id)\">bytes \($0.start)–\($0.end)</a>" } ?? "<span class=\"nospan\">no span</span>"
            html += "</td></tr>\n"
        }
        html += "</table></section>\n"
    }

    private func entityList(into html: inout String) {
        guard !inspection.entities.isEmpty else { return }
        html += "<section id=\"entities\"><h2>Entities (\(inspection.entities.count) mentions)</h2>\n"
        for explanation in inspection.entities {
            let described = Self.describe(explanation)
            html += "<div class=\"mention\"><div>"
            if let mark = inspection.marks.first(where: { $0.entities.contains(explanation) }) {
                html += "<a href=\"#m\(mark.id)\">\(HTMLText.escape(described.heading))</a>"
            } else {
                html += HTMLText.escape(described.heading)
            }
            html += "</div><ul class=\"bodies\">"
            for body in described.bodies {
                html += "<li class=\"\(body.resolved ? "resolved" : "unresolved")\">\(HTMLText.escape(body.text))"
                if !body.candidates.isEmpty {
                    html += "<ul class=\"candidates\">" + body.candidates.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
                }
                html += "</li>"
            }
            html += "</ul></div>\n"
        }
        html += "</section>\n"
    }

    private func sectionList(into html: inout String) {
        guard !inspection.bands.isEmpty else { return }
        html += "<section id=\"sections\"><h2>Sections</h2>\n<table>\n"
        for (id, band) in inspection.bands.enumerated() {
            html += "<tr><th><span class=\"swatch\" style=\"--h:\(Self.hue(field: id))\"></span>\(HTMLText.escape(band.name))</th><td>"
            html += band.span.map { "<a href=\"#section-\(id)\">bytes \($0.start)–\($0.end)</a>" } ?? "<span class=\"nospan\">missing</span>"
            html += "</td></tr>\n"
        }
        html += "</table></section>\n"
    }

    // MARK: Entities in words

    struct DescribedMention: Equatable {
        struct Body: Equatable {
            var text: String
            var resolved: Bool
            var candidates: [String]
        }
        var heading: String
        var bodies: [Body]
    }

    /// A mention in words, as `extract entities` prints it: `certifications[2].issuers: 'AAMA
    /// or AMT'`, then per body `→ aama (American Association of Medical Assistants,
    /// organization) by abbreviation`, or `→ unresolved: 'X'` with the closest names.
    static func describe(_ explanation: MentionExplanation) -> DescribedMention {
        var heading = explanation.field
        if let item = explanation.item { heading += "[\(item)]" }
        if let key = explanation.key { heading += ".\(key)" }
        heading += ": '\(explanation.text)'"
        if !explanation.credentials.isEmpty { heading += " (credentials: \(explanation.credentials.joined(separator: ", ")))" }
        let bodies = explanation.bodies.map { body -> DescribedMention.Body in
            switch body {
            case .entity(let id, let name, let kind, let match):
                return .init(text: "→ \(id) (\(name), \(kind)) by \(EntitiesCommand.describe(match))", resolved: true, candidates: [])
            case .unresolved(let text, let candidates):
                let lines = candidates.map { "candidate \($0.id) (\($0.name)) similarity \(String(format: "%.3f", $0.score))" }
                return .init(text: "→ unresolved: '\(text)'", resolved: false,
                             candidates: lines.isEmpty ? ["no registry name shares a word with it"] : lines)
            }
        }
        return DescribedMention(heading: heading, bodies: bodies)
    }

    // MARK: Data for the script

    /// `{source, marks: [{id, field, fieldIndex, item, kind, span, hue, value, entities}], diagnostics: [{id, stage, field, code, message, span}]}`;
    /// a mark's `value` is its JSON text as `extract run` writes it (pretty).
    private func data() -> Value {
        let marks: [Value] = inspection.marks.map { mark in
            let entities: [Value] = mark.entities.map { explanation in
                let described = Self.describe(explanation)
                return .object([
                    .init("heading", .string(described.heading)),
                    .init("bodies", .list(described.bodies.map { body in
                        .object([.init("text", .string(body.text)), .init("resolved", .bool(body.resolved)),
                                 .init("candidates", .list(body.candidates.map(Value.string)))])
                    })),
                ])
            }
            return .object([
                .init("id", .integer(mark.id)),
                .init("field", .string(inspection.fields[mark.field].name)),
                .init("fieldIndex", .integer(mark.field)),
                .init("item", mark.item.map(Value.integer) ?? .null),
                .init("kind", .string(mark.kind.rawValue)),
                .init("span", [.integer(mark.span.start), .integer(mark.span.end)]),
                .init("hue", .integer(Self.hue(field: mark.field))),
                .init("value", .string(JSONWriter.pretty(mark.value))),
                .init("entities", .list(entities)),
            ])
        }
        let diagnostics: [Value] = inspection.diagnostics.enumerated().map { id, diagnostic in
            guard case .object(let members) = diagnostic.value else { return diagnostic.value }
            return .object([.init("id", .integer(id))] + members)
        }
        return .object([.init("source", .string(inspection.source)), .init("marks", .list(marks)),
                        .init("diagnostics", .list(diagnostics))])
    }
}
