import Calendrical
import Testing
import TestSupport
@testable import Pathway

// docs/clinical-rules.md, "Past guesses" and (long stays) "Recorded dates outside their window", with every date
// worked out by hand.

private func planner() throws -> Planner { try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar()) }

/// S Fri 30 Oct 2026, answer Fri 20 Nov, day 1 Fri 4 Dec, one session Wed 9 Dec, admitted (recorded) Mon 4 Jan 2027:
/// D0 = A+5 = Sat 9 Jan.
private func admitted() -> PatientRecord {
    var record = PatientRecord(id: "P", secondOpinion: day(2026, 10, 30))
    record.record(.committeeAnswer, on: day(2026, 11, 20))
    record.record(.mobilisation, on: day(2026, 12, 4))
    record.apheresisSessions = [day(2026, 12, 9)]
    record.record(.conditioning, on: day(2027, 1, 4))
    return record
}

@Suite struct PastGuessTests {
    /// S Mon 26 Oct 2026; the answer's rule gives earliest open≥(S+14) = Mon 9 Nov, expected open≥(S+21) = Mon 16 Nov,
    /// latest open≤(S+28) = Mon 23 Nov. On Sun 22 Nov nothing is recorded after S, and 16 Nov has passed: the answer is
    /// expected on the first working day after now, Mon 23 Nov; its latest stays 23 Nov (at least that day), its
    /// earliest 9 Nov; it is still overdue. What follows moves with it: evaluation open≥(answer+7) = Mon 30 Nov;
    /// day 1 the first fit on or after answer+14 = Mon 7 Dec → Thu 10 Dec (days 5–7 Mon 14 … Wed 16 Dec open).
    @Test func anOverdueAnswerIsExpectedAfterNow() throws {
        let plan = try planner().plan(PatientRecord(id: "P", secondOpinion: day(2026, 10, 26)), now: day(2026, 11, 22))
        let answer = plan[.committeeAnswer]
        #expect(answer?.start == DateWindow(earliest: day(2026, 11, 9), expected: day(2026, 11, 23), latest: day(2026, 11, 23)))
        #expect(answer?.isOverdue == true)
        #expect(plan[.evaluation]?.start.expected == day(2026, 11, 30))
        #expect(plan[.evaluation]?.isOverdue == false)
        #expect(plan[.mobilisation]?.start.expected == day(2026, 12, 10))
    }

    /// The same patient on Sun 15 Nov: 16 Nov is still ahead, so nothing moves.
    @Test func aGuessStillAheadStays() throws {
        let plan = try planner().plan(PatientRecord(id: "P", secondOpinion: day(2026, 10, 26)), now: day(2026, 11, 15))
        #expect(plan[.committeeAnswer]?.start.expected == day(2026, 11, 16))
        #expect(plan[.committeeAnswer]?.isOverdue == false)
    }

    /// A step before a recorded one has evidently happened: day 1 Tue 15 Sep, session Mon 21 Sep (H), admission
    /// recorded Fri 20 Nov. The control visit open≥(H+14) = Mon 5 Oct is not recorded but comes before the
    /// admission: it keeps 5 Oct, not a day after now. It is not overdue: a step before the last recorded one has
    /// evidently happened (the `overdue` reading of 2026-12-06; it used to be flagged).
    @Test func aStepBeforeARecordedOneKeepsItsDates() throws {
        var record = PatientRecord(id: "P", secondOpinion: day(2026, 8, 3))
        record.record(.committeeAnswer, on: day(2026, 8, 24))
        record.record(.mobilisation, on: day(2026, 9, 15))
        record.apheresisSessions = [day(2026, 9, 21)]
        record.record(.conditioning, on: day(2026, 11, 20))
        let plan = try planner().plan(record, now: day(2026, 11, 22))
        #expect(plan[.controlVisit]?.start.expected == day(2026, 10, 5))
        #expect(plan[.controlVisit]?.isOverdue == false)
        #expect(plan[.controlVisit]?.hasEvidentlyHappened == true)
    }

    /// A passed expected discharge is a past guess too: admitted Mon 4 Jan 2027, D0 = Sat 9 Jan, discharge expected
    /// D0+21 = Sat 30 Jan. On Mon 1 Feb without a recorded discharge it is expected the next day (every day counts on
    /// the ward): Tue 2 Feb; its latest D0+28 = Sat 6 Feb stays; recovery starts with it.
    @Test func aPassedDischargeIsExpectedTomorrow() throws {
        let plan = try planner().plan(admitted(), now: day(2027, 2, 1))
        #expect(plan[.discharge]?.start == DateWindow(earliest: day(2027, 1, 23), expected: day(2027, 2, 2), latest: day(2027, 2, 6)))
        #expect(plan[.discharge]?.isOverdue == true)
        #expect(plan[.recovery]?.start.expected == day(2027, 2, 2))
        #expect(plan[.isolation]?.end?.expected == day(2027, 2, 2))
    }

    /// Long stays: D0 Sat 9 Jan 2027, the window ends D0+28 = Sat 6 Feb. A recorded discharge on Mon 8 Feb is two days
    /// longer than usual: long_stay, not window_violated. On 6 Feb itself: nothing. On Fri 22 Jan (D0+13, before the
    /// earliest D0+14): window_violated as before.
    @Test func longStaysAreNotViolations() throws {
        func plan(discharge: CalendarDate) throws -> PatientPlan {
            var record = admitted()
            record.record(.discharge, on: discharge)
            return try planner().plan(record, now: day(2027, 3, 1))
        }
        let long = try plan(discharge: day(2027, 2, 8))
        #expect(long.conflicts.map { "\($0.code.rawValue) \($0.date)" } == ["long_stay 2027-02-08"])
        #expect(long.conflicts.first?.detail == .longStay(day: day(2027, 2, 8), daysOver: 2, usualLatest: day(2027, 2, 6)))
        #expect(try plan(discharge: day(2027, 2, 6)).conflicts.isEmpty)
        #expect(try plan(discharge: day(2027, 1, 22)).conflicts.map(\.code) == [.windowViolated])
    }
}

/// Boundaries found in review.
@Suite struct PastGuessBoundaryTests {
    private func planner() throws -> Planner { try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar()) }

    /// "`--now` or earlier" (docs/clinical-rules.md, "Past guesses"): an answer expected today
    /// (Mon 16 Nov for S = Mon 26 Oct) is not recorded yet, so it is expected on the first working day after today,
    /// Tue 17 Nov, and flagged overdue.
    @Test func expectedTodayCountsAsPassed() throws {
        let plan = try planner().plan(PatientRecord(id: "P", secondOpinion: day(2026, 10, 26)), now: day(2026, 11, 16))
        #expect(plan[.committeeAnswer]?.start.expected == day(2026, 11, 17))
        #expect(plan[.committeeAnswer]?.isOverdue == true)
    }

    /// A scheduler's proposal is not a fact: with day 1 proposed for Thu 7 Jan 2027, the answer expected on Mon 16 Nov
    /// (passed on Sun 22 Nov) still moves to Mon 23 Nov.
    @Test func proposalsDoNotStopThePastGuessRule() throws {
        var record = PatientRecord(id: "P", secondOpinion: day(2026, 10, 26))
        record.recorded[.mobilisation] = PatientRecord.Recorded(day(2027, 1, 7), proposed: true)
        let plan = try planner().plan(record, now: day(2026, 11, 22))
        #expect(plan[.committeeAnswer]?.start.expected == day(2026, 11, 23))
    }
}
