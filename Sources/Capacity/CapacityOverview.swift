import Calendrical

/// Occupancy against capacity per resource over a span of days, by day or by ISO week, in both views.
///
/// A week's row shows the highest demand of the week and the lowest capacity of the week, so "free" is what is
/// surely free on every day of it. A worked case: two beds, demand 1, 2, 2, 3, 2, 2, 1 over Monday–Sunday →
/// peak 3, capacity 2, free −1 (over-full on at least one day).
public struct CapacityOverview: Sendable {
    /// Rows per day or per week.
    public enum Period: String, Sendable, CaseIterable {
        case day, week
    }

    /// One resource over one period.
    public struct Row: Sendable, Hashable {
        /// The resource.
        public var resource: String
        /// First day of the period (a Monday for weeks, clipped to the span).
        public var from: CalendarDate
        /// Last day of the period (clipped to the span).
        public var to: CalendarDate
        /// Lowest capacity after absences (`nil`: not limited).
        public var capacity: Int?
        /// Highest expected demand.
        public var expected: Int
        /// Highest worst-case demand.
        public var worstCase: Int
        /// Days in the period on which the resource is closed for new starts.
        public var closedDays: Int

        /// Capacity left in the expected view (`nil`: not limited).
        public var freeExpected: Int? { capacity.map { $0 - expected } }
        /// Capacity left in the worst case.
        public var freeWorstCase: Int? { capacity.map { $0 - worstCase } }
    }

    /// The highest demand of a resource over the whole span, in one view.
    public struct Peak: Sendable, Hashable {
        /// The resource.
        public var resource: String
        /// Highest expected demand, and its first day.
        public var expected: (demand: Int, day: CalendarDate)
        /// Highest worst-case demand, and its first day.
        public var worstCase: (demand: Int, day: CalendarDate)
        /// Capacity on the expected peak day (`nil`: not limited).
        public var capacity: Int?

        public static func == (lhs: Peak, rhs: Peak) -> Bool {
            lhs.resource == rhs.resource && lhs.expected == rhs.expected && lhs.worstCase == rhs.worstCase
                && lhs.capacity == rhs.capacity
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(resource) }
    }

    /// The first day shown.
    public let from: CalendarDate
    /// The last day shown.
    public let to: CalendarDate
    /// By day or week.
    public let period: Period
    /// The rows, resource by resource (in the analysis's order), then by period.
    public let rows: [Row]
    /// One peak per resource.
    public let peaks: [Peak]

    /// The overview of `analysis` from `from` to `to`.
    public init(analysis: CohortAnalysis, from: CalendarDate, to: CalendarDate, period: Period) {
        self.from = from
        self.to = to
        self.period = period
        let span = from.daysSince1970...to.daysSince1970
        let expected = analysis.ledger(analysis.intervals(analysis.bookings(.expected)), covering: span)
        let worst = analysis.ledger(analysis.intervals(analysis.bookings(.worstCase)), covering: span)
        let calendar = analysis.planner.calendar
        var rows: [Row] = []
        var peaks: [Peak] = []
        for (index, resource) in analysis.resources.enumerated() {
            var start = from
            while start <= to {
                let end = period == .day ? start : min(to, start.weekStart.adding(days: 6))
                var row = Row(resource: resource, from: start, to: end, capacity: nil, expected: 0, worstCase: 0,
                              closedDays: 0)
                var day = start
                while day <= end {
                    let number = day.daysSince1970
                    row.expected = max(row.expected, expected.0.demand(index, on: number))
                    row.worstCase = max(row.worstCase, worst.0.demand(index, on: number))
                    let meetingDay = analysis.schedule.committee.map { day.weekday == $0.weekday } ?? true
                    if let capacity = expected.1.available(index, on: number),
                       resource != CapacitySchedule.committeeResource || meetingDay {
                        row.capacity = min(row.capacity ?? capacity, capacity)
                    }
                    if resource != CapacitySchedule.committeeResource, !analysis.schedule.isRole(resource),
                       !calendar.isOpen(day, for: resource) {
                        row.closedDays += 1
                    }
                    day = day.adding(days: 1)
                }
                rows.append(row)
                start = end.adding(days: 1)
            }
            // The span has at least one day (from ≤ to), so each peak exists; an empty one would read as 0 on `from`.
            let e = expected.0.peak(index, in: span) ?? (0, span.lowerBound)
            let w = worst.0.peak(index, in: span) ?? (0, span.lowerBound)
            peaks.append(Peak(resource: resource, expected: (e.demand, CalendarDate(daysSince1970: e.day)),
                              worstCase: (w.demand, CalendarDate(daysSince1970: w.day)),
                              capacity: resource == CapacitySchedule.committeeResource ? analysis.schedule.committee?.cases
                                  : expected.1.available(index, on: e.day)))
        }
        self.rows = rows
        self.peaks = peaks
    }
}
