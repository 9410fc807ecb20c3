/// One occurrence of an event after recurrence expansion.
///
/// For a weekly rule at 08:30 `Europe/Amsterdam`, the occurrence on Friday 23 October 2026 has
/// `start == .zoned(2026-10-23 08:30, "Europe/Amsterdam")` and `utcStart` 06:30 UTC; the one on Monday
/// 26 October, after the change to winter time, has the same wall-clock start and `utcStart` 07:30 UTC.
public struct Occurrence: Sendable, Hashable {
    /// The event's UID.
    public var uid: String
    /// The event's SUMMARY.
    public var summary: String
    /// The start, on the event's own clock.
    public var start: EventTime
    /// The exclusive end, on the event's own clock, if the event has one.
    public var end: EventTime?
    /// The start as an instant; `nil` for all-day and floating times, which have none.
    public var utcStart: Instant?

    /// An occurrence.
    public init(uid: String, summary: String, start: EventTime, end: EventTime?, utcStart: Instant?) {
        self.uid = uid
        self.summary = summary
        self.start = start
        self.end = end
        self.utcStart = utcStart
    }
}
