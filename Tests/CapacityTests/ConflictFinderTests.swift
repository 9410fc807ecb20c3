import Calendrical
import Capacity
import Pathway
import Testing
import TestSupport

// Hand-built cohorts, one per conflict code. Each test compares the whole conflict list, so a code that fires
// anywhere else fails the test too. Stays: admission A, conditioning A…A+4, D0 = A+5, expected discharge D0+21,
// a bed from A to discharge both included (docs/clinical-rules.md, "What the conflict report checks").
@Suite struct ConflictFinderTests {
    /// A and B admitted Mon 4 Jan 2027 (recorded; harvest Tue 1 Dec, A = H+34). C harvested Mon 14 Dec, admission
    /// not recorded: expected open≥(H+21) = Mon 4 Jan. All three stays run 4–30 Jan with two beds: one
    /// capacity_exceeded 4–30 Jan, demand 3, capacity 2. C is the one to move: beds are free again from Sun 31 Jan
    /// (a bed freed by a discharge takes its next admission the following day), and the first open admission day
    /// is Mon 1 Feb, within open≤(H+56) = Mon 8 Feb.
    static let threeStays = [
        harvested("P-A", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1), admission: day(2027, 1, 4)),
        harvested("P-B", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1), admission: day(2027, 1, 4)),
        harvested("P-C", day1: day(2026, 12, 9), apheresis: day(2026, 12, 14)),
    ]

    @Test func bedsOverfullWithSuggestion() throws {
        let schedule = CapacitySchedule(resources: [.init(resource: beds, capacity: 2)])
        let conflicts = ConflictFinder(analysis: try analysis(Self.threeStays, schedule: schedule, now: day(2026, 12, 15)))
            .conflicts()
        #expect(summary(conflicts) == ["capacity_exceeded isolation-beds 2027-01-04…2027-01-30 P-A,P-B,P-C"])
        #expect(conflicts.first?.demand == 3)
        #expect(conflicts.first?.capacity == 2)
        #expect(conflicts.first?.advice == .moveAdmission(patient: "P-C", day: day(2027, 2, 1)))
    }

    /// One bed, two beds from Sun 10 to Wed 20 Jan (both included); A and B hold beds 4–30 Jan: over-full 4–9 Jan and
    /// 21–30 Jan, and not on the change's first and last day. Both stays are recorded: no one to move.
    @Test func capacityChangeStartsAndEndsOnItsDays() throws {
        var schedule = CapacitySchedule(resources: [.init(resource: beds, capacity: 1)])
        schedule.changes = [.init(resource: beds, from: day(2027, 1, 10), to: day(2027, 1, 20), capacity: 2)]
        let conflicts = ConflictFinder(analysis: try analysis(Array(Self.threeStays.prefix(2)), schedule: schedule,
                                                          now: day(2026, 12, 15))).conflicts()
        #expect(summary(conflicts) == ["capacity_exceeded isolation-beds 2027-01-04…2027-01-09 P-A,P-B",
                                       "capacity_exceeded isolation-beds 2027-01-21…2027-01-30 P-A,P-B"])
        #expect(conflicts.allSatisfy { $0.advice == .rebookOrRaiseCapacity })
    }

    /// Day care closed Mon 28 Dec 2026 – Mon 4 Jan 2027 (across New Year). Day 1 recorded on Tue 29 Dec and on
    /// Mon 4 Jan (the closure's last day) is closed_day; on Tue 5 Jan it is not. (Each harvest window M+4…M+6 has an
    /// open apheresis day: 29 Dec → Mon 4 Jan; 4 Jan → Fri 8 Jan; 5 Jan → Mon 11 Jan.)
    @Test func closureAcrossNewYear() throws {
        let closure = Closure(from: day(2026, 12, 28), to: day(2027, 1, 4), resources: [chairs], reason: "kerstsluiting")
        var records: [PatientRecord] = []
        for (id, day1) in [("P-1", day(2026, 12, 29)), ("P-2", day(2027, 1, 4)), ("P-3", day(2027, 1, 5))] {
            var record = PatientRecord(id: id, secondOpinion: day(2026, 9, 1))
            record.record(.mobilisation, on: day1)
            record.eligibility = eligible
            records.append(record)
        }
        let conflicts = ConflictFinder(analysis: try analysis(records, schedule: CapacitySchedule(), now: day(2026, 12, 1),
                                                          closures: [closure])).conflicts()
        #expect(summary(conflicts) == ["closed_day mobilisation 2026-12-29…2026-12-29 P-1",
                                       "closed_day mobilisation 2027-01-04…2027-01-04 P-2"])
        guard case let .closedDay(_, _, _, resource, reason)? = conflicts.first?.detail else {
            Issue.record("not a closed day: \(String(describing: conflicts.first))")
            return
        }
        #expect(resource == chairs)
        #expect(reason == .closure(from: day(2026, 12, 28), to: day(2027, 1, 4), note: "kerstsluiting"))
        #expect(conflicts.first?.advice == .firstOpenDay(resource: chairs, day: day(2027, 1, 5)))
    }

    /// Harvest Tue 1 Dec 2026, admission planned open≥(H+21) = Tue 22 Dec; stay 22 Dec – 17 Jan (D0 Sun 27 Dec,
    /// discharge D0+21). Away Thu 24 Dec – Fri 1 Jan: conditioning (24–26), reinfusion (27) and isolation (27 Dec –
    /// 1 Jan) need the patient: one entry 24 Dec – 1 Jan. The first admission after the absence: Sat 2 and Sun 3 are
    /// closed, so Mon 4 Jan (within H+56 = Tue 26 Jan).
    @Test func patientAwayDuringTheStay() throws {
        var record = harvested("P-1", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1))
        record.unavailable = [.init(from: day(2026, 12, 24), to: day(2027, 1, 1))]
        let conflicts = ConflictFinder(analysis: try analysis([record], schedule: CapacitySchedule(), now: day(2026, 12, 2)))
            .conflicts()
        #expect(summary(conflicts) == ["patient_unavailable conditioning 2026-12-24…2027-01-01 P-1"])
        guard case let .away(_, _, steps, _, _)? = conflicts.first?.detail else {
            Issue.record("not an absence: \(String(describing: conflicts.first))")
            return
        }
        #expect(steps == [.conditioning, .reinfusion, .isolation])
        #expect(conflicts.first?.advice == .moveAdmission(patient: "P-1", day: day(2027, 1, 4)))
    }

    /// One apheresis nurse, one per apheresis day. X and Y both on Tue 1 Dec: capacity_exceeded (2 needed, 1
    /// scheduled). Z on Tue 8 Dec with the nurse away that day: staff_unavailable (1 needed, 1 scheduled, 0 there).
    @Test func staffOverbookedAndAway() throws {
        let schedule = CapacitySchedule(roles: [.init(resource: "apheresis-nurses", capacity: 1)],
                                        absences: [.init(role: "apheresis-nurses", from: day(2026, 12, 8), to: day(2026, 12, 8))],
                                        needs: [.init(step: .apheresis, role: "apheresis-nurses", count: 1)])
        let records = [harvested("P-X", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1)),
                       harvested("P-Y", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1)),
                       harvested("P-Z", day1: day(2026, 12, 3), apheresis: day(2026, 12, 8))]
        let conflicts = ConflictFinder(analysis: try analysis(records, schedule: schedule, now: day(2026, 11, 23))).conflicts()
        #expect(summary(conflicts) == ["capacity_exceeded apheresis-nurses 2026-12-01…2026-12-01 P-X,P-Y",
                                       "staff_unavailable apheresis-nurses 2026-12-08…2026-12-08 P-Z"])
        #expect(conflicts.map { [$0.demand, $0.capacity] } == [[2, 1], [1, 0]])
    }

    /// S Mon 2 Nov 2026, nothing else recorded; now Mon 9 Nov: mobilisation is ahead. A checklist missing
    /// "new-mri-lesions" is incomplete; a complete one is not; a patient whose day 1 is behind them is not checked.
    /// The expected day 1: answer open≥(S+21) = Mon 23 Nov, then the first d ≥ answer+14 = Mon 7 Dec with a chair
    /// and d+4…d+6 open: Thu 10 Dec (apheresis Mon 14 – Wed 16).
    @Test func eligibilityChecklist() throws {
        var partial = PatientRecord(id: "P-1", secondOpinion: day(2026, 11, 2))
        partial.eligibility = Eligibility(answers: Dictionary(uniqueKeysWithValues: Eligibility.items.map {
            ($0.key, $0.key != "new-mri-lesions")
        }))
        var complete = PatientRecord(id: "P-2", secondOpinion: day(2026, 11, 2))
        complete.eligibility = eligible
        var done = harvested("P-3", day1: day(2026, 10, 1), apheresis: day(2026, 10, 6), admission: day(2026, 10, 27))
        done.eligibility = nil
        let conflicts = ConflictFinder(analysis: try analysis([partial, complete, done], schedule: CapacitySchedule(),
                                                          now: day(2026, 11, 9))).conflicts()
        #expect(summary(conflicts) == ["eligibility_incomplete eligibility 2026-12-10…2026-12-10 P-1"])
        guard case let .eligibility(_, openItems, _, _)? = conflicts.first?.detail else {
            Issue.record("not an eligibility conflict: \(String(describing: conflicts.first))")
            return
        }
        #expect(openItems == ["new-mri-lesions"])
    }

    /// Fertility preservation done Mon 30 Nov, after day 1 Thu 26 Nov: order_violated (from the plan); an admission
    /// recorded on Mon 1 Feb 2027, H+62 > H+56: window_violated. Both are kept although they are in the past.
    /// The discharge is not recorded: D0 = A+5 = Sat 6 Feb, expected D0+21 = Sat 27 Feb, which has passed on Mon 1 Mar
    /// and comes after the last recorded step (the admission): an `overdue` warning dated 27 Feb as well (added with
    /// the overdue reading of 2026-12-06; the list used to end with the window_violated).
    @Test func ruleConflictsFromThePlans() throws {
        var late = harvested("P-1", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1), admission: day(2027, 2, 1))
        late.fertility = .init(wanted: true, done: day(2026, 11, 30))
        let conflicts = ConflictFinder(analysis: try analysis([late], schedule: CapacitySchedule(), now: day(2027, 3, 1)))
            .conflicts()
        #expect(summary(conflicts) == ["order_violated mobilisation 2026-11-30…2026-11-30 P-1",
                                       "window_violated conditioning 2027-02-01…2027-02-01 P-1",
                                       "overdue discharge 2027-02-27…2027-02-27 P-1"])
    }

    /// S Tue 1 Sep 2026, day 1 recorded Thu 1 Oct 2026, no session recorded; now Sun 22 Nov 2026. Apheresis by its
    /// rule: days 5–7 are Mon 5 – Wed 7 Oct, all open, expected on day 6 = Tue 6 Oct. That has passed, so the plan
    /// guesses Mon 23 Nov and the report carries one `overdue` warning on apheresis dated 6 Oct (past, and kept: a
    /// rule conflict), with the advice to record the date or plan a new one. The unrecorded answer and evaluation come
    /// before the recorded day 1: they have evidently happened and are not reported. Day 1 is behind the patient,
    /// so no eligibility check; the guessed dates (harvest Mon 23 Nov, control visit open≥(H+14) = Mon 7 Dec,
    /// admission open≥(H+21) = Mon 14 Dec) are open days; nothing else is reported.
    @Test func overdueStepsAreWarnings() throws {
        var record = PatientRecord(id: "P-1", secondOpinion: day(2026, 9, 1))
        record.record(.mobilisation, on: day(2026, 10, 1))
        record.eligibility = eligible
        let conflicts = ConflictFinder(analysis: try analysis([record], schedule: CapacitySchedule(), now: day(2026, 11, 22)))
            .conflicts()
        #expect(summary(conflicts) == ["overdue apheresis 2026-10-06…2026-10-06 P-1"])
        #expect(conflicts.first?.detail == .plan(patient: "P-1", step: .apheresis, .overdue(expected: day(2026, 10, 6))))
        #expect(conflicts.first?.advice == .recordOrReplan(patient: "P-1", step: .apheresis))
        #expect(conflicts.first?.demand == nil && conflicts.first?.capacity == nil)
        // A warning beside long_stay in the codes' stable order (the summary line counts them in that order).
        let codes = CohortConflict.Code.allCases
        #expect(codes.firstIndex(of: .overdue) == codes.firstIndex(of: .longStay).map { $0 + 1 })
        #expect(CohortConflict.Code(rawValue: "overdue") == .overdue)
    }

    /// Committee on Tuesdays, one case a meeting. Two second opinions on Mon 2 Nov 2026: expected answers
    /// open≥(S+21) = Mon 23 Nov, both from the meeting of Tue 17 Nov: capacity_exceeded on the committee.
    @Test func committeeCases() throws {
        let schedule = CapacitySchedule(committee: .init(weekday: .tuesday, cases: 1))
        var records = [PatientRecord(id: "P-1", secondOpinion: day(2026, 11, 2)),
                       PatientRecord(id: "P-2", secondOpinion: day(2026, 11, 2))]
        for index in records.indices { records[index].eligibility = eligible }
        let conflicts = ConflictFinder(analysis: try analysis(records, schedule: schedule, now: day(2026, 11, 3))).conflicts()
        #expect(summary(conflicts) == ["capacity_exceeded committee 2026-11-17…2026-11-17 P-1,P-2"])
    }
}
