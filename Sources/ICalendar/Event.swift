import Calendrical

/// One VEVENT: a visit, a span of days or a series of repeated appointments.
///
/// A Monday/Wednesday/Friday blood count at 08:30 in Amsterdam until the day of discharge:
/// ```swift
/// var event = Event(uid: "9f1c…@ahsct-planner", summary: "Bloedafname",
///                   start: .zoned(LocalDateTime(clamping: CalendarDate(clamping: 2027, 1, 11), hour: 8, minute: 30),
///                                 timeZone: "Europe/Amsterdam"))
/// event.end = .zoned(LocalDateTime(clamping: CalendarDate(clamping: 2027, 1, 11), hour: 8, minute: 45), timeZone: "Europe/Amsterdam")
/// event.recurrence = RecurrenceRule(frequency: .weekly, daysOfTheWeek: [.init(.monday), .init(.wednesday), .init(.friday)],
///                                   end: .until(.utc(LocalDateTime(clamping: CalendarDate(clamping: 2027, 2, 1), hour: 7, minute: 30))))
/// ```
public struct Event: Sendable, Hashable {
    /// The event's identity across re-imports (UID). Must be non-empty; carries no personal data.
    public var uid: String
    /// When this version was made (DTSTAMP); `nil` lets the writer use its injected "now".
    public var stamp: Instant?
    /// The revision number (SEQUENCE), raised whenever the event changes.
    public var sequence: Int
    /// TENTATIVE, CONFIRMED or CANCELLED (STATUS), if stated.
    public var status: EventStatus?
    /// The title (SUMMARY): it shows on lock screens.
    public var summary: String
    /// Free text (DESCRIPTION); newlines allowed.
    public var description: String?
    /// Where (LOCATION).
    public var location: String?
    /// One category (CATEGORIES); must not contain `,`, `;`, `\` or a newline.
    public var category: String?
    /// PUBLIC, PRIVATE or CONFIDENTIAL (CLASS), if stated.
    public var classification: Classification?
    /// Whether the event blocks time in free/busy (TRANSP), if stated.
    public var transparency: Transparency?
    /// Who publishes the event (ORGANIZER), if stated.
    public var organizer: Organizer?
    /// The start (DTSTART).
    public var start: EventTime
    /// The exclusive end (DTEND); for an all-day event the day after its last day.
    public var end: EventTime?
    /// The repetition (RRULE), if any.
    public var recurrence: RecurrenceRule?
    /// Starts left out of the repetition (EXDATE), in the same form as ``start``.
    public var exceptionDates: [EventTime]
    /// Reminders (VALARM).
    public var alarms: [Alarm]

    /// An event with the required parts; everything else starts empty.
    public init(uid: String, summary: String, start: EventTime, end: EventTime? = nil) {
        self.uid = uid
        self.stamp = nil
        self.sequence = 0
        self.status = nil
        self.summary = summary
        self.description = nil
        self.location = nil
        self.category = nil
        self.classification = nil
        self.transparency = nil
        self.organizer = nil
        self.start = start
        self.end = end
        self.recurrence = nil
        self.exceptionDates = []
        self.alarms = []
    }
}

/// The STATUS of an event.
public enum EventStatus: String, Sendable, Hashable, CaseIterable {
    case tentative = "TENTATIVE", confirmed = "CONFIRMED", cancelled = "CANCELLED"
}

/// The CLASS of an event: who may see its details on a shared calendar.
public enum Classification: String, Sendable, Hashable, CaseIterable {
    case `public` = "PUBLIC", `private` = "PRIVATE", confidential = "CONFIDENTIAL"
}

/// The TRANSP of an event: `opaque` blocks time, `transparent` does not (a multi-day span, say).
public enum Transparency: String, Sendable, Hashable, CaseIterable {
    case opaque = "OPAQUE", transparent = "TRANSPARENT"
}

/// The ORGANIZER: a calendar address (`mailto:planning@example.org`) and an optional display name.
public struct Organizer: Sendable, Hashable {
    /// A URI, usually `mailto:…`.
    public var address: String
    /// The display name (CN parameter).
    public var commonName: String?

    /// An organizer with an address and optional display name.
    public init(address: String, commonName: String? = nil) {
        self.address = address
        self.commonName = commonName
    }
}
