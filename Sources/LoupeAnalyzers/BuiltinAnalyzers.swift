import BiasMarkersAnalysis
import FramingAnalysis
import LoupeCore
import SentimentAnalysis
import SourceCitationAnalysis

/// The analyzers built into Loupe, in one hand-written list (the registry
/// sorts them by id). Each lives in its own module under `Plugins/`; the
/// workbench knows none of them by name.
public enum BuiltinAnalyzers {
    public static let all: [any Analyzer.Type] = [
        BiasMarkersAnalyzer.self,
        FramingAnalyzer.self,
        SentimentAnalyzer.self,
        SourceCitationAnalyzer.self,
    ]

    public static var registry: AnalyzerRegistry { AnalyzerRegistry(all) }
}
