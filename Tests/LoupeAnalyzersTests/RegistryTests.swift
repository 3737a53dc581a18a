import AnalyzerTestSupport
import Foundation
import LoupeAnalyzers
import LoupeCore
import Testing

/// Every registered analyzer, whoever wrote it: a descriptor the workbench
/// can use, and examples of its own that all pass. A new analyzer added to
/// the list is checked here without a line of test of its own.
@Suite struct RegistryTests {
    static let registry = AnalyzerRegistry(BuiltinAnalyzers.all)

    @Test func idsAreUniqueAndSafe() {
        let ids = BuiltinAnalyzers.all.map { $0.descriptor.id }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(!id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(id)")
        }
    }

    @Test(arguments: BuiltinAnalyzers.all.map { $0.descriptor.id })
    func descriptorAndExamples(id: String) throws {
        let type = try #require(try Self.registry.analyzer(id).type)
        let descriptor = type.descriptor
        let version = descriptor.version.split(separator: ".")
        #expect(version.count == 3 && version.allSatisfy { Int($0) != nil }, "\(id): version \(descriptor.version) is not MAJOR.MINOR.PATCH")
        #expect(!descriptor.name.isEmpty && !descriptor.summary.isEmpty)
        #expect(!descriptor.layers.isEmpty, "\(id) declares no layer")
        let examples = try type.loadExamples()
        #expect(!examples.examples.isEmpty, "\(id) has no examples")
        let analyzer: any Analyzer = try type.make(options: [:])
        let failures = ExampleAssertions.failures(of: analyzer, on: examples)
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
    }
}

/// Options a person mistypes are refused with one line naming the option,
/// never stored and silently ignored.
@Suite struct MistypedOptionTests {
    @Test(arguments: [
        ("sentiment", "includeNeutal", JSONValue.bool(true), #"no option "includeNeutal"; did you mean "includeNeutral"?"#),
        ("framing", "titleWeight", JSONValue.double(.infinity), #"option "titleWeight": not a finite number"#),
        ("sentiment", "minimumMentions", JSONValue.double(1e20), #"option "minimumMentions": 1e+20 is out of range"#),
        ("sentiment", "minimumMentions", JSONValue.double(2.5), #"option "minimumMentions": a whole number is expected, not 2.5"#),
        ("sentiment", "includeNeutral", JSONValue.string("maybe"), #"option "includeNeutral": expected Bool"#),
    ])
    func refused(analyzer id: String, option: String, value: JSONValue, message: String) throws {
        let type = try AnalyzerRegistry(BuiltinAnalyzers.all).analyzer(id)
        do {
            _ = try type.make(options: [option: value])
            Issue.record("\(id).\(option) = \(value) was accepted")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test(arguments: BuiltinAnalyzers.all.map { $0.descriptor.id })
    func everyDefaultIsAccepted(analyzer id: String) throws {
        let type = try #require(try AnalyzerRegistry(BuiltinAnalyzers.all).analyzer(id).type)
        #expect(!type.optionNames.isEmpty)
        // Every option, given its own default value, is accepted.
        _ = try type.make(options: type.defaultOptions)
    }
}
