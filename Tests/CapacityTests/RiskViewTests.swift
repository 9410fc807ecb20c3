import Calendrical
@testable import Capacity
import Pathway
import Testing
import TestSupport

/// The risk view's numbers, worked by hand, and its properties on many generated cohorts.
@Suite struct RiskViewTests {
    private func bedsSchedule(_ count: Int) -> CapacitySchedule {
        CapacitySchedule(resources: [.init(resource: beds, capacity: count), .init(resource: machines, capacity: 1),
                                     .init(resource: chairs, capacity: 2)])
    }

    private func row(_ days: [RiskView.Day], _ resource: String, _ date: CalendarDate) -> RiskView.Day? {
        days.first { $0.resource == resource && $0.day == date }
    }

    /// The type's worked case. P-A admitted (recorded) Mon 4 Jan 2027: D0 = A+5 = Sat 9 Jan, L uniform on 14…28, so
    /// the bed is certain through D0+14 = Sat 23 Jan, then P(L ≥ t) = (29 − t)/15 on D0 + t: 14/15 on Sun 24 Jan
    /// (t = 15), 6/15 on Mon 1 Feb (t = 23), 1/15 on Sat 6 Feb (t = 28), 0 on Sun 7 Feb. P-B holds the bed for certain
    /// from 4 to 31 January (discharge recorded). One bed: P(demand > 1) on 24 Jan = P(A there) = 14/15; on 1 Feb
    /// P-B has gone and nothing can be over.
    @Test func workedCase() throws {
        var a = harvested("P-A", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1), admission: day(2027, 1, 4))
        a.fertility = nil
        var b = harvested("P-B", day1: day(2026, 11, 26), apheresis: day(2026, 12, 2), admission: day(2027, 1, 4))
        b.record(.discharge, on: day(2027, 1, 31))
        let view = RiskView(analysis: try analysis([a, b], schedule: bedsSchedule(1), now: day(2026, 12, 15)))
        let days = view.days(from: day(2027, 1, 1), to: day(2027, 2, 8))
        #expect(row(days, beds, day(2027, 1, 3))?.expected == 0)
        #expect(row(days, beds, day(2027, 1, 4))?.expected == 2)
        #expect(row(days, beds, day(2027, 1, 4))?.pOver == 1)
        #expect(row(days, beds, day(2027, 1, 23))?.pOver == 1)
        let sunday = row(days, beds, day(2027, 1, 24))
        #expect(abs((sunday?.pOver ?? 0) - 14.0 / 15) < 1e-12)
        #expect(abs((sunday?.expected ?? 0) - (1 + 14.0 / 15)) < 1e-12)
        #expect(sunday?.p90 == 2)   // P(demand ≤ 1) = 1/15 < 0.9
        let february = row(days, beds, day(2027, 2, 1))
        #expect(abs((february?.expected ?? 0) - 6.0 / 15) < 1e-12 && february?.pOver == 0)
        #expect(february?.p90 == 1)  // P(demand = 0) = 9/15 < 0.9, P(≤ 1) = 1
        #expect(abs((row(days, beds, day(2027, 2, 6))?.expected ?? 0) - 1.0 / 15) < 1e-12)
        #expect(row(days, beds, day(2027, 2, 7))?.expected == 0)
        #expect(view.contributors(beds, on: day(2027, 1, 24)).map(\.patient) == ["P-B", "P-A"])
    }

    /// Sessions and the admission that follows them. Day 1 recorded on Thu 3 Dec 2026, no session yet: the first is
    /// expected on the open day of M+4…M+6 nearest M+5 = Tue 8 Dec, a second on Wed 9 Dec, a third on Thu 10 Dec, with
    /// chances 1, 0.17 + 0.06 = 0.23 and 0.06. The admission open≥(H+21) is Tue 29, Wed 30 or Thu 31 Dec for H = 8, 9
    /// or 10 Dec: the bed's chance is 0.77 on 29 Dec, 0.94 on 30 Dec and 1 from 31 Dec.
    @Test func sessionsMoveTheAdmission() throws {
        var record = PatientRecord(id: "P-1", secondOpinion: day(2026, 9, 1))
        record.record(.mobilisation, on: day(2026, 12, 3))
        let view = RiskView(analysis: try analysis([record], schedule: bedsSchedule(1), now: day(2026, 12, 4)))
        let days = view.days(from: day(2026, 12, 7), to: day(2027, 1, 1))
        #expect(row(days, machines, day(2026, 12, 7))?.expected == 0)
        #expect(row(days, machines, day(2026, 12, 8))?.expected == 1)
        #expect(abs((row(days, machines, day(2026, 12, 9))?.expected ?? 0) - 0.23) < 1e-12)
        #expect(abs((row(days, machines, day(2026, 12, 10))?.expected ?? 0) - 0.06) < 1e-12)
        #expect(row(days, beds, day(2026, 12, 28))?.expected == 0)
        #expect(abs((row(days, beds, day(2026, 12, 29))?.expected ?? 0) - 0.77) < 1e-12)
        #expect(abs((row(days, beds, day(2026, 12, 30))?.expected ?? 0) - 0.94) < 1e-12)
        #expect(row(days, beds, day(2026, 12, 31))?.expected == 1)
    }

    /// Once D0 has passed without a recorded discharge, only discharges after now count: admitted Mon 4 Jan 2027,
    /// D0 = 9 Jan, now = Mon 1 Feb = D0 + 23: L ∈ {24…28} is left, each 1/5; the bed is certain through D0 + 24 =
    /// 2 Feb, then P(L ≥ t) = 4/5 on 3 Feb … 1/5 on 6 Feb. Past D0 + 28 the patient is counted in the bed through the
    /// day after now.
    @Test func stayConditionedOnNow() {
        let model = RiskModel(sessionOdds: [1], stayDays: 14...28)
        let a0 = day(2027, 1, 4).daysSince1970, d0 = day(2027, 1, 9).daysSince1970
        let stay = RiskView.stay(admission: a0, d0: d0, discharge: nil, now: day(2027, 2, 1).daysSince1970, model: model)
        #expect(stay.first?.0 == a0 && stay.first?.1 == 1)
        #expect(stay.first { $0.0 == day(2027, 2, 2).daysSince1970 }?.1 == 1)
        #expect(stay.first { $0.0 == day(2027, 2, 3).daysSince1970 }.map { abs($0.1 - 4.0 / 5) < 1e-12 } == true)
        #expect(stay.last?.0 == day(2027, 2, 6).daysSince1970 && abs((stay.last?.1 ?? 0) - 1.0 / 5) < 1e-12)
        let late = RiskView.stay(admission: a0, d0: d0, discharge: nil, now: day(2027, 2, 10).daysSince1970, model: model)
        #expect(late.last?.0 == day(2027, 2, 11).daysSince1970 && late.allSatisfy { $0.1 == 1 })
    }

    /// The Poisson-binomial against a case counted by hand: chances ½, ½, 1 → P(0) = 0, P(1) = ¼, P(2) = ½, P(3) = ¼.
    @Test func distribution() {
        #expect(RiskView.distribution([0.5, 0.5, 1]) == [0, 0.25, 0.5, 0.25])
        #expect(RiskView.distribution([]) == [1])
    }

    /// One bed. P-A admitted Mon 4 Jan 2027 (D0 = 9 Jan) and P-B admitted Mon 25 Jan (both recorded). On D0 + t,
    /// t = 16 (25 Jan) … 28, P-A is still there with chance (29 − t)/15 and P-B surely: P(over) = 13/15 on 25 Jan,
    /// falling by 1/15 a day; above 0.5 while 29 − t > 7.5, i.e. through t = 21 (Sat 30 Jan, 8/15). One warning,
    /// 25–30 Jan, worst on 25 Jan; both stays are recorded, so the suggestion is to keep a bed free.
    @Test func overflowRiskWarning() throws {
        let a = harvested("P-A", day1: day(2026, 11, 26), apheresis: day(2026, 12, 1), admission: day(2027, 1, 4))
        let b = harvested("P-B", day1: day(2026, 12, 10), apheresis: day(2026, 12, 15), admission: day(2027, 1, 25))
        let view = RiskView(analysis: try analysis([a, b], schedule: bedsSchedule(1), now: day(2026, 12, 16)))
        let warnings = view.conflicts(limit: 0.5, from: day(2026, 12, 16))
        #expect(summary(warnings) == ["overflow_risk isolation-beds 2027-01-25…2027-01-30 P-A,P-B"])
        // The worst day, 25 January: P(over) = 13/15; P-B surely there, P-A with 13/15.
        guard case let .overflowRisk(resource, capacity, chance, worst, limit, likeliest)? = warnings.first?.detail else {
            Issue.record("not an overflow warning: \(String(describing: warnings.first))")
            return
        }
        #expect(resource == beds && capacity == 1 && worst == day(2027, 1, 25) && limit == 0.5)
        #expect(abs(chance - 13.0 / 15.0) < 1e-9)
        #expect(likeliest.map(\.patient) == ["P-B", "P-A"])
        #expect(abs(likeliest[0].chance - 1) < 1e-9 && abs(likeliest[1].chance - 13.0 / 15.0) < 1e-9)
        #expect(warnings.first?.advice == .keepOneFree(resource: beds))
        #expect(view.conflicts(limit: 0.9, from: day(2026, 12, 16)).isEmpty)
        // From 31 January on, only days after the run: nothing.
        #expect(view.conflicts(limit: 0.5, from: day(2027, 1, 31)).isEmpty)
    }

    // MARK: Properties on generated cohorts

    /// Cohorts of 3–12 patients with day 1 on random weekdays through 2027, some harvested, some admitted.
    private func cohorts(_ count: Int) -> [[PatientRecord]] {
        var seed: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            (0..<(3 + next(10))).map { index -> PatientRecord in
                var day1 = day(2027, 1, 4).adding(days: next(300))
                while day1.weekday == .saturday || day1.weekday == .sunday { day1 = day1.adding(days: 1) }
                var record = PatientRecord(id: "P-\(index)", secondOpinion: day(2026, 9, 1))
                record.record(.mobilisation, on: day1)
                if next(2) == 0 { record.apheresisSessions = [day1.adding(days: 5)] }
                if !record.apheresisSessions.isEmpty, next(2) == 0 {
                    record.record(.conditioning, on: day1.adding(days: 5 + 28 + next(20)))
                }
                return record
            }
        }
    }

    /// With every chance 0 or 1 (one session, a stay of exactly D0+21 days) the risk view is the deterministic
    /// expected ledger: the same demand every day, and P(over) is 1 exactly on its over-full days.
    @Test func certainChancesAreTheLedger() throws {
        let certain = RiskModel(sessionOdds: [1], stayDays: 21...21)
        var compared = 0, overfull = 0
        defer { #expect(compared > 10_000 && overfull > 100) }
        for records in cohorts(40) {
            let cohort = try analysis(records, schedule: bedsSchedule(1), now: day(2026, 12, 1))
            let from = day(2027, 1, 1), to = day(2028, 3, 31)
            let days = RiskView(analysis: cohort, model: certain).days(from: from, to: to)
            let overview = CapacityOverview(analysis: cohort, from: from, to: to, period: .day)
            for row in overview.rows where [beds, machines, chairs].contains(row.resource) {
                guard let risk = self.row(days, row.resource, row.from) else {
                    Issue.record("no risk row for \(row.resource) on \(row.from)")
                    continue
                }
                #expect(risk.expected == Double(row.expected), "\(row.resource) \(row.from)")
                #expect(risk.pOver == (row.expected > (row.capacity ?? .max) ? 1 : 0), "\(row.resource) \(row.from)")
                compared += 1
                if risk.pOver == 1 { overfull += 1 }
            }
        }
    }

    /// More capacity never raises the risk; capacity for every patient makes it 0.
    @Test func capacityLowersRisk() throws {
        for records in cohorts(30) {
            var previous: [RiskView.Day]?
            for beds in [1, 2, 3, records.count] {
                let cohort = try analysis(records, schedule: bedsSchedule(beds), now: day(2026, 12, 1))
                let days = RiskView(analysis: cohort).days(from: day(2027, 1, 1), to: day(2028, 3, 31))
                    .filter { $0.resource == Pathway.TreatmentProtocol.Resource.isolationBeds }
                if let previous {
                    for (before, after) in zip(previous, days) { #expect(after.pOver <= before.pOver + 1e-15) }
                }
                if beds == records.count { #expect(days.allSatisfy { $0.pOver == 0 }) }
                previous = days
            }
        }
    }
}

/// The scheduler's risk ledger: removing what was added gives back the distribution, from either side of ½.
@Suite struct RiskLedgerTests {
    @Test func addAndRemoveRoundTrip() {
        var seed: UInt64 = 7
        func chance() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return [0, 1, 0.5, Double((seed >> 11) % 1000) / 1000][Int(seed >> 62)]
        }
        for _ in 0..<200 {
            let chances = (0..<12).map { _ in chance() }
            var ledger = RiskLedger(first: 0, capacity: [2], background: [], limit: 0.5, tomorrow: 0)
            for p in chances { ledger.add([p], at: 0) }
            #expect(zip(ledger.pmf[0], RiskView.distribution(chances)).allSatisfy { abs($0 - $1) < 1e-12 })
            for p in chances.shuffled() { ledger.remove([p], at: 0) }
            #expect(ledger.pmf[0].count == 1 && abs(ledger.pmf[0][0] - 1) < 1e-9)
        }
    }

    /// One bed, one certain stay there: a second stay with chance p fits while p · P(X = 1) ≤ limit.
    @Test func fitsIsExact() {
        var ledger = RiskLedger(first: 0, capacity: [1, 1], background: [], limit: 0.25, tomorrow: 0)
        ledger.add([1], at: 0)
        #expect(ledger.fits([0.25], at: 0))
        #expect(!ledger.fits([0.26], at: 0))
        #expect(ledger.fits([0, 1], at: 0))
    }
}
