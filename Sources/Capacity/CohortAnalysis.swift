import Calendrical
import Pathway

/// A cohort's plans together with what the site can take: the common ground of conflicts, capacity and slots.
///
/// Resources are indexed in one order: the protocol's resources, then staff roles, then `committee` when the
/// site tracks the committee. Plans are made once, here.
public struct CohortAnalysis: Sendable {
    /// The planner (protocol and working calendar).
    public let planner: Planner
    /// The site's capacities.
    public let schedule: CapacitySchedule
    /// The patients, in file order.
    public let records: [PatientRecord]
    /// Their plans, in the same order.
    public let plans: [PatientPlan]
    /// The day plans are judged against.
    public let now: CalendarDate
    /// Every resource counted, in index order.
    public let resources: [String]

    /// An analysis of `records` on `now`.
    public init(planner: Planner, schedule: CapacitySchedule, records: [PatientRecord], now: CalendarDate) {
        self.init(planner: planner, schedule: schedule, records: records,
                  plans: planner.plan(records, now: now), now: now)
    }

    /// An analysis of plans already made.
    public init(planner: Planner, schedule: CapacitySchedule, records: [PatientRecord], plans: [PatientPlan],
                now: CalendarDate) {
        self.planner = planner
        self.schedule = schedule
        self.records = records
        self.plans = plans
        self.now = now
        var names = planner.treatmentProtocol.resources
        for role in schedule.roles where !names.contains(role.resource) { names.append(role.resource) }
        if schedule.committee != nil { names.append(CapacitySchedule.committeeResource) }
        self.resources = names
    }

    /// The index of a resource, if it is counted.
    public func index(of resource: String) -> Int? { resources.firstIndex(of: resource) }

    /// What each patient's plan books in `view`, per patient.
    public func bookings(_ view: DemandView) -> [[Booking]] {
        plans.map { Booking.bookings(of: $0, protocol: planner.treatmentProtocol, schedule: schedule, view: view) }
    }

    /// The ledger's intervals for `bookings`, leaving out patient `excluding`.
    package func intervals(_ bookings: [[Booking]], excluding: Int? = nil) -> [OccupancyLedger.Interval] {
        var result: [OccupancyLedger.Interval] = []
        for (owner, list) in bookings.enumerated() where owner != excluding {
            for booking in list {
                guard let resource = index(of: booking.resource) else { continue }
                result.append(.init(resource: Int32(resource), from: Int32(booking.from.daysSince1970),
                                    to: Int32(booking.to.daysSince1970), amount: Int32(booking.amount),
                                    owner: Int32(owner)))
            }
        }
        return result
    }

    /// The ledger and capacity table of `intervals`, covering at least `span`.
    package func ledger(_ intervals: [OccupancyLedger.Interval],
                       covering span: ClosedRange<Int>? = nil) -> (OccupancyLedger, AvailabilityTable) {
        let ledger = OccupancyLedger(intervals: intervals, resourceCount: resources.count, covering: span)
        return (ledger, AvailabilityTable(schedule: schedule, resources: resources, days: ledger.days))
    }
}
