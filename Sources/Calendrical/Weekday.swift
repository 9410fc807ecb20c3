/// A day of the week, in ISO order (Monday first), with its iCalendar two-letter code.
public enum Weekday: String, Sendable, Hashable, CaseIterable, Comparable {
    case monday = "MO", tuesday = "TU", wednesday = "WE", thursday = "TH", friday = "FR",
         saturday = "SA", sunday = "SU"

    /// 1 for Monday … 7 for Sunday.
    public var isoNumber: Int {
        switch self {
        case .monday: 1
        case .tuesday: 2
        case .wednesday: 3
        case .thursday: 4
        case .friday: 5
        case .saturday: 6
        case .sunday: 7
        }
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.isoNumber < rhs.isoNumber }
}
