import Calendrical

extension SchedulerState {
    mutating func construct() {
        byEarliest = movables.indices.sorted {
            (movables[$0].earliest, movables[$0].patient) < (movables[$1].earliest, movables[$1].patient)
        }
        for index in byEarliest { place(index) }
    }

    var maxDelay: Int { movables.map { $0.admission - $0.earliest }.max() ?? 0 }

    /// One large-neighbourhood move: a delayed patient and up to five neighbours out, back in a shuffled order;
    /// kept when (unfit, total delay, max delay) is no worse.
    mutating func improve(_ random: inout SplitMix64) {
        // A delayed (or unfit) patient, found by sampling: no pass over the cohort per move.
        var seed = -1
        for _ in 0..<32 {
            let candidate = random.below(movables.count)
            if movables[candidate].admission > movables[candidate].earliest || movables[candidate].unfit != nil {
                seed = candidate
                break
            }
        }
        guard seed >= 0 else { return }
        // Neighbours: patients whose earliest admission is within the seed's delay (plus six weeks) of its own.
        let center = movables[seed].earliest
        let reach = movables[seed].admission - center + 42
        let low = lowerIndex(earliest: center - reach), high = lowerIndex(earliest: center + reach + 1)
        var chosen = [seed]
        if high - low > 1 {
            for _ in 0..<10 where chosen.count < 6 {
                let candidate = byEarliest[low + random.below(high - low)]
                if !chosen.contains(candidate) { chosen.append(candidate) }
            }
        }
        let before = (unfitCount, totalDelay)
        let beforeMax = maxDelayOf(chosen)
        let saved = chosen.map { movables[$0] }
        for index in chosen { unplace(index) }
        // Mostly by earliest admission; one random swap lets a later patient go first.
        chosen.sort { (movables[$0].earliest, movables[$0].patient) < (movables[$1].earliest, movables[$1].patient) }
        if chosen.count > 1 {
            let a = random.below(chosen.count), b = random.below(chosen.count)
            chosen.swapAt(a, b)
        }
        for index in chosen { place(index) }
        let after = (unfitCount, totalDelay)
        // The maximum is compared only on a tie, and then over the whole cohort.
        let worse = after > before || (after == before && maxDelayOf(chosen) > beforeMax && maxDelay > max(beforeMax, maxDelayExcept(chosen)))
        if worse {
            for index in chosen { unplace(index) }
            for (index, movable) in zip(chosen.sorted(), saved.sorted { $0.patient < $1.patient }) {
                movables[index] = movable
                rebook(movable)
                totalDelay += movable.admission - movable.earliest
                if movable.unfit != nil { unfitCount += 1 }
            }
        }
    }

    private func maxDelayOf(_ indices: [Int]) -> Int {
        indices.map { movables[$0].admission - movables[$0].earliest }.max() ?? 0
    }

    private func maxDelayExcept(_ indices: [Int]) -> Int {
        var worst = 0
        for (index, movable) in movables.enumerated() where !indices.contains(index) {
            worst = max(worst, movable.admission - movable.earliest)
        }
        return worst
    }

    /// The first position in `byEarliest` whose earliest admission is at least `earliest`.
    private func lowerIndex(earliest: Int) -> Int {
        var low = 0, high = byEarliest.count
        while low < high {
            let mid = (low + high) / 2
            if movables[byEarliest[mid]].earliest < earliest { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The best lower bound on the total delay (see ``CohortScheduler``): beds, with each patient's release raised to
    /// what the day-1 resources allow. `beds` and `dayOne` are the two bounds it improves on, for reports.
    func lowerBound() -> (total: Int, beds: Int, dayOne: Int) {
        let earliest = movables.map(\.earliest)
        let raised = dayOneReleases()
        let dayOne = max(0, raised.reduce(0, +) - earliest.reduce(0, +))
        return (max(dayOne, bedBound(releases: raised)), bedBound(releases: earliest), dayOne)
    }

    /// The admissions the day-1 resources allow, as a multiset no schedule can beat.
    ///
    /// Day 1 books a chair on day 1, a machine on the harvest day and so on: pieces at fixed offsets, one day each.
    /// Counting only those, and for each candidate day 1 the room its pieces leave after the recorded bookings, every
    /// patient is a unit job that needs one slot on a valid day at or after its release. Serving patients in release
    /// order, each on the earliest valid day with room left, gives the smallest k-th day 1 for every k (an exchange
    /// argument: a schedule that puts a later-released patient on an earlier day can swap without moving either
    /// slot), and the earliest admission after a harvest never decreases as the harvest moves later, so the k-th
    /// admission of any schedule is at least the k-th of these. Patients whose day 1 is recorded keep their earliest
    /// admission; a patient with no room within the horizon counts at its release.
    func dayOneReleases() -> [Int] {
        // The pieces every day-1 patient books (same resource, offsets and amount): patients' pieces can differ when a
        // holiday shifts one (a control visit on day 20 instead of 19), but the chair on day 1 and the machine on the
        // harvest day are everyone's. Any mix of patients starting on one day books each common piece once per
        // patient, so the room those pieces leave bounds how many can start: never less room than there is.
        typealias Key = (resource: Int, from: Int, to: Int, amount: Int32)
        var common: [Key]?
        for movable in movables where movable.day1From != nil {
            let keys = movable.day1Pieces.map { Key($0.resource, $0.from, $0.to, $0.amount) }
            common = common.map { shared in shared.filter { key in keys.contains { $0 == key } } } ?? keys
        }
        var room: [Int: Int] = [:]
        func slots(_ day1: Int) -> Int {
            if let known = room[day1] { return known }
            var fewest = Int.max
            for piece in common ?? [] {
                guard let limit = capacity[piece.resource] else { continue }
                for day in (day1 + piece.from - first)...(day1 + piece.to - first) {
                    guard day >= 0 && day < days else { fewest = 0; continue }
                    fewest = min(fewest, Int(limit[day] - fixedLoad[piece.resource][day]) / max(1, Int(piece.amount)))
                }
            }
            let result = max(0, fewest)
            room[day1] = result
            return result
        }
        let tomorrow = analysis.now.daysSince1970 + 1
        var used: [Int: Int] = [:]
        var releases: [Int] = []
        let order = movables.indices.sorted { (movables[$0].day1From ?? .min, $0) < (movables[$1].day1From ?? .min, $1) }
        for index in order {
            let movable = movables[index]
            guard let from = movable.day1From else {
                releases.append(movable.earliest)
                continue
            }
            var chosen: Int?
            for day1 in from...(from + horizon) where harvest(forDay1: day1) != nil {
                if used[day1, default: 0] < slots(day1) {
                    used[day1, default: 0] += 1
                    chosen = day1
                    break
                }
            }
            guard let chosen, let harvest = harvest(forDay1: chosen) else {
                releases.append(movable.earliest)
                continue
            }
            releases.append(max(movable.earliest, firstAdmission(afterHarvest: harvest, from: tomorrow)))
        }
        return releases
    }

    /// A bound from beds: Σ g(k) − Σ earliest, where g(k) is the earliest day the k-th admission of any schedule
    /// can be on, with the movables released at `releases` (their earliest admissions, or later ones no schedule can
    /// beat) and the recorded stays taking their beds on their own days.
    ///
    /// With R(t) the beds left on day t by the recorded stays (the capacity, changes included, less those stays) and
    /// p the expected stay, g(k) is the least day s ≥ max(r(k), g(k − 1)) that is an open admission day and such that
    /// on every day t of [s, s + p − 1] fewer than R(t) of the earlier g(j) are still within their stays
    /// (g(j) > t − p). Any schedule's k-th admission s(k) passes these tests, because on each day of its stay the
    /// earlier admissions s(j) ≥ g(j) still holding a bed are at least as many — so g(k) ≤ s(k). With one bed,
    /// no recorded stays and releases 4 Jan twice, p = 27: g = 4 Jan, then the first open day from 31 Jan, Mon 1 Feb.
    func bedBound(releases movableReleases: [Int]) -> Int {
        guard let bed = movables.first?.admissionPieces.first(where: { capacity[$0.resource] != nil && $0.from == 0 }),
              let limit = capacity[bed.resource] else { return 0 }
        let length = movables.compactMap { movable in
            movable.admissionPieces.first { $0.resource == bed.resource && $0.from == 0 }.map { $0.to - $0.from + 1 }
        }.min() ?? (bed.to - bed.from + 1)
        let left = zip(limit, fixedLoad[bed.resource]).map { Int($0) - Int($1) }
        // fitsAlone[t]: a bed is left on every day of [t, t + length − 1] (a sliding minimum, from the end).
        var fitsAlone = [Bool](repeating: false, count: days)
        var run = 0
        for day in stride(from: days - 1, through: 0, by: -1) {
            run = left[day] >= 1 ? run + 1 : 0
            fitsAlone[day] = run >= length
        }
        var starts: [Int] = []
        var previous = Int.min
        for release in movableReleases.sorted() {
            var day = max(release, previous)
            var chosen: Int?
            while day - first < days {
                let offset = day - first
                if offset >= 0, fitsAlone[offset], planner.mayStart(.conditioning, onDay: day),
                   roomEveryDay(from: day) {
                    chosen = day
                    break
                }
                day += 1
            }
            // No room anywhere in the tables: no schedule places everyone, and no bound is claimed.
            guard let chosen else { return 0 }
            starts.append(chosen)
            previous = chosen
        }
        return max(0, starts.reduce(0, +) - movables.reduce(0) { $0 + $1.earliest })

        /// Whether, on every day t of a stay from `start`, the earlier starts still within their stays on t
        /// (g(j) > t − p) are fewer than R(t).
        func roomEveryDay(from start: Int) -> Bool {
            // The first earlier start still running on `start` (starts are sorted).
            var low = 0, high = starts.count
            while low < high {
                let mid = (low + high) / 2
                if starts[mid] > start - length { high = mid } else { low = mid + 1 }
            }
            var pointer = low
            for t in start..<(start + length) {
                while pointer < starts.count && starts[pointer] <= t - length { pointer += 1 }
                guard starts.count - pointer < left[t - first] else { return false }
            }
            return true
        }
    }
}
