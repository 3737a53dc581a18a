import Foundation

/// Runs a transformation over a stream of items on several threads while the
/// calling thread produces the items and consumes the results, in input order.
///
/// At most `window` items are in flight at once, so memory stays bounded
/// however long the stream is: the producer waits while the window is full
/// and the consumer takes each result as soon as it and every earlier one are
/// done. With one job everything runs on the calling thread, with no locking.
///
/// The analysis runner uses it for the REPL's `analyze` (documents in, store
/// changes out) and for `loupe stream` (input lines in, output lines out).
public enum OrderedPipeline {
    /// Runs until `produce` returns `nil` or `stop` answers true.
    ///
    /// - Parameters:
    ///   - jobs: worker threads; 1 runs everything inline.
    ///   - window: items in flight at once (at least `jobs`).
    ///   - produce: called on the calling thread for the next item.
    ///   - transform: called on a worker thread for each item.
    ///   - consume: called on the calling thread with each result, in order.
    ///   - stop: checked between items; once true, no new item is produced,
    ///     results not yet consumed are dropped, and the call returns.
    public static func run<Input: Sendable, Output: Sendable>(
        jobs: Int, window: Int? = nil,
        produce: () -> Input?,
        transform: @escaping @Sendable (Input) -> Output,
        consume: (Output) -> Void,
        stop: @escaping @Sendable () -> Bool = { false }
    ) {
        if jobs <= 1 {
            while !stop(), let input = produce() {
                let output = transform(input)
                if stop() { return }
                consume(output)
            }
            return
        }
        let state = PipelineState<Input, Output>(capacity: max(jobs, window ?? jobs * 4))
        let group = DispatchGroup()
        for _ in 0..<jobs {
            DispatchQueue.global().async(group: group) {
                while let (index, input) = state.nextInput() {
                    let output: Output? = stop() ? nil : transform(input)
                    state.finish(index, output)
                }
            }
        }
        var produced = 0
        var consumed = 0
        var exhausted = false
        while !stop() {
            // Fill the window, then wait for the oldest result.
            while !exhausted, produced - consumed < state.capacity {
                guard let input = produce() else {
                    exhausted = true
                    break
                }
                state.submit(produced, input)
                produced += 1
            }
            if consumed == produced { break }
            guard let output = state.waitForResult(consumed) else { break }
            consumed += 1
            if stop() { break }
            consume(output)
        }
        state.close()
        group.wait()
    }
}

/// The shared queue and result slots of one pipeline run.
private final class PipelineState<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    let capacity: Int
    private let condition = NSCondition()
    private var inputs: [(Int, Input)] = []
    private var inputHead = 0
    private var results: [Int: Output?] = [:]
    private var closed = false

    init(capacity: Int) {
        self.capacity = capacity
        inputs.reserveCapacity(capacity)
    }

    func submit(_ index: Int, _ input: Input) {
        condition.lock()
        if inputHead > 0, inputHead == inputs.count {
            inputs.removeAll(keepingCapacity: true)
            inputHead = 0
        }
        inputs.append((index, input))
        condition.broadcast()
        condition.unlock()
    }

    /// The next item for a worker, or `nil` once the pipeline is closed.
    func nextInput() -> (Int, Input)? {
        condition.lock()
        defer { condition.unlock() }
        while inputHead == inputs.count, !closed { condition.wait() }
        guard inputHead < inputs.count, !closed else { return nil }
        let item = inputs[inputHead]
        inputHead += 1
        return item
    }

    /// Records a worker's result; `nil` when it skipped the item.
    func finish(_ index: Int, _ output: Output?) {
        condition.lock()
        results[index] = .some(output)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the result of item `index`; `nil` if a worker skipped it.
    func waitForResult(_ index: Int) -> Output? {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        return results.removeValue(forKey: index) ?? nil
    }

    /// Tells the workers to finish; items not yet taken are dropped.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
