/// A point in time, counted in whole seconds since 1970-01-01 00:00:00 UTC.
///
/// DTSTAMP values and the starts of expanded occurrences are instants; `Instant(utc: …)` and ``utc``
/// convert to and from the UTC wall clock: `Instant(secondsSince1970: 1_798_761_600).utc` is
/// 2027-01-01T00:00:00.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public let secondsSince1970: Int64

    /// An instant from its Unix time.
    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// The instant at which UTC clocks show `utc`.
    public init(utc: LocalDateTime) { self.secondsSince1970 = utc.secondsSince1970AsUTC }

    /// What UTC clocks show at this instant.
    public var utc: LocalDateTime { LocalDateTime(utcSecondsSince1970: secondsSince1970) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    /// ISO 8601 in UTC, `2027-01-01T00:00:00Z`.
    public var description: String { "\(utc)Z" }
}
