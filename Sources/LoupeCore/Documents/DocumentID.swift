/// Rules for document ids, which name annotation files (`annotations/<id>.json`).
public enum DocumentID {
    /// Why `id` is not a safe file name, or `nil` when it is.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "it is empty" }
        if id == "." || id.containsUTF8("..") { return "it contains \"..\"" }
        if id.hasPrefix(".") { return "it starts with \".\"" }
        if id.utf8.count > 200 { return "it is longer than 200 bytes" }
        for scalar in id.unicodeScalars {
            if scalar == "/" || scalar == "\\" { return "it contains \"\(scalar)\"" }
            if Sanitizer.isUnsafe(scalar) { return "it contains a control character" }
            if scalar == ":" || scalar == "*" || scalar == "?" || scalar == "\"" || scalar == "<" || scalar == ">"
                || scalar == "|"
            {
                return "it contains \"\(scalar)\""
            }
        }
        if id.unicodeScalars.first?.properties.isWhitespace == true
            || id.unicodeScalars.last?.properties.isWhitespace == true
        {
            return "it starts or ends with white space"
        }
        return nil
    }
}
