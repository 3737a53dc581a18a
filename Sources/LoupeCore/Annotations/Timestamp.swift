import Foundation

/// ISO 8601 UTC timestamps for `created` and `modified`.
///
/// When `SOURCE_DATE_EPOCH` is set (the reproducible-builds convention), that
/// moment is used instead of the clock, so scripted runs can produce
/// byte-identical files.
public enum Timestamp {
    public static func now() -> String {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(epoch) {
            return format(Date(timeIntervalSince1970: seconds))
        }
        return format(Date())
    }

    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }
}
