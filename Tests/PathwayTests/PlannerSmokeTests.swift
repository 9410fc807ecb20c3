import Calendrical
import Testing
@testable import Pathway

@Suite struct PlannerSmokeTests {
    @Test func issueExample() throws {
        let planner = try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar())
        var r = PatientRecord(id: "P-0001", secondOpinion: day(2026, 9, 7))
        r.record(.committeeAnswer, on: day(2026, 10, 1))
        r.fertility = .init(wanted: true, done: day(2026, 10, 20))
        r.record(.mobilisation, on: day(2026, 11, 5))
        r.apheresisSessions = [day(2026, 11, 10), day(2026, 11, 11)]
        r.record(.conditioning, on: day(2027, 1, 4))
        r.bags = 12
        let plan = planner.plan(r, now: day(2026, 11, 22))
        for s in plan.steps { print(s.step, s.start, s.end.map(\.description) ?? "-", s.status, s.isOverdue, s.rule) }
        print(plan.conflicts)
    }
}

