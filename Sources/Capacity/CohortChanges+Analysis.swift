import Pathway

/// Comparing two analyses of a cohort: the one comparison `ahsct changes`, `ahsct record` and every cohort writer
/// share.
extension CohortChanges {
    /// What changed from `old` to `new`, both planned already (on the same day): their plans, and the conflicts of
    /// each in the expected view, with their suggestions unless `suggestions` is false (a slot search per over-full
    /// run: what a report shows, and what a writer that only needs the codes skips).
    ///
    /// Without suggestions, and when both versions have the same protocol, calendar and capacities (one fact
    /// recorded), a patient whose record and plan did not change keeps the bookings and the conflicts of their own
    /// (rules, closed days, days away, checklist) found for `old`: only the patients that changed are looked at
    /// again, and the days over capacity are counted again for everyone. The result is the same as finding every
    /// conflict of `new` afresh.
    public init(old: CohortAnalysis, new: CohortAnalysis, suggestions: Bool = true) {
        var oldFinder = ConflictFinder(analysis: old, view: .expected)
        oldFinder.suggestions = suggestions
        let oldOwn = old.records.indices.map(oldFinder.patientConflicts)
        let newFinder: ConflictFinder
        let newOwn: [[CohortConflict]]
        if !suggestions, Self.samePlanning(old, new) {
            var earlier: [String: Int] = [:]
            for (index, record) in old.records.enumerated() { earlier[record.id] = index }
            let unchanged: [Int?] = new.records.indices.map { index in
                earlier[new.records[index].id].flatMap {
                    old.records[$0] == new.records[index] && old.plans[$0] == new.plans[index] ? $0 : nil
                }
            }
            let bookings = new.plans.indices.map { index in
                unchanged[index].map { oldFinder.bookings[$0] }
                    ?? Booking.bookings(of: new.plans[index], protocol: new.planner.treatmentProtocol,
                                        schedule: new.schedule, view: .expected)
            }
            var finder = ConflictFinder(analysis: new, view: .expected, bookings: bookings)
            finder.suggestions = false
            newFinder = finder
            newOwn = new.records.indices.map { index in unchanged[index].map { oldOwn[$0] } ?? finder.patientConflicts(index) }
        } else {
            var finder = ConflictFinder(analysis: new, view: .expected)
            finder.suggestions = suggestions
            newFinder = finder
            newOwn = new.records.indices.map(finder.patientConflicts)
        }
        self.init(old: old.plans, new: new.plans, oldConflicts: oldFinder.conflicts(patientConflicts: oldOwn),
                  newConflicts: newFinder.conflicts(patientConflicts: newOwn))
    }

    /// Whether two analyses plan and count the same way: the same day, protocol, calendar and capacities.
    private static func samePlanning(_ old: CohortAnalysis, _ new: CohortAnalysis) -> Bool {
        let a = old.planner.calendar, b = new.planner.calendar
        return old.now == new.now && old.schedule == new.schedule
            && old.planner.treatmentProtocol == new.planner.treatmentProtocol
            && a.timeZone == b.timeZone && a.holidays == b.holidays && a.closures == b.closures
    }
}
