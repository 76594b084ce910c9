// swift-tools-version: 6.1
// Benchmarks for `extract` with ordo-one/benchmark (package-benchmark), kept in a package of their
// own so the main package does not depend on the benchmark tooling. See README.md beside this file.
//
//     cd Benchmarks && swift package benchmark
import Foundation
import PackageDescription

// A path dependency's identity is the last component of its path: the name of the folder the
// main package is checked out in, whatever it is.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "ExtractBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        // The RuntimeInterposer default trait needs a package that is not mirrored here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ExtractBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Extract", package: mainPackage),
            ],
            path: "Benchmarks/ExtractBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
