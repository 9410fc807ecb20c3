/// A time of day on the wall clock, with an optional end: when an appointment starts (and ends) on its day.
///
/// Clinical dates are civil dates; a clock time is only ever written where someone booked one (the appointment
/// letter says 09:30, or a site's own hours). `ClockSpan(text: "09:30-10:00")` starts at 570 minutes after
/// midnight and ends at 600; `ClockSpan(text: "09:30")` has a start only, and `ClockSpan(text: "10:00-09:30")` is
/// `nil` (an end before its start).
public struct ClockSpan: Sendable, Hashable, CustomStringConvertible {
    /// Minutes after midnight of the start (0…1439).
    public var fromMinutes: Int
    /// Minutes after midnight of the end, after ``fromMinutes``; `nil` when only a start was given.
    public var toMinutes: Int?

    /// A span from `fromMinutes` to `toMinutes` (minutes after midnight).
    public init(fromMinutes: Int, toMinutes: Int? = nil) {
        self.fromMinutes = fromMinutes
        self.toMinutes = toMinutes
    }

    /// `HH:MM` or `HH:MM-HH:MM` on a 24-hour clock (two digits each); `nil` for anything else, or an end that is
    /// not after the start.
    public init?(text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let minutes = parts.map { Self.minutes(of: $0) }
        guard let from = minutes[0] else { return nil }
        if parts.count == 2 {
            guard let to = minutes[1], to > from else { return nil }
            self.init(fromMinutes: from, toMinutes: to)
        } else {
            self.init(fromMinutes: from)
        }
    }

    /// `HH:MM` (two digits each, 00:00…23:59) as minutes after midnight.
    private static func minutes(of text: Substring) -> Int? {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(pieces[0]), let minute = Int(pieces[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    /// Start hour and minute.
    public var from: (hour: Int, minute: Int) { (fromMinutes / 60, fromMinutes % 60) }
    /// End hour and minute, when there is an end.
    public var to: (hour: Int, minute: Int)? { toMinutes.map { ($0 / 60, $0 % 60) } }

    /// Whether any minute of the span lies in 02:00–03:00, the hour that is missing or doubled when the clocks
    /// change in Europe: appointments are never booked there.
    public var touchesClockChangeHour: Bool {
        let end = toMinutes ?? fromMinutes + 1
        return fromMinutes < 180 && end > 120
    }

    /// `09:30` or `09:30-10:00`.
    public var description: String {
        func clock(_ minutes: Int) -> String { "\(zeroPadded(minutes / 60, 2)):\(zeroPadded(minutes % 60, 2))" }
        return clock(fromMinutes) + (toMinutes.map { "-" + clock($0) } ?? "")
    }
}
