import Foundation

extension String {
    /// `replacingOccurrences(of:with:)`, without Foundation's bridging when there
    /// is nothing to replace or both strings are ASCII (where comparing bytes is
    /// what Foundation's search does; other text still goes to Foundation).
    func replacing(_ target: String, by replacement: String) -> String {
        let targetBytes = Array(target.utf8)
        guard let first = targetBytes.first else { return replacingOccurrences(of: target, with: replacement) }
        let bytes = Array(utf8)
        // No byte that opens the target: no occurrence, the text as it is.
        guard bytes.contains(first) else { return self }
        guard bytes.allSatisfy({ $0 < 0x80 }), targetBytes.allSatisfy({ $0 < 0x80 }) else {
            return replacingOccurrences(of: target, with: replacement)
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + replacement.utf8.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == first, index + targetBytes.count <= bytes.count, bytes[index..<(index + targetBytes.count)].elementsEqual(targetBytes) {
                result.append(contentsOf: replacement.utf8)
                index += targetBytes.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
