import Testing
@testable import LoupeCore

@Suite struct EnglishStemmerTests {
    @Test(arguments: [
        ("sanction", "sanction"), ("sanctions", "sanction"), ("sanctioned", "sanction"), ("sanctioning", "sanction"),
        ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"), ("consignment", "consign"),
        ("consist", "consist"), ("consisted", "consist"), ("consistency", "consist"), ("consistent", "consist"),
        ("consistently", "consist"), ("generous", "generous"), ("generously", "generous"), ("generate", "generat"),
        ("running", "run"), ("hopping", "hop"), ("hoping", "hope"), ("caresses", "caress"), ("ponies", "poni"),
        ("ties", "tie"), ("cats", "cat"), ("gas", "gas"), ("gaps", "gap"), ("kiwis", "kiwi"), ("agreed", "agre"),
        ("feed", "feed"), ("sized", "size"), ("cry", "cri"), ("say", "say"), ("national", "nation"),
        ("rational", "ration"), ("relational", "relat"), ("conditional", "condit"), ("effective", "effect"),
        ("electricity", "electr"), ("adjustable", "adjust"), ("communication", "communic"), ("general", "general"),
        ("happily", "happili"), ("economic", "econom"), ("economy", "economi"), ("security", "secur"),
        ("skies", "sky"), ("dying", "die"), ("news", "news"), ("proceed", "proceed"), ("succeeding", "succeed"),
        ("by", "by"), ("as", "as"), ("minerals", "miner"), ("earths", "earth"), ("russia's", "russia"),
        ("it's", "it"), ("hopeful", "hope"), ("hopefulness", "hope"), ("activate", "activ"), ("formalize", "formal"),
    ])
    func stemsLikePorter2(word: String, stem: String) {
        #expect(EnglishStemmer.stem(word) == stem)
    }

    @Test func leavesNonASCIIAndShortWordsAlone() {
        #expect(EnglishStemmer.stem("émigrés") == "émigrés")
        #expect(EnglishStemmer.stem("сurrent") == "сurrent")
        #expect(EnglishStemmer.stem("ox") == "ox")
        #expect(EnglishStemmer.stem("") == "")
    }

    /// Step 0 can cut a word down to one letter ("'s's" to "s"); step 1a then looked for a vowel before
    /// index -1 and trapped, taking the session with it.
    @Test(arguments: ["'s's", "’s's", "x's's", "s's'", "'s's's"])
    func wordsCutShortByStepZeroDoNotTrap(word: String) {
        #expect(!EnglishStemmer.stem(word).isEmpty)
    }

    @Test func inflectionsShareAStem() {
        let forms = ["sanction", "sanctions", "sanctioned", "sanctioning"].map(EnglishStemmer.stem)
        #expect(Set(forms).count == 1)
    }
}
