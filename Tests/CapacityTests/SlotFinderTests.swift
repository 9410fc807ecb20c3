import Calendrical
import Capacity
import Pathway
import Testing
import TestSupport

@Suite struct SlotFinderTests {
    /// The three stays of `ConflictFinderTests.threeStays`, two beds: P-C (day 1 and harvest recorded, Mon 14 Dec)
    /// gets Mon 1 Feb 2027. Every earlier admission day from H+21 = Mon 4 Jan has both beds taken that day (A and B
    /// stay to Sat 30 Jan), or is a weekend: four runs of each.
    @Test func earliestAdmissionAfterAFullMonth() throws {
        let schedule = CapacitySchedule(resources: [.init(resource: beds, capacity: 2)])
        let cohort = try analysis(ConflictFinderTests.threeStays, schedule: schedule, now: day(2026, 12, 15))
        let slot = try #require(try SlotFinder(analysis: cohort).slot(for: "P-C"))
        #expect(slot.mobilisationRecorded)
        #expect(slot.apheresis == day(2026, 12, 14))
        #expect(slot.admission == day(2027, 2, 1))
        #expect(slot.discharge == day(2027, 2, 27))  // D0 = A+5 = Sat 6 Feb, + 21
        // Runs group by value: the day tried itself full (2 of 2 beds), or a weekend.
        let full = Slot.Rejection.Reason.full(resource: beds, day: nil, taken: 2, available: 2, scheduled: 2)
        let weekend = Slot.Rejection.Reason.closed(resource: beds, .weekend)
        #expect(slot.rejections.map { "\($0.from)…\($0.to)" } == [
            "2027-01-04…2027-01-08", "2027-01-09…2027-01-10", "2027-01-11…2027-01-15", "2027-01-16…2027-01-17",
            "2027-01-18…2027-01-22", "2027-01-23…2027-01-24", "2027-01-25…2027-01-29", "2027-01-30…2027-01-31",
        ])
        #expect(slot.rejections.map(\.reason) == [full, weekend, full, weekend, full, weekend, full, weekend])
    }

    /// Committee answer recorded Mon 2 Nov 2026; one chair. Another patient holds the chair on Thu 19 Nov (day 1
    /// recorded). Day 1 may come from answer+14 = Mon 16 Nov, but Mon–Wed fail the harvest rule (M+4…M+6 would
    /// touch a weekend: Mon 16 → 20, 21, 22; Tue 17 → 21, 22, 23; Wed 18 → 22, 23, 24), so the protocol's earliest
    /// day 1, where the search starts, is Thu 19. Thu 19: chair taken. Fri 20: chair free, harvest days 24–26 Nov
    /// open: the slot, with the apheresis on day 6, Wed 25 Nov, and the admission open≥(H+21) = Wed 16 Dec.
    @Test func firstFreeChair() throws {
        var patient = PatientRecord(id: "P-1", secondOpinion: day(2026, 10, 12))
        patient.record(.committeeAnswer, on: day(2026, 11, 2))
        let other = harvested("P-2", day1: day(2026, 11, 19), apheresis: day(2026, 11, 24))
        let schedule = CapacitySchedule(resources: [.init(resource: chairs, capacity: 1)])
        let cohort = try analysis([patient, other], schedule: schedule, now: day(2026, 11, 9))
        let slot = try #require(try SlotFinder(analysis: cohort).slot(for: "P-1"))
        #expect(slot.mobilisation == day(2026, 11, 20))
        #expect(slot.apheresis == day(2026, 11, 25))
        #expect(slot.admission == day(2026, 12, 16))
        #expect(slot.rejections == [
            Slot.Rejection(step: .mobilisation, from: day(2026, 11, 19), to: day(2026, 11, 19),
                           reason: .full(resource: chairs, day: nil, taken: 1, available: 1, scheduled: 1)),
        ])
    }
}
