import Calendrical
import Pathway

/// The uncertainty the risk view counts with: how many apheresis sessions a harvest takes, and how long a stay lasts
/// after day 0.
///
/// Defaults (`docs/clinical-rules.md`, "The uncertainty model"): 1, 2 or 3 sessions with chances 0.77, 0.17 and 0.06
/// (the protocol's ``TreatmentProtocol/sessionOdds``), and discharge on D0 + L with L spread evenly over the protocol's
/// discharge window (14…28 days).
public struct RiskModel: Sendable, Hashable {
    /// `sessionOdds[k − 1]`: the chance that the harvest takes `k` sessions.
    public var sessionOdds: [Double]
    /// The days from D0 to discharge, each equally likely.
    public var stayDays: ClosedRange<Int>

    /// A model.
    public init(sessionOdds: [Double], stayDays: ClosedRange<Int>) {
        self.sessionOdds = sessionOdds
        self.stayDays = stayDays
    }

    /// The model of a protocol: its session odds, and its discharge window after D0.
    public init(protocol treatmentProtocol: TreatmentProtocol) {
        var stay = 14...28
        if case let .window(earliest, _, latest) = treatmentProtocol.rule(.discharge)?.start,
           earliest.anchor.step == .reinfusion, latest.anchor.step == .reinfusion, earliest.days <= latest.days {
            stay = earliest.days...latest.days
        }
        self.init(sessionOdds: treatmentProtocol.sessionOdds, stayDays: stay)
    }
}

/// One patient's chance of using one resource on each day of a span.
public struct RiskProfile: Sendable, Hashable {
    /// The patient (index in the analysis).
    public var patient: Int
    /// The resource (name).
    public var resource: String
    /// The day number of `probabilities[0]` (the fast path inside the package; see ``start``).
    package var first: Int
    /// The chance of using the resource on each day from ``start`` on.
    public var probabilities: [Double]

    /// The day of `probabilities[0]`.
    public var start: CalendarDate { CalendarDate(daysSince1970: first) }

    /// The chance on `date`.
    public func probability(on date: CalendarDate) -> Double { probability(onDay: date.daysSince1970) }

    /// The chance on day number `day`.
    package func probability(onDay day: Int) -> Double {
        let offset = day - first
        return offset >= 0 && offset < probabilities.count ? probabilities[offset] : 0
    }
}

/// How likely each resource is to be over-full on each day, with the uncertainty of ``RiskModel``: a day's demand is
/// a sum of independent per-patient chances (a Poisson-binomial variable), computed exactly.
///
/// **Per patient.** A patient without a recorded harvest takes k = 1, 2 or 3 sessions: the first on the plan's
/// expected day, each further one on the next open machine day, the harvest H on the last. An admission that is not
/// recorded, confirmed or proposed follows that H exactly as the planner's expected chain does; otherwise it is
/// fixed. A bed is held from the admission A through discharge D0 + L. Once D0 has passed without a recorded
/// discharge, L is conditioned on a discharge after `now`. Day-care chairs are booked on the expected day 1.
///
/// **Worked case.** One patient admitted (recorded) on Monday 4 January 2027, so D0 = Saturday 9 January; L uniform
/// on 14…28. The bed is surely taken from 4 January through D0 + 14 = 23 January; on D0 + t for t = 15…28 it is
/// taken when L ≥ t, with chance (29 − t)/15: 14/15 on 24 January, … 1/15 on 6 February, 0 from 7 February. With a
/// second, certain patient in a one-bed ward on 24 January, P(demand > 1) = 14/15.
public struct RiskView: Sendable {
    /// One resource on one day.
    public struct Day: Sendable, Hashable {
        /// The resource.
        public var resource: String
        /// The day (for a week, its Monday, or the first day shown).
        public var day: CalendarDate
        /// The scheduled capacity (lowest of the week for a week).
        public var capacity: Int
        /// The expected demand (sum of the chances).
        public var expected: Double
        /// The 90th-percentile demand: the least d with P(demand ≤ d) ≥ 0.9.
        public var p90: Int
        /// P(demand > capacity).
        public var pOver: Double

        /// A day.
        public init(resource: String, day: CalendarDate, capacity: Int, expected: Double, p90: Int, pOver: Double) {
            self.resource = resource
            self.day = day
            self.capacity = capacity
            self.expected = expected
            self.p90 = p90
            self.pOver = pOver
        }
    }

    /// The cohort.
    public let analysis: CohortAnalysis
    /// The model.
    public let model: RiskModel
    /// The resources counted, in the protocol's order: those of the admission (beds), apheresis (machines) and
    /// day 1 (chairs) that the site limits.
    public let resources: [String]
    /// Every patient's chances, per resource.
    public let profiles: [RiskProfile]

    /// The risk view of `analysis` with `model` (by default the protocol's).
    public init(analysis: CohortAnalysis, model: RiskModel? = nil) {
        let model = model ?? RiskModel(protocol: analysis.planner.treatmentProtocol)
        self.analysis = analysis
        self.model = model
        let rules = analysis.planner.treatmentProtocol
        let wanted = [StepID.conditioning, .apheresis, .mobilisation].compactMap { rules.rule($0)?.resource }
        let counted = rules.resources.filter { wanted.contains($0) && analysis.schedule.usualCapacity(of: $0) != nil }
        resources = counted
        var profiles: [RiskProfile] = []
        for index in analysis.records.indices {
            profiles += Self.profiles(of: index, analysis: analysis, model: model).filter { counted.contains($0.resource) }
        }
        self.profiles = profiles
    }

    // MARK: Per patient

    /// The chances of patient `index` using beds, machines and chairs.
    static func profiles(of index: Int, analysis: CohortAnalysis, model: RiskModel) -> [RiskProfile] {
        let record = analysis.records[index], plan = analysis.plans[index], planner = analysis.planner
        let rules = planner.treatmentProtocol
        guard !plan.declined, let mobilisation = plan[.mobilisation], let apheresis = plan[.apheresis],
              let conditioning = plan[.conditioning], let reinfusion = plan[.reinfusion] else { return [] }
        let now = analysis.now.daysSince1970
        var result: [RiskProfile] = []
        if let chair = rules.rule(.mobilisation)?.resource {
            result.append(RiskProfile(patient: index, resource: chair, first: mobilisation.start.expected.daysSince1970,
                                      probabilities: [1]))
        }
        // Sessions: recorded ones are certain; otherwise k of them with the model's odds.
        var sessionChances: [(day: Int, chance: Double)] = []
        var sessions: [Int] = []
        if !record.apheresisSessions.isEmpty {
            sessionChances = record.apheresisSessions.map { ($0.daysSince1970, 1) }
        } else {
            let first = (apheresis.sessions.first { !$0.tentative }?.date.expected ?? apheresis.start.expected).daysSince1970
            sessions = [first]
            while sessions.count < model.sessionOdds.count {
                var next = sessions[sessions.count - 1] + 1
                while !planner.mayStart(.apheresis, onDay: next) { next += 1 }
                sessions.append(next)
            }
            for (position, day) in sessions.enumerated() {
                let chance = model.sessionOdds[position...].reduce(0, +)
                if chance > 0 { sessionChances.append((day, chance)) }
            }
        }
        if let machine = rules.rule(.apheresis)?.resource {
            result += sessionChances.map {
                RiskProfile(patient: index, resource: machine, first: $0.day, probabilities: [$0.chance])
            }
        }
        // Stays: one per session count when the admission follows the harvest, else the plan's own.
        var scenarios: [(chance: Double, admission: Int, d0: Int)] = []
        if sessions.isEmpty || record.recorded[.conditioning] != nil {
            scenarios = [(1, conditioning.start.expected.daysSince1970, reinfusion.start.expected.daysSince1970)]
        } else {
            for (position, chance) in model.sessionOdds.enumerated() where chance > 0 {
                var trial = record
                if trial.recorded[.mobilisation] == nil { trial.record(.mobilisation, on: mobilisation.start.expected) }
                trial.apheresisSessions = sessions[...position].map { CalendarDate(daysSince1970: $0) }
                let trialPlan = planner.plan(trial, now: analysis.now)
                guard let a = trialPlan[.conditioning]?.start.expected, let d0 = trialPlan[.reinfusion]?.start.expected else {
                    continue
                }
                scenarios.append((chance, a.daysSince1970, d0.daysSince1970))
            }
        }
        if let bed = rules.rule(.conditioning)?.resource {
            let discharge = record.recorded[.discharge]?.date.daysSince1970
            var chances: [Int: Double] = [:]
            for scenario in scenarios {
                for (day, chance) in Self.stay(admission: scenario.admission, d0: scenario.d0, discharge: discharge,
                                               now: now, model: model) {
                    chances[day, default: 0] += scenario.chance * chance
                }
            }
            if let low = chances.keys.min(), let high = chances.keys.max() {
                result.append(RiskProfile(patient: index, resource: bed, first: low,
                                          probabilities: (low...high).map { chances[$0] ?? 0 }))
            }
        }
        return result
    }

    /// The chance of holding a bed on each day of a stay from `admission`, day 0 on `d0`: certain through the
    /// shortest stay, then P(L ≥ t) on D0 + t. A recorded discharge makes it certain; once D0 has passed, only stays
    /// ending after `now` count (and when none does, the bed is held through the day after `now`).
    public static func stay(admission: Int, d0: Int, discharge: Int?, now: Int, model: RiskModel) -> [(Int, Double)] {
        if let discharge { return (admission...max(admission, discharge)).map { ($0, 1) } }
        var lengths = model.stayDays.filter { d0 + $0 > now }
        if lengths.isEmpty { lengths = [now + 1 - d0] }
        let shortest = lengths[0], count = Double(lengths.count)
        var result: [(Int, Double)] = (admission...max(admission, d0 + shortest)).map { ($0, 1) }
        for (position, length) in lengths.enumerated().dropFirst() {
            result.append((d0 + length, Double(lengths.count - position) / count))
        }
        return result
    }

    // MARK: Per day

    /// Every counted resource on every day from `from` to `to`, resource by resource.
    public func days(from: CalendarDate, to: CalendarDate) -> [Day] {
        let first = from.daysSince1970, last = to.daysSince1970
        guard first <= last else { return [] }
        let table = AvailabilityTable(schedule: analysis.schedule, resources: resources, days: first..<(last + 1))
        var result: [Day] = []
        result.reserveCapacity(resources.count * (last - first + 1))
        for (position, resource) in resources.enumerated() {
            var chances = [[Double]](repeating: [], count: last - first + 1)
            for profile in profiles where profile.resource == resource {
                for (offset, chance) in profile.probabilities.enumerated() where chance > 0 {
                    let day = profile.first + offset
                    if day >= first && day <= last { chances[day - first].append(chance) }
                }
            }
            let capacity = table.scheduled[position]
            for offset in chances.indices {
                let limit = Int(capacity?[offset] ?? 0)
                let (expected, p90, over) = Self.summary(chances[offset], capacity: limit)
                result.append(Day(resource: resource, day: CalendarDate(daysSince1970: first + offset), capacity: limit,
                                  expected: expected, p90: p90, pOver: over))
            }
        }
        return result
    }

    /// The patients with a chance of using `resource` on `day`, most likely first (ties by pseudonym).
    public func contributors(_ resource: String, on day: CalendarDate) -> [(patient: String, chance: Double)] {
        profiles.filter { $0.resource == resource }
            .map { (analysis.records[$0.patient].id, $0.probability(onDay: day.daysSince1970)) }
            .filter { $0.1 > 0 }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    /// The Poisson-binomial distribution of a sum of independent events with these chances: `result[k]` = P(sum = k).
    public static func distribution(_ chances: [Double]) -> [Double] {
        var pmf = [Double](repeating: 0, count: chances.count + 1)
        pmf[0] = 1
        for (count, chance) in chances.enumerated() {
            // In place, from the top down: pmf'[k] = pmf[k]·(1 − p) + pmf[k − 1]·p.
            var k = count + 1
            while k > 0 {
                pmf[k] = pmf[k] * (1 - chance) + pmf[k - 1] * chance
                k -= 1
            }
            pmf[0] *= 1 - chance
        }
        return pmf
    }

    /// Expected demand, the 90th percentile and P(demand > capacity) of one day.
    static func summary(_ chances: [Double], capacity: Int) -> (Double, Int, Double) {
        guard !chances.isEmpty else { return (0, 0, 0) }
        let pmf = distribution(chances)
        var cumulative = 0.0, p90 = pmf.count - 1
        for (count, chance) in pmf.enumerated() {
            cumulative += chance
            if cumulative >= 0.9 - 1e-12 { p90 = count; break }
        }
        let over = capacity + 1 < pmf.count ? pmf[(capacity + 1)...].reduce(0, +) : 0
        return (chances.reduce(0, +), p90, max(0, over))
    }

    /// Days grouped by ISO week: each week's highest expected demand, 90th percentile and risk, and its lowest
    /// capacity, dated on its Monday (or the first day shown).
    public static func byWeek(_ days: [Day]) -> [Day] {
        var result: [Day] = []
        for day in days {
            let monday = day.day.adding(days: -(day.day.weekday.isoNumber - 1))
            if let last = result.last, last.resource == day.resource,
               last.day.adding(days: -(last.day.weekday.isoNumber - 1)) == monday {
                var merged = last
                merged.capacity = min(last.capacity, day.capacity)
                merged.expected = max(last.expected, day.expected)
                merged.p90 = max(last.p90, day.p90)
                merged.pOver = max(last.pOver, day.pOver)
                result[result.count - 1] = merged
            } else {
                result.append(day)
            }
        }
        return result
    }
}

extension RiskView {
    /// `overflow_risk` warnings: runs of consecutive days from `from` on whose P(demand > capacity) is above `limit`,
    /// one per resource and run. Each names the (at most three) patients most likely to use the resource on the run's
    /// riskiest day, with their chances, and suggests who could move.
    public func conflicts(limit: Double, from: CalendarDate) -> [CohortConflict] {
        let last = profiles.map { $0.first + $0.probabilities.count - 1 }.max() ?? from.daysSince1970
        guard last >= from.daysSince1970 else { return [] }
        var result: [CohortConflict] = []
        var run: [Day] = []
        func close() {
            defer { run = [] }
            guard let worst = run.max(by: { $0.pOver < $1.pOver }), let first = run.first, let end = run.last else { return }
            let likeliest = contributors(worst.resource, on: worst.day).prefix(3)
            let movable = likeliest.first { entry in
                analysis.records.first { $0.id == entry.patient }.map { $0.recorded[.conditioning] == nil } ?? false
            }
            let advice: CohortConflict.Advice = movable.map { .admitLaterOrSchedule(patient: $0.patient, limit: limit) }
                ?? .keepOneFree(resource: worst.resource)
            result.append(CohortConflict(
                code: .overflowRisk, subject: worst.resource, from: first.day, to: end.day, demand: worst.p90,
                capacity: worst.capacity, patients: likeliest.map(\.patient).sorted(),
                detail: .overflowRisk(resource: worst.resource, capacity: worst.capacity, chance: worst.pOver, day: worst.day,
                                      limit: limit, likeliest: likeliest.map { CohortConflict.Likely(patient: $0.patient, chance: $0.chance) }),
                advice: advice))
        }
        for day in days(from: from, to: CalendarDate(daysSince1970: last)) {
            if day.pOver > limit, run.last.map({ $0.resource == day.resource }) ?? true {
                run.append(day)
            } else {
                close()
                if day.pOver > limit { run.append(day) }
            }
        }
        close()
        return result
    }
}
