import ExtractCore

/// A ``Template`` flattened into instructions over plain tables, made once when the pipeline is
/// built. Evaluating a template for every match walks these through pointers: no enum payloads
/// or class references are copied, so no reference counting happens per match.
///
/// Instructions are in prefix order: `.object(count)` is followed by its `count` members, each
/// `.member(key)` by its value's instructions.
final class TemplateProgram: @unchecked Sendable {
    enum Instruction {
        /// The value of `captures[n]`.
        case capture(Int)
        /// An object of the members that follow.
        case object(memberCount: Int)
        /// A member named `keys[n]`; its value follows.
        case member(key: Int)
        /// The members of `spreads[n]`.
        case spread(Int)
    }

    struct Capture {
        /// In `groups`: the capture's group numbers, the first set one is read.
        var groups: Range<Int>
        var parser: (any ValueParser.Type)?
        /// In `captureNames`.
        var name: Int
        /// The keys taken from the parser's value.
        var selection: Selection
    }

    /// A ``KeySelection`` with its keys as indices in `keys`.
    enum Selection {
        case none
        /// The value of one key.
        case key(Int)
        /// An object of these keys (in `selectedKeys`).
        case keys(Range<Int>)
    }

    struct Spread {
        /// In `captures`.
        var capture: Int
        /// In `spreadNames`: (parser key, output key) pairs, as indices in `keys`; every output key
        /// is written, as null when the value is absent or unreadable.
        var names: Range<Int>
    }

    let instructions: UnsafeMutableBufferPointer<Instruction>
    let captures: UnsafeMutableBufferPointer<Capture>
    let groups: UnsafeMutableBufferPointer<Int>
    let spreads: UnsafeMutableBufferPointer<Spread>
    let spreadNames: UnsafeMutableBufferPointer<(key: Int, output: Int)>
    let selectedKeys: UnsafeMutableBufferPointer<Int>
    /// Key `n` is `keyBytes[keys[n]]`.
    let keys: UnsafeMutableBufferPointer<Range<Int>>
    let keyBytes: UnsafeMutableBufferPointer<UInt8>
    /// Capture names, for diagnostics.
    let captureNames: [String]

    init(_ template: Template) {
        var builder = Builder()
        builder.add(template)
        instructions = .copying(builder.instructions)
        captures = .copying(builder.captures)
        groups = .copying(builder.groups)
        spreads = .copying(builder.spreads)
        spreadNames = .copying(builder.spreadNames)
        selectedKeys = .copying(builder.selectedKeys)
        keys = .copying(builder.keys)
        keyBytes = .copying(builder.keyBytes)
        captureNames = builder.captureNames
    }

    deinit {
        instructions.deallocate()
        captures.deallocate()
        groups.deallocate()
        spreads.deallocate()
        spreadNames.deallocate()
        selectedKeys.deallocate()
        keys.deallocate()
        keyBytes.deallocate()
    }

    /// The bytes of key `n`.
    @inline(__always) func key(_ n: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: keyBytes[keys[n]])
    }

    /// The groups of capture `n`.
    @inline(__always) func groups(of capture: Int) -> UnsafeBufferPointer<Int> {
        UnsafeBufferPointer(rebasing: groups[captures[capture].groups])
    }

    /// When the whole template is one capture, that capture (whose range is then the value's span).
    var singleCapture: Int? {
        if case .capture(let n) = instructions[0] { return n }
        return nil
    }

    private struct Builder {
        var instructions: [Instruction] = []
        var captures: [Capture] = []
        var groups: [Int] = []
        var spreads: [Spread] = []
        var spreadNames: [(key: Int, output: Int)] = []
        var selectedKeys: [Int] = []
        var keys: [Range<Int>] = []
        var keyBytes: [UInt8] = []
        var captureNames: [String] = []

        mutating func add(_ template: Template) {
            switch template {
            case .capture(let capture):
                instructions.append(.capture(add(capture)))
            case .object(let members):
                instructions.append(.object(memberCount: members.count))
                for member in members {
                    switch member {
                    case .key(let keyed):
                        instructions.append(.member(key: key(keyed.key)))
                        add(keyed.template)
                    case .spread(let spread):
                        let capture = add(spread.capture)
                        let namesStart = spreadNames.count
                        for name in spread.names { spreadNames.append((key(name.key), key(name.output))) }
                        spreads.append(Spread(capture: capture, names: namesStart..<spreadNames.count))
                        instructions.append(.spread(spreads.count - 1))
                    }
                }
            }
        }

        mutating func add(_ capture: Template.Capture) -> Int {
            let start = groups.count
            groups.append(contentsOf: capture.groups)
            captureNames.append(capture.name)
            var selection = Selection.none
            switch capture.selection {
            case nil: break
            case .key(let name)?: selection = .key(key(name))
            case .keys(let names)?:
                let selectedStart = selectedKeys.count
                for name in names { selectedKeys.append(key(name)) }
                selection = .keys(selectedStart..<selectedKeys.count)
            }
            captures.append(Capture(groups: start..<groups.count, parser: capture.parser, name: captureNames.count - 1,
                                    selection: selection))
            return captures.count - 1
        }

        mutating func key(_ text: String) -> Int {
            let start = keyBytes.count
            keyBytes.append(contentsOf: text.utf8)
            keys.append(start..<keyBytes.count)
            return keys.count - 1
        }
    }
}

extension UnsafeMutableBufferPointer {
    /// A new buffer holding `elements` (at least one slot, so its base address is never nil).
    fileprivate static func copying(_ elements: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: Swift.max(elements.count, 1))
        _ = buffer.initialize(from: elements)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<elements.count])
    }
}
