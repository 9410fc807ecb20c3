import Calendrical
import Pathway

/// Site closures from an iCalendar file (a ward's "closed" calendar exported from Outlook or Google).
///
/// Each occurrence closes every day it touches: an all-day event on 24–26 December (DTEND 27 December, exclusive)
/// closes 24, 25 and 26 December; a timed event closes the days of its start and its end. Recurring events are
/// expanded (a closure every first Monday of the month works). An event whose CATEGORIES is one of the protocol's
/// resources closes only that resource; any other event closes the whole site. The SUMMARY becomes the reason.
public enum ClosureImport {
    /// The closures in the `.ics` file at `path`.
    public static func closures(fromICS path: String, resources: [String]) throws(InputErrors) -> [Closure] {
        try CalendarSpans.spans(fromICS: path).spans.map { span in
            Closure(from: span.from, to: span.to,
                    resources: span.category.flatMap { resources.contains($0) ? [$0] : nil },
                    reason: span.summary.isEmpty ? nil : span.summary)
        }
    }
}
