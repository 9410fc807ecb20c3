import Calendrical

extension ClockSpan {
    /// Why a clock time from a cohort file or the command line was refused; each reader words it in its own style.
    enum Refusal: Error, Hashable {
        /// Not `HH:MM` (or `HH:MM-HH:MM`; only the second where an end is needed).
        case notATime
        /// `10:15-09:30`: the end (here 09:30) is before the start, or equal to it.
        case endsBeforeItStarts(end: ClockSpan, atTheStart: Bool)
        /// A minute in 02:00–03:00, the hour that is missing or doubled when the clocks change.
        case clockChangeHour
    }

    /// `text` as a clock time that may be booked: `HH:MM` or `HH:MM-HH:MM` (only the second when `needsEnd`), the
    /// end after the start, no minute in 02:00–03:00. `"01:00-02:00"` and `"03:00"` are fine; `"02:30"` is not.
    static func checked(_ text: String, needsEnd: Bool) -> Result<ClockSpan, Refusal> {
        let halves = text.split(separator: "-", omittingEmptySubsequences: false).map { ClockSpan(text: String($0)) }
        guard needsEnd ? halves.count == 2 : (1...2).contains(halves.count), halves.allSatisfy({ $0 != nil }),
              var span = halves[0] else { return .failure(.notATime) }
        if halves.count == 2, let end = halves[1] {
            guard end.fromMinutes > span.fromMinutes else {
                return .failure(.endsBeforeItStarts(end: end, atTheStart: end == span))
            }
            span.toMinutes = end.fromMinutes
        }
        return span.touchesClockChangeHour ? .failure(.clockChangeHour) : .success(span)
    }
}
