/// A word, number or punctuation mark of the text.
public struct Token: Sendable, Hashable {
    /// What kind of token this is.
    public enum Kind: UInt8, Sendable {
        /// Letters (with marks, inner apostrophes and hyphens, or an initialism like `U.S.`).
        case word
        /// Digits, possibly with inner `.`, `,` or `:` (`2.5`, `2,600`, `09:48`).
        case number
        /// One punctuation mark or symbol (an ellipsis `...` is one token).
        case punctuation
    }

    public var span: TextSpan
    public var kind: Kind

    public init(span: TextSpan, kind: Kind) {
        self.span = span
        self.kind = kind
    }
}

/// A sentence: its span, its paragraph and the tokens it holds.
public struct Sentence: Sendable, Hashable {
    public var span: TextSpan
    /// Index into ``Segmentation/paragraphs``.
    public var paragraph: Int
    /// Indices into ``Segmentation/tokens``.
    public var tokens: Range<Int>

    public init(span: TextSpan, paragraph: Int, tokens: Range<Int>) {
        self.span = span
        self.paragraph = paragraph
        self.tokens = tokens
    }
}

/// The segmentation of one document, computed once and shared by all analyzers.
public struct Segmentation: Sendable {
    /// Non-blank lines, trimmed of surrounding white space.
    public let paragraphs: [TextSpan]
    /// Sentences in text order; none crosses a paragraph.
    public let sentences: [Sentence]
    /// Tokens in text order.
    public let tokens: [Token]

    public init(paragraphs: [TextSpan], sentences: [Sentence], tokens: [Token]) {
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.tokens = tokens
    }

    /// Whether paragraph `index` is an entry of a reference list: it opens
    /// with a numbered marker such as `[3]` (the titles it quotes are sources,
    /// not the article's own words).
    public func isReferenceEntry(_ index: Int, in text: String) -> Bool {
        let range = paragraphs[index].utf8
        // Nearly every paragraph opens with a byte other than "[": told by that byte, without a substring.
        if let opening = text.utf8.withContiguousStorageIfAvailable({ range.isEmpty ? nil : $0[range.lowerBound] }),
            opening != UInt8(ascii: "[")
        {
            return false
        }
        let paragraph = text.slice(utf8: range)
        guard paragraph.hasPrefix("["), let close = paragraph.firstIndex(of: "]") else { return false }
        let inside = paragraph[paragraph.index(after: paragraph.startIndex)..<close]
        return !inside.isEmpty && inside.allSatisfy(\.isNumber)
    }

    /// The index of the sentence that contains scalar offset `offset`, if any.
    ///
    /// - Complexity: O(log n).
    public func sentenceIndex(containing offset: Int) -> Int? {
        var low = 0
        var high = sentences.count
        while low < high {
            let middle = (low + high) / 2
            let range = sentences[middle].span.scalars
            if range.upperBound <= offset {
                low = middle + 1
            } else if range.lowerBound > offset {
                high = middle
            } else {
                return middle
            }
        }
        return nil
    }
}
