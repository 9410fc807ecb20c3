import Calendrical
import Testing
import TestSupport
@testable import Pathway

// docs/clinical-rules.md, "Past guesses" and "What the conflict report checks" (`overdue`): every step the past-guess
// rule moves carries one `overdue` conflict, dated on the day its rule expected it, and a guess never makes a
// `window_violated` of its own. Every date worked out by hand (Dutch holidays, no closures).

private func planner() throws -> Planner { try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar()) }

/// S Mon 1 Sep 2025, answer Mon 22 Sep 2025 (S+21), mobilisation day 1 recorded Tue 14 Oct 2025 (answer+14 =
/// Mon 6 Oct is its first possible day, so no window_violated). Nothing else recorded.
private func mobilisedLongAgo() -> PatientRecord {
    var record = PatientRecord(id: "P", secondOpinion: day(2025, 9, 1))
    record.record(.committeeAnswer, on: day(2025, 9, 22))
    record.record(.mobilisation, on: day(2025, 10, 14))
    return record
}

@Suite struct OverdueTests {
    /// Thirteen months after day 1 (now Sun 22 Nov 2026). Apheresis: days 5–7 of M = Sat 18, Sun 19, Mon 20 Oct 2025;
    /// only Mon 20 Oct is open for the machine, so its rule expects it on 20 Oct 2025 (earliest and latest too).
    /// That has passed and apheresis comes after the last recorded step (mobilisation): the past-guess rule moves it
    /// to the first open machine day after now, Mon 23 Nov 2026, its latest to that day, its earliest stays 20 Oct
    /// 2025. One `overdue` on apheresis dated 2025-10-20, and no `window_violated` although the guess is 405 days
    /// after day 1.
    /// Which later steps move: none. From the moved harvest H = 23 Nov 2026 the control visit is open≥(H+14) =
    /// Mon 7 Dec 2026 and the admission open≥(H+21) = Mon 14 Dec 2026, both after now, and everything after follows
    /// from those; so apheresis is the only overdue step. The evaluation (unrecorded, before the recorded day 1,
    /// expected open≥(answer+7) = Mon 29 Sep 2025) has evidently happened and is not overdue either.
    @Test func aHarvestThirteenMonthsAfterDayOneIsOverdueOnce() throws {
        let plan = try planner().plan(mobilisedLongAgo(), now: day(2026, 11, 22))
        #expect(plan.conflicts == [PlanConflict(code: .overdue, step: .apheresis, date: day(2025, 10, 20),
                                                detail: .overdue(expected: day(2025, 10, 20)))])
        #expect(!plan.conflicts.contains { $0.code == .windowViolated })
        #expect(plan[.apheresis]?.start == DateWindow(earliest: day(2025, 10, 20), expected: day(2026, 11, 23),
                                                      latest: day(2026, 11, 23)))
        #expect(plan[.apheresis]?.isOverdue == true)
        #expect(plan[.apheresis]?.hasEvidentlyHappened == false)
        #expect(plan[.controlVisit]?.start.expected == day(2026, 12, 7))
        #expect(plan[.conditioning]?.start.expected == day(2026, 12, 14))
        #expect(plan.steps.filter(\.isOverdue).map(\.step) == [.apheresis])
        #expect(plan[.evaluation]?.start.expected == day(2025, 9, 29))
        #expect(plan[.evaluation]?.isOverdue == false)
        #expect(plan[.evaluation]?.hasEvidentlyHappened == true)
    }

    /// Planning the same patient twice, or on a later day, still names the rule's day once: on Mon 1 Mar 2027 the
    /// guess moves to Tue 2 Mar 2027, the conflict stays on 2025-10-20.
    @Test func theConflictNamesTheRulesDayNotTheGuess() throws {
        let plan = try planner().plan(mobilisedLongAgo(), now: day(2027, 3, 1))
        #expect(plan[.apheresis]?.start.expected == day(2027, 3, 2))
        #expect(plan.conflicts.map { "\($0.code.rawValue) \($0.step) \($0.date)" } == ["overdue apheresis 2025-10-20"])
    }

    /// Two steps moved, each once. S Mon 1 Sep 2025, answer recorded Mon 22 Sep 2025, nothing after; now Sun 22 Nov
    /// 2026. Day 1 (first fit from answer+14 = Mon 6 Oct 2025: Mon 6, Tue 7 and Wed 8 Oct have a weekend day among
    /// days 5–7) is Thu 9 Oct 2025 by its rule; passed, so it moves to the first fit after now: Mon 23, Tue 24 and
    /// Wed 25 Nov 2026 again meet a weekend, Thu 26 Nov 2026 has Mon 30 Nov – Wed 2 Dec open. The evaluation,
    /// open≥(answer+7) = Mon 29 Sep 2025 (inside its window up to open≤(M−1) = Wed 25 Nov 2026), has passed as well
    /// and comes after the last recorded step (the answer): it moves to the clinic's first open day after now,
    /// Mon 23 Nov 2026. Apheresis then follows the moved day 1 (Tue 1 Dec 2026, day 6) and is not moved.
    @Test func eachMovedStepHasItsOwnOverdue() throws {
        var record = PatientRecord(id: "P", secondOpinion: day(2025, 9, 1))
        record.record(.committeeAnswer, on: day(2025, 9, 22))
        let plan = try planner().plan(record, now: day(2026, 11, 22))
        #expect(plan.conflicts.map { "\($0.code.rawValue) \($0.step) \($0.date)" }
                == ["overdue evaluation 2025-09-29", "overdue mobilisation 2025-10-09"])
        #expect(plan.conflicts.map(\.detail) == [.overdue(expected: day(2025, 9, 29)), .overdue(expected: day(2025, 10, 9))])
        #expect(plan[.evaluation]?.start.expected == day(2026, 11, 23))
        #expect(plan[.mobilisation]?.start.expected == day(2026, 11, 26))
        #expect(plan[.apheresis]?.start.expected == day(2026, 12, 1))
        #expect(plan.steps.filter(\.isOverdue).map(\.step) == [.evaluation, .mobilisation])
    }

    /// A window left empty by closures is a `window_violated` while the step is still ahead, and an `overdue` only
    /// once the guess moves it. S Mon 2 Feb 2026, answer Mon 23 Feb, day 1 recorded Tue 31 Mar 2026: days 5–7 are
    /// Sat 4 Apr, Sun 5 Apr and Easter Monday 6 Apr, none open, so all three readings are open≥(M+4) = Tue 7 Apr.
    /// On Wed 1 Apr that is ahead: the window_violated on 7 Apr, nothing overdue. On Sun 22 Nov 2026 the guess moves
    /// it to Mon 23 Nov: one overdue dated 7 Apr, and the empty window is no longer reported (a guess is not a fact).
    @Test func anEmptyWindowMetWhileGuessingIsNoViolation() throws {
        var record = PatientRecord(id: "P", secondOpinion: day(2026, 2, 2))
        record.record(.committeeAnswer, on: day(2026, 2, 23))
        record.record(.mobilisation, on: day(2026, 3, 31))
        let ahead = try planner().plan(record, now: day(2026, 4, 1))
        #expect(ahead.conflicts.map { "\($0.code.rawValue) \($0.step) \($0.date)" } == ["window_violated apheresis 2026-04-07"])
        let passed = try planner().plan(record, now: day(2026, 11, 22))
        #expect(passed.conflicts.map { "\($0.code.rawValue) \($0.step) \($0.date)" } == ["overdue apheresis 2026-04-07"])
        #expect(passed[.apheresis]?.start.expected == day(2026, 11, 23))
    }

    /// A step before a recorded one is not overdue: it has evidently happened. Day 1 Tue 15 Sep 2026, session Mon
    /// 21 Sep (H), admission recorded Fri 20 Nov. The control visit open≥(H+14) = Mon 5 Oct is not recorded, comes
    /// before the admission and is before now (Sun 22 Nov): it keeps 5 Oct, has evidently happened, is not flagged
    /// and carries no conflict. (The admission itself, H+60, is past open≤(H+56) = Mon 16 Nov: that window_violated
    /// is the plan's only conflict.)
    @Test func aStepBeforeARecordedOneHasEvidentlyHappened() throws {
        var record = PatientRecord(id: "P", secondOpinion: day(2026, 8, 3))
        record.record(.committeeAnswer, on: day(2026, 8, 24))
        record.record(.mobilisation, on: day(2026, 9, 15))
        record.apheresisSessions = [day(2026, 9, 21)]
        record.record(.conditioning, on: day(2026, 11, 20))
        let plan = try planner().plan(record, now: day(2026, 11, 22))
        let visit = plan[.controlVisit]
        #expect(visit?.start.expected == day(2026, 10, 5))
        #expect(visit?.hasEvidentlyHappened == true)
        #expect(visit?.isOverdue == false)
        #expect(plan.conflicts.map { "\($0.code.rawValue) \($0.step) \($0.date)" } == ["window_violated conditioning 2026-11-20"])
        // Recorded steps and steps still ahead have not "evidently" happened: they are fixed, or not yet due.
        #expect(plan[.conditioning]?.hasEvidentlyHappened == false)
        #expect(plan[.discharge]?.hasEvidentlyHappened == false)
    }

    /// A declined answer ends the pathway: the steps after it are not planned, so they carry no overdue either.
    /// S Mon 1 Sep 2025, answer declined Mon 22 Sep 2025, now Sun 22 Nov 2026.
    @Test func aDeclinedPatientHasNothingOverdue() throws {
        var record = PatientRecord(id: "P", secondOpinion: day(2025, 9, 1))
        record.record(.committeeAnswer, on: day(2025, 9, 22))
        record.committeeOutcome = .declined
        let plan = try planner().plan(record, now: day(2026, 11, 22))
        #expect(plan.declined)
        #expect(plan.conflicts.isEmpty)
        #expect(plan.steps.allSatisfy { !$0.isOverdue })
    }
}
