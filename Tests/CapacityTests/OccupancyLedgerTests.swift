import Calendrical
import Capacity
import Testing
import TestSupport

@Suite struct OccupancyLedgerTests {
    /// The worked case of the ledger's documentation: 4–8 and 6–10 overlap on 6, 7 and 8.
    @Test func sweepCountsOverlaps() {
        let ledger = OccupancyLedger(intervals: [.init(resource: 0, from: 4, to: 8, owner: 0),
                                                 .init(resource: 0, from: 6, to: 10, owner: 1)],
                                     resourceCount: 1)
        #expect(ledger.days == 4..<11)
        #expect((3...11).map { ledger.demand(0, on: $0) } == [0, 1, 1, 2, 2, 2, 1, 1, 0])
    }

    /// An interval ending on the ledger's last day, amounts above 1, and resources kept apart.
    @Test func amountsAndResources() throws {
        let ledger = OccupancyLedger(intervals: [.init(resource: 1, from: 0, to: 2, amount: 3, owner: 0),
                                                 .init(resource: 0, from: 2, to: 2, owner: 1)],
                                     resourceCount: 2)
        #expect((0...2).map { ledger.demand(1, on: $0) } == [3, 3, 3])
        #expect((0...2).map { ledger.demand(0, on: $0) } == [0, 0, 1])
        #expect(try #require(ledger.peak(1, in: 0...2)) == (3, 0))
    }

    /// Capacity 1 on days 0–9, 2 on days 3–5 (a change starting on 3 and ending on 5); two intervals 0–9:
    /// over-full on 0–2 and 6–9, not on 3–5. Owners are attributed to both runs.
    @Test func overloadsFollowCapacityChanges() {
        let first = day(2027, 1, 4)
        var schedule = CapacitySchedule(resources: [.init(resource: "beds", capacity: 1)])
        schedule.changes = [.init(resource: "beds", from: first.adding(days: 3), to: first.adding(days: 5), capacity: 2)]
        let base = Int32(first.daysSince1970)
        let intervals: [OccupancyLedger.Interval] = [.init(resource: 0, from: base, to: base + 9, owner: 0),
                                                     .init(resource: 0, from: base, to: base + 9, owner: 1)]
        let ledger = OccupancyLedger(intervals: intervals, resourceCount: 1)
        let table = AvailabilityTable(schedule: schedule, resources: ["beds"], days: ledger.days)
        let runs = ledger.overloads(limit: table)
        #expect(runs.map { [$0.first - Int(base), $0.last - Int(base), $0.peakDemand, $0.capacityAtPeak] }
                == [[0, 2, 2, 1], [6, 9, 2, 1]])
        #expect(OccupancyLedger.owners(of: runs, in: intervals) == [[0, 1], [0, 1]])
        // From day 7 on, only the second run remains, cut to 7–9.
        #expect(ledger.overloads(limit: table, from: Int(base) + 7).map { $0.first - Int(base) } == [7])
    }

    /// Two nurses scheduled, one away on day 1: demand 2 on day 1 is over what is there, not over the schedule.
    @Test func absencesMakeStaffRuns() {
        let first = day(2026, 12, 28)
        let schedule = CapacitySchedule(roles: [.init(resource: "nurses", capacity: 2)],
                                        absences: [.init(role: "nurses", from: first.adding(days: 1), to: first.adding(days: 1))])
        let base = Int32(first.daysSince1970)
        let ledger = OccupancyLedger(intervals: [.init(resource: 0, from: base, to: base + 2, amount: 2, owner: 0)],
                                     resourceCount: 1)
        let table = AvailabilityTable(schedule: schedule, resources: ["nurses"], days: ledger.days)
        let runs = ledger.overloads(limit: table)
        #expect(runs.count == 1)
        #expect(runs.first.map { [$0.first - Int(base), $0.last - Int(base), $0.capacityAtPeak] } == [1, 1, 1])
        #expect(runs.first?.dueToAbsence == true)
        #expect(schedule.available(of: "nurses", on: first.adding(days: 1)) == 1)
        #expect(schedule.available(of: "nurses", on: first) == 2)
    }

    /// Tuesday meetings: an answer on Monday 30 November 2026 comes from Tuesday 24 November, one on Tuesday
    /// 1 December also from 24 November (a meeting does not answer on its own day).
    @Test func committeeMeetingBeforeTheAnswer() {
        let committee = CapacitySchedule.Committee(weekday: .tuesday, cases: 3)
        #expect(committee.meeting(before: day(2026, 11, 30)) == day(2026, 11, 24))
        #expect(committee.meeting(before: day(2026, 12, 1)) == day(2026, 11, 24))
        #expect(committee.meeting(before: day(2026, 12, 2)) == day(2026, 12, 1))
    }
}
