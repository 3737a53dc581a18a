import Foundation
import LoupeCore

/// A framing codebook: frames with definitions and weighted cue terms, read
/// from a JSON data file so analysts can swap or extend it without Swift.
///
/// ```json
/// {"codebook": "mfc", "name": "…", "version": "1.0.0", "fallbackFrame": "other",
///  "frames": [{"id": "economic", "name": "Economic", "definition": "…",
///              "cues": {"cost": 1, "supply chain": 2, "=protestant": 1}, "negativeCues": {"cost of living": 1}}]}
/// ```
///
/// Cues match after case folding and English stemming; a cue written `=word`
/// matches that form only (`=protestant` is not every word with the stem of
/// "protest"), as in the bias-marker lexicons.
///
/// `notCues` lists phrases that are no sign of any frame although a word in them is a
/// cue ("social security number", "privacy policy", "laws of physics"): at each place the
/// longest cue wins, so such a phrase keeps its words from counting for any frame.
public struct Codebook: Sendable {
    public struct Frame: Sendable {
        public var id: String
        public var name: String
        public var definition: String
    }

    /// What a matched cue contributes.
    struct Contribution: Sendable {
        var frame: Int
        var weight: Double
        var term: String
    }

    public var id: String
    public var name: String
    public var version: String
    public var frames: [Frame]
    /// The frame of a text with no cue, if the codebook has one.
    public var fallbackFrame: String?
    let cues: CueLexicon<Contribution>

    /// Reads and checks a codebook; every fault names the file, the entry and what is wrong.
    public static func load(path: String) throws(AnalyzerError) -> Codebook {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidData(path: path, reason: "cannot read the codebook (no such file, or not readable)")
        }
        let bytes = [UInt8](data)
        let value: JSONValue
        let locations: JSONLocations
        do {
            (value, locations) = try JSONParser.parseWithLocations(bytes)
        } catch {
            throw .invalidData(path: "\(path):\(error.line):\(error.column)", reason: "invalid JSON: \(error.reason)")
        }
        func fault(_ pointer: String, _ reason: String) -> AnalyzerError {
            let (line, column) = locations.lineAndColumn(of: pointer)
            return .invalidData(path: "\(path):\(line):\(column)", reason: reason)
        }
        guard let top = value.objectValue else { throw fault("", "a codebook is a JSON object") }
        guard let frameList = top["frames"]?.arrayValue else { throw fault("", "missing \"frames\" array") }
        guard !frameList.isEmpty else { throw fault("/frames", "the codebook has no frames") }
        var frames: [Frame] = []
        var lexicon = CueLexicon<Contribution>()
        var seen: [String: Int] = [:]
        var cueCount = 0
        // The first cue of each word sequence, named for an error: a notCue must be none of them.
        var cueOwners: [Int: String] = [:]
        for (index, item) in frameList.enumerated() {
            let pointer = "/frames/\(index)"
            guard let entry = item.objectValue else { throw fault(pointer, "frame \(index + 1) is not an object") }
            guard let id = entry["id"]?.stringValue, !id.isEmpty else { throw fault(pointer, "frame \(index + 1) has no \"id\"") }
            guard id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                throw fault(pointer + "/id", "frame id \"\(id)\" must be lower-case letters, digits and hyphens")
            }
            if let first = seen[id] { throw fault(pointer + "/id", "frame id \"\(id)\" is used twice (frames \(first + 1) and \(index + 1))") }
            seen[id] = index
            frames.append(Frame(id: id, name: entry["name"]?.stringValue ?? id, definition: entry["definition"]?.stringValue ?? ""))
            for (key, sign) in [("cues", 1.0), ("negativeCues", -1.0)] {
                guard let raw = entry[key] else { continue }
                guard let cues = raw.objectValue else { throw fault(pointer + "/" + key, "frame \"\(id)\": \"\(key)\" must map each cue to a weight") }
                for term in cues.keys.sorted() {
                    guard let weight = cues[term]?.doubleValue, weight.isFinite, weight > 0 else {
                        throw fault(pointer + "/" + key + "/" + term, "frame \"\(id)\", cue \"\(term)\": the weight must be a positive number")
                    }
                    // "=word" matches the word as written, not its stem.
                    let exact = term.hasPrefix("=") && term.count > 1
                    let cue = exact ? String(term.dropFirst()) : term
                    do {
                        let terminal = try lexicon.add(
                            cue, payload: Contribution(frame: index, weight: sign * weight, term: cue), rejectStopWordsOnly: true,
                            exact: exact)
                        cueOwners[terminal] = cueOwners[terminal] ?? "frame \"\(id)\"'s cue \"\(term)\""
                    } catch {
                        throw fault(pointer + "/" + key + "/" + term, "frame \"\(id)\": \(error.description)")
                    }
                    cueCount += 1
                }
            }
        }
        if let raw = top["notCues"] {
            guard let phrases = raw.arrayValue else { throw fault("/notCues", "\"notCues\" must be a list of phrases") }
            for (index, item) in phrases.enumerated() {
                let pointer = "/notCues/\(index)"
                guard let phrase = item.stringValue, !phrase.isEmpty else { throw fault(pointer, "entry \(index + 1) of \"notCues\" is not a phrase") }
                // A weight of 0: the phrase takes its words as the longest match and adds to no frame.
                let exact = phrase.hasPrefix("=") && phrase.count > 1
                let cue = exact ? String(phrase.dropFirst()) : phrase
                let terminal: Int
                do {
                    terminal = try lexicon.add(cue, payload: Contribution(frame: 0, weight: 0, term: cue), rejectStopWordsOnly: true, exact: exact)
                } catch {
                    throw fault(pointer, "notCues: \(error.description)")
                }
                // A phrase that matches as a cue does would be both: the cue would win, and the entry do nothing.
                if let owner = cueOwners[terminal] {
                    throw fault(pointer, "notCues: \"\(phrase)\" matches as \(owner) does; a phrase is a cue or no cue, not both")
                }
            }
        }
        let fallback = top["fallbackFrame"]?.stringValue
        if let fallback, seen[fallback] == nil { throw fault("/fallbackFrame", "fallbackFrame \"\(fallback)\" is not a frame id") }
        guard cueCount > 0 else { throw fault("/frames", "the codebook has no cues") }
        return Codebook(
            id: top["codebook"]?.stringValue ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension,
            name: top["name"]?.stringValue ?? "", version: top["version"]?.stringValue ?? "", frames: frames,
            fallbackFrame: fallback, cues: lexicon)
    }
}
