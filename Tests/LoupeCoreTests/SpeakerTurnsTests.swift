import LoupeCore
import Testing

@Suite("Speaker turns of transcripts")
struct SpeakerTurnsTests {
    /// The label at the start of `text`, as (name, what follows), or nil.
    private func label(_ text: String) -> (String, String)? {
        var text = text
        return text.withUTF8 { bytes -> (String, String)? in
            guard let found = SpeakerTurns.label(in: bytes, at: 0) else { return nil }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[found.name]), as: UTF8.self)
            let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[found.speech...]), as: UTF8.self)
            return (name, rest)
        }
    }

    @Test(
        "labels a transcript writes before a speaker's words",
        arguments: [
            ("Q: Why now?", "Q", "Why now?"),
            ("Q. Why now?", "Q", "Why now?"),
            ("MAYOR HILL: It will.", "MAYOR HILL", "It will."),
            ("Sen. Jane Doe:  We voted.", "Sen. Jane Doe", "We voted."),
            ("[Host] Did it flood?", "Host", "Did it flood?"),
            ("((Ana Ruiz)) Yes, twice.", "Ana Ruiz", "Yes, twice."),
            ("(Reporter): And then?", "Reporter", "And then?"),
            ("José Núñez: Gracias.", "José Núñez", "Gracias."),
            ("Élodie Martin: Merci.", "Élodie Martin", "Merci."),
        ])
    func labels(text: String, name: String, speech: String) throws {
        let found = try #require(label(text))
        #expect(found.0 == name)
        #expect(found.1 == speech)
    }

    @Test(
        "no label in ordinary sentences, lists, times and asides",
        arguments: [
            "The mayor said: we will see.",  // lower case before the colon
            "Bottom line is this: nobody knows.",  // a word in lower case among the label's words
            "At 10:30 the vote began.",  // digits
            "[3] Daily Wire, 2020",  // a reference entry
            "(Why would anyone do that?) Nobody knows.",  // a sentence inside brackets
            "(Smith, Jones) agreed.",  // a list in brackets
            "Alpha Beta Gamma Delta Epsilon: too many words.",
            "Quebec:no space after the colon",
            "",
        ])
    func notLabels(text: String) {
        #expect(label(text) == nil)
    }

    @Test("a label opening two turns, or a role word, makes its sentences turns; a one-off lead-in does not")
    func turns() {
        let interview = document(
            "The council met on Monday.\nTOM REED: Will the budget pass?\nMAYOR HILL: It will!\nMAYOR HILL: We voted.\nWho pays now?")
        let turns = SpeakerTurns(of: interview)
        let sentences = interview.segmentation.sentences
        let expected = [false, true, true, true, false]
        #expect(sentences.count == expected.count)
        for (index, turn) in expected.enumerated() {
            #expect(turns.isTurn(index) == turn, "sentence \(index)")
        }
        // TOM REED opens one sentence only, but the answer after it is a turn: his question is one too.
        #expect(turns.speechStart(ofSentence: 1) == nil)
        let third = sentences[2].span.utf8.lowerBound
        #expect(turns.speechStart(ofSentence: 2) == third + "MAYOR HILL: ".utf8.count)

        let leadIn = document("Bottom Line: Who will pay for all of this?")
        #expect(!SpeakerTurns(of: leadIn).isTurn(0))

        let roles = document("Q: Why did you run?\nA: The library was closing.")
        let roleTurns = SpeakerTurns(of: roles)
        #expect(roleTurns.isTurn(0) && roleTurns.isTurn(1))

        // "A." answers only where "Q" asks: here it is an initial.
        let initial = document("Who will lead the march? A. Philip Randolph said he would.")
        #expect(!SpeakerTurns(of: initial).isTurn(0))

        // A label lies inside its sentence: "Yes." is a sentence of its own, "Jane Doe:" opens the next.
        let answer = document("Yes. Jane Doe: We agree.\nDid you agree? Yes. Jane Doe: We did.")
        let answerTurns = SpeakerTurns(of: answer)
        let speech = answerTurns.speechStart(ofSentence: 1)
        #expect(answer.segmentation.sentences.count == 5)
        #expect(speech == answer.segmentation.sentences[1].span.utf8.lowerBound + "Jane Doe: ".utf8.count)
        #expect(answerTurns.speechStart(ofSentence: 0) == nil)
    }
}
