import Calendrical
import Capacity
import ICalendar
import Pathway
import Reports

/// Turns plans into the calendars people import: one per patient (in their language), the ward's, and one per
/// staff role — the last two by pseudonym only and `CLASS:CONFIDENTIAL`.
///
/// Only what is booked looks booked. A clock time comes from the data alone: the time recorded for that appointment
/// (`evaluation: {date: 2027-01-12, time: "09:30-10:15"}`) or the site's own `times:`; every other event is all-day.
/// A date that is not fixed yet is `TENTATIVE` and its description gives the window in words; done, confirmed and
/// fixed dates are `CONFIRMED`. UIDs are `<token>-<what>-<n>@ahsct-planner`, where the token is a hash of the
/// pseudonym: stable across runs, and without a name or date in it.
///
/// The words are Reports': a patient's events are the entries Reports makes for their page too (one list, so the
/// page says what the calendar says), and the ward's and staff's titles are its calendar texts. This type turns them
/// into events — times, UIDs, recurrences, reminders — and documents, through the `ICalendar` module.
public struct PlanCalendars: Sendable {
    /// The site (zone, contacts, hours, departments).
    public let site: Site
    /// DTSTAMP of every event: the run's `--now`.
    public let now: Instant
    /// The patient's entries for this site (with its working calendar, made once for every patient: its holiday
    /// table covers 1900–2200).
    let entries: PatientEntries

    /// A builder.
    public init(site: Site, now: Instant) {
        self.site = site
        self.now = now
        self.entries = PatientEntries(site: site)
    }

    /// A stable, non-identifying token for a pseudonym (FNV-1a, 64 bits, hex).
    static func token(_ pseudonym: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in pseudonym.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func uid(_ pseudonym: String, _ item: CalendarItem) -> String {
        "\(token(pseudonym))-\(item.kind.rawValue)-\(item.number)@ahsct-planner"
    }
}
