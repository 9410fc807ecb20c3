import Calendrical
import Pathway
import Testing
import TestSupport

/// The patient of the cohort example (P-0001), planned as of Sunday 22 November 2026; every date worked out by hand.
@Suite struct IssueExampleTests {
    let plan: PatientPlan

    init() throws {
        let planner = try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar())
        var record = PatientRecord(id: "P-0001", secondOpinion: day(2026, 9, 7))
        record.record(.committeeAnswer, on: day(2026, 10, 1))
        record.fertility = .init(wanted: true, done: day(2026, 10, 20))
        record.record(.mobilisation, on: day(2026, 11, 5))
        record.apheresisSessions = [day(2026, 11, 10), day(2026, 11, 11)]
        record.record(.conditioning, on: day(2027, 1, 4))
        record.bags = 12
        plan = planner.plan(record, now: day(2026, 11, 22))
    }

    @Test func evaluationWindowRunsFromTheAnswerToTheDayBeforeMobilisation() throws {
        // evaluation: earliest open≥(answer+1) = Fri 2 Oct; expected open≥(answer+7) = Thu 8 Oct;
        // latest open≤(M−1) = Wed 4 Nov. Not recorded and 8 Oct < now, but before the recorded day 1 (and admission):
        // it has evidently happened, so it is planned, keeps these dates and is not overdue (the overdue reading of
        // 2026-12-06; it used to be flagged overdue).
        let evaluation = try #require(plan[.evaluation])
        #expect(evaluation.start == DateWindow(earliest: day(2026, 10, 2), expected: day(2026, 10, 8), latest: day(2026, 11, 4)))
        #expect(evaluation.status == .planned && !evaluation.isOverdue && evaluation.hasEvidentlyHappened)
    }

    @Test func theSecondSessionIsTheHarvest() throws {
        // mobilisation spans M = Thu 5 Nov to the last session H = Wed 11 Nov; both before now: done.
        #expect(try #require(plan[.mobilisation]).end == DateWindow(fixed: day(2026, 11, 11)))
        #expect(try #require(plan[.mobilisation]).status == .done)
        #expect(try #require(plan[.apheresis]).sessions.map(\.date.expected) == [day(2026, 11, 10), day(2026, 11, 11)])
        // control visit open≥(H+14) = Wed 25 Nov (open); a visit, so planned until recorded.
        #expect(try #require(plan[.controlVisit]).start == DateWindow(fixed: day(2026, 11, 25)))
        #expect(try #require(plan[.controlVisit]).status == .planned)
    }

    @Test func admissionReinfusionAndDischargeFollowTheRecordedAdmission() throws {
        // conditioning recorded Mon 4 Jan 2027 (inside open≥(H+21) = 2 Dec … open≤(H+56) = 6 Jan): no conflict;
        // five days A…A+4 = 4…8 Jan; future and not confirmed: planned.
        #expect(try #require(plan[.conditioning]).end == DateWindow(fixed: day(2027, 1, 8)))
        #expect(try #require(plan[.conditioning]).status == .planned)
        // reinfusion D0 = A+5 = Sat 9 Jan; 12 bags > 10 → also Sun 10 Jan.
        #expect(try #require(plan[.reinfusion]).start == DateWindow(fixed: day(2027, 1, 9)))
        #expect(try #require(plan[.reinfusion]).end == DateWindow(fixed: day(2027, 1, 10)))
        // discharge D0+14 / D0+21 / D0+28 = 23 Jan / 30 Jan / 6 Feb, any day of the week.
        #expect(try #require(plan[.discharge]).start == DateWindow(earliest: day(2027, 1, 23), expected: day(2027, 1, 30), latest: day(2027, 2, 6)))
        // recovery ends D0 + 3 months = 9 Apr, D0 + 6 months = 9 Jul.
        #expect(try #require(plan[.recovery]).end == DateWindow(earliest: day(2027, 4, 9), expected: day(2027, 7, 9), latest: day(2027, 7, 9)))
        // Fertility preservation on 20 Oct, before M: no conflict; nothing else breaks a rule.
        #expect(plan.conflicts.isEmpty)
    }
}

/// Large cohorts are planned on every core (chunks of 2,048 patients): the result must not depend on that — each
/// plan equal to planning the same patient alone. (Also what `make sanitize` runs under ThreadSanitizer.)
@Suite struct ParallelPlanningTests {
    @Test func parallelPlansEqualSerialOnes() throws {
        let planner = try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar())
        let now = try #require(CalendarDate(year: 2026, month: 11, day: 22))
        let first = try #require(CalendarDate(year: 2026, month: 1, day: 5))
        let records = (0..<5_000).map { index in
            PatientRecord(id: "P-\(index)", secondOpinion: first.adding(days: (index * 7) % 500))
        }
        let parallel = planner.plan(records, now: now)
        #expect(parallel.count == records.count)
        for index in stride(from: 0, to: records.count, by: 97) {
            #expect(parallel[index] == planner.plan(records[index], now: now))
        }
    }
}
