import CLibXML2

/// libxml2's process-wide set-up, done once before any parser or XPath use. `xmlInitParser`
/// is not safe to race with itself; a global's lazy initializer runs exactly once.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() { _ = initialized }

    /// Keeps libxml2 from printing errors on this thread's stderr (its generic error handler is
    /// per thread). Called on every thread that parses or evaluates XPath.
    static func silenceErrors() { clibxml2_silence_generic_errors() }
}
