extension Weekday {
    /// The English names, Monday first.
    public static let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    /// The Dutch names, Monday first (written in lower case, as Dutch does).
    public static let dutchNames = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]

    /// The English name (`Monday`).
    public var name: String { Self.names[isoNumber - 1] }
}

extension CalendarDate {
    /// The English month names, January first.
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                    "September", "October", "November", "December"]

    /// The Dutch month names, januari first.
    public static let dutchMonthNames = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                                         "september", "oktober", "november", "december"]

    /// The date written out for people: `Monday 11 January 2027`.
    public var spelledOut: String { spelledOut(dutch: false) }

    /// The date written out in English (`Monday 11 January 2027`) or Dutch (`maandag 11 januari 2027`).
    public func spelledOut(dutch: Bool) -> String {
        dutch ? "\(Weekday.dutchNames[weekday.isoNumber - 1]) \(day) \(Self.dutchMonthNames[month - 1]) \(year)"
              : "\(weekday.name) \(day) \(Self.monthNames[month - 1]) \(year)"
    }

    /// The parts of `YYYY-MM-DD` (ASCII digits, exactly 4-2-2), whether or not they make a real day: `2027-02-30`
    /// gives (2027, 2, 30); `2027-2-3`, `tomorrow` and `２０２７-…` give `nil`.
    public static func isoParts(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        return (year, month, day)
    }

    /// The day `YYYY-MM-DD` names, when it is a real day: `CalendarDate(iso: "2027-01-04")`.
    public init?(iso text: String) {
        guard let parts = Self.isoParts(text) else { return nil }
        self.init(year: parts.year, month: parts.month, day: parts.day)
    }

    /// The Monday of the ISO week this date is in.
    public var weekStart: CalendarDate { adding(days: 1 - weekday.isoNumber) }
}
