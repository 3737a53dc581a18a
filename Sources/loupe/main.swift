import LoupeAnalyzers
import LoupeCommandLine

Loupe.main(analyzers: BuiltinAnalyzers.all)
