import Calendrical
import Testing
import TestSupport
@testable import Pathway

// One or more tests per rule of `docs/clinical-rules.md`, run through `Planner` with `TreatmentProtocol.amsterdamUMC`.
// Every expected date below was worked out by hand from the rule (weekdays checked separately); the comment next
// to each expectation names the rule and shows the arithmetic. Dutch holidays used: 2026: 1 Jan, Mon 6 Apr (Easter
// Monday), Mon 27 Apr (King's Day), Thu 14 May (Ascension), Mon 25 May (Whit Monday), Fri 25 + Sat 26 Dec;
// 2027: Fri 1 Jan, Mon 29 Mar (Easter Monday; Good Friday 26 Mar is open), Tue 27 Apr, Thu 6 May, Mon 17 May,
// Sat 25 + Sun 26 Dec.
//
// A fact used throughout: with no holiday or closure nearby, mobilisation day 1 (M) can only be a Thursday or a
// Friday, since M+4, M+5, M+6 must all be weekdays (Mon → Fri/Sat/Sun, Tue → Sat/Sun/Mon, Wed → Sun/Mon/Tue).

private let machines = TreatmentProtocol.Resource.apheresisMachines
private let chairs = TreatmentProtocol.Resource.daycareChairs
private let beds = TreatmentProtocol.Resource.isolationBeds
private let clinic = TreatmentProtocol.Resource.outpatientClinic

private func rulePlanner(_ closures: [Closure] = []) throws -> Planner {
    try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar(closures: closures))
}

private func window(_ earliest: CalendarDate, _ expected: CalendarDate, _ latest: CalendarDate) -> DateWindow {
    DateWindow(earliest: earliest, expected: expected, latest: latest)
}

private func fixed(_ date: CalendarDate) -> DateWindow { DateWindow(fixed: date) }

/// "code step date" for each conflict, in the plan's order.
private func conflictList(_ plan: PatientPlan) -> [String] {
    plan.conflicts.map { "\($0.code.rawValue) \($0.step.rawValue) \($0.date)" }
}

/// S Mon 7 Sep 2026 and the committee's answer recorded on Mon 28 Sep 2026 (S+21, inside S+14 … S+28).
private func answeredPatient(_ id: String = "P") -> PatientRecord {
    var record = PatientRecord(id: id, secondOpinion: day(2026, 9, 7))
    record.record(.committeeAnswer, on: day(2026, 9, 28))
    return record
}

/// S Fri 30 Oct 2026, answer Fri 20 Nov (S+21), M Fri 4 Dec (= answer+14), sessions Wed 9, Thu 10, Fri 11 Dec
/// (days 6, 7, 8: the first on day 6; H = Fri 11 Dec), admission A Mon 4 Jan 2027 (= open≥(H+21)).
private func admittedPatient(bags: Int? = nil) -> PatientRecord {
    var record = PatientRecord(id: "P-adm", secondOpinion: day(2026, 10, 30))
    record.record(.committeeAnswer, on: day(2026, 11, 20))
    record.record(.mobilisation, on: day(2026, 12, 4))
    record.apheresisSessions = [day(2026, 12, 9), day(2026, 12, 10), day(2026, 12, 11)]
    record.record(.conditioning, on: day(2027, 1, 4))
    record.bags = bags
    return record
}

@Suite struct PlannerRuleTests {
    // MARK: committee-answer

    @Test func committeeAnswerWindowIsTwoToFourWeeksAfterTheSecondOpinion() throws {
        let plan = try rulePlanner().plan(PatientRecord(id: "P", secondOpinion: day(2026, 9, 7)), now: day(2026, 9, 1))
        // committee-answer earliest = open≥(S+14): S Mon 7 Sep + 14 = Mon 21 Sep, open
        // expected = open≥(S+21) = Mon 28 Sep, open; latest = open≤(S+28) = Mon 5 Oct, open
        #expect(try #require(plan[.committeeAnswer]).start == window(day(2026, 9, 21), day(2026, 9, 28), day(2026, 10, 5)))
        #expect(try #require(plan[.committeeAnswer]).end == nil)  // a single visit has no end
    }

    @Test func committeeAnswerIgnoresSiteClosuresButNotTheSitesOtherSteps() throws {
        // A site-wide closure (no resources: closes everything) from Mon 21 Sep to Mon 5 Oct 2026, both included.
        let planner = try rulePlanner([Closure(from: day(2026, 9, 21), to: day(2026, 10, 5))])
        let plan = planner.plan(PatientRecord(id: "P", secondOpinion: day(2026, 9, 7)), now: day(2026, 9, 1))
        // committee-answer: working days only, site closures do not apply:
        // open≥(S+14) = Mon 21 Sep, open≥(S+21) = Mon 28 Sep, open≤(S+28) = Mon 5 Oct — all unchanged.
        #expect(try #require(plan[.committeeAnswer]).start == window(day(2026, 9, 21), day(2026, 9, 28), day(2026, 10, 5)))
        // evaluation (outpatient clinic, closed by the closure): earliest open≥(answer_e+1) = open≥(Tue 22 Sep) →
        // closed through Mon 5 Oct → Tue 6 Oct; expected open≥(answer_x+7) = open≥(Mon 5 Oct) → Tue 6 Oct.
        #expect(try #require(plan[.evaluation]).start.earliest == day(2026, 10, 6))
        #expect(try #require(plan[.evaluation]).start.expected == day(2026, 10, 6))
    }

    @Test func committeeAnswerMovesForDutchHolidays() throws {
        let planner = try rulePlanner()
        func answer(_ s: CalendarDate) throws -> DateWindow {
            // Planned as of the second opinion, so no expected date has passed yet ("Past guesses" moves those).
            try #require(planner.plan(PatientRecord(id: "P", secondOpinion: s), now: s)[.committeeAnswer]).start
        }
        // S Mon 23 Mar 2026: S+14 = Mon 6 Apr Easter Monday → open≥ = Tue 7 Apr; S+21 = Mon 13 Apr; S+28 = Mon 20 Apr.
        #expect(try answer(day(2026, 3, 23)) == window(day(2026, 4, 7), day(2026, 4, 13), day(2026, 4, 20)))
        // S Mon 30 Mar 2026: S+14 = Mon 13 Apr; S+21 = Mon 20 Apr; S+28 = Mon 27 Apr King's Day → open≤ = Fri 24 Apr.
        #expect(try answer(day(2026, 3, 30)) == window(day(2026, 4, 13), day(2026, 4, 20), day(2026, 4, 24)))
        // S Thu 30 Apr 2026: S+14 = Thu 14 May Ascension → Fri 15 May; S+21 = Thu 21 May; S+28 = Thu 28 May.
        #expect(try answer(day(2026, 4, 30)) == window(day(2026, 5, 15), day(2026, 5, 21), day(2026, 5, 28)))
        // S Mon 4 May 2026: S+14 = Mon 18 May; S+21 = Mon 25 May Whit Monday → Tue 26 May; S+28 = Mon 1 Jun.
        #expect(try answer(day(2026, 5, 4)) == window(day(2026, 5, 18), day(2026, 5, 26), day(2026, 6, 1)))
        // S Fri 27 Nov 2026: S+14 = Fri 11 Dec; S+21 = Fri 18 Dec; S+28 = Fri 25 Dec Christmas → open≤ = Thu 24 Dec.
        #expect(try answer(day(2026, 11, 27)) == window(day(2026, 12, 11), day(2026, 12, 18), day(2026, 12, 24)))
        // S Fri 11 Dec 2026: S+14 = Fri 25 Dec (Christmas; Sat 26 Boxing Day, Sun) → Mon 28 Dec;
        // S+21 = Fri 1 Jan 2027 New Year (then weekend) → Mon 4 Jan 2027; S+28 = Fri 8 Jan 2027, open.
        #expect(try answer(day(2026, 12, 11)) == window(day(2026, 12, 28), day(2027, 1, 4), day(2027, 1, 8)))
        // S Mon 21 Apr 2025 (Easter Monday itself): S+14 = Mon 5 May 2025, Liberation Day (2025 is divisible by 5) →
        // Tue 6 May; S+21 = Mon 12 May; S+28 = Mon 19 May.
        #expect(try answer(day(2025, 4, 21)) == window(day(2025, 5, 6), day(2025, 5, 12), day(2025, 5, 19)))
    }

    @Test func recordedCommitteeAnswerOutsideItsWindowIsAViolation() throws {
        let planner = try rulePlanner()
        func conflicts(_ answer: CalendarDate) -> [String] {
            var record = PatientRecord(id: "P", secondOpinion: day(2026, 9, 7))
            record.record(.committeeAnswer, on: answer)
            return conflictList(planner.plan(record, now: day(2026, 9, 1))).filter { $0.contains("committee-answer") }
        }
        // window [open≥(S+14), open≤(S+28)] = [Mon 21 Sep, Mon 5 Oct] for S Mon 7 Sep 2026.
        #expect(conflicts(day(2026, 10, 6)) == ["window_violated committee-answer 2026-10-06"])  // Tue 6 Oct = S+29
        #expect(conflicts(day(2026, 10, 5)).isEmpty)                                           // Mon 5 Oct = S+28
        #expect(conflicts(day(2026, 9, 21)).isEmpty)                                           // Mon 21 Sep = S+14
        #expect(conflicts(day(2026, 9, 18)) == ["window_violated committee-answer 2026-09-18"])  // Fri 18 Sep = S+11
    }

    // MARK: the three chains, from a second opinion alone

    @Test func threeChainsFromASecondOpinionAlone() throws {
        let plan = try rulePlanner().plan(PatientRecord(id: "P", secondOpinion: day(2026, 9, 7)), now: day(2026, 9, 14))
        // committee-answer: open≥(S+14) Mon 21 Sep, open≥(S+21) Mon 28 Sep, open≤(S+28) Mon 5 Oct.
        #expect(try #require(plan[.committeeAnswer]).start == window(day(2026, 9, 21), day(2026, 9, 28), day(2026, 10, 5)))
        // mobilisation, first fit from answer+14 in each chain (M must be Thu or Fri, see the top of the file):
        // earliest: from Mon 21 Sep + 14 = Mon 5 Oct; Mon 5 (days 5–7 = Fri 9, Sat 10, Sun 11) ✗, Tue 6 ✗, Wed 7 ✗
        //           (Sun 11 on day 5), Thu 8 (Mon 12, Tue 13, Wed 14) ✓ → Thu 8 Oct
        // expected: from Mon 28 Sep + 14 = Mon 12 Oct → Thu 15 Oct (days 5–7 = Mon 19, Tue 20, Wed 21)
        // latest:   from Mon 5 Oct + 14 = Mon 19 Oct → Thu 22 Oct (days 5–7 = Mon 26, Tue 27, Wed 28)
        #expect(try #require(plan[.mobilisation]).start == window(day(2026, 10, 8), day(2026, 10, 15), day(2026, 10, 22)))
        // evaluation: earliest open≥(answer_e+1) = Tue 22 Sep; expected open≥(answer_x+7) = Mon 5 Oct;
        // latest open≤(M_l−1) = Wed 21 Oct.
        #expect(try #require(plan[.evaluation]).start == window(day(2026, 9, 22), day(2026, 10, 5), day(2026, 10, 21)))
        // apheresis: earliest = first open of M_e+4…M_e+6 = Mon 12 Oct; expected = nearest M_x+5 = Tue 20 Oct;
        // latest = last open of M_l+4…M_l+6 = Wed 28 Oct.
        let apheresis = window(day(2026, 10, 12), day(2026, 10, 20), day(2026, 10, 28))
        #expect(try #require(plan[.apheresis]).start == apheresis)
        // one planned session (no tentative repeats by default); it is the harvest H, and mobilisation ends on it.
        #expect(try #require(plan[.apheresis]).sessions == [StepPlan.Session(date: apheresis, tentative: false)])
        #expect(try #require(plan[.apheresis]).end == apheresis)
        #expect(try #require(plan[.mobilisation]).end == apheresis)
        // control-visit open≥(H+14): Mon 12 Oct+14 = Mon 26 Oct; Tue 20 Oct+14 = Tue 3 Nov; Wed 28 Oct+14 = Wed 11 Nov.
        #expect(try #require(plan[.controlVisit]).start == window(day(2026, 10, 26), day(2026, 11, 3), day(2026, 11, 11)))
        // conditioning A: earliest open≥(H_e+21) = Mon 12 Oct+21 = Mon 2 Nov; expected open≥(H_x+21) = Tue 10 Nov;
        // latest open≤(H_l+56) = Wed 28 Oct+56 = Wed 23 Dec (open). Ends A+4: Fri 6 Nov, Sat 14 Nov, Sun 27 Dec.
        #expect(try #require(plan[.conditioning]).start == window(day(2026, 11, 2), day(2026, 11, 10), day(2026, 12, 23)))
        #expect(try #require(plan[.conditioning]).end == window(day(2026, 11, 6), day(2026, 11, 14), day(2026, 12, 27)))
        // reinfusion D0 = A+5: Sat 7 Nov, Sun 15 Nov, Mon 28 Dec (every day; no bags → one day).
        let d0 = window(day(2026, 11, 7), day(2026, 11, 15), day(2026, 12, 28))
        #expect(try #require(plan[.reinfusion]).start == d0)
        #expect(try #require(plan[.reinfusion]).end == d0)
        // discharge: D0_e+14 = Sat 21 Nov; D0_x+21 = Sun 6 Dec; D0_l+28 = Mon 25 Jan 2027 (any day of the week).
        let discharge = window(day(2026, 11, 21), day(2026, 12, 6), day(2027, 1, 25))
        #expect(try #require(plan[.discharge]).start == discharge)
        // isolation: D0 … discharge.
        #expect(try #require(plan[.isolation]).start == d0)
        #expect(try #require(plan[.isolation]).end == discharge)
        // recovery from discharge; ends D0_e + 3 months = 7 Feb 2027, D0_x + 6 months = 15 May 2027,
        // D0_l + 6 months = 28 Jun 2027.
        #expect(try #require(plan[.recovery]).start == discharge)
        #expect(try #require(plan[.recovery]).end == window(day(2027, 2, 7), day(2027, 5, 15), day(2027, 6, 28)))
        // weekly visits from the expected discharge Sun 6 Dec, open≥ for the clinic: Sun 13 → Mon 14 Dec,
        // Sun 20 → Mon 21 Dec, Sun 27 → Mon 28 Dec (after Christmas), Sun 3 Jan → Mon 4 Jan 2027.
        #expect(try #require(plan[.recovery]).visits == [day(2026, 12, 14), day(2026, 12, 21), day(2026, 12, 28), day(2027, 1, 4)])
        // Nothing breaks a rule.
        #expect(plan.conflicts.isEmpty)
        // Status against now = Mon 14 Sep: S (7 Sep) done; every other step planned, none overdue yet.
        #expect(try #require(plan[.secondOpinion]).status == .done)
        for step in StepID.allCases where step != .secondOpinion {
            #expect(try #require(plan[step]).status == .planned, "\(step)")
            #expect(try !#require(plan[step]).isOverdue, "\(step)")
            #expect(try !#require(plan[step]).isFixed, "\(step)")
        }
    }

    // MARK: evaluation

    @Test func evaluationWindowAroundEasterMonday() throws {
        // S Mon 9 Mar 2026, answer recorded Mon 30 Mar (S+21).
        var record = PatientRecord(id: "P", secondOpinion: day(2026, 3, 9))
        record.record(.committeeAnswer, on: day(2026, 3, 30))
        let plan = try rulePlanner().plan(record, now: day(2026, 3, 1))
        // mobilisation from answer+14 = Mon 13 Apr: Mon–Wed hit the weekend on days 5–7; Thu 16 Apr (Mon 20, Tue 21,
        // Wed 22) ✓ → M = Thu 16 Apr in all chains.
        #expect(try #require(plan[.mobilisation]).start == fixed(day(2026, 4, 16)))
        // evaluation: earliest open≥(answer+1) = Tue 31 Mar; expected open≥(answer+7) = open≥(Mon 6 Apr, Easter
        // Monday) = Tue 7 Apr; latest open≤(M−1) = Wed 15 Apr.
        #expect(try #require(plan[.evaluation]).start == window(day(2026, 3, 31), day(2026, 4, 7), day(2026, 4, 15)))
        #expect(plan.conflicts.isEmpty)
    }

    @Test func evaluationLatestSkipsAscensionDay() throws {
        // S Fri 10 Apr 2026, answer recorded Fri 1 May (S+21).
        var record = PatientRecord(id: "P", secondOpinion: day(2026, 4, 10))
        record.record(.committeeAnswer, on: day(2026, 5, 1))
        let plan = try rulePlanner().plan(record, now: day(2026, 4, 1))
        // mobilisation from answer+14 = Fri 15 May: chair open (Ascension is Thu 14 May), days 5–7 = Tue 19, Wed 20,
        // Thu 21 May open → M = Fri 15 May.
        #expect(try #require(plan[.mobilisation]).start == fixed(day(2026, 5, 15)))
        // evaluation: open≥(answer+1 = Sat 2 May) = Mon 4 May; open≥(answer+7) = Fri 8 May (5 May is no holiday in
        // 2026); open≤(M−1 = Thu 14 May, Ascension) = Wed 13 May.
        #expect(try #require(plan[.evaluation]).start == window(day(2026, 5, 4), day(2026, 5, 8), day(2026, 5, 13)))
        // apheresis: M+4 Tue 19, M+5 Wed 20, M+6 Thu 21 May.
        #expect(try #require(plan[.apheresis]).start == window(day(2026, 5, 19), day(2026, 5, 20), day(2026, 5, 21)))
    }

    @Test func evaluationRecordedOnMobilisationDayIsAViolation() throws {
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        record.record(.evaluation, on: day(2026, 10, 15))
        let plan = try rulePlanner().plan(record, now: day(2026, 9, 1))
        // evaluation window [open≥(answer+1) = Tue 29 Sep, open≤(M−1) = Wed 14 Oct]; recorded Thu 15 Oct is after it.
        #expect(conflictList(plan).contains("window_violated evaluation 2026-10-15"))
    }

    // MARK: mobilisation (first fit)

    @Test func mobilisationSkipsWeekdaysWhoseDaysFiveToSevenTouchTheWeekend() throws {
        let plan = try rulePlanner().plan(answeredPatient(), now: day(2026, 9, 1))
        // from answer+14 = Mon 12 Oct: Mon 12 → days 5–7 Fri 16, Sat 17, Sun 18 ✗; Tue 13 → Sat 17 ✗;
        // Wed 14 → Sun 18 ✗; Thu 15 → Mon 19, Tue 20, Wed 21 ✓ (chair open Thu 15) → M = Thu 15 Oct, all chains.
        #expect(try #require(plan[.mobilisation]).start == fixed(day(2026, 10, 15)))
        #expect(try !#require(plan[.mobilisation]).isFixed)  // computed, not recorded
    }

    @Test func mobilisationSkipsAThursdayWhoseDayFiveIsEasterMonday2027() throws {
        // S Mon 15 Feb 2027, answer recorded Mon 8 Mar 2027 (S+21).
        var record = PatientRecord(id: "P", secondOpinion: day(2027, 2, 15))
        record.record(.committeeAnswer, on: day(2027, 3, 8))
        let plan = try rulePlanner().plan(record, now: day(2027, 2, 1))
        // from answer+14 = Mon 22 Mar: Mon–Wed ✗ (weekend); Thu 25 → day 5 = Mon 29 Mar Easter Monday ✗;
        // Fri 26 (Good Friday, open by default) → Tue 30, Wed 31 Mar, Thu 1 Apr ✓ → M = Fri 26 Mar 2027.
        #expect(try #require(plan[.mobilisation]).start == fixed(day(2027, 3, 26)))
        // apheresis M+4 = Tue 30 Mar, M+5 = Wed 31 Mar, M+6 = Thu 1 Apr.
        #expect(try #require(plan[.apheresis]).start == window(day(2027, 3, 30), day(2027, 3, 31), day(2027, 4, 1)))
        #expect(plan.conflicts.isEmpty)
    }

    /// S Mon 9 Nov 2026, answer recorded Mon 30 Nov (S+21): mobilisation searched from Mon 14 Dec.
    private func decemberPatient() -> PatientRecord {
        var record = PatientRecord(id: "P-dec", secondOpinion: day(2026, 11, 9))
        record.record(.committeeAnswer, on: day(2026, 11, 30))
        return record
    }

    @Test func mobilisationWithoutClosuresInDecember() throws {
        let plan = try rulePlanner().plan(decemberPatient(), now: day(2026, 11, 1))
        // from Mon 14 Dec: Mon–Wed ✗ (weekend); Thu 17 → Mon 21, Tue 22, Wed 23 Dec ✓ → M = Thu 17 Dec.
        #expect(try #require(plan[.mobilisation]).start == fixed(day(2026, 12, 17)))
    }

    @Test func mobilisationWaitsForTheApheresisMachinesAfterChristmas() throws {
        let planner = try rulePlanner([Closure(from: day(2026, 12, 21), to: day(2027, 1, 1), resources: [machines],
                                           reason: "Kerst")])
        let plan = planner.plan(decemberPatient(), now: day(2026, 11, 1))
        // machines closed Mon 21 Dec – Fri 1 Jan. From Mon 14 Dec: Thu 17 → day 5 Mon 21 closed ✗; Fri 18 → Tue 22 ✗;
        // Mon 21 → Fri 25 ✗; Tue 22/Wed 23 → weekend ✗; Thu 24 → Mon 28 closed ✗; Fri 25 Christmas: chair closed ✗;
        // Mon 28 → Fri 1 Jan ✗; Tue 29/Wed 30 → weekend ✗; Thu 31 Dec (chair open) → Mon 4, Tue 5, Wed 6 Jan ✓.
        #expect(try #require(plan[.mobilisation]).start == fixed(day(2026, 12, 31)))
        // apheresis M+4 Mon 4 Jan, M+5 Tue 5 Jan, M+6 Wed 6 Jan 2027.
        #expect(try #require(plan[.apheresis]).start == window(day(2027, 1, 4), day(2027, 1, 5), day(2027, 1, 6)))
        #expect(plan.conflicts.isEmpty)
    }

    @Test func mobilisationDayOneNeedsAnOpenChair() throws {
        // chairs closed on Thu 17 Dec only: Thu 17 ✗ (chair); Fri 18 (chair open) → Tue 22, Wed 23, Thu 24 Dec ✓.
        let planner = try rulePlanner([Closure(from: day(2026, 12, 17), to: day(2026, 12, 17), resources: [chairs])])
        let plan = planner.plan(decemberPatient(), now: day(2026, 11, 1))
        #expect(try #require(plan[.mobilisation]).start == fixed(day(2026, 12, 18)))
        // apheresis M+4 Tue 22, M+5 Wed 23, M+6 Thu 24 Dec (24 Dec is no holiday).
        #expect(try #require(plan[.apheresis]).start == window(day(2026, 12, 22), day(2026, 12, 23), day(2026, 12, 24)))
        // a closure of another resource (isolation beds, Mon 21 – Wed 23 Dec) does not move M from Thu 17 Dec.
        let other = try rulePlanner([Closure(from: day(2026, 12, 21), to: day(2026, 12, 23), resources: [beds])])
        #expect(try #require(other.plan(decemberPatient(), now: day(2026, 11, 1))[.mobilisation]).start == fixed(day(2026, 12, 17)))
    }

    @Test func mobilisationStartsTheDayAfterARecordedFertilityPreservation() throws {
        var record = answeredPatient()
        record.fertility = .init(wanted: true, done: day(2026, 10, 15))
        let plan = try rulePlanner().plan(record, now: day(2026, 9, 1))
        // from max(answer+14 = Mon 12 Oct, fertility+1 = Fri 16 Oct) = Fri 16 Oct → days 5–7 Tue 20, Wed 21, Thu 22 ✓.
        #expect(try #require(plan[.mobilisation]).start == fixed(day(2026, 10, 16)))
        #expect(plan.conflicts.isEmpty)  // done Thu 15 Oct is before M
        #expect(try #require(plan[.evaluation]).toDo.isEmpty)  // already done
        // Not wanted: the recorded day does not count → M = Thu 15 Oct (first fit from Mon 12 Oct).
        var notWanted = answeredPatient()
        notWanted.fertility = .init(wanted: false, done: day(2026, 10, 15))
        #expect(try #require(try rulePlanner().plan(notWanted, now: day(2026, 9, 1))[.mobilisation]).start == fixed(day(2026, 10, 15)))
    }

    @Test func mobilisationStartsAfterARecordedEvaluation() throws {
        // evaluation recorded Fri 16 Oct: from max(Mon 12 Oct, Sat 17 Oct) = Sat 17 Oct: Sat/Sun chair closed; Mon 19,
        // Tue 20, Wed 21 ✗ (weekend on days 5–7); Thu 22 → Mon 26, Tue 27, Wed 28 Oct ✓ → M = Thu 22 Oct.
        var late = answeredPatient()
        late.record(.evaluation, on: day(2026, 10, 16))
        let plan = try rulePlanner().plan(late, now: day(2026, 9, 1))
        #expect(try #require(plan[.mobilisation]).start == fixed(day(2026, 10, 22)))
        #expect(plan.conflicts.isEmpty)
        // evaluation recorded Thu 15 Oct: from Fri 16 Oct → days 5–7 Tue 20, Wed 21, Thu 22 ✓ → M = Fri 16 Oct.
        var onThursday = answeredPatient()
        onThursday.record(.evaluation, on: day(2026, 10, 15))
        #expect(try #require(try rulePlanner().plan(onThursday, now: day(2026, 9, 1))[.mobilisation]).start == fixed(day(2026, 10, 16)))
    }

    @Test func mobilisationRecordedBeforeAnswerPlusFourteenIsAViolation() throws {
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 9))
        // first possible day = answer+14 = Mon 12 Oct; recorded Fri 9 Oct is before it.
        let plan = try rulePlanner().plan(record, now: day(2026, 9, 1))
        #expect(conflictList(plan).contains("window_violated mobilisation 2026-10-09"))
    }

    // MARK: apheresis

    @Test func apheresisOnDaysFiveToSevenOfMobilisation() throws {
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        let plan = try rulePlanner().plan(record, now: day(2026, 9, 1))
        // M Thu 15 Oct: earliest = M+4 Mon 19, expected = M+5 Tue 20, latest = M+6 Wed 21 (all open).
        let expected = window(day(2026, 10, 19), day(2026, 10, 20), day(2026, 10, 21))
        #expect(try #require(plan[.apheresis]).start == expected)
        #expect(try #require(plan[.apheresis]).sessions.count == 1)
        #expect(try #require(plan[.mobilisation]).end == expected)  // mobilisation spans M to the last apheresis day
        #expect(plan.conflicts.isEmpty)
    }

    @Test func apheresisExpectedTakesTheEarlierDayOnATieAroundKingsDay2027() throws {
        // S Thu 11 Mar 2027, answer Thu 1 Apr (S+21), M recorded Thu 22 Apr (≥ answer+14 = Thu 15 Apr).
        var record = PatientRecord(id: "P", secondOpinion: day(2027, 3, 11))
        record.record(.committeeAnswer, on: day(2027, 4, 1))
        record.record(.mobilisation, on: day(2027, 4, 22))
        let plan = try rulePlanner().plan(record, now: day(2027, 3, 1))
        // M+4 Mon 26 Apr open, M+5 Tue 27 Apr King's Day closed, M+6 Wed 28 Apr open: nearest to M+5 is a tie at one
        // day either side → the earlier, Mon 26 Apr. earliest Mon 26, latest Wed 28.
        #expect(try #require(plan[.apheresis]).start == window(day(2027, 4, 26), day(2027, 4, 26), day(2027, 4, 28)))
        #expect(plan.conflicts.isEmpty)
    }

    @Test func apheresisTieCausedByAMachineClosure() throws {
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        let planner = try rulePlanner([Closure(from: day(2026, 10, 20), to: day(2026, 10, 20), resources: [machines])])
        // M Thu 15 Oct: M+4 Mon 19 open, M+5 Tue 20 closed, M+6 Wed 21 open → tie → expected Mon 19.
        #expect(try #require(planner.plan(record, now: day(2026, 9, 1))[.apheresis]).start
                == window(day(2026, 10, 19), day(2026, 10, 19), day(2026, 10, 21)))
    }

    @Test func apheresisWhenOnlyDaySevenIsOpen() throws {
        // S Wed 18 Mar 2026, answer Wed 8 Apr (S+21), M recorded Wed 22 Apr (= answer+14).
        var record = PatientRecord(id: "P", secondOpinion: day(2026, 3, 18))
        record.record(.committeeAnswer, on: day(2026, 4, 8))
        record.record(.mobilisation, on: day(2026, 4, 22))
        let plan = try rulePlanner().plan(record, now: day(2026, 3, 1))
        // M+4 Sun 26 Apr ✗, M+5 Mon 27 Apr King's Day ✗, M+6 Tue 28 Apr ✓ → all three Tue 28 Apr, no conflict.
        #expect(try #require(plan[.apheresis]).start == fixed(day(2026, 4, 28)))
        #expect(plan.conflicts.isEmpty)
    }

    @Test func apheresisWithNoOpenDayInDaysFiveToSevenOverChristmas() throws {
        var record = decemberPatient()
        record.record(.mobilisation, on: day(2026, 12, 21))  // ≥ answer+14 = Mon 14 Dec
        let plan = try rulePlanner().plan(record, now: day(2026, 11, 1))
        // M Mon 21 Dec: M+4 Fri 25 Christmas, M+5 Sat 26, M+6 Sun 27 → none open →
        // all three = open≥(M+4) = open≥(Fri 25 Dec) = Mon 28 Dec, and a window_violated conflict.
        #expect(try #require(plan[.apheresis]).start == fixed(day(2026, 12, 28)))
        #expect(conflictList(plan) == ["window_violated apheresis 2026-12-28"])
        // H = Mon 28 Dec: mobilisation ends there; control visit open≥(H+14) = Mon 11 Jan 2027.
        #expect(try #require(plan[.mobilisation]).end == fixed(day(2026, 12, 28)))
        #expect(try #require(plan[.controlVisit]).start == fixed(day(2027, 1, 11)))
    }

    @Test func apheresisWithNoOpenDayInDaysFiveToSevenOverEaster() throws {
        // S Mon 23 Feb 2026, answer Mon 16 Mar (S+21), M recorded Tue 31 Mar (≥ answer+14 = Mon 30 Mar).
        var record = PatientRecord(id: "P", secondOpinion: day(2026, 2, 23))
        record.record(.committeeAnswer, on: day(2026, 3, 16))
        record.record(.mobilisation, on: day(2026, 3, 31))
        let plan = try rulePlanner().plan(record, now: day(2026, 2, 1))
        // M+4 Sat 4 Apr, M+5 Sun 5 Apr (Easter), M+6 Mon 6 Apr Easter Monday → none open → open≥(Sat 4 Apr) = Tue 7 Apr.
        #expect(try #require(plan[.apheresis]).start == fixed(day(2026, 4, 7)))
        #expect(conflictList(plan) == ["window_violated apheresis 2026-04-07"])
    }

    @Test func apheresisRecordedOutsideDaysFiveToSevenIsAViolationButRepeatsAreNot() throws {
        let planner = try rulePlanner()
        func conflicts(_ sessions: [CalendarDate]) -> [String] {
            var record = answeredPatient()
            record.record(.mobilisation, on: day(2026, 10, 15))
            record.apheresisSessions = sessions
            return conflictList(planner.plan(record, now: day(2026, 9, 1)))
        }
        // M Thu 15 Oct: day 5–7 = Mon 19 … Wed 21 Oct.
        #expect(conflicts([day(2026, 10, 23)]) == ["window_violated apheresis 2026-10-23"])  // Fri 23 Oct = day 9
        #expect(conflicts([day(2026, 10, 18)]) == ["window_violated apheresis 2026-10-18"])  // Sun 18 Oct = day 4
        #expect(conflicts([day(2026, 10, 21)]).isEmpty)                                      // Wed 21 Oct = day 7
        // first session Tue 20 Oct (day 6), repeats Thu 22 and Fri 23 (days 8, 9): repeats are exempt.
        #expect(conflicts([day(2026, 10, 20), day(2026, 10, 22), day(2026, 10, 23)]).isEmpty)
    }

    // MARK: repeated sessions, control visit, conditioning window

    @Test func repeatedSessionsMoveTheHarvest() throws {
        let planner = try rulePlanner()
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        record.apheresisSessions = [day(2026, 10, 19)]
        let one = planner.plan(record, now: day(2026, 9, 1))
        // One session Mon 19 Oct = H: control open≥(H+14) = Mon 2 Nov;
        // conditioning [open≥(H+21) = Mon 9 Nov, expected open≥(H+21) = Mon 9 Nov, open≤(H+56) = Mon 14 Dec].
        #expect(try #require(one[.controlVisit]).start == fixed(day(2026, 11, 2)))
        #expect(try #require(one[.conditioning]).start == window(day(2026, 11, 9), day(2026, 11, 9), day(2026, 12, 14)))

        record.apheresisSessions = [day(2026, 10, 19), day(2026, 10, 20), day(2026, 10, 21)]
        let three = planner.plan(record, now: day(2026, 9, 1))
        // Three sessions: H = the last, Wed 21 Oct. apheresis starts Mon 19 and ends Wed 21; mobilisation ends Wed 21.
        #expect(try #require(three[.apheresis]).start == fixed(day(2026, 10, 19)))
        #expect(try #require(three[.apheresis]).end == fixed(day(2026, 10, 21)))
        #expect(try #require(three[.apheresis]).sessions.map(\.date.expected) == [day(2026, 10, 19), day(2026, 10, 20), day(2026, 10, 21)])
        #expect(try #require(three[.apheresis]).sessions.allSatisfy { !$0.tentative })
        #expect(try #require(three[.mobilisation]).end == fixed(day(2026, 10, 21)))
        // control open≥(H+14) = Wed 4 Nov; conditioning [open≥(H+21) = Wed 11 Nov, Wed 11 Nov, open≤(H+56) = Wed 16 Dec].
        #expect(try #require(three[.controlVisit]).start == fixed(day(2026, 11, 4)))
        #expect(try #require(three[.conditioning]).start == window(day(2026, 11, 11), day(2026, 11, 11), day(2026, 12, 16)))
        #expect(three.conflicts.isEmpty)
    }

    @Test func harvestBeforeChristmasMovesControlVisitAndAdmissionPastTheHolidays() throws {
        var record = admittedPatient()
        record.recorded[.conditioning] = nil
        let plan = try rulePlanner().plan(record, now: day(2026, 11, 1))
        // H = Fri 11 Dec: control open≥(H+14 = Fri 25 Dec Christmas; Sat 26, Sun 27) = Mon 28 Dec.
        #expect(try #require(plan[.controlVisit]).start == fixed(day(2026, 12, 28)))
        // conditioning: open≥(H+21 = Fri 1 Jan 2027 New Year; weekend) = Mon 4 Jan 2027 (earliest and expected);
        // open≤(H+56) = Fri 5 Feb 2027 (open).
        #expect(try #require(plan[.conditioning]).start == window(day(2027, 1, 4), day(2027, 1, 4), day(2027, 2, 5)))
        #expect(plan.conflicts.isEmpty)
    }

    @Test func emptyConditioningWindowMovesToTheFirstOpenDayAfterIt() throws {
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        record.apheresisSessions = [day(2026, 10, 19), day(2026, 10, 20), day(2026, 10, 21)]
        // isolation beds closed Mon 9 Nov – Fri 18 Dec 2026.
        let planner = try rulePlanner([Closure(from: day(2026, 11, 9), to: day(2026, 12, 18), resources: [beds])])
        let plan = planner.plan(record, now: day(2026, 9, 1))
        // H = Wed 21 Oct: window [open≥(H+21 = Wed 11 Nov), open≤(H+56 = Wed 16 Dec)] is all closed → empty;
        // first open day after the window: Thu 17, Fri 18 closed, Sat 19/Sun 20 weekend → Mon 21 Dec, in all chains.
        #expect(try #require(plan[.conditioning]).start == fixed(day(2026, 12, 21)))
        #expect(conflictList(plan) == ["window_violated conditioning 2026-12-21"])
        // conditioning A…A+4 = Mon 21 … Fri 25 Dec (the ward works holidays); D0 = A+5 = Sat 26 Dec.
        #expect(try #require(plan[.conditioning]).end == fixed(day(2026, 12, 25)))
        #expect(try #require(plan[.reinfusion]).start == fixed(day(2026, 12, 26)))
        // the control visit (outpatient clinic) is not affected: open≥(H+14) = Wed 4 Nov.
        #expect(try #require(plan[.controlVisit]).start == fixed(day(2026, 11, 4)))
    }

    @Test func conditioningAdmissionIsMovedOffClosedBedDays() throws {
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        record.apheresisSessions = [day(2026, 10, 19), day(2026, 10, 20), day(2026, 10, 21)]
        // beds closed Wed 11 – Fri 13 Nov: open≥(H+21 = Wed 11 Nov) = Mon 16 Nov; open≤(H+56) = Wed 16 Dec.
        let planner = try rulePlanner([Closure(from: day(2026, 11, 11), to: day(2026, 11, 13), resources: [beds])])
        let plan = planner.plan(record, now: day(2026, 9, 1))
        #expect(try #require(plan[.conditioning]).start == window(day(2026, 11, 16), day(2026, 11, 16), day(2026, 12, 16)))
        #expect(plan.conflicts.isEmpty)
    }

    @Test func conditioningRecordedOutsideThreeToEightWeeksAfterTheHarvestIsAViolation() throws {
        let planner = try rulePlanner()
        func conflicts(_ admission: CalendarDate) -> [String] {
            // S Mon 7 Sep, answer Thu 1 Oct, M Thu 5 Nov, sessions Tue 10 and Wed 11 Nov (H = Wed 11 Nov).
            var record = PatientRecord(id: "P", secondOpinion: day(2026, 9, 7))
            record.record(.committeeAnswer, on: day(2026, 10, 1))
            record.record(.mobilisation, on: day(2026, 11, 5))
            record.apheresisSessions = [day(2026, 11, 10), day(2026, 11, 11)]
            record.record(.conditioning, on: admission)
            return conflictList(planner.plan(record, now: day(2026, 9, 1)))
        }
        // window [open≥(H+21) = Wed 2 Dec, open≤(H+56) = Wed 6 Jan 2027].
        #expect(conflicts(day(2027, 1, 7)) == ["window_violated conditioning 2027-01-07"])  // Thu 7 Jan = H+57
        #expect(conflicts(day(2027, 1, 11)) == ["window_violated conditioning 2027-01-11"]) // Mon 11 Jan = H+61
        #expect(conflicts(day(2027, 1, 6)).isEmpty)                                        // Wed 6 Jan = H+56
        #expect(conflicts(day(2026, 12, 2)).isEmpty)                                       // Wed 2 Dec = H+21
        #expect(conflicts(day(2026, 12, 1)) == ["window_violated conditioning 2026-12-01"])  // Tue 1 Dec = H+20
    }

    // MARK: conditioning, reinfusion, isolation, discharge, recovery

    @Test func conditioningLastsFiveDaysAndReinfusionFollowsIt() throws {
        let plan = try rulePlanner().plan(admittedPatient(), now: day(2026, 11, 1))
        // A Mon 4 Jan 2027: conditioning A…A+4 = Mon 4 … Fri 8 Jan.
        #expect(try #require(plan[.conditioning]).start == fixed(day(2027, 1, 4)))
        #expect(try #require(plan[.conditioning]).end == fixed(day(2027, 1, 8)))
        // reinfusion D0 = A+5 = Sat 9 Jan (every day); no bags given → ends the same day. Fixed by the recorded A.
        #expect(try #require(plan[.reinfusion]).start == fixed(day(2027, 1, 9)))
        #expect(try #require(plan[.reinfusion]).end == fixed(day(2027, 1, 9)))
        #expect(try #require(plan[.reinfusion]).isFixed)
        #expect(plan.conflicts.isEmpty)
    }

    @Test func reinfusionIsSplitOnlyAboveTenBags() throws {
        let planner = try rulePlanner()
        // D0 = Sat 9 Jan 2027. 11 bags > 10 → D0 and D0+1 = Sun 10 Jan.
        #expect(try #require(planner.plan(admittedPatient(bags: 11), now: day(2026, 11, 1))[.reinfusion]).end == fixed(day(2027, 1, 10)))
        // 10 bags: not more than 10 → D0 only.
        #expect(try #require(planner.plan(admittedPatient(bags: 10), now: day(2026, 11, 1))[.reinfusion]).end == fixed(day(2027, 1, 9)))
        // no bags given: 10 or fewer → D0 only.
        #expect(try #require(planner.plan(admittedPatient(bags: nil), now: day(2026, 11, 1))[.reinfusion]).end == fixed(day(2027, 1, 9)))
    }

    @Test func reinfusionRecordedNotDirectlyAfterConditioningIsAViolation() throws {
        var record = admittedPatient()
        record.record(.reinfusion, on: day(2027, 1, 11))
        // reinfusion must be A+5 = Sat 9 Jan; recorded Mon 11 Jan.
        let plan = try rulePlanner().plan(record, now: day(2026, 11, 1))
        #expect(conflictList(plan) == ["window_violated reinfusion 2027-01-11"])
    }

    @Test func isolationDischargeAndRecoveryAfterARecordedAdmission() throws {
        let plan = try rulePlanner().plan(admittedPatient(), now: day(2026, 11, 1))
        // discharge: D0 Sat 9 Jan + 14 = Sat 23 Jan; + 21 = Sat 30 Jan; + 28 = Sat 6 Feb 2027 — weekends allowed.
        let discharge = window(day(2027, 1, 23), day(2027, 1, 30), day(2027, 2, 6))
        #expect(try #require(plan[.discharge]).start == discharge)
        #expect(try #require(plan[.discharge]).end == nil)
        // isolation: from D0 Sat 9 Jan until discharge; blood counts Mon/Wed/Fri;
        // marrow recovery D0+14 … D0+21 = Sat 23 Jan … Sat 30 Jan.
        let isolation = try #require(plan[.isolation])
        #expect(isolation.start == fixed(day(2027, 1, 9)))
        #expect(isolation.end == discharge)
        #expect(isolation.bloodCountDays == [.monday, .wednesday, .friday])
        #expect(isolation.recoveryDays == day(2027, 1, 23)...day(2027, 1, 30))
        // recovery from discharge; ends D0 + 3 months = 9 Apr 2027 (earliest), D0 + 6 months = 9 Jul 2027.
        #expect(try #require(plan[.recovery]).start == discharge)
        #expect(try #require(plan[.recovery]).end == window(day(2027, 4, 9), day(2027, 7, 9), day(2027, 7, 9)))
        // weekly visits from the expected discharge Sat 30 Jan: Sat 6 Feb → Mon 8 Feb, Sat 13 → Mon 15 Feb,
        // Sat 20 → Mon 22 Feb, Sat 27 Feb → Mon 1 Mar.
        #expect(try #require(plan[.recovery]).visits == [day(2027, 2, 8), day(2027, 2, 15), day(2027, 2, 22), day(2027, 3, 1)])
    }

    @Test func recoveryMonthsClampToTheMonthEnd() throws {
        // S Fri 19 Jun 2026, answer Fri 10 Jul (S+21), M Fri 24 Jul (answer+14), session Wed 29 Jul (day 6) = H,
        // A Wed 26 Aug (H+28, inside H+21 = Wed 19 Aug … H+56 = Wed 23 Sep) → D0 = A+5 = Mon 31 Aug 2026.
        var record = PatientRecord(id: "P", secondOpinion: day(2026, 6, 19))
        record.record(.committeeAnswer, on: day(2026, 7, 10))
        record.record(.mobilisation, on: day(2026, 7, 24))
        record.apheresisSessions = [day(2026, 7, 29)]
        record.record(.conditioning, on: day(2026, 8, 26))
        let plan = try rulePlanner().plan(record, now: day(2026, 6, 1))
        #expect(try #require(plan[.reinfusion]).start == fixed(day(2026, 8, 31)))
        // discharge D0+14 Mon 14 Sep, D0+21 Mon 21 Sep, D0+28 Mon 28 Sep.
        #expect(try #require(plan[.discharge]).start == window(day(2026, 9, 14), day(2026, 9, 21), day(2026, 9, 28)))
        // recovery end: 31 Aug + 3 months = 31 Nov → clamped to 30 Nov 2026;
        // + 6 months = 31 Feb 2027 → 28 Feb 2027 (2027 is not a leap year).
        #expect(try #require(plan[.recovery]).end == window(day(2026, 11, 30), day(2027, 2, 28), day(2027, 2, 28)))
        #expect(plan.conflicts.isEmpty)
    }

    @Test func recoveryMonthsClampToTwentyNinthFebruaryInALeapYear() throws {
        // S Fri 18 Jun 2027, answer Fri 9 Jul (S+21), M Fri 23 Jul (answer+14), session Thu 29 Jul (day 7) = H,
        // A Thu 26 Aug (H+28) → D0 = A+5 = Tue 31 Aug 2027.
        var record = PatientRecord(id: "P", secondOpinion: day(2027, 6, 18))
        record.record(.committeeAnswer, on: day(2027, 7, 9))
        record.record(.mobilisation, on: day(2027, 7, 23))
        record.apheresisSessions = [day(2027, 7, 29)]
        record.record(.conditioning, on: day(2027, 8, 26))
        let plan = try rulePlanner().plan(record, now: day(2027, 6, 1))
        #expect(try #require(plan[.reinfusion]).start == fixed(day(2027, 8, 31)))
        // + 3 months = 30 Nov 2027 (clamped from 31); + 6 months = 29 Feb 2028 (2028 is a leap year).
        #expect(try #require(plan[.recovery]).end == window(day(2027, 11, 30), day(2028, 2, 29), day(2028, 2, 29)))
        #expect(plan.conflicts.isEmpty)
    }

    @Test func weeklyHomeVisitsFallOnOpenClinicDays() throws {
        // discharge recorded Thu 15 Apr 2027; clinic closed Thu 29 Apr; beds (not the clinic) closed Thu 22 Apr.
        let planner = try rulePlanner([
            Closure(from: day(2027, 4, 29), to: day(2027, 4, 29), resources: [clinic]),
            Closure(from: day(2027, 4, 22), to: day(2027, 4, 22), resources: [beds]),
        ])
        var record = admittedPatient()
        record.record(.discharge, on: day(2027, 4, 15))
        let plan = planner.plan(record, now: day(2026, 11, 1))
        #expect(try #require(plan[.recovery]).start == fixed(day(2027, 4, 15)))
        // 4 weekly visits, open≥ for the clinic: +7 Thu 22 Apr (open for the clinic); +14 Thu 29 Apr closed → Fri 30 Apr;
        // +21 Thu 6 May Ascension 2027 → Fri 7 May; +28 Thu 13 May.
        #expect(try #require(plan[.recovery]).visits == [day(2027, 4, 22), day(2027, 4, 30), day(2027, 5, 7), day(2027, 5, 13)])
    }

    // MARK: statuses against now

    @Test func statusesDoneInProgressConfirmedAndPlanned() throws {
        // now = Mon 5 Oct 2026.
        var record = answeredPatient()                                       // S Mon 7 Sep, answer Mon 28 Sep
        record.record(.evaluation, on: day(2026, 10, 5))                     // today
        record.record(.mobilisation, on: day(2026, 10, 15), confirmed: true) // confirmed future
        record.record(.controlVisit, on: day(2026, 11, 4))                   // recorded future, not confirmed
        let plan = try rulePlanner().plan(record, now: day(2026, 10, 5))
        #expect(try #require(plan[.secondOpinion]).status == .done)           // 7 Sep < now
        #expect(try #require(plan[.committeeAnswer]).status == .done)         // 28 Sep < now
        #expect(try #require(plan[.evaluation]).status == .inProgress)        // a visit today
        #expect(try #require(plan[.mobilisation]).status == .confirmed)       // confirmed, 15 Oct > now
        #expect(try #require(plan[.controlVisit]).status == .planned)         // recorded, 4 Nov > now, not confirmed
        #expect(try #require(plan[.controlVisit]).isFixed && !#require(plan[.controlVisit]).isOverdue)
        #expect(try #require(plan[.apheresis]).status == .planned)            // computed: M+4…M+6 = 19–21 Oct
        #expect(try !#require(plan[.apheresis]).isOverdue)
        // control visit window from the planned H (19/20/21 Oct): open≥(H+14) = 2/3/4 Nov; recorded 4 Nov is inside.
        #expect(plan.conflicts.isEmpty)
        // A confirmed date already past is simply done.
        var past = answeredPatient()
        past.record(.committeeAnswer, on: day(2026, 9, 28), confirmed: true)
        #expect(try #require(try rulePlanner().plan(past, now: day(2026, 10, 5))[.committeeAnswer]).status == .done)
    }

    @Test func unrecordedStepWhoseExpectedDateHasPassedIsPlannedAndOverdue() throws {
        // S Mon 7 Sep 2026 only; now Thu 1 Oct 2026.
        let plan = try rulePlanner().plan(PatientRecord(id: "P", secondOpinion: day(2026, 9, 7)), now: day(2026, 10, 1))
        // committee-answer expected Mon 28 Sep < now, not recorded → planned and overdue.
        #expect(try #require(plan[.committeeAnswer]).status == .planned)
        #expect(try #require(plan[.committeeAnswer]).isOverdue)
        // evaluation expected Mon 5 Oct ≥ now → planned, not overdue.
        #expect(try #require(plan[.evaluation]).status == .planned)
        #expect(try !#require(plan[.evaluation]).isOverdue)
    }

    @Test func conditioningInProgressThenReinfusion() throws {
        let planner = try rulePlanner()
        // A Mon 4 Jan 2027, conditioning to Fri 8 Jan, D0 Sat 9 Jan. now = Wed 6 Jan.
        let wednesday = planner.plan(admittedPatient(), now: day(2027, 1, 6))
        #expect(try #require(wednesday[.conditioning]).status == .inProgress)  // 4 Jan ≤ now ≤ 8 Jan
        #expect(try #require(wednesday[.reinfusion]).status == .planned)       // fixed D0 9 Jan, in the future, not confirmed
        #expect(try !#require(wednesday[.reinfusion]).isOverdue)
        #expect(try #require(wednesday[.mobilisation]).status == .done)        // 4 Dec … H 11 Dec, all before now
        #expect(try #require(wednesday[.apheresis]).status == .done)           // 9, 10, 11 Dec before now
        // control visit, not recorded: open≥(H+14) = Mon 28 Dec < now, before the recorded admission → planned, and
        // evidently happened rather than overdue (the overdue reading of 2026-12-06; both used to be flagged).
        #expect(try #require(wednesday[.controlVisit]).status == .planned)
        #expect(try !#require(wednesday[.controlVisit]).isOverdue && #require(wednesday[.controlVisit]).hasEvidentlyHappened)
        // evaluation, not recorded: expected open≥(answer+7 = Fri 27 Nov) < now, before the recorded day 1 → the same.
        #expect(try #require(wednesday[.evaluation]).status == .planned && !#require(wednesday[.evaluation]).isOverdue)
        #expect(try #require(wednesday[.evaluation]).hasEvidentlyHappened)
        // now = Fri 8 Jan (the last conditioning day): still in progress.
        #expect(try #require(planner.plan(admittedPatient(), now: day(2027, 1, 8))[.conditioning]).status == .inProgress)
        // now = Sat 9 Jan: conditioning done (ended 8 Jan); reinfusion in progress (D0 = today).
        let saturday = planner.plan(admittedPatient(), now: day(2027, 1, 9))
        #expect(try #require(saturday[.conditioning]).status == .done)
        #expect(try #require(saturday[.reinfusion]).status == .inProgress)
        // now = Sun 10 Jan with 11 bags: reinfusion lasts D0 … D0+1 = 10 Jan → still in progress.
        #expect(try #require(planner.plan(admittedPatient(bags: 11), now: day(2027, 1, 10))[.reinfusion]).status == .inProgress)
        #expect(try #require(planner.plan(admittedPatient(bags: nil), now: day(2027, 1, 10))[.reinfusion]).status == .done)
    }

    @Test func mobilisationAndApheresisInProgress() throws {
        let planner = try rulePlanner()
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        // now Sat 17 Oct: M Thu 15 Oct begun, expected end (harvest) Tue 20 Oct ≥ now → in progress.
        #expect(try #require(planner.plan(record, now: day(2026, 10, 17))[.mobilisation]).status == .inProgress)
        record.apheresisSessions = [day(2026, 10, 19), day(2026, 10, 20)]
        // now Tue 20 Oct, the last recorded session: apheresis and mobilisation in progress; Wed 21 Oct: done.
        let tuesday = planner.plan(record, now: day(2026, 10, 20))
        #expect(try #require(tuesday[.apheresis]).status == .inProgress)
        #expect(try #require(tuesday[.mobilisation]).status == .inProgress)
        let wednesday = planner.plan(record, now: day(2026, 10, 21))
        #expect(try #require(wednesday[.apheresis]).status == .done)
        #expect(try #require(wednesday[.mobilisation]).status == .done)
    }

    @Test func passedGuessesKeepStepsInProgress() throws {
        // docs/clinical-rules.md, "Past guesses": an unrecorded step after the last recorded one whose expected start
        // has passed is expected on the first day after now its rule allows.
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        // M recorded Thu 15 Oct, no session recorded: the rule expects the harvest on Tue 20 Oct (M+5; window Mon 19
        // … Wed 21 Oct). now = Mon 2 Nov: that has passed, so the session is expected on the first open machine day
        // after now, Tue 3 Nov (latest raised to it); mobilisation runs to the harvest, so it is still in progress.
        let plan = try rulePlanner().plan(record, now: day(2026, 11, 2))
        #expect(try #require(plan[.mobilisation]).end == window(day(2026, 10, 19), day(2026, 11, 3), day(2026, 11, 3)))
        #expect(try #require(plan[.mobilisation]).status == .inProgress)
        #expect(try #require(plan[.apheresis]).isOverdue)
        // Isolation: one session Mon 19 Oct = H, A recorded Mon 9 Nov (= open≥(H+21)), D0 = A+5 = Sat 14 Nov fixed;
        // discharge not recorded: D0+14/21/28 = Sat 28 Nov / Sat 5 Dec / Sat 12 Dec. now = Mon 1 Mar 2027: the
        // expected discharge has passed, so it is expected the next day, Tue 2 Mar (the ward counts every day), and
        // isolation lasts until then: in progress.
        record.apheresisSessions = [day(2026, 10, 19)]
        record.record(.conditioning, on: day(2026, 11, 9))
        let later = try rulePlanner().plan(record, now: day(2027, 3, 1))
        #expect(try #require(later[.isolation]).end == window(day(2026, 11, 28), day(2027, 3, 2), day(2027, 3, 2)))
        #expect(try #require(later[.isolation]).status == .inProgress)
        #expect(try #require(later[.discharge]).isOverdue)
    }

    // MARK: fertility preservation

    @Test func fertilityPreservationOnOrAfterMobilisationDayOneIsAnOrderViolation() throws {
        let planner = try rulePlanner()
        for done in [day(2026, 10, 15), day(2026, 10, 16)] {  // on M, and the day after M
            var record = answeredPatient()
            record.record(.mobilisation, on: day(2026, 10, 15))
            record.fertility = .init(wanted: true, done: done)
            let plan = planner.plan(record, now: day(2026, 11, 1))
            #expect(plan.conflicts.contains { $0.code == .orderViolated && $0.step == .mobilisation && $0.date == done })
        }
        // done Wed 14 Oct, the day before M Thu 15 Oct: no order violation. The only conflict is the unrecorded
        // harvest: days 5–7 of M are Mon 19 – Wed 21 Oct, expected on day 6 = Tue 20 Oct, passed on Sun 1 Nov →
        // overdue, dated 20 Oct (the overdue reading of 2026-12-06; the list used to be empty).
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        record.fertility = .init(wanted: true, done: day(2026, 10, 14))
        #expect(conflictList(planner.plan(record, now: day(2026, 11, 1))) == ["overdue apheresis 2026-10-20"])
    }

    @Test func fertilityWantedNotRecordedAndMobilisationBegunIsAnOrderViolation() throws {
        let planner = try rulePlanner()
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        record.fertility = .init(wanted: true)
        // M recorded Thu 15 Oct, now = Thu 15 Oct (on M) → order_violated at M.
        #expect(conflictList(planner.plan(record, now: day(2026, 10, 15))) == ["order_violated mobilisation 2026-10-15"])
        // now = Mon 2 Nov (after M) → still; and the harvest, expected on day 6 = Tue 20 Oct and not recorded, is
        // overdue (the overdue reading of 2026-12-06).
        #expect(conflictList(planner.plan(record, now: day(2026, 11, 2)))
                == ["order_violated mobilisation 2026-10-15", "overdue apheresis 2026-10-20"])
        // now = Wed 14 Oct (M still ahead) → no conflict.
        #expect(planner.plan(record, now: day(2026, 10, 14)).conflicts.isEmpty)
    }

    @Test func fertilityWantedWithMobilisationStillPlannedIsAToDo() throws {
        let planner = try rulePlanner()
        var record = answeredPatient()
        record.fertility = .init(wanted: true)
        // M not recorded: expected M = Thu 15 Oct (first fit from answer+14 = Mon 12 Oct). No order_violated. The
        // evaluation, expected open≥(answer+7) = Mon 5 Oct = now and not recorded, is overdue ("--now or earlier";
        // the overdue reading of 2026-12-06 made it a conflict): the only one.
        let plan = planner.plan(record, now: day(2026, 10, 5))
        #expect(conflictList(plan) == ["overdue evaluation 2026-10-05"])
        let toDo = try #require(plan[.evaluation]).toDo
        #expect(toDo.count == 1)
        #expect(toDo.first == .fertilityPreservation(dayOne: day(2026, 10, 15)))
        // Even once the expected M has passed (now Mon 2 Nov), an unrecorded M gives no order_violated: only the two
        // steps the past-guess rule moved are overdue, each on its rule's day (evaluation 5 Oct, day 1 15 Oct).
        #expect(conflictList(planner.plan(record, now: day(2026, 11, 2)))
                == ["overdue evaluation 2026-10-05", "overdue mobilisation 2026-10-15"])
        // Not wanted: nothing to do.
        record.fertility = .init(wanted: false)
        #expect(try #require(planner.plan(record, now: day(2026, 10, 5))[.evaluation]).toDo.isEmpty)
    }

    @Test func fertilityWantedWithMobilisationBookedInTheFutureIsStillAToDo() throws {
        // docs/clinical-rules.md, "Fertility preservation": not recorded while M is recorded for now or earlier →
        // order_violated; not recorded and M still to come → no conflict, the evaluation lists it as to do. M booked
        // for Thu 15 Oct (not yet begun on now = Mon 5 Oct) is still planned: no conflict, and the to-do must be
        // listed.
        var record = answeredPatient()
        record.record(.mobilisation, on: day(2026, 10, 15))
        record.fertility = .init(wanted: true)
        let plan = try rulePlanner().plan(record, now: day(2026, 10, 5))
        #expect(plan.conflicts.isEmpty)
        #expect(try #require(plan[.mobilisation]).status == .planned)  // recorded, future, not confirmed
        #expect(try #require(plan[.evaluation]).toDo == [.fertilityPreservation(dayOne: day(2026, 10, 15))])
    }

    // MARK: TreatmentProtocol.problems()

    private func edited(_ id: StepID, _ edit: (inout StepRule) -> Void) -> TreatmentProtocol {
        var proto = TreatmentProtocol.amsterdamUMC
        let index = proto.steps.firstIndex { $0.id == id }!
        edit(&proto.steps[index])
        return proto
    }

    @Test func theBuiltInProtocolHasNoProblems() throws {
        #expect(TreatmentProtocol.amsterdamUMC.problems().isEmpty)
        _ = try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar())
    }

    @Test func windowWhoseEarliestIsAfterItsLatestIsInverted() {
        let harvest = Anchor(.apheresis, .end)
        let proto = edited(.conditioning) {
            $0.start = .window(earliest: Bound(after: harvest, days: 60), expected: Bound(after: harvest, days: 60),
                               latest: Bound(after: harvest, days: 56, snap: .previous))
        }
        let problems = proto.problems()
        #expect(problems.map(\.code) == [.windowInverted])
        #expect(problems.first?.step == .conditioning)
        #expect(problems.first?.field == "earliest")
        let error = #expect(throws: Planner.InvalidProtocol.self) {
            _ = try Planner(protocol: proto, calendar: WorkingCalendar())
        }
        #expect(error?.problems == problems)
    }

    @Test func stepCountedFromItsOwnEndIsACycle() {
        let end = Anchor(.conditioning, .end)
        let proto = edited(.conditioning) {
            $0.start = .window(earliest: Bound(after: end, days: 21), expected: Bound(after: end, days: 21),
                               latest: Bound(after: end, days: 56, snap: .previous))
        }
        let problems = proto.problems()
        #expect(problems.map(\.code) == [.dependencyCycle])
        #expect(problems.first?.step == .conditioning)
        #expect(throws: Planner.InvalidProtocol.self) { _ = try Planner(protocol: proto, calendar: WorkingCalendar()) }
    }

    @Test func longerLoopIsACycle() {
        // committee-answer counted from discharge: discharge ← reinfusion ← conditioning.end ← conditioning ←
        // apheresis.end ← apheresis ← mobilisation ← committee-answer.
        let discharge = Anchor(.discharge)
        let proto = edited(.committeeAnswer) {
            $0.start = .window(earliest: Bound(after: discharge, days: 14), expected: Bound(after: discharge, days: 21),
                               latest: Bound(after: discharge, days: 28, snap: .previous))
        }
        let problems = proto.problems()
        #expect(problems.map(\.code) == [.dependencyCycle])
        #expect(problems.first?.message.contains("depends on itself") == true)
        #expect(throws: Planner.InvalidProtocol.self) { _ = try Planner(protocol: proto, calendar: WorkingCalendar()) }
    }

    @Test func unknownResourceIsAProblem() {
        let proto = edited(.conditioning) { $0.resource = "isolation-bed" }
        let problems = proto.problems()
        #expect(problems.map(\.code) == [.unknownResource])
        #expect(problems.first?.step == .conditioning && problems.first?.field == "resource")
        // a visit series needing an unknown resource
        let visits = edited(.recovery) { $0.visits = .init(count: 4, everyDays: 7, resource: "home-care") }
        #expect(visits.problems().map(\.code) == [.unknownResource])
        #expect(visits.problems().first?.field == "visits")
        #expect(throws: Planner.InvalidProtocol.self) { _ = try Planner(protocol: proto, calendar: WorkingCalendar()) }
    }

    @Test func missingStepIsAProblem() {
        var proto = TreatmentProtocol.amsterdamUMC
        proto.steps.removeAll { $0.id == .recovery }
        let problems = proto.problems()
        #expect(problems.map(\.code) == [.missingStep])
        #expect(problems.first?.step == .recovery)
        #expect(throws: Planner.InvalidProtocol.self) { _ = try Planner(protocol: proto, calendar: WorkingCalendar()) }
    }

    @Test func duplicateStepIsAProblem() throws {
        var proto = TreatmentProtocol.amsterdamUMC
        proto.steps.append(try #require(proto.rule(.controlVisit)))
        let problems = proto.problems()
        #expect(problems.map(\.code) == [.duplicateStep])
        #expect(problems.first?.step == .controlVisit)
        #expect(throws: Planner.InvalidProtocol.self) { _ = try Planner(protocol: proto, calendar: WorkingCalendar()) }
    }
}
