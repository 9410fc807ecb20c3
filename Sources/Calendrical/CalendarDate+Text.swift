extension Weekday {
    /// The English name (`Monday`).
    public var name: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][isoNumber - 1]
    }
}

extension CalendarDate {
    /// The English month names, January first.
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                    "September", "October", "November", "December"]

    /// The date written out for people: `Monday 11 January 2027`.
    public var spelledOut: String { "\(weekday.name) \(day) \(Self.monthNames[month - 1]) \(year)" }

    /// The Monday of the ISO week this date is in.
    public var weekStart: CalendarDate { adding(days: 1 - weekday.isoNumber) }
}
