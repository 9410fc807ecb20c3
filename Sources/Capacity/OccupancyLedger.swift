import Calendrical

/// Demand per resource per day, built with one sweep over the endpoints of every booking.
///
/// Each ``Interval`` adds its amount from its first day to its last day (both included). Instead of walking every
/// day of every interval (a day-by-patient double loop, O(n × length)), the ledger drops +amount on the first day and
/// −amount on the day after the last into a per-resource endpoint table, then runs a prefix sum over it: O(n + days).
/// The endpoint table is indexed by day, so the "sort" of the sweep is a counting sort and costs nothing extra.
///
/// A worked case, one bed resource: patient 0 holds a bed 4–8 January, patient 1 holds one 6–10 January.
/// ```text
/// endpoints: +1 on 4, −1 on 9, +1 on 6, −1 on 11
/// sweep:       4  5  6  7  8  9  10
/// demand:      1  1  2  2  2  1  1
/// ```
/// Days are day numbers (days since 1970-01-01, as `CalendarDate.daysSince1970` gives them).
package struct OccupancyLedger: Sendable {
    /// One booking: `amount` units of `resource` on every day from `from` to `to`, both included, for `owner`.
    package struct Interval: Sendable, Hashable {
        /// Index of the resource in the analysis.
        package var resource: Int32
        /// First day (day number).
        package var from: Int32
        /// Last day, included (day number).
        package var to: Int32
        /// Units used each day.
        package var amount: Int32
        /// Who books it (a patient's index).
        package var owner: Int32

        /// An interval.
        package init(resource: Int32, from: Int32, to: Int32, amount: Int32 = 1, owner: Int32) {
            self.resource = resource
            self.from = from
            self.to = to
            self.amount = amount
            self.owner = owner
        }
    }

    /// How many resources the ledger counts.
    package let resourceCount: Int
    /// The first day the ledger covers.
    package let firstDay: Int
    /// How many days it covers.
    package let dayCount: Int
    /// Demand, `resource * dayCount + (day - firstDay)`.
    private let load: [Int32]

    /// Builds the ledger of `intervals` over `resourceCount` resources, covering at least `span` (day numbers) and
    /// every interval.
    package init(intervals: [Interval], resourceCount: Int, covering span: ClosedRange<Int>? = nil) {
        var low = span?.lowerBound ?? Int.max
        var high = span?.upperBound ?? Int.min
        for interval in intervals {
            low = min(low, Int(interval.from))
            high = max(high, Int(interval.to))
        }
        if low > high { (low, high) = (0, -1) }
        let days = high - low + 1
        self.resourceCount = resourceCount
        self.firstDay = low
        self.dayCount = days
        // One extra slot per resource takes the −amount of intervals ending on the last day.
        let stride = days + 1
        var table = [Int32](repeating: 0, count: resourceCount * stride)
        table.withUnsafeMutableBufferPointer { table in
            for interval in intervals {
                let base = Int(interval.resource) * stride - low
                table[base + Int(interval.from)] &+= interval.amount
                table[base + Int(interval.to) + 1] &-= interval.amount
            }
        }
        var load = [Int32](repeating: 0, count: resourceCount * days)
        table.withUnsafeBufferPointer { table in
            load.withUnsafeMutableBufferPointer { load in
                for resource in 0..<resourceCount {
                    var running: Int32 = 0
                    for day in 0..<days {
                        running &+= table[resource * stride + day]
                        load[resource * days + day] = running
                    }
                }
            }
        }
        self.load = load
    }

    /// The days the ledger covers.
    package var days: Range<Int> { firstDay..<(firstDay + dayCount) }

    /// Demand for `resource` on `day` (0 outside the ledger).
    package func demand(_ resource: Int, on day: Int) -> Int {
        guard days.contains(day) else { return 0 }
        return Int(load[resource * dayCount + day - firstDay])
    }

    /// The highest demand for `resource` over `range`, and its first day (`nil` for an empty range).
    package func peak(_ resource: Int, in range: ClosedRange<Int>) -> (demand: Int, day: Int)? {
        var best: (demand: Int, day: Int)?
        for day in range {
            let value = demand(resource, on: day)
            if value > best?.demand ?? .min { best = (value, day) }
        }
        return best
    }

    /// Every run of consecutive days on which demand exceeds `limit`, per resource, from `from` on.
    ///
    /// `limit` gives, per resource, the capacity of each ledger day (`nil`: not limited); a run ends where demand
    /// falls back within capacity. Runs come sorted by resource, then day.
    package func overloads(limit: AvailabilityTable, from: Int? = nil) -> [Overload] {
        precondition(limit.firstDay == firstDay && limit.dayCount == dayCount, "the table must cover the ledger's days")
        var runs: [Overload] = []
        let start = from.map { max(0, $0 - firstDay) } ?? 0
        guard start < dayCount else { return runs }
        load.withUnsafeBufferPointer { load in
            for resource in 0..<resourceCount {
                guard let available = limit.available[resource], let scheduled = limit.scheduled[resource] else { continue }
                available.withUnsafeBufferPointer { available in
                    var open: Overload?
                    for day in start..<dayCount {
                        let demand = load[resource * dayCount + day]
                        if demand > available[day] {
                            // Over what is there because people are away, though within what is scheduled?
                            let absence = demand <= scheduled[day]
                            if var run = open, run.dueToAbsence == absence {
                                run.last = firstDay + day
                                if Int(demand) - Int(available[day]) > run.peakDemand - run.capacityAtPeak {
                                    run.peakDemand = Int(demand)
                                    run.capacityAtPeak = Int(available[day])
                                }
                                open = run
                            } else {
                                if let run = open { runs.append(run) }
                                open = Overload(resource: resource, first: firstDay + day, last: firstDay + day,
                                                peakDemand: Int(demand), capacityAtPeak: Int(available[day]),
                                                dueToAbsence: absence)
                            }
                        } else if let run = open {
                            runs.append(run)
                            open = nil
                        }
                    }
                    if let run = open { runs.append(run) }
                }
            }
        }
        return runs
    }

    /// For each run, the owners of the intervals that overlap it (sorted, each once): one pass over the intervals,
    /// with a binary search among the runs of the interval's resource.
    package static func owners(of runs: [Overload], in intervals: [Interval]) -> [[Int32]] {
        var byResource: [Int: [Int]] = [:]
        for (index, run) in runs.enumerated() { byResource[run.resource, default: []].append(index) }
        var owners = [[Int32]](repeating: [], count: runs.count)
        for interval in intervals {
            guard let list = byResource[Int(interval.resource)] else { continue }
            // The first run that ends on or after the interval's first day.
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) / 2
                if runs[list[mid]].last < Int(interval.from) { low = mid + 1 } else { high = mid }
            }
            var position = low
            while position < list.count, runs[list[position]].first <= Int(interval.to) {
                owners[list[position]].append(interval.owner)
                position += 1
            }
        }
        return owners.map { Array(Set($0)).sorted() }
    }
}

/// A run of consecutive days on which one resource has more demand than capacity.
package struct Overload: Sendable, Hashable {
    /// The resource's index.
    package var resource: Int
    /// First day of the run (day number).
    package var first: Int
    /// Last day of the run, included.
    package var last: Int
    /// Demand on the worst day (the largest excess).
    package var peakDemand: Int
    /// Capacity on that day (after absences).
    package var capacityAtPeak: Int
    /// Demand is within the scheduled capacity, and over it only because people are away (staff roles).
    package var dueToAbsence: Bool
}
