import ExtractBuiltIn
import ExtractCore
import Foundation

/// The runtime every command uses. argument-parser makes the commands itself, so the runtime
/// cannot be handed to them: `ExtractCLI.main(runtime:)` sets it here once, before the arguments
/// are parsed, and the commands read it. Until it is set, it is ``ExtractRuntime/builtIn``.
enum CommandRuntime {
    private static let slot = Slot()

    /// The runtime the process was started with.
    static var current: ExtractRuntime { slot.value ?? .builtIn }

    /// Sets the runtime; only the first call counts (false for a later one).
    @discardableResult
    static func install(_ runtime: ExtractRuntime) -> Bool { slot.setOnce(runtime) }

    /// A value set once, read from any thread.
    private final class Slot: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: ExtractRuntime?

        var value: ExtractRuntime? {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }

        func setOnce(_ runtime: ExtractRuntime) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            guard stored == nil else { return false }
            stored = runtime
            return true
        }
    }
}
