import Foundation
import LoupeCore
import LoupeREPL

/// The parsers that read what users and other programs hand Loupe, each as
/// a function from bytes to a verdict that must never crash, hang or take
/// more than linear time: libFuzzer drives them (`make fuzz`, built with
/// `-sanitize=fuzzer,address`), and every test run replays the saved inputs
/// under `Tests/Fuzz/corpus/TARGET/`, crashers found included.
enum FuzzTargets {
    /// The targets by name.
    static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "lexer": lexer, "jsonl": jsonl, "markdown": markdown, "annotations": annotations, "import": importRecord,
    ]

    /// The REPL's command lexer: a line as typed or read from a script.
    static func lexer(_ bytes: [UInt8]) {
        _ = try? CommandLexer.commands(in: String(decoding: bytes, as: UTF8.self))
    }

    /// A line of a JSONL corpus; a document read must satisfy its own invariants.
    static func jsonl(_ bytes: [UInt8]) {
        guard case .success(let document) = DocumentLoader.document(fromCorpusLine: bytes, path: "fuzz.jsonl", line: 1) else { return }
        precondition(document.length == document.text.unicodeScalars.count)
        precondition(DocumentID.problem(with: document.id) == nil)
    }

    /// The metadata read from a plain or Markdown text (title, outlet, date, byline).
    static func markdown(_ bytes: [UInt8]) {
        guard TextDecoding.firstInvalidOffset(bytes) == nil else { return }
        _ = MetadataSniffer.sniff(String(decoding: bytes, as: UTF8.self))
    }

    /// An annotation file, of any schema version; what reads back must write and read again the same.
    static func annotations(_ bytes: [UInt8]) {
        guard let file = try? AnnotationFile.decode(bytes, path: "fuzz.json") else { return }
        let again = try? AnnotationFile.decode(file.encoded(), path: "fuzz.json")
        precondition(again?.annotations.count == file.annotations.count, "an annotation file did not survive a round trip")
    }

    /// A line of `loupe stream` output as `import` reads it.
    static func importRecord(_ bytes: [UInt8]) {
        _ = try? ResultImport.readRecord(bytes, place: "fuzz.jsonl:1")
    }
}

#if LOUPE_FUZZING
/// libFuzzer's entry point; the target is named by `LOUPE_FUZZ_TARGET`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let name = ProcessInfo.processInfo.environment["LOUPE_FUZZ_TARGET"] ?? "lexer"
    guard let target = FuzzTargets.all[name] else { fatalError("LOUPE_FUZZ_TARGET: no target \(name)") }
    target(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// libFuzzer's driver, which its own `main` would call.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The executable's entry: SwiftPM links an executable's `main` to this
/// module's `<module>_main`, so libFuzzer's driver is started from here.
@_cdecl("loupe_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
/// Without libFuzzer: `loupe-fuzz TARGET FILE...` runs the target on each file
/// (the saved corpus, a crasher to check); it exits 0 when none crashed.
@main
struct ReplayFuzzInputs {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let target = FuzzTargets.all[name] else {
            FileHandle.standardError.write(Data("usage: loupe-fuzz \(FuzzTargets.all.keys.sorted().joined(separator: "|")) FILE...\n".utf8))
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("loupe-fuzz: \(path): cannot be read\n".utf8))
                exit(1)
            }
            target([UInt8](data))
        }
    }
}
#endif
