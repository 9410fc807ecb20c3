import Calendrical
import Capacity
import Pathway
import Testing
import TestSupport

@Suite struct KeyedComparisonTests {
    /// The worked case of the type's documentation.
    @Test func workedCase() {
        let old = [("a", 1), ("b", 2), ("c", 3)], new = [("b", 2), ("c", 4), ("d", 5)]
        let comparison = KeyedComparison(old: old, new: new, key: \.0) { $0.1 == $1.1 }
        #expect(comparison.pairs.map { "\(($0.new ?? $0.old)!.0) \($0.kind)" } == ["b unchanged", "c changed", "d added", "a removed"])
        #expect(comparison.pairs[1].old?.1 == 3 && comparison.pairs[1].new?.1 == 4)
        #expect(comparison.hasChanges)
        #expect(!KeyedComparison(old: old, new: old, key: \.0) { $0.1 == $1.1 }.hasChanges)
    }
}

@Suite struct CohortChangesTests {
    private let planner: Planner
    private let now = day(2026, 11, 22)

    init() throws {
        planner = try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar())
    }

    /// P-1: day 1 Thu 5 Nov 2026, sessions Tue 10 and Wed 11 Nov, admission recorded Mon 4 Jan 2027.
    private func patient() -> PatientRecord {
        var record = PatientRecord(id: "P-1", secondOpinion: day(2026, 9, 7))
        record.record(.committeeAnswer, on: day(2026, 10, 1))
        record.record(.evaluation, on: day(2026, 10, 13))
        record.record(.mobilisation, on: day(2026, 11, 5))
        record.apheresisSessions = [day(2026, 11, 10), day(2026, 11, 11)]
        record.record(.conditioning, on: day(2027, 1, 4))
        return record
    }

    private func changes(_ old: [PatientRecord], _ new: [PatientRecord]) -> CohortChanges {
        CohortChanges(old: planner.plan(old, now: now), new: planner.plan(new, now: now), oldConflicts: [], newConflicts: [])
    }

    private func dates(_ start: CalendarDate, _ end: CalendarDate? = nil) -> CohortChanges.Dates {
        .init(start: start, end: end)
    }

    /// A third session on Thu 12 Nov moves H from 11 to 12 Nov: the mobilisation span (M … last session) and the
    /// apheresis span end a day later, the control visit open≥(H+14) moves from Wed 25 to Thu 26 Nov; the admission
    /// is recorded, so nothing after it moves.
    @Test func aRepeatSessionMovesTheHarvestAndTheControlVisit() {
        var repeated = patient()
        repeated.apheresisSessions.append(day(2026, 11, 12))
        let result = changes([patient()], [repeated])
        #expect(result.patients.count == 1)
        #expect(result.patients[0].change == .changed)
        #expect(result.patients[0].steps == [
            .init(step: .mobilisation, from: dates(day(2026, 11, 5), day(2026, 11, 11)), to: dates(day(2026, 11, 5), day(2026, 11, 12))),
            .init(step: .apheresis, from: dates(day(2026, 11, 10), day(2026, 11, 11)), to: dates(day(2026, 11, 10), day(2026, 11, 12))),
            .init(step: .controlVisit, from: dates(day(2026, 11, 25)), to: dates(day(2026, 11, 26))),
        ])
    }

    /// An admission moved from Mon 4 to Mon 11 Jan 2027 moves everything from it on by a week: conditioning
    /// 4–8 → 11–15 Jan, D0 = A+5: 9 → 16 Jan, discharge D0+21: 30 Jan → 6 Feb, recovery to D0 + 6 months:
    /// 9 Jul → 16 Jul.
    @Test func aMovedAdmission() {
        var moved = patient()
        moved.record(.conditioning, on: day(2027, 1, 11))
        let steps = changes([patient()], [moved]).patients[0].steps
        #expect(steps.map(\.step) == [.conditioning, .reinfusion, .isolation, .discharge, .recovery])
        #expect(steps[0].to == dates(day(2027, 1, 11), day(2027, 1, 15)))
        // Reinfusion lasts one day with 10 bags or fewer: it ends on D0.
        #expect(steps[1].from == dates(day(2027, 1, 9), day(2027, 1, 9)) && steps[1].to == dates(day(2027, 1, 16), day(2027, 1, 16)))
        #expect(steps[3].to == dates(day(2027, 2, 6)))
        #expect(steps[4].to == dates(day(2027, 2, 6), day(2027, 7, 16)))
    }

    /// Added and removed patients are listed with every step (from or to nothing); an unchanged one is left out;
    /// patients come sorted by pseudonym.
    @Test func addedRemovedAndUnchanged() {
        var other = patient()
        other.id = "P-0"
        var newcomer = patient()
        newcomer.id = "P-2"
        let result = changes([patient(), other], [newcomer, patient()])
        #expect(result.patients.map { "\($0.id) \($0.change)" } == ["P-0 removed", "P-2 added"])
        #expect(result.patients[0].steps.count == StepID.allCases.count && result.patients[0].steps.allSatisfy { $0.to == nil })
        #expect(result.patients[1].steps.allSatisfy { $0.from == nil })
        #expect(changes([patient()], [patient()]).isEmpty)
    }

    /// Conflicts are matched on what they are about, not their words.
    @Test func conflictsNewAndResolved() {
        let bed = CohortConflict(code: .capacityExceeded, subject: "isolation-beds", from: day(2027, 1, 4),
                                 to: day(2027, 1, 30), demand: 2, capacity: 1, patients: ["P-1", "P-2"],
                                 detail: .overCapacity(resource: "isolation-beds", demand: 2, capacity: 1))
        var reworded = bed
        reworded.advice = .rebookOrRaiseCapacity
        var longer = bed
        longer.to = day(2027, 1, 31)
        let same = CohortChanges(old: [], new: [], oldConflicts: [bed], newConflicts: [reworded])
        #expect(same.isEmpty)
        let grown = CohortChanges(old: [], new: [], oldConflicts: [bed], newConflicts: [longer])
        #expect(grown.newConflicts == [longer] && grown.resolvedConflicts == [bed])
    }

    /// A declined answer ends the plan at the answer visit: the steps after it are no longer planned.
    @Test func aDeclinedAnswerEndsThePathway() {
        var open = PatientRecord(id: "P-3", secondOpinion: day(2026, 10, 26))
        var declined = open
        declined.record(.committeeAnswer, on: day(2026, 11, 17))
        declined.committeeOutcome = .declined
        open.record(.committeeAnswer, on: day(2026, 11, 17))
        let plan = planner.plan(declined, now: now)
        #expect(plan.declined)
        #expect(plan.steps.map(\.step) == [.secondOpinion, .committeeAnswer])
        let result = changes([open], [declined])
        #expect(result.patients[0].steps.map(\.step) == Array(StepID.allCases.dropFirst(2)))
        #expect(result.patients[0].steps.allSatisfy { $0.to == nil })
        // And it books nothing.
        #expect(Booking.bookings(of: plan, protocol: .amsterdamUMC, schedule: CapacitySchedule(), view: .expected)
                    .allSatisfy { $0.step <= .committeeAnswer })
    }
}
