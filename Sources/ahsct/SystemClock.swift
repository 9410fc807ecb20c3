import Calendrical
import Foundation
import ICalendar

extension Instant {
    /// The system clock, to the second. Only the command line reads it, once per run (`--now` replaces it); the
    /// libraries are given the instant.
    static var current: Instant { Instant(secondsSince1970: Int64(Date().timeIntervalSince1970)) }

    /// The civil date of this instant in `zone` (the UTC date if the zone is unknown).
    func civilDate(in zone: String) -> CalendarDate {
        TimeZoneLibrary.localTime(at: self, in: zone)?.date ?? CalendarDate(daysSince1970: Int(secondsSince1970 / 86_400))
    }
}
