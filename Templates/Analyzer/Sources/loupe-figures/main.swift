import FiguresAnalysis
import LoupeAnalyzers
import LoupeCommandLine

// Loupe, with every built-in analyzer and this package's.
Loupe.main(analyzers: BuiltinAnalyzers.all + [FiguresAnalyzer.self])
