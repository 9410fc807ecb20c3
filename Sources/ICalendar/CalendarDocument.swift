/// A whole iCalendar file (one VCALENDAR) as Swift values.
///
/// Writing needs only ``productID``, a name and the events: ``CalendarWriter`` adds VERSION, METHOD,
/// X-WR-TIMEZONE and one VTIMEZONE per zone the events use. Reading fills the same fields from the file;
/// ``definedTimeZones`` then lists the TZIDs the file's own VTIMEZONE components define.
public struct CalendarDocument: Sendable, Hashable {
    /// PRODID, e.g. `-//ahsct-planner//ahsct 0.1//EN`.
    public var productID: String
    /// METHOD; `PUBLISH` for calendars meant to be subscribed to or imported.
    public var method: String?
    /// X-WR-CALNAME: the name clients show for an imported calendar.
    public var name: String?
    /// X-WR-TIMEZONE: the zone clients should show the calendar in.
    public var timeZone: String?
    /// The VEVENTs, in file order.
    public var events: [Event]
    /// The TZIDs defined by VTIMEZONE components (filled by reading; the writer derives its own).
    public var definedTimeZones: [String]
    /// How often a subscribed client should fetch the calendar again, in whole seconds: written as RFC 7986's
    /// `REFRESH-INTERVAL;VALUE=DURATION:PT1H` and as `X-PUBLISHED-TTL:PT1H` (the form Outlook and older clients
    /// read). `nil` for a file meant to be imported once.
    public var refreshInterval: Int?

    /// A calendar to write.
    public init(productID: String, method: String? = "PUBLISH", name: String? = nil, timeZone: String? = nil,
                events: [Event] = []) {
        self.productID = productID
        self.method = method
        self.name = name
        self.timeZone = timeZone
        self.events = events
        self.definedTimeZones = []
    }
}
