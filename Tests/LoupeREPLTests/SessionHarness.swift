import AnalyzerTestSupport
import Foundation
@testable import LoupeCore
@testable import LoupeREPL

/// A session in memory with captured output, a temporary annotations folder
/// and the test analyzer registered.
final class SessionHarness {
    let directory: String
    let session: Session
    private(set) var output = ""
    private(set) var errors = ""

    init(documents: [Document] = [], interactive: Bool = false) {
        directory = TestScratch.folder("loupe-repl")
        let box = OutputBox()
        let console = Console(color: false, width: 80, output: { box.out += $0 }, errors: { box.err += $0 })
        session = Session(
            store: AnnotationStore(directory: directory + "/annotations"),
            registry: AnalyzerRegistry([WordListAnalyzer.self]), console: console, annotator: "tester", interactive: interactive)
        self.box = box
        for document in documents { _ = session.store.add(document) }
        session.currentDocumentID = documents.first?.id
    }

    private let box: OutputBox

    final class OutputBox {
        var out = ""
        var err = ""
    }

    /// Runs a line; returns its output and clears the buffers.
    @discardableResult
    func run(_ line: String) throws(CommandError) -> String {
        box.out = ""
        box.err = ""
        try session.execute(line: line)
        return box.out
    }

    var lastErrors: String { box.err }
}

func doc(_ text: String, id: String = "doc") -> Document {
    Document(id: id, text: text, sourcePath: "test.txt")
}
