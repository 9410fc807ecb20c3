internal import CLibical
import Foundation
import Calendrical

/// The IANA zones libical knows (from the system's `/usr/share/zoneinfo`, package `tzdata`), behind one lock.
///
/// libical's builtin-zone table is a global array that grows without a lock, and a zone lazily extends its
/// table of changes when asked for a conversion, so every use of a builtin zone goes through ``shared``.
/// What leaves the lock is plain Swift: the VTIMEZONE text with the plain TZID (`Europe/Amsterdam`,
/// not libical's `/freeassociation.sourceforge.net/Europe/Amsterdam`), truncated to the years from 1970.
///
/// `TimeZoneLibrary.isKnown("Europe/Amsterdam")` is `true`; `TimeZoneLibrary.isKnown("Mars/Olympus")` is `false`.
public enum TimeZoneLibrary {
    /// Cached VTIMEZONE texts by TZID; `nil` entries remember unknown names.
    private static let cache = ZoneCache()

    /// Set up libical once, before any thread can race on its globals.
    static let initialized: Bool = {
        icalerror_set_errors_are_fatal(0)
        _ = icaltimezone_get_builtin_timezones()
        _ = icaltimezone_get_utc_timezone()
        return true
    }()

    /// Whether `name` is an IANA zone that libical can supply.
    public static func isKnown(_ name: String) -> Bool { vtimezoneText(for: name) != nil }

    /// The zone's VTIMEZONE as iCalendar text (from `BEGIN:VTIMEZONE` to `END:VTIMEZONE`, CRLF lines),
    /// TZID set to `name`, observances from 1970 on; `nil` for an unknown zone.
    public static func vtimezoneText(for name: String) -> String? {
        precondition(initialized)
        if name.isEmpty || name.utf8.contains(0) || name.hasPrefix("/") { return nil }
        return cache.text(for: name, make: makeVTimezoneText)
    }

    /// The instant at which clocks in `zone` show `local`; `nil` for an unknown zone.
    ///
    /// In `Europe/Amsterdam`, 2026-10-25 12:00 (winter time, UTC+1) is 11:00 UTC, and
    /// 2026-10-24 12:00 (summer time, UTC+2) is 10:00 UTC.
    /// A wall-clock time that occurs twice is the first of the two (RFC 5545 §3.3.5): 02:30 on 25 October 2026
    /// is 00:30 UTC. A time in the gap of the spring change follows libical; the planner never schedules there.
    public static func instant(of local: LocalDateTime, in zone: String) -> Instant? {
        return withPrivateZone(named: zone) { zonePointer in
            let time = icaltimetype(local, zone: nil)
            var seconds = icaltime_as_timet_with_zone(time, zonePointer)
            // RFC 5545 §3.3.5: a wall-clock time that occurs twice (when clocks go back) means the first
            // one; libical picks the second, so step back an hour when that shows the same wall clock.
            if LocalDateTime(icaltime_from_timet_with_zone(seconds - 3600, 0, zonePointer)) == local {
                seconds -= 3600
            }
            return Instant(secondsSince1970: Int64(seconds))
        }
    }

    /// What clocks in `zone` show at `instant`; `nil` for an unknown zone.
    public static func localTime(at instant: Instant, in zone: String) -> LocalDateTime? {
        let local = withPrivateZone(named: zone) { zonePointer in
            LocalDateTime(icaltime_from_timet_with_zone(time_t(instant.secondsSince1970), 0, zonePointer))
        }
        return local ?? nil
    }

    /// Runs `body` with the private `icaltimezone` of `name` (made from ``vtimezoneText(for:)`` the first time, then
    /// kept), one caller at a time; `nil` for an unknown zone.
    ///
    /// A zone works out its table of changes the first time a conversion needs a year, through libical's
    /// recurrence code (ICU): about a millisecond. A zone made afresh for every conversion paid that each time, and a
    /// publish of 2,000 patients converts thousands of times; kept, it is paid once per zone and year.
    static func withPrivateZone<T>(named name: String, _ body: (OpaquePointer) -> T) -> T? {
        guard let text = vtimezoneText(for: name), let zone = cache.zone(for: name, text: text) else { return nil }
        return zone.lock.withLock { body(zone.pointer) }
    }

    /// Builds the truncated VTIMEZONE text for a builtin zone; call with the lock held.
    private static func makeVTimezoneText(_ name: String) -> String? {
        guard let zone = icaltimezone_get_builtin_timezone(name),
              let builtin = icaltimezone_get_component(zone),
              let clone = icalcomponent_new_clone(builtin) else { return nil }
        let tree = ComponentTree(owning: clone)
        if let tzid = icalcomponent_get_first_property(tree.pointer, ICAL_TZID_PROPERTY) {
            icalproperty_set_tzid(tzid, name)
        }
        var start = icaltime_null_time()
        start.year = 1970
        start.month = 1
        start.day = 1
        start.zone = icaltimezone_get_utc_timezone()
        icaltimezone_truncate_vtimezone(tree.pointer, start, icaltime_null_time(), 0)
        return takeString(icalcomponent_as_ical_string_r(tree.pointer))
    }
}

extension icaltimetype {
    /// A libical time from a wall-clock time; `zone` nil means floating (or zone given by a TZID parameter).
    init(_ local: LocalDateTime, zone: OpaquePointer?) {
        self = icaltime_null_time()
        year = Int32(local.date.year)
        month = Int32(local.date.month)
        day = Int32(local.date.day)
        hour = Int32(local.hour)
        minute = Int32(local.minute)
        second = Int32(min(local.second, 59))
        is_date = 0
        self.zone = zone
    }

    /// A libical all-day value.
    init(_ date: CalendarDate) {
        self = icaltime_null_time()
        year = Int32(date.year)
        month = Int32(date.month)
        day = Int32(date.day)
        is_date = 1
    }
}

extension LocalDateTime {
    /// A wall-clock time from libical's fields; `nil` when they are out of range.
    init?(_ time: icaltimetype) {
        self.init(year: Int(time.year), month: Int(time.month), day: Int(time.day),
                  hour: Int(time.hour), minute: Int(time.minute), second: Int(time.second))
    }
}

/// A private `icaltimezone` (not libical's builtin table), owned here and freed with this object. Converting through
/// it extends its table of changes, so its ``lock`` is held for every use.
private final class PrivateZone: @unchecked Sendable {
    let lock = NSLock()
    let pointer: OpaquePointer

    /// The zone of VTIMEZONE `text`; `nil` when libical cannot make one of it.
    init?(text: String) {
        guard let component = icalcomponent_new_from_string(text) else { return nil }
        guard let zone = icaltimezone_new() else {
            icalcomponent_free(component)
            return nil
        }
        guard icaltimezone_set_component(zone, component) != 0 else {
            icalcomponent_free(component)
            icaltimezone_free(zone, 1)
            return nil
        }
        pointer = zone
    }

    deinit { icaltimezone_free(pointer, 1) }  // frees the component it was given too
}

/// The zone texts behind a pthread mutex (`NSLock`). `Synchronization.Mutex` waits on a bare futex on Linux, which
/// ThreadSanitizer cannot see, so it reported every first use of a zone from two threads as a race (issue 17, item 9):
/// a lock it understands removes the report at its root instead of suppressing it.
private final class ZoneCache: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String: String?] = [:]
    private var zones: [String: PrivateZone] = [:]

    /// The kept private zone of `name`, made from `text` the first time.
    func zone(for name: String, text: String) -> PrivateZone? {
        lock.lock()
        defer { lock.unlock() }
        if let known = zones[name] { return known }
        let zone = PrivateZone(text: text)
        zones[name] = zone
        return zone
    }

    /// The cached text of `name`, made with `make` (under the lock, as libical's globals need) the first time.
    func text(for name: String, make: (String) -> String?) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if let known = texts[name] { return known }
        let text = make(name)
        texts[name] = .some(text)
        return text
    }
}
