/// A day of the week, in ISO order (Monday first), with its iCalendar two-letter code.
public enum Weekday: String, Sendable, Hashable, CaseIterable, Comparable {
    case monday = "MO", tuesday = "TU", wednesday = "WE", thursday = "TH", friday = "FR",
         saturday = "SA", sunday = "SU"

    /// 1 for Monday … 7 for Sunday.
    public var isoNumber: Int { Weekday.allCases.firstIndex(of: self)! + 1 }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.isoNumber < rhs.isoNumber }
}
