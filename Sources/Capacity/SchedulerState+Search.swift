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

    /// Σ g(k) − Σ r(k) over beds (see ``CohortScheduler``). C is the most stays that can run at once in a schedule
    /// that adds no overflow: the capacity, or more on days the recorded stays alone already exceed it.
    func lowerBound() -> Int {
        guard let bed = movables.first?.admissionPieces.first(where: { capacity[$0.resource] != nil && $0.from == 0 }),
              let limit = capacity[bed.resource] else { return 0 }
        var fixedLoad = [Int32](repeating: 0, count: days)
        for (start, length) in fixedStays {
            for day in (start - first)..<(start - first + length) where day >= 0 && day < days { fixedLoad[day] += 1 }
        }
        let beds = Int(zip(limit, fixedLoad).map { max($0, $1) }.max() ?? 0)
        guard beds > 0 else { return 0 }
        let stay = bed.to - bed.from + 1
        var jobs = fixedStays.map { (release: $0.0, length: $0.1) }
        for movable in movables { jobs.append((movable.earliest, stay)) }
        let length = jobs.map(\.length).min() ?? stay
        let releases = jobs.map(\.release).sorted()
        var starts: [Int] = []
        for (k, release) in releases.enumerated() {
            starts.append(k >= beds ? max(release, starts[k - beds] + length) : release)
        }
        return max(0, zip(starts, releases).reduce(0) { $0 + $1.0 - $1.1 })
    }
}
