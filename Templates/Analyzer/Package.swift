// swift-tools-version: 6.0
// A Loupe analyzer in a package of its own: the analyzer (a library), its
// tests against its own examples, and a `loupe-figures` executable that is
// Loupe with this analyzer added to the built-in ones.
import PackageDescription

// Where Loupe's checkout is. A path's last folder is the package's name, so
// the checkout's folder must be called `loupe` (clone it as `loupe`, or point
// LOUPE_PATH at a link of that name). Outside this repository, the same line
// can name the repository instead: .package(url: "https://…/loupe.git", branch: "main").
let loupePath = Context.environment["LOUPE_PATH"] ?? "../loupe"

let package = Package(
    name: "FiguresAnalyzer",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: loupePath)],
    targets: [
        .target(
            name: "FiguresAnalysis",
            dependencies: [.product(name: "LoupeCore", package: "loupe")],
            resources: [.copy("Resources/examples.json")]
        ),
        .executableTarget(
            name: "loupe-figures",
            dependencies: [
                "FiguresAnalysis",
                .product(name: "LoupeWorkbench", package: "loupe"),
                .product(name: "LoupeAnalyzers", package: "loupe"),
            ]
        ),
        .testTarget(
            name: "FiguresAnalysisTests",
            dependencies: ["FiguresAnalysis", .product(name: "LoupeAnalyzerTesting", package: "loupe")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
