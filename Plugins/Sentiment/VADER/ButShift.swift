/// The reference's "but" rule, exactly as it behaves: walking the list of
/// valences, each value is looked up by equality and the *first* equal entry
/// is scaled (halved before the "but", raised by half after it). With
/// repeated values this scales an earlier twin rather than the word itself;
/// agreement with the reference needs the same behaviour.
enum ButShift {
    /// Lists longer than this use the indexed walk, which is linear.
    static let indexedThreshold = 128

    static func apply(
        to values: inout [Double], but: Int, before: Double, after: Double,
        changed: (_ index: Int, _ value: Double, _ isBefore: Bool) -> Void
    ) {
        if values.count <= indexedThreshold {
            applyDirectly(to: &values, but: but, before: before, after: after, changed: changed)
        } else {
            applyIndexed(to: &values, but: but, before: before, after: after, changed: changed)
        }
    }

    /// The walk as written: O(n²), fine for sentences of ordinary length.
    static func applyDirectly(
        to values: inout [Double], but: Int, before: Double, after: Double,
        changed: (Int, Double, Bool) -> Void
    ) {
        for position in values.indices {
            let value = values[position]
            guard let first = values.firstIndex(of: value) else { continue }
            if first < but {
                values[first] = value * before
                changed(first, value, true)
            } else if first > but {
                values[first] = value * after
                changed(first, value, false)
            }
        }
    }

    /// The same walk in O(n log n): for every value, a min-heap of the
    /// positions that currently hold it.
    static func applyIndexed(
        to values: inout [Double], but: Int, before: Double, after: Double,
        changed: (Int, Double, Bool) -> Void
    ) {
        func key(_ value: Double) -> UInt64 { (value == 0 ? 0.0 : value).bitPattern }
        var positions: [UInt64: MinHeap] = [:]
        for (index, value) in values.enumerated() { positions[key(value), default: MinHeap()].push(index) }
        for position in values.indices {
            let value = values[position]
            guard let first = positions[key(value)]?.minimum else { continue }
            let scaled: Double
            if first < but {
                scaled = value * before
                changed(first, value, true)
            } else if first > but {
                scaled = value * after
                changed(first, value, false)
            } else {
                continue
            }
            values[first] = scaled
            if key(scaled) != key(value) {
                positions[key(value)]?.popMinimum()
                positions[key(scaled), default: MinHeap()].push(first)
            }
        }
    }

    struct MinHeap {
        private var items: [Int] = []

        var minimum: Int? { items.first }

        mutating func push(_ item: Int) {
            items.append(item)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard items[child] < items[parent] else { break }
                items.swapAt(child, parent)
                child = parent
            }
        }

        mutating func popMinimum() {
            guard !items.isEmpty else { return }
            items.swapAt(0, items.count - 1)
            items.removeLast()
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < items.count, items[left] < items[smallest] { smallest = left }
                if right < items.count, items[right] < items[smallest] { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }
}
