import Calendrical
import Capacity
import Pathway
import Reports
import Testing

/// The values the planner and the capacity checks hand over, in words: English as the reports always wrote them,
/// and Dutch. Dates spelled out are worked from the calendar (1 February 2027 is a Monday).
@Suite struct WordsTests {
    let en = Words(.en)
    let nl = Words(.nl)
    let february1 = CalendarDate(clamping: 2027, 2, 1)
    let november24 = CalendarDate(clamping: 2026, 11, 24)

    @Test func suggestions() {
        let move = CohortConflict.Advice.moveAdmission(patient: "P-C", day: february1)
        #expect(en.advice(move) == "move P-C's admission to Monday 1 February 2027, the first day that fits")
        #expect(nl.advice(move) == "verplaats de opname van P-C naar maandag 1 februari 2027, de eerste dag die past")
        let open = CohortConflict.Advice.firstOpenDay(resource: nil, day: CalendarDate(clamping: 2027, 1, 5))
        #expect(en.advice(open) == "the first open day for visits is Tuesday 5 January 2027")
        #expect(nl.advice(open) == "de eerste open dag voor afspraken is dinsdag 5 januari 2027")
    }

    @Test func windowsComeFromTheProtocolsDays() {
        // 21…56 days are whole weeks (3–8); a site with 20…55 days is said in days.
        let reason = NoSlot.Reason.noAdmissionAfterHarvest(harvest: november24, window: 21...56)
        #expect(en.noSlot(reason) == "no admission fits 3–8 weeks after the harvest on Tuesday 24 November 2026")
        #expect(nl.noSlot(reason) == "geen opname past 3–8 weken na de oogst op dinsdag 24 november 2026")
        #expect(en.noSlot(.noAdmissionAfterHarvest(harvest: november24, window: 20...55))
                == "no admission fits 20–55 days after the harvest on Tuesday 24 November 2026")
        let limited = NoSlot.Reason.aboveRiskLimit(.noRoomForStay(resource: "isolation-beds", window: 21...56), limit: 0.1)
        #expect(en.noSlot(limited) == "isolation-beds has no room for the whole stay on any admission day 3–8 weeks after the harvest; the admissions that fit would raise the chance of an over-full bed day above 0.1")
        #expect(limited.code == "no_room+risk_limit")
    }

    @Test func rejections() {
        let full = Slot.Rejection.Reason.full(resource: "isolation-beds", day: nil, taken: 2, available: 2, scheduled: 2)
        #expect(en.rejection(full) == "isolation-beds full on that day (2 of 2)")
        #expect(nl.rejection(full) == "isolation-beds vol op die dag (2 van 2)")
        let away = Slot.Rejection.Reason.full(resource: "apheresis-nurses", day: february1, taken: 1, available: 1, scheduled: 2)
        #expect(en.rejection(away) == "apheresis-nurses full on Monday 1 February 2027 (1 booked; 2 scheduled, 1 away)")
        #expect(en.rejection(.closed(resource: "isolation-beds", .weekend)) == "closed for isolation-beds (weekend)")
        #expect(en.rejection(.harvestDaysNotOpen(days: 5...7)) == "apheresis days 5–7 not all open")
    }

    @Test func aPlansOwnConflict() {
        let long = PlanConflict.Detail.longStay(day: CalendarDate(clamping: 2027, 2, 8), daysOver: 2,
                                                usualLatest: CalendarDate(clamping: 2027, 2, 6))
        #expect(en.plan(long, step: .discharge) == "discharge on 2027-02-08 is 2 days after the usual latest (2027-02-06): a longer stay than usual")
        #expect(nl.plan(long, step: .discharge) == "ontslag op 2027-02-08 is 2 dagen na de gebruikelijke laatste dag (2027-02-06): een langere opname dan gewoonlijk")
    }

    /// An overdue step: the rule's day, in both languages, and the advice that goes with it.
    @Test func overdueWords() {
        let overdue = PlanConflict.Detail.overdue(expected: CalendarDate(clamping: 2025, 10, 20))
        #expect(en.plan(overdue, step: .apheresis) == "apheresis was expected on 2025-10-20 by its rule and is not recorded: overdue")
        #expect(nl.plan(overdue, step: .apheresis) == "apheresis werd volgens de regel op 2025-10-20 verwacht en is niet vastgelegd: te laat")
        let conflict = CohortConflict(code: .overdue, subject: "apheresis", from: CalendarDate(clamping: 2025, 10, 20),
                                      to: CalendarDate(clamping: 2025, 10, 20), patients: ["P-1"],
                                      detail: .plan(patient: "P-1", step: .apheresis, overdue),
                                      advice: .recordOrReplan(patient: "P-1", step: .apheresis))
        #expect(en.message(conflict) == "P-1: apheresis was expected on 2025-10-20 by its rule and is not recorded: overdue")
        #expect(en.advice(.recordOrReplan(patient: "P-1", step: .apheresis))
                == "record the date P-1's apheresis happened (ahsct record), or plan a new date with the patient")
        #expect(nl.advice(.recordOrReplan(patient: "P-1", step: .apheresis))
                == "leg vast op welke datum apheresis van P-1 plaatsvond (ahsct record), of plan met de patiënt een nieuwe datum")
    }

    @Test func conflictMessages() {
        let over = CohortConflict(code: .capacityExceeded, subject: "isolation-beds", from: CalendarDate(clamping: 2027, 1, 4),
                                  to: CalendarDate(clamping: 2027, 1, 30), demand: 3, capacity: 2, patients: ["P-1"],
                                  detail: .overCapacity(resource: "isolation-beds", demand: 3, capacity: 2))
        #expect(en.message(over) == "isolation-beds: 3 booked, capacity 2, on Monday 4 January 2027 … Saturday 30 January 2027")
        #expect(nl.message(over) == "isolation-beds: 3 geboekt, capaciteit 2, op maandag 4 januari 2027 … zaterdag 30 januari 2027")
        #expect(nl.percent(13.0 / 15.0) == "86,7 %" && en.percent(13.0 / 15.0) == "86.7 %")
        // A limit is a chance as a plain number: 0.1 with the reader's decimal mark; the command to type keeps its point.
        #expect(nl.rejection(.aboveRiskLimit(limit: 0.1)) == "de kans op een overvolle beddendag zou boven 0,1 komen")
        #expect(en.rejection(.aboveRiskLimit(limit: 0.1)) == "the chance of an over-full bed day would rise above 0.1")
        #expect(nl.advice(.admitLaterOrSchedule(patient: "P-1", limit: 0.1)).contains("`ahsct schedule --max-risk 0.1`"))
    }
}
