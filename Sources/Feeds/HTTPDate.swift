import Calendrical

/// HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`; read in all three
/// forms a recipient must accept (IMF-fixdate, the obsolete RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` and C's
/// asctime `Sun Nov  6 08:49:37 1994`). Anything else is `nil`, so a garbled `If-Modified-Since` is ignored
/// (answered 200), never taken for a date.
///
/// `HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")` is 784111777; `HTTPDate.format(784111777)` gives it back.
public enum HTTPDate {
    private static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let longDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// IMF-fixdate of `seconds` since 1970 (UTC).
    public static func format(_ seconds: Int64) -> String {
        let dayNumber = Int(seconds.floorDivided(by: 86_400))
        let second = Int(seconds - Int64(dayNumber) * 86_400)
        let date = CalendarDate(daysSince1970: dayNumber)
        let weekday = days[(date.weekday.isoNumber - 1)]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(date.day)) \(months[date.month - 1]) \(date.year) "
            + "\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60)) GMT"
    }

    /// Seconds since 1970 of an HTTP date in any of the three forms, or `nil`.
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // IMF-fixdate: "Sun," "06" "Nov" "1994" "08:49:37" "GMT"
        if words.count == 6, words[0].count == 4, words[0].hasSuffix(","), days.contains(String(words[0].dropLast())),
           words[5] == "GMT", words[1].count == 2, let day = Int(words[1]), let month = months.firstIndex(of: words[2]),
           words[3].count == 4, let year = Int(words[3]) {
            return seconds(year: year, month: month + 1, day: day, clock: words[4])
        }
        // RFC 850: "Sunday," "06-Nov-94" "08:49:37" "GMT"; a two-digit year is taken within 50 years of 2000.
        if words.count == 4, words[0].hasSuffix(","), longDays.contains(String(words[0].dropLast())), words[3] == "GMT" {
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3, parts[0].count == 2, parts[2].count == 2, let day = Int(parts[0]),
                  let month = months.firstIndex(of: parts[1]), let short = Int(parts[2]) else { return nil }
            let year = short < 50 ? 2000 + short : 1900 + short
            return seconds(year: year, month: month + 1, day: day, clock: words[2])
        }
        // asctime: "Sun" "Nov" "6" "08:49:37" "1994" (the day padded with a space, which the split removes)
        if words.count == 5, days.contains(words[0]), let month = months.firstIndex(of: words[1]),
           (1...2).contains(words[2].count), let day = Int(words[2]), words[4].count == 4, let year = Int(words[4]) {
            return seconds(year: year, month: month + 1, day: day, clock: words[3])
        }
        return nil
    }

    private static func seconds(year: Int, month: Int, day: Int, clock: String) -> Int64? {
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), let second = Int(parts[2]),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        return Int64(date.daysSince1970) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
