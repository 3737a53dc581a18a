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
        let type = try Self.registry.analyzer(id)
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
