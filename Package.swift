// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "extract",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "extract", targets: ["extract"]),
        /// The library: the pipeline core, the built-in stages and emitters, the built-in runtime
        /// (`ExtractRuntime.builtIn`) and the PCRE2 wrapper. The stages link libpcre2-8 and libxml2 (shared).
        .library(name: "Extract", targets: ["ExtractCore", "ExtractStages", "ExtractEmitters", "ExtractBuiltIn", "PCRE2"]),
        /// The `extract` command line as a library, for packages that build their own `extract`
        /// with more stages, parsers, formats or readers.
        .library(name: "ExtractCLI", targets: ["ExtractCLI"]),
        /// Conformance kits for plugin authors: the checks the built-in stages, value parsers and
        /// emitters pass, as plain functions returning failures (for XCTest or Swift Testing).
        .library(name: "ExtractConformance", targets: ["ExtractConformance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Test-only: a real CSV reader to read our CSV output back.
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        // Test-only: property tests (generated inputs, shrunk to the smallest failing one).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        /// zlib, for gzip-compressed WARC files and gzip/deflate HTTP bodies.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        /// libxml2's HTML parser and XPath, for the `html` stage (a shared library: libxml2.so.2).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        /// System calls Swift's Glibc does not import (sync_file_range, pipe2, posix_spawn's addchdir).
        .target(name: "CExtractSystem"),
        .target(name: "ExtractCore", dependencies: ["Yams", "CExtractSystem", "CZlib"]),
        .target(name: "ExtractStages", dependencies: ["ExtractCore", "PCRE2", "CLibXML2", "CExtractSystem"]),
        .target(name: "ExtractEmitters", dependencies: ["ExtractCore"]),
        /// `ExtractRuntime.builtIn`: every built-in stage, value parser, output format and input reader.
        .target(name: "ExtractBuiltIn", dependencies: ["ExtractCore", "ExtractStages", "ExtractEmitters"]),
        /// Checks a stage, value parser or emitter from any package must pass (tests link it).
        .target(name: "ExtractConformance", dependencies: ["ExtractCore", "ExtractBuiltIn", "Yams"]),
        /// The command line as a library: another package's `main` can run it with more parts.
        .target(
            name: "ExtractCLI",
            dependencies: [
                "ExtractCore", "ExtractStages", "ExtractEmitters", "ExtractBuiltIn",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "extract", dependencies: ["ExtractCLI"]),
        .target(
            name: "ExtractTestSupport",
            dependencies: ["ExtractCore", "ExtractStages", "ExtractEmitters"],
            path: "Tests/ExtractTestSupport"
        ),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(
            name: "ExtractCoreTests",
            dependencies: [
                "ExtractCore", "ExtractTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ExtractStagesTests",
            dependencies: [
                "ExtractStages", "ExtractTestSupport", "ExtractConformance",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ExtractEmittersTests",
            dependencies: [
                "ExtractEmitters", "ExtractTestSupport", "ExtractConformance", "Yams",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ExtractCLITests",
            dependencies: [
                "extract", "ExtractCLI", "ExtractTestSupport", "Yams",
                // libxml2's HTML parser reads back the page `extract inspect` writes.
                "CLibXML2",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system && target.name != "CExtractSystem" {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
    ]
}
