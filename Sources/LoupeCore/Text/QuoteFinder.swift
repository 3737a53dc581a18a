/// A quoted stretch of text: the indices (into ``Segmentation/tokens``) of
/// its opening and closing marks.
public struct QuotedSpan: Sendable, Hashable {
    /// The first token of the opening mark.
    public var open: Int
    /// The last token of the closing mark.
    public var close: Int
    /// How many tokens each mark takes: 1, or 2 for a doubled apostrophe (`''…''`).
    public var markTokens: Int
    /// The tokens between the marks.
    public var inner: Range<Int> { (open + markTokens)..<max(open + markTokens, close + 1 - markTokens) }

    public init(open: Int, close: Int, markTokens: Int = 1) {
        self.open = open
        self.close = close
        self.markTokens = markTokens
    }
}

/// Finds quotations within each paragraph: curly “…” and ‘…’, straight
/// "…" told apart as opening or closing by the spacing around them, and
/// doubled apostrophes ''…'' (an ASCII stand-in for double quotes that some
/// newspaper archives use), told apart the same way. A quotation opened with
/// one style of double mark and closed with another (“…" or "…”, or “…“ with
/// the second mark glued to the word before it) is still one quotation. Nested
/// quotes are kept; a quote never closed ends with its paragraph, so it
/// cannot swallow the rest of the document.
///
/// - Complexity: O(n) in the number of tokens.
public enum QuoteFinder {
    /// Every quotation of the document, by opening mark.
    public static func quotes(in document: Document) -> [QuotedSpan] {
        scan(document).quotes
    }

    /// Every quotation, and the opening marks of those never closed within
    /// their paragraph (a quotation that continues into the next paragraph
    /// opens it again, by news convention).
    public static func scan(_ document: Document) -> (quotes: [QuotedSpan], unclosed: [Int]) {
        let segmentation = document.segmentation
        let tokens = segmentation.tokens
        let text = document.text
        var found: [QuotedSpan] = []
        var unclosed: [Int] = []
        var paragraphStart = 0
        for paragraph in segmentation.paragraphs {
            var stack: [(token: Int, mark: Unicode.Scalar)] = []
            var index = paragraphStart
            while index < tokens.count, tokens[index].span.scalars.lowerBound < paragraph.scalars.upperBound {
                defer { index += 1 }
                let token = tokens[index]
                guard token.kind == .punctuation, token.span.utf8.count <= 3 else { continue }
                guard let mark = text.slice(utf8: token.span.utf8).unicodeScalars.first else { continue }
                let joinedLeft = index > paragraphStart && tokens[index - 1].span.utf8.upperBound == token.span.utf8.lowerBound
                let joinedRight = index + 1 < tokens.count && tokens[index + 1].span.utf8.lowerBound == token.span.utf8.upperBound
                    && tokens[index + 1].span.scalars.lowerBound < paragraph.scalars.upperBound
                /// Whether a curly closing mark stands later in this paragraph.
                func closingMarkFollows(after index: Int) -> Bool {
                    var next = index + 1
                    while next < tokens.count, tokens[next].span.scalars.lowerBound < paragraph.scalars.upperBound {
                        if tokens[next].kind == .punctuation, text.slice(utf8: tokens[next].span.utf8).unicodeScalars.first == "\u{201D}" {
                            return true
                        }
                        next += 1
                    }
                    return false
                }
                switch mark {
                case "\u{201C}" where joinedLeft && !joinedRight && stack.last?.mark == "\u{201C}":
                    // An opening mark typed where the closing one belongs: glued to the word before it,
                    // a space after ("… for her here,“ said Ruiz"), with a quotation open.
                    if let open = stack.popLast() { found.append(QuotedSpan(open: open.token, close: index)) }
                case "\u{201C}", "\u{2018}":
                    stack.append((index, mark))
                case "\u{201D}", "\u{2019}":
                    let opener: Unicode.Scalar = mark == "\u{201D}" ? "\u{201C}" : "\u{2018}"
                    if let position = stack.lastIndex(where: { $0.mark == opener }) {
                        found.append(QuotedSpan(open: stack[position].token, close: index))
                        stack.removeSubrange(position...)
                    } else if mark == "\u{201D}", stack.last?.mark == "\"" {
                        // Mixed typography: a straight mark opened it, a curly one closes it.
                        if let open = stack.popLast() { found.append(QuotedSpan(open: open.token, close: index)) }
                    }
                case "'":
                    // Two apostrophes side by side stand for a double quotation mark.
                    let second = index + 1
                    guard second < tokens.count, tokens[second].kind == .punctuation, tokens[second].span.utf8.count == 1,
                        tokens[second].span.utf8.lowerBound == token.span.utf8.upperBound,
                        text.slice(utf8: tokens[second].span.utf8) == "'"
                    else { continue }
                    let pairJoinedRight = second + 1 < tokens.count && tokens[second + 1].span.utf8.lowerBound == tokens[second].span.utf8.upperBound
                        && tokens[second + 1].span.scalars.lowerBound < paragraph.scalars.upperBound
                    let isOpener = !joinedLeft || (pairJoinedRight && !(stack.last?.mark == "'"))
                    if isOpener && !(joinedLeft && !pairJoinedRight) {
                        stack.append((index, mark))
                    } else if let position = stack.lastIndex(where: { $0.mark == "'" }) {
                        found.append(QuotedSpan(open: stack[position].token, close: second, markTokens: 2))
                        stack.removeSubrange(position...)
                    }
                    index += 1
                case "\"":
                    // A mark standing free between spaces closes an open quotation ("… the ‘centre,’ " she said).
                    let freeStanding = !joinedLeft && !joinedRight && stack.contains { $0.mark == "\"" }
                    let isOpener = !freeStanding && (!joinedLeft || (joinedRight && !(stack.last?.mark == "\"")))
                    if isOpener && !(joinedLeft && !joinedRight) {
                        stack.append((index, mark))
                    } else if let position = stack.lastIndex(where: { $0.mark == "\"" }) {
                        found.append(QuotedSpan(open: stack[position].token, close: index))
                        stack.removeSubrange(position...)
                    } else if stack.last?.mark == "\u{201C}", !closingMarkFollows(after: index) {
                        // Mixed typography: a curly mark opened it, a straight one closes it (unless its own
                        // closing mark comes later in the paragraph: “We need a 12" pipe,” he said.).
                        if let open = stack.popLast() { found.append(QuotedSpan(open: open.token, close: index)) }
                    }
                default:
                    continue
                }
            }
            if let outermost = stack.first { unclosed.append(outermost.token) }
            paragraphStart = index
        }
        return (found.sorted { $0.open < $1.open }, unclosed)
    }
}
