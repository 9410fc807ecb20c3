import Calendrical

/// The scheduler's running count of bed risk under `ahsct schedule --max-risk P`: per day, the exact distribution
/// of the number of beds taken (a Poisson-binomial, kept as its probabilities), so that placing or removing one stay
/// updates only that stay's days.
///
/// Adding a stay with chance p on a day convolves that day's distribution with [1 − p, p]; removing it undoes the
/// convolution, from the bottom up when p ≤ ½ and from the top down when p > ½, so the division is by the larger of
/// p and 1 − p and errors do not grow. A stay fits when, on every future day it touches, P(beds > capacity) stays at
/// or under P — except on days the recorded stays alone already push over P: those are reported, not held against
/// the schedule.
struct RiskLedger {
    /// The first day number of the tables.
    let first: Int
    /// The limit P.
    let limit: Double
    /// Bed capacity per day.
    let capacity: [Int32]
    /// Per day: P(beds taken = k), k = 0, 1, ….
    var pmf: [[Double]]
    /// Per day: not judged (before tomorrow, or over the limit on recorded stays alone).
    var exempt: [Bool]
    /// Days from tomorrow on that the recorded stays alone push over the limit.
    var overByRecorded: [Int] = []

    init(first: Int, capacity: [Int32], background: [RiskProfile], limit: Double, tomorrow: Int) {
        self.first = first
        self.limit = limit
        self.capacity = capacity
        pmf = [[Double]](repeating: [1], count: capacity.count)
        exempt = [Bool](repeating: false, count: capacity.count)
        for profile in background {
            for (offset, chance) in profile.probabilities.enumerated() where chance > 0 {
                let day = profile.first + offset - first
                if day >= 0 && day < pmf.count { Self.add(chance, to: &pmf[day]) }
            }
        }
        for day in pmf.indices {
            if first + day < tomorrow {
                exempt[day] = true
            } else if pOver(day) > limit + 1e-12 {
                exempt[day] = true
                overByRecorded.append(first + day)
            }
        }
    }

    /// P(beds > capacity) on table day `day`.
    func pOver(_ day: Int) -> Double {
        let cap = Int(capacity[day])
        return cap + 1 < pmf[day].count ? pmf[day][(cap + 1)...].reduce(0, +) : 0
    }

    /// Whether a stay with `chances` (relative to `base`) keeps every judged day within the limit.
    func fits(_ chances: [Double], at base: Int) -> Bool {
        for (offset, chance) in chances.enumerated() where chance > 0 {
            let day = base + offset - first
            guard day >= 0 && day < pmf.count else { return false }
            if exempt[day] { continue }
            // P(X + B > cap) = P(X > cap) + p · P(X = cap).
            let cap = Int(capacity[day])
            let atCap = cap < pmf[day].count ? pmf[day][cap] : 0
            if pOver(day) + chance * atCap > limit + 1e-12 { return false }
        }
        return true
    }

    mutating func add(_ chances: [Double], at base: Int) {
        for (offset, chance) in chances.enumerated() where chance > 0 {
            let day = base + offset - first
            if day >= 0 && day < pmf.count { Self.add(chance, to: &pmf[day]) }
        }
    }

    mutating func remove(_ chances: [Double], at base: Int) {
        for (offset, chance) in chances.enumerated() where chance > 0 {
            let day = base + offset - first
            if day >= 0 && day < pmf.count { Self.remove(chance, from: &pmf[day]) }
        }
    }

    static func add(_ p: Double, to pmf: inout [Double]) {
        pmf.append(0)
        var k = pmf.count - 1
        while k > 0 {
            pmf[k] = pmf[k] * (1 - p) + pmf[k - 1] * p
            k -= 1
        }
        pmf[0] *= 1 - p
    }

    static func remove(_ p: Double, from pmf: inout [Double]) {
        let n = pmf.count - 1
        guard n > 0 else { return }
        var old = [Double](repeating: 0, count: n)
        if p >= 1 {
            for k in 0..<n { old[k] = pmf[k + 1] }
        } else if p <= 0.5 {
            old[0] = pmf[0] / (1 - p)
            for k in 1..<n { old[k] = (pmf[k] - p * old[k - 1]) / (1 - p) }
        } else {
            old[n - 1] = pmf[n] / p
            var k = n - 1
            while k > 0 {
                old[k - 1] = (pmf[k] - (1 - p) * old[k]) / p
                k -= 1
            }
        }
        pmf = old.map { max(0, $0) }
    }
}
