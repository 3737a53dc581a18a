// swift-tools-version: 6.0
// Loupe: a workbench for the close reading of news.
//
// The analyzer modules live under Plugins/<Name>/ as ordinary library targets
// declared with `path:`; they are not SwiftPM package plugins.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Loupe",
    platforms: [.macOS(.v15)],
    // What a package of its own needs to add an analyzer (see Templates/Analyzer):
    // the core (documents, annotations, the Analyzer protocol), the workbench with
    // its entry point Loupe.main(analyzers:), the built-in analyzers, and the
    // checks every analyzer's tests run against its own examples.
    products: [
        .executable(name: "loupe", targets: ["loupe"]),
        .library(name: "LoupeCore", targets: ["LoupeCore"]),
        .library(name: "LoupeWorkbench", targets: ["LoupeCommandLine", "LoupeREPL"]),
        .library(name: "LoupeAnalyzers", targets: ["LoupeAnalyzers"]),
        .library(name: "LoupeAnalyzerTesting", targets: ["AnalyzerTestSupport"]),
    ],
    dependencies: [
        // Command-line flags, help and usage errors for the executable.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-256 of document text, stored in every annotation file and used
        // to derive deterministic ids (Foundation has no hash on Linux).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .target(
            name: "LineEditing",
            dependencies: ["CLibEdit"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoupeCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The REPL knows no analyzer by name: it is given a registry.
        .target(
            name: "LoupeREPL",
            dependencies: ["LoupeCore", "LineEditing"],
            swiftSettings: swiftSettings
        ),
        // The command line (`loupe`, `loupe stream`) with its entry point Loupe.main(analyzers:).
        .target(
            name: "LoupeCommandLine",
            dependencies: ["LoupeREPL", "LoupeCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // The list of analyzers built into Loupe.
        .target(
            name: "LoupeAnalyzers",
            dependencies: ["LoupeCore", "BiasMarkersAnalysis", "FramingAnalysis", "SentimentAnalysis", "SourceCitationAnalysis"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BiasMarkersAnalysis",
            dependencies: ["LoupeCore"],
            path: "Plugins/BiasMarkers",
            resources: [.copy("Resources/lexicons"), .copy("Resources/examples.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FramingAnalysis",
            dependencies: ["LoupeCore"],
            path: "Plugins/Framing",
            resources: [
                .copy("Resources/mfc.codebook.json"), .copy("Resources/semetko-valkenburg.codebook.json"),
                .copy("Resources/examples.json"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SentimentAnalysis",
            dependencies: ["LoupeCore"],
            path: "Plugins/Sentiment",
            resources: [
                .copy("Resources/vader_lexicon.txt"), .copy("Resources/emoji_utf8_lexicon.txt"),
                .copy("Resources/vader-rules.json"), .copy("Resources/targets.json"), .copy("Resources/target-rules.json"),
                .copy("Resources/common-words.txt"), .copy("Resources/examples.json"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SourceCitationAnalysis",
            dependencies: ["LoupeCore"],
            path: "Plugins/SourceCitation",
            resources: [.copy("Resources/lexicons"), .copy("Resources/examples.json")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "loupe",
            dependencies: ["LoupeCommandLine", "LoupeAnalyzers"],
            swiftSettings: swiftSettings
        ),
        // Timing helper for scripts/bench.py; not part of the product.
        .executableTarget(
            name: "loupe-bench",
            // The sentiment scorer is timed on its own as a kernel; the analyzers come from the registry.
            dependencies: ["LoupeCore", "LoupeAnalyzers", "SentimentAnalysis"],
            swiftSettings: swiftSettings
        ),
        // libFuzzer targets for the parsers (Tests/Fuzz). `make fuzz` builds them with
        // -sanitize=fuzzer,address and LOUPE_FUZZING; otherwise this is a small tool that
        // replays saved inputs, which the end-to-end tests run.
        .executableTarget(
            name: "loupe-fuzz",
            dependencies: ["LoupeCore", "LoupeREPL"],
            path: "Tests/Fuzz",
            exclude: ["corpus"],
            swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])]
        ),
        .target(
            name: "AnalyzerTestSupport",
            dependencies: ["LoupeCore"],
            path: "Tests/AnalyzerTestSupport",
            resources: [.copy("Resources/word-list-examples.json")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoupeCoreTests",
            dependencies: ["LoupeCore", "AnalyzerTestSupport"],
            // Annotation files of earlier schema versions, read from the source tree.
            exclude: ["Resources"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoupeREPLTests",
            dependencies: ["LoupeREPL", "LoupeCore", "AnalyzerTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BiasMarkersAnalysisTests",
            dependencies: ["BiasMarkersAnalysis", "LoupeCore", "AnalyzerTestSupport"],
            resources: [.copy("Resources/bias-sentences.json")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FramingAnalysisTests",
            dependencies: ["FramingAnalysis", "LoupeCore", "AnalyzerTestSupport"],
            resources: [.copy("Resources/mfc-paragraphs.json")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentimentAnalysisTests",
            dependencies: ["SentimentAnalysis", "LoupeCore", "AnalyzerTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SourceCitationAnalysisTests",
            dependencies: ["SourceCitationAnalysis", "LoupeCore", "AnalyzerTestSupport"],
            resources: [.copy("Resources/citation-sentences.json"), .copy("Resources/citation-heldout.json")],
            swiftSettings: swiftSettings
        ),
        // Every registered analyzer: its descriptor and examples, and the growth of its
        // work on text written to defeat it (one endless sentence, runs of quotes, verbs,
        // names, brackets).
        .testTarget(
            name: "LoupeAnalyzersTests",
            dependencies: ["LoupeAnalyzers", "LoupeCore", "AnalyzerTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoupeEndToEndTests",
            dependencies: ["loupe", "loupe-fuzz", "AnalyzerTestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
