/// Normalizes organisation names so spellings of one name compare equal: case, punctuation,
/// diacritics, `&` for `and`, abbreviated words (`Assn.`, `Natl.`, `Amer.`, `Mgmt.`, `Intl.`),
/// plurals, and a leading `the`.
///
/// `The Amer. Assn. of Medical Assistants` and `american association of medical assistant`
/// both become `american association of medical assistant`.
enum NameNormalizer {
    static let wordAbbreviations: [String: String] = [
        "assn": "association", "assoc": "association", "asso": "association", "natl": "national", "nat'l": "national",
        "amer": "american", "mgmt": "management", "mgt": "management", "intl": "international",
        "int'l": "international", "inst": "institute", "dept": "department", "bd": "board", "soc": "society",
        "univ": "university", "coll": "college", "govt": "government", "svcs": "service", "svc": "service",
        "hlth": "health", "cert": "certification", "certif": "certification", "commn": "commission", "comm": "commission",
        "ctr": "center", "cntr": "center", "centre": "center", "med": "medical", "tech": "technology", "prof": "professional",
        "mgr": "manager", "asst": "assistant", "admin": "administration", "dev": "development", "info": "information",
        "org": "organization", "fed": "federation", "lab": "laboratory",
    ]

    /// The normalized tokens of a name.
    static func tokens(_ text: String) -> [String] {
        // Room for a typical name up front, rather than growing each array from empty.
        var words: [String] = []
        words.reserveCapacity(8)
        var current: [UInt8] = []
        current.reserveCapacity(24)
        func flush() {
            guard !current.isEmpty else { return }
            words.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            // ASCII first: letters, digits, `&`, `+`, apostrophes; everything else separates words.
            if value < 0x80 {
                let byte = UInt8(value)
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    current.append(byte)
                } else if byte >= 0x41 && byte <= 0x5A {
                    current.append(byte | 0x20)
                } else if byte == 0x26 || byte == 0x2B {
                    flush()
                    words.append("and")
                } else if byte != 0x27 {
                    flush()
                }
                continue
            }
            let folded = fold(scalar)
            if folded == "\u{2019}" { continue }  // Nat’l, Women’s
            if folded.isLetterOrDigit {
                current.append(contentsOf: Array(String(folded).utf8))
            } else {
                flush()
            }
        }
        flush()
        var result: [String] = []
        result.reserveCapacity(words.count)
        for (index, word) in words.enumerated() {
            if index == 0 && word == "the" && words.count > 1 { continue }
            let expanded = wordAbbreviations[word] ?? word
            result.append(singular(expanded))
        }
        // `U.S.` → `us`
        var joined: [String] = []
        joined.reserveCapacity(result.count)
        var index = 0
        while index < result.count {
            if result[index] == "u", index + 1 < result.count, result[index + 1] == "s" {
                joined.append("us")
                index += 2
            } else {
                joined.append(result[index])
                index += 1
            }
        }
        return joined
    }

    static func key(_ text: String) -> String { tokens(text).joined(separator: " ") }

    /// A crude English singular, applied the same way to registry names and mentions.
    static func singular(_ word: String) -> String {
        word.utf8.withContiguousStorageIfAvailable { singular(word, $0) }
            ?? Array(word.utf8).withUnsafeBufferPointer { singular(word, $0) }
    }

    private static func singular(_ word: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // ASCII letters only, so the byte count is the letter count and suffixes compare as bytes.
        guard bytes.count > 3, bytes.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return word }
        func ends(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard bytes.count >= length else { return false }
            for offset in 0..<length where bytes[bytes.count - length + offset] != suffix.utf8Start[offset] { return false }
            return true
        }
        func dropping(_ count: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes.dropLast(count)), as: UTF8.self) }
        if ends("ies") { return dropping(3) + "y" }
        if ends("sses") || ends("xes") || ends("ches") || ends("shes") { return dropping(2) }
        if ends("ss") || ends("us") || ends("is") { return word }
        if ends("s") { return dropping(1) }
        return word
    }

    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value >= 0x41 && value <= 0x5A { return Unicode.Scalar(value + 32)! }
        if value < 0x80 { return scalar }
        if let ascii = latinBaseLetter(value) { return Unicode.Scalar(ascii) }
        return scalar
    }
}

extension Unicode.Scalar {
    fileprivate var isLetterOrDigit: Bool { properties.isAlphabetic || properties.numericType != nil }
}
