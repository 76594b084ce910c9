// swift-tools-version: 6.1
import PackageDescription

/// A package of its own that builds an `extract` with four more parts: a stage (`word_count`), a
/// value parser (`us_date`), an output format (`tsv`) and an input reader (`.txt.gz`). It depends
/// on extract by path, as a plugin package would by URL.
let package = Package(
    name: "custom-plugin",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "extract", path: "../.."),
    ],
    targets: [
        /// The four parts and the runtime that adds them to the built-in one.
        .target(
            name: "CustomPlugin",
            dependencies: [
                .product(name: "Extract", package: "extract"),
            ]
        ),
        /// `custom-extract`: everything `extract` does, and the four parts.
        .executableTarget(
            name: "custom-extract",
            dependencies: [
                "CustomPlugin",
                .product(name: "ExtractCLI", package: "extract"),
            ]
        ),
        /// The conformance kits, run on the four parts.
        .testTarget(
            name: "CustomPluginTests",
            dependencies: [
                "CustomPlugin",
                .product(name: "ExtractConformance", package: "extract"),
            ]
        ),
    ]
)
