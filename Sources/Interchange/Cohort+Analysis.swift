import Calendrical
import Capacity
import Pathway

extension Cohort {
    /// Every patient planned on `now`, with the site's capacities: what conflicts, capacity, slots and changes are
    /// worked out from (the protocol was checked when the cohort was read, so this does not fail for a read cohort).
    public func analysis(now: CalendarDate) throws(Planner.InvalidProtocol) -> CohortAnalysis {
        CohortAnalysis(planner: try planner(), schedule: site.capacity, records: patients, now: now)
    }
}

extension Cohort {
    /// ``analysis(now:)`` of this version of a cohort, `earlier` being the analysis of an earlier version on the same
    /// day: when the site and protocol are the same, a patient whose record is unchanged keeps the plan it had there
    /// (a plan depends on the record, the protocol, the calendar and the day only), and only the others are planned.
    func analysis(now: CalendarDate, after earlier: CohortAnalysis,
                  of version: Cohort) throws(Planner.InvalidProtocol) -> CohortAnalysis {
        guard earlier.now == now, site == version.site, treatmentProtocol == version.treatmentProtocol else {
            return try analysis(now: now)
        }
        var known: [String: Int] = [:]
        for (index, record) in earlier.records.enumerated() { known[record.id] = index }
        let plans = patients.map { record in
            known[record.id].flatMap { earlier.records[$0] == record ? earlier.plans[$0] : nil }
                ?? earlier.planner.plan(record, now: now)
        }
        return CohortAnalysis(planner: earlier.planner, schedule: site.capacity, records: patients, plans: plans, now: now)
    }
}

extension CohortChanges {
    /// What changed from one version of a cohort to another, both planned on `now` (`ahsct changes OLD NEW`).
    public init(from old: Cohort, to new: Cohort, now: CalendarDate,
                suggestions: Bool = true) throws(Planner.InvalidProtocol) {
        self.init(old: try old.analysis(now: now), new: try new.analysis(now: now), suggestions: suggestions)
    }
}
