import AnalyzerTestSupport
import Foundation
import LoupeCore
import Testing
@testable import SentimentAnalysis

/// Scores from vaderSentiment 3.3.2 for sentences that exercise each rule
/// (recorded with `SentimentIntensityAnalyzer().polarity_scores`); the full
/// agreement run over the corpora is scripts/compare-vader.
@Suite struct VaderReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var compound: Double
        var pos: Double
        var neu: Double
        var neg: Double
        var testDescription: String { text.debugDescription }
    }

    static let cases: [Case] = [
        Case(text: "The plan is GREAT but the rollout was TERRIBLE!!!", compound: -0.638, pos: 0.182, neu: 0.436, neg: 0.382),
        Case(text: "It was good, good, good but bad, bad and good again.", compound: -0.4215, pos: 0.401, neu: 0.207, neg: 0.393),
        Case(text: "The deal is kind of good, sort of fair and just enough.", compound: 0.6003, pos: 0.329, neu: 0.671, neg: 0),
        Case(text: "This is the least bad option.", compound: 0.431, pos: 0.363, neu: 0.637, neg: 0),
        Case(text: "I have never been so happy.", compound: 0.6948, pos: 0.487, neu: 0.513, neg: 0),
        Case(text: "There is no good answer.", compound: -0.3412, pos: 0, neu: 0.624, neg: 0.376),
        Case(text: "He was not very happy.", compound: -0.4964, pos: 0, neu: 0.554, neg: 0.446),
        Case(text: "Is this a disaster?? Really???", compound: -0.7236, pos: 0, neu: 0.442, neg: 0.558),
        Case(text: "The team 😀 won.", compound: 0.7351, pos: 0.674, neu: 0.326, neg: 0),
        Case(text: "Prices rose :) but wages fell :(", compound: -0.431, pos: 0.184, neu: 0.461, neg: 0.355),
        Case(text: "It isn't good.", compound: -0.3412, pos: 0, neu: 0.454, neg: 0.546),
        Case(text: "Without doubt the best.", compound: 0.7438, pos: 0.759, neu: 0.241, neg: 0),
        Case(text: "The talks were held on Tuesday.", compound: 0, pos: 0, neu: 1, neg: 0),
        Case(text: "", compound: 0, pos: 0, neu: 0, neg: 0),
        // Non-ASCII words: caseless marks, and capitals of Latin-1, Cyrillic and Greek.
        Case(text: "Émigrés were HAPPY; ÉMIGRÉS were sad.", compound: 0.3254, pos: 0.384, neu: 0.347, neg: 0.269),
        Case(text: "Russia’s offer isn’t GOOD for the ÉLITE.", compound: 0.5622, pos: 0.377, neu: 0.623, neg: 0),
        Case(text: "СЧАСТЬЕ and happy Сurrent news!", compound: 0.6114, pos: 0.499, neu: 0.501, neg: 0),
        Case(text: "The ΣΟΦΙΑ plan is great but Ω is bad.", compound: -0.4939, pos: 0.178, neu: 0.49, neg: 0.332),
        Case(text: "—", compound: 0, pos: 0, neu: 1, neg: 0),
    ]

    @Test(arguments: cases)
    func agreesWithTheReference(_ reference: Case) throws {
        var scorer = VaderScorer(lexicon: try SentimentAnalyzer.sharedLexicon.get())
        let score = scorer.score(reference.text[...], startingAt: 0)
        #expect(abs(score.compound - reference.compound) <= 0.0001)
        #expect(abs(score.positive - reference.pos) <= 0.001)
        #expect(abs(score.neutral - reference.neu) <= 0.001)
        #expect(abs(score.negative - reference.neg) <= 0.001)
    }

    @Test func cuesExplainEachContributingWord() throws {
        var scorer = VaderScorer(lexicon: try SentimentAnalyzer.sharedLexicon.get())
        let text = "He was not very happy, but the food was GREAT!"
        let score = scorer.score(text[...], startingAt: 100)
        let scalars = Array(text.unicodeScalars)
        func word(_ cue: VaderCue) -> String { String(String.UnicodeScalarView(scalars[(cue.range.lowerBound - 100)..<(cue.range.upperBound - 100)])) }
        let happy = try #require(score.cues.first { word($0) == "happy" })
        #expect(happy.lexiconValence == 2.7)
        #expect(happy.valence < 0)
        #expect(happy.rules.contains(.negation) && happy.rules.contains(.booster) && happy.rules.contains(.butBefore))
        let great = try #require(score.cues.first { word($0) == "GREAT" })
        #expect(great.rules.contains(.capitals) && great.rules.contains(.butAfter))
        #expect(score.cues.allSatisfy { word($0) != "food" })
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    func theLinearButWalkMatchesTheDirectOne(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        let palette: [Double] = [0, 0, 0, 1.9, -1.9, 2.7, 0.95, -2.5, 1.9, -0.74, 3.1]
        let count = 150 + Int(generator.next() % 200)
        let values = (0..<count).map { _ in palette[Int(generator.next() % UInt64(palette.count))] }
        let but = Int(generator.next() % UInt64(count))
        var direct = values
        var indexed = values
        var directChanges: [Int] = []
        var indexedChanges: [Int] = []
        ButShift.applyDirectly(to: &direct, but: but, before: 0.5, after: 1.5) { index, _, _ in directChanges.append(index) }
        ButShift.applyIndexed(to: &indexed, but: but, before: 0.5, after: 1.5) { index, _, _ in indexedChanges.append(index) }
        #expect(direct == indexed)
        #expect(directChanges == indexedChanges)
    }

    /// The word scanner (8 bytes at a time) against the byte-by-byte path,
    /// on sentences built from the pieces that make tokenizing hard: case,
    /// punctuation at either end, "n't", control characters, every kind of
    /// ASCII white space, words around 8 and 16 bytes, sentence ends with no
    /// space, and words of the lexicon and the rules.
    @Test(arguments: 0..<20)
    func theWordScannerMatchesTheByteByBytePath(seed: UInt64) throws {
        let lexicon = try SentimentAnalyzer.sharedLexicon.get()
        var fast = VaderScorer(lexicon: lexicon)
        var plain = VaderScorer(lexicon: lexicon, scansWords: false)
        var generator = SplitMix(seed: seed)
        let words = [
            "good", "GOOD", "Good", "gOOd", "not", "isn't", "ISN'T", "don't", "can't", "n't", "very", "VERY", "but", "BUT",
            "kind", "of", "sort", "no", "never", "so", "this", "least", "at", "without", "doubt", "happy", "terrible",
            "a", "I", "it", "ok", "okay", "extraordinarily", "disappointingly", "abcdefg", "abcdefgh", "abcdefghi",
            "ABCDEFGHIJKLMNOP", "abcdefghijklmnopq", "2019", "$5", "x1", ":)", ":(", ":-)", "<3", "lol", "LOL", "wtf",
            "re-elect", "e-mail", "U.S.", "a\u{01}b", "bad\u{7F}", "\u{1B}[31m", "great", "GREAT", "hate", "love",
        ]
        let edges = ["", "", "", "!", "!!", "?", "???", ".", ",", "\"", "'", "(", ")", "...", "--", "*", "#", "@"]
        let spaces = [" ", " ", " ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{1C}", "\u{1F}"]
        func pick<T>(_ items: [T]) -> T { items[Int(generator.next() % UInt64(items.count))] }
        for _ in 0..<300 {
            var sentence = ""
            let count = 1 + Int(generator.next() % 24)
            for index in 0..<count {
                if index > 0 || generator.next() % 4 == 0 { sentence += pick(spaces) }
                sentence += pick(edges) + pick(words) + pick(edges)
            }
            if generator.next() % 3 == 0 { sentence += pick(spaces) }
            let expected = plain.score(sentence[...], startingAt: 7)
            let actual = fast.score(sentence[...], startingAt: 7)
            #expect(actual.compound == expected.compound, "\(sentence.debugDescription)")
            #expect(actual.positive == expected.positive && actual.neutral == expected.neutral && actual.negative == expected.negative)
            #expect(actual.cues.map(\.range) == expected.cues.map(\.range), "\(sentence.debugDescription)")
            #expect(actual.cues.map(\.valence) == expected.cues.map(\.valence))
        }
    }

    /// Python's round() on values whose product with the scale lands on a
    /// half: the exact binary value decides (expected values from Python 3).
    @Test(arguments: [
        (0.1125, 3, 0.113), (-0.1125, 3, -0.113), (0.0625, 3, 0.062), (0.00015, 4, 0.0001), (0.2375, 3, 0.237),
        (0.8125, 3, 0.812), (0.43125, 4, 0.4313), (1.00005, 4, 1.0001),
    ])
    func roundsAsPythonDoes(value: Double, places: Int, expected: Double) {
        #expect(VaderScorer.round(value, places: places) == expected)
    }
}
