import Foundation

/// Recognises the date formats that news pages print and turns them into ISO
/// 8601 (`2025-03-19`, or `2025-03-19T09:48` when a time follows).
public enum DateSniffer {
    private static let monthNumbers: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
        "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    /// The ISO date a short text states, if it is one of the known forms.
    /// With `wholeLine`, nothing but the date (and an optional time) may stand there.
    public static func date(in text: String, wholeLine: Bool) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\u{00A0}" }).map(String.init)
        guard !words.isEmpty, words.count <= 6 else { return nil }
        // ISO: 2025-03-11 or 2025-03-11T09:48...
        if words.count <= 2, let iso = isoDate(words[0]) {
            if words.count == 1 { return iso }
            if let time = time(words[1]) { return iso + "T" + time }
            return wholeLine ? nil : iso
        }
        var day: Int?
        var month: Int?
        var year: Int?
        var clock: String?
        for word in words {
            let stripped = word.hasSuffix(".") ? String(word.dropLast()) : word
            if let number = Int(stripped), stripped.count <= 4 {
                if stripped.count == 4, year == nil, (1800...2200).contains(number) {
                    year = number
                } else if day == nil, (1...31).contains(number) {
                    day = number
                } else {
                    return nil
                }
            } else if let value = monthNumbers[stripped.lowercased()], month == nil {
                month = value
            } else if let value = time(word), clock == nil {
                clock = value
            } else if word == "-" || word == "–" || word == "at" {
                continue
            } else if stripped.hasSuffix("st") || stripped.hasSuffix("nd") || stripped.hasSuffix("rd")
                || stripped.hasSuffix("th"), let number = Int(stripped.dropLast(2)), (1...31).contains(number), day == nil
            {
                day = number
            } else {
                return nil
            }
        }
        guard let day, let month, let year else { return nil }
        let date = "\(year)-\(twoDigits(month))-\(twoDigits(day))"
        return clock.map { date + "T" + $0 } ?? date
    }

    private static func isoDate(_ word: String) -> String? {
        // "T" alone or a word starting with "T" splits into nothing before it.
        guard let date = word.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false).first else { return nil }
        let fields = date.split(separator: "-")
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
            let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2]),
            (1...12).contains(month), (1...31).contains(day), year > 1000
        else { return nil }
        return String(word)
    }

    /// `26.02.2025` (day first, as European and Russian sources print it).
    static func dottedDate(_ word: Substring) -> String? {
        let fields = word.split(separator: ".", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count <= 2, fields[1].count <= 2, fields[2].count == 4,
            let day = Int(fields[0]), let month = Int(fields[1]), let year = Int(fields[2]),
            (1...31).contains(day), (1...12).contains(month), (1800...2200).contains(year)
        else { return nil }
        return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }

    /// The first date stated anywhere in a short text (a reference entry, a
    /// byline): ISO, day-first dotted, or with a month name.
    public static func firstDate(in text: Substring) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "(" || $0 == ")" })
        for (index, raw) in words.enumerated() {
            let word = raw.trimmingCharacters(in: CharacterSet(charactersIn: ",;:()[]"))
            if word.isEmpty { continue }
            let core = word.hasSuffix(".") && word.filter({ $0 == "." }).count == 3 ? String(word.dropLast()) : word
            if let date = dottedDate(Substring(core)) { return date }
            if let iso = isoDate(core) { return iso }
            // "26 February 2025", "February 26, 2025"
            for length in [3] where index + length <= words.count {
                let window = words[index..<(index + length)].joined(separator: " ")
                if let date = date(in: window, wholeLine: true) { return date }
            }
        }
        return nil
    }

    private static func time(_ word: String) -> String? {
        let fields = word.split(separator: ":")
        guard fields.count == 2 || fields.count == 3, let hour = Int(fields[0]), let minute = Int(fields[1]),
            (0...23).contains(hour), (0...59).contains(minute), fields[1].count == 2
        else { return nil }
        return "\(twoDigits(hour)):\(twoDigits(minute))"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
