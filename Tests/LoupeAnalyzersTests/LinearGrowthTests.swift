import LoupeAnalyzers
import LoupeCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text written to defeat each stage of analysis, one kind per case: the
/// shapes a hostile or broken corpus actually contains (one endless sentence,
/// runs of quotation marks, reporting verbs, names, brackets, no spaces at all).
///
/// Each case builds the text to an exact length in scalars, so the sizes the
/// growth test compares are the sizes it asks for.
struct HostileText: CustomTestStringConvertible, Sendable {
    let name: String
    /// A unit repeated to make up the text (cut to length at the end).
    let unit: String

    var testDescription: String { name }

    func text(scalars count: Int) -> String {
        let unitScalars = Array(unit.unicodeScalars)
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(count)
        for position in 0..<count { scalars.append(unitScalars[position % unitScalars.count]) }
        return String(scalars)
    }

    static let all: [HostileText] = [
        HostileText(name: "one sentence without a full stop", unit: "the officials would improve the great program and "),
        HostileText(name: "only quotation marks", unit: "\""),
        HostileText(name: "short quoted words", unit: "\"a\" "),
        HostileText(name: "curly, straight and single quotes nested", unit: "\u{201C}'\""),
        HostileText(name: "reporting verbs in a row", unit: "said "),
        HostileText(name: "attributions in one clause", unit: "Smith said the plan would work for the people of the state "),
        HostileText(name: "clauses before their speakers",
                    unit: "the plan is good, the senator said, and \"jobs will come,\" officials added, according to a report "),
        HostileText(name: "capitalised words before leaders and country names", unit: "the Big Putin met the Russian Direct Investment Fund and "),
        HostileText(name: "bodies' fields coordinated without end", unit: "Parks, Roads and Health, "),
        HostileText(name: "a line without spaces", unit: "x"),
        HostileText(name: "nested brackets", unit: "(((([[[[{{{{"),
        HostileText(name: "capitalised names in a row", unit: "Senator John Smith "),
        HostileText(name: "attributions with quotes and brackets",
                    unit: "Smith said \"the plan is not very good\" and Jones argued ( \u{201C}it is\u{201D} ) that "),
        HostileText(name: "only full stops", unit: "."),
        HostileText(name: "only line breaks", unit: "\n"),
    ]
}

/// CPU time of the calling thread, in seconds. The hardware instruction
/// counters are not available in the virtual machines that run these tests,
/// so the work is measured as this thread's CPU time: what other processes
/// and the other tests do on the other core does not count towards it.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The stages of analysis whose work is measured, each on its own: the
/// segmenter (with the offset table it builds on), the cue vocabulary, and
/// each analyzer with its suggestions turned into annotations (context and
/// all), as `analyze` and `loupe stream` do.
enum AnalysisStages {
    /// Every registered analyzer with its default options.
    static let analyzers: [any Analyzer] = BuiltinAnalyzers.all.compactMap { type in
        do {
            return try type.make(options: [:])
        } catch {
            Issue.record("\(type.descriptor.id) could not be made: \(error)")
            return nil
        }
    }

    static var names: [String] { ["segmenter", "cue vocabulary"] + analyzers.map { type(of: $0).descriptor.id } }

    /// The CPU seconds of each stage, in the order of ``names``, on one text.
    static func seconds(_ text: String) -> [Double] {
        let document = Document(id: "hostile", text: text, sourcePath: "hostile")
        var seconds: [Double] = []
        var start = threadCPUSeconds()
        func lap() {
            let now = threadCPUSeconds()
            seconds.append(now - start)
            start = now
        }
        _ = document.segmentation
        lap()
        _ = document.cueVocabulary
        lap()
        let runner = AnalysisRunner(analyzers: analyzers, time: "2026-01-01T00:00:00Z")
        for member in runner.members {
            let annotations = member.analyzer.analyze(document).map {
                $0.annotation(in: document, by: member.descriptor, at: runner.time)
            }
            withExtendedLifetime(annotations) { lap() }
        }
        return seconds
    }
}

/// Work that grows with the length of the text, not with its square: each
/// stage on each hostile text, at a small size and at sixteen times that.
/// Linear work grows about 16 times (less where a fixed cost dominates the
/// small size), n log n about 20, quadratic 256; a stage fails above 32.
/// Each size is measured more than once and the least time kept, so a
/// moment of lost cache or a page fault does not decide the outcome.
@Suite struct LinearGrowthTests {
    static let small = 8_192
    static let factor = 16

    @Test(arguments: HostileText.all)
    func workGrowsLinearlyWithTheText(_ hostile: HostileText) {
        let smallText = hostile.text(scalars: Self.small)
        let largeText = hostile.text(scalars: Self.small * Self.factor)
        func least(_ text: String, rounds: Int) -> [Double] {
            var best = AnalysisStages.seconds(text)
            for _ in 1..<rounds { best = zip(best, AnalysisStages.seconds(text)).map { min($0, $1) } }
            return best
        }
        var smallSeconds = least(smallText, rounds: 3)
        var largeSeconds = least(largeText, rounds: 2)
        func exceeds() -> Bool {
            zip(smallSeconds, largeSeconds).contains { small, large in
                large > 0.001 && large / max(small, 1e-6) > 2.0 * Double(Self.factor)
            }
        }
        // Run beside the rest of the suite, a stage of a few milliseconds can lose a round to another
        // test's work: a growth past the bound is measured once more, with more rounds, before it counts.
        // (A square grows 256 times, again and again; a lost round does not come back.)
        if exceeds() {
            smallSeconds = zip(smallSeconds, least(smallText, rounds: 5)).map { min($0, $1) }
            largeSeconds = zip(largeSeconds, least(largeText, rounds: 3)).map { min($0, $1) }
        }
        for (stage, (small, large)) in zip(AnalysisStages.names, zip(smallSeconds, largeSeconds)) {
            // Below 1 ms for the large text there is nothing to grow: the stage does next to nothing here.
            guard large > 0.001 else { continue }
            let growth = large / max(small, 1e-6)
            #expect(growth <= 2.0 * Double(Self.factor),
                    "\(stage) on \(hostile.name): \(Self.small) -> \(Self.small * Self.factor) scalars took \(small) -> \(large) s (x\(growth))")
        }
    }
}
