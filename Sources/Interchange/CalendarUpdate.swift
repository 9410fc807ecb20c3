import ICalendar
import Pathway

/// Merges a newly built calendar with the one written by an earlier run, so clients that imported the old file
/// update it correctly: unchanged events keep their bytes (SEQUENCE and DTSTAMP included), changed events get
/// SEQUENCE + 1 and the new DTSTAMP, and events that disappeared are sent once more as `STATUS:CANCELLED` with
/// SEQUENCE + 1 (and are dropped on the run after that).
///
/// An admission moved from 4 to 11 January: its event's SEQUENCE goes from 0 to 1, and the reinfusion, isolation
/// and discharge events that follow it change too; the visits before it stay byte-identical.
public struct CalendarUpdate: Sendable, Hashable {
    /// What changed since the last run, for the summary a planner sends with the new files.
    public struct Summary: Sendable, Hashable, CustomStringConvertible {
        /// Events new in this run.
        public var added: [String] = []
        /// Events whose content changed (SEQUENCE raised).
        public var changed: [String] = []
        /// Events sent as cancelled.
        public var cancelled: [String] = []
        /// Events unchanged.
        public var unchanged = 0

        /// Whether anything changed.
        public var isEmpty: Bool { added.isEmpty && changed.isEmpty && cancelled.isEmpty }

        /// `2 changed, 1 cancelled, 0 new, 14 unchanged`.
        public var description: String {
            "\(changed.count) changed, \(cancelled.count) cancelled, \(added.count) new, \(unchanged) unchanged"
        }
    }

    /// The events to write.
    public var events: [Event]
    /// What changed.
    public var summary: Summary

    /// Merges `new` events (stamped `now`, SEQUENCE 0) with the `old` ones read back from the previous file.
    public init(old: [Event], new: [Event], now: Instant) {
        // Compared without DTSTAMP and SEQUENCE: those are this merge's to set.
        let comparison = KeyedComparison(old: old, new: new, key: \.uid) { before, after in
            var comparable = after
            comparable.stamp = before.stamp
            comparable.sequence = before.sequence
            return comparable == before
        }
        var summary = Summary()
        var events: [Event] = []
        var gone: [Event] = []
        for pair in comparison.pairs {
            switch (pair.kind, pair.old, pair.new) {
            case (.added, _, var event?):
                event.stamp = now
                events.append(event)
                summary.added.append(event.summary)
            case (.unchanged, let before?, _):
                events.append(before)
                summary.unchanged += 1
            case (.changed, let before?, var event?):
                event.stamp = now
                event.sequence = before.sequence + 1
                events.append(event)
                summary.changed.append(event.summary)
            case (.removed, let before?, _):
                gone.append(before)
            default:
                continue
            }
        }
        // Gone from the plan: cancel once (an event already cancelled last time is not sent again), by UID.
        for var event in gone.sorted(by: { $0.uid < $1.uid }) where event.status != .cancelled {
            event.status = .cancelled
            event.sequence += 1
            event.stamp = now
            event.alarms = []
            events.append(event)
            summary.cancelled.append(event.summary)
        }
        self.events = events
        self.summary = summary
    }
}
