import Calendrical
import Foundation
import ICalendar

/// HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`; read in all three
/// forms a recipient must accept (IMF-fixdate, the obsolete RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` and C's
/// asctime `Sun Nov  6 08:49:37 1994`). Anything else is `nil`, so a garbled `If-Modified-Since` is ignored
/// (answered 200), never taken for a date.
///
/// `HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")` is the instant 784111777 s after 1970; `HTTPDate.format` of
/// that instant gives the text back.
///
/// An HTTP matter, so it lives in Server: Feeds keeps the instant a body last changed (``Feeds/FeedBody/lastModified``)
/// and the server spells it once per snapshot, in ``CalendarAnswer``.
public enum HTTPDate {
    // HTTP's names are the English ones, cut to three letters where it abbreviates.
    private static let days = Weekday.names.map { String($0.prefix(3)) }
    private static let longDays = Weekday.names
    private static let months = CalendarDate.monthNames.map { String($0.prefix(3)) }

    /// IMF-fixdate of `instant` (UTC).
    public static func format(_ instant: Instant) -> String {
        let time = instant.utc
        let date = time.date
        return "\(days[date.weekday.isoNumber - 1]), \(zeroPadded(date.day, 2)) \(months[date.month - 1]) \(date.year) "
            + "\(zeroPadded(time.hour, 2)):\(zeroPadded(time.minute, 2)):\(zeroPadded(time.second, 2)) GMT"
    }

    /// The instant of an HTTP date in any of the three forms, or `nil`.
    public static func parse(_ text: String) -> Instant? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // IMF-fixdate: "Sun," "06" "Nov" "1994" "08:49:37" "GMT"
        if words.count == 6, words[0].count == 4, words[0].hasSuffix(","), days.contains(String(words[0].dropLast())),
           words[5] == "GMT", words[1].count == 2, let day = Int(words[1]), let month = months.firstIndex(of: words[2]),
           words[3].count == 4, let year = Int(words[3]) {
            return instant(year: year, month: month + 1, day: day, clock: words[4])
        }
        // RFC 850: "Sunday," "06-Nov-94" "08:49:37" "GMT"; a two-digit year is taken within 50 years of 2000.
        if words.count == 4, words[0].hasSuffix(","), longDays.contains(String(words[0].dropLast())), words[3] == "GMT" {
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3, parts[0].count == 2, parts[2].count == 2, let day = Int(parts[0]),
                  let month = months.firstIndex(of: parts[1]), let short = Int(parts[2]) else { return nil }
            let year = short < 50 ? 2000 + short : 1900 + short
            return instant(year: year, month: month + 1, day: day, clock: words[2])
        }
        // asctime: "Sun" "Nov" "6" "08:49:37" "1994" (the day padded with a space, which the split removes)
        if words.count == 5, days.contains(words[0]), let month = months.firstIndex(of: words[1]),
           (1...2).contains(words[2].count), let day = Int(words[2]), words[4].count == 4, let year = Int(words[4]) {
            return instant(year: year, month: month + 1, day: day, clock: words[3])
        }
        return nil
    }

    private static func instant(year: Int, month: Int, day: Int, clock: String) -> Instant? {
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), let second = Int(parts[2]),
              (0...60).contains(second), let date = CalendarDate(year: year, month: month, day: day),
              // A leap second (60) is read as the second before it.
              let time = LocalDateTime(date: date, hour: hour, minute: minute, second: min(second, 59)) else { return nil }
        return Instant(utc: time)
    }
}
