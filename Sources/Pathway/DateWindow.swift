import Calendrical

/// The three readings of one date of a plan: earliest, expected and latest.
///
/// Each follows from the same reading of the steps before it (the earliest conditioning admission is counted from
/// the earliest harvest). A recorded date makes all three equal.
public struct DateWindow: Sendable, Hashable, CustomStringConvertible {
    /// The earliest the date can be.
    public var earliest: CalendarDate
    /// The date the plan expects.
    public var expected: CalendarDate
    /// The latest it can be.
    public var latest: CalendarDate

    /// A window.
    public init(earliest: CalendarDate, expected: CalendarDate, latest: CalendarDate) {
        self.earliest = earliest
        self.expected = expected
        self.latest = latest
    }

    /// One day for all three (a recorded date).
    public init(fixed date: CalendarDate) {
        self.init(earliest: date, expected: date, latest: date)
    }

    /// The reading of one chain.
    public subscript(chain: Chain) -> CalendarDate {
        get {
            switch chain {
            case .earliest: return earliest
            case .expected: return expected
            case .latest: return latest
            }
        }
        set {
            switch chain {
            case .earliest: earliest = newValue
            case .expected: expected = newValue
            case .latest: latest = newValue
            }
        }
    }

    /// Whether the three readings are one day.
    public var isSingleDay: Bool { earliest == latest && earliest == expected }

    /// `2026-10-05` for one day, `2026-09-21 … 2026-10-05 (expected 2026-09-28)` otherwise.
    public var description: String {
        isSingleDay ? "\(expected)" : "\(earliest) … \(latest) (expected \(expected))"
    }
}

/// One of the three readings a plan is computed in.
public enum Chain: String, Sendable, Hashable, CaseIterable {
    case earliest, expected, latest
}
