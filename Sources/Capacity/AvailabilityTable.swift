import Calendrical

/// Capacity per resource per day over a span of day numbers: the scheduled capacity (usual, with changes painted
/// in file order) and what is available once absences are taken off.
///
/// Absences are counted with the same endpoint sweep as the ``OccupancyLedger``; the committee's capacity is its
/// cases per meeting on meeting days and 0 on other days (no case can be discussed on them).
package struct AvailabilityTable: Sendable {
    /// The first day covered (day number).
    package let firstDay: Int
    /// How many days are covered.
    package let dayCount: Int
    /// Per resource: the scheduled capacity of each day, or `nil` when the resource is not limited.
    package let scheduled: [[Int32]?]
    /// Per resource: the capacity left after absences, or `nil` when the resource is not limited.
    package let available: [[Int32]?]

    /// The table for `resources` (names, in the analysis's order) over `days`.
    package init(schedule: CapacitySchedule, resources: [String], days: Range<Int>) {
        firstDay = days.lowerBound
        dayCount = days.count
        var scheduled: [[Int32]?] = []
        var available: [[Int32]?] = []
        for name in resources {
            guard let usual = schedule.usualCapacity(of: name) else {
                scheduled.append(nil)
                available.append(nil)
                continue
            }
            var capacity = [Int32](repeating: Int32(usual), count: days.count)
            if name == CapacitySchedule.committeeResource, let committee = schedule.committee {
                for offset in 0..<days.count
                where CalendarDate(daysSince1970: days.lowerBound + offset).weekday != committee.weekday {
                    capacity[offset] = 0
                }
            }
            for change in schedule.changes where change.resource == name {
                let from = max(change.from.daysSince1970, days.lowerBound)
                let to = min(change.to.daysSince1970, days.upperBound - 1)
                guard from <= to else { continue }
                for day in from...to { capacity[day - days.lowerBound] = Int32(change.capacity) }
            }
            scheduled.append(capacity)
            var away = [Int32](repeating: 0, count: days.count + 1)
            for absence in schedule.absences where absence.role == name {
                let from = max(absence.from.daysSince1970, days.lowerBound)
                let to = min(absence.to.daysSince1970, days.upperBound - 1)
                guard from <= to else { continue }
                away[from - days.lowerBound] += 1
                away[to - days.lowerBound + 1] -= 1
            }
            var running: Int32 = 0
            for offset in 0..<days.count {
                running += away[offset]
                capacity[offset] = max(0, capacity[offset] - running)
            }
            available.append(capacity)
        }
        self.scheduled = scheduled
        self.available = available
    }

    /// The capacity of resource `index` on `day` after absences (`nil`: not limited or outside the table).
    package func available(_ index: Int, on day: Int) -> Int? {
        guard (firstDay..<(firstDay + dayCount)).contains(day), let values = available[index] else { return nil }
        return Int(values[day - firstDay])
    }

    /// The scheduled capacity of resource `index` on `day` (`nil`: not limited or outside the table).
    package func scheduled(_ index: Int, on day: Int) -> Int? {
        guard (firstDay..<(firstDay + dayCount)).contains(day), let values = scheduled[index] else { return nil }
        return Int(values[day - firstDay])
    }
}
