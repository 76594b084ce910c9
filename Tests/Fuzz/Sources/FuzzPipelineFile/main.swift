import ExtractCore
import ExtractStages
import FuzzSupport

/// Arbitrary bytes as a pipeline file: a pipeline or errors with locations, never a crash.
runFuzzer { data, size in
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    do {
        _ = try PipelineBuilder(registry: .builtIn).build(text: text, file: "fuzz.yaml", baseDirectory: repositoryRoot.appendingPathComponent("Pipelines").path)
    } catch {
        for issue in (error as? PipelineError)?.issues ?? [] { precondition(issue.location.line >= 1 && issue.location.column >= 1, "an error without a location") }
    }
    return 0
}
