// swift-tools-version: 6.1
// libFuzzer targets for extract. Kept out of `swift test` and CI: build and run them with
// Tests/Fuzz/run.sh TARGET SECONDS (which passes -sanitize=fuzzer,address).
import PackageDescription

let targets = ["FuzzPipelineFile", "FuzzNormalize", "FuzzCareer", "FuzzValueParsers", "FuzzJSONLines", "FuzzWARC", "FuzzHTML"]

let package = Package(
    name: "extract-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "extract", path: "../..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "Extract", package: "extract")]),
    ] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport", .product(name: "Extract", package: "extract")]
        )
    }
)
