import Calendrical
import Dispatch
import Pathway

/// Chooses mobilisation day 1 and the admission for every patient not yet past them, so that no day's demand
/// exceeds any resource's capacity, with the least total delay and then the least maximum delay.
///
/// **The problem.** A patient's *delay* is their admission minus their earliest admission capacity aside (the
/// planner's expected admission, `open≥(H+21)` after the expected harvest). Recorded and confirmed dates never move.
/// Day 1 must be a first-fit day (a chair open, apheresis days 5–7 open) on or after the planner's expected day 1;
/// the harvest follows as the protocol's expected day 6; the admission is an open admission day in the protocol's window after
/// it (`admissionDays`: 3–8 weeks in the built-in protocol). A stay holds a bed from admission to the expected discharge (D0+21).
///
/// **The engine.** A constructive pass inserts patients in order of their earliest admission, each at the first
/// (day 1, admission) that fits everything already placed. Then a large-neighbourhood search: take a delayed
/// patient and up to five others whose stays are near it out of the ledger, put them back in a shuffled order (each
/// at its first fit), and keep the result when it is no worse — fewer patients that do not fit, then less total
/// delay, then a smaller maximum. Moves are drawn from a seeded generator, so a run is repeatable: the same seed and
/// move budget give the same schedule (the time limit is only a safety net, and the result says which stopped it).
///
/// **The bounds.** Two relaxations, combined, give a lower bound on the total delay; the printed gap
/// (total / bound − 1) says how far from optimal a schedule can be, and a schedule that meets the bound is optimal.
///
/// - *Day 1.* Every other rule relaxed, the day-1 bookings (a chair on day 1, a machine and its nurse on the harvest
///   day, the control visit) are unit jobs: each patient needs one valid day 1 at or after its release, with room
///   left by the recorded bookings. Serving patients in release order, each on the earliest day with room, gives the
///   smallest possible k-th day 1 for every k: a schedule that serves a later release first can swap the two without
///   moving either day. The earliest admission after a harvest never moves back as the harvest moves later, so the
///   k-th admission of any schedule is at least the k-th admission these days allow.
/// - *Beds.* With R(t) the beds the recorded stays leave on day t and p the expected stay, the k-th admission is at
///   least g(k): the first open admission day, not before the k-th release nor g(k − 1), on each day t of whose stay
///   fewer than R(t) earlier g(j) are still within their stays (g(j) > t − p). Any schedule's k-th admission passes
///   the same tests, since the earlier admissions holding a bed are at least as many.
///
/// Together: the releases of the bed bound are raised to what day 1 allows. A worked case: one bed, no recorded
/// stays, p = 27, two patients released on Monday 4 January: g = 4 January, then 31 January — a Sunday, so Monday
/// 1 February: bound 28, and the schedule 4 January, 1 February meets it.
public struct CohortScheduler: Sendable {
    /// The cohort.
    public let analysis: CohortAnalysis
    /// How far after a patient's first possible day 1 every search for dates goes (the scheduler, `slot` and the
    /// conflict report's suggestions alike): two years, in days.
    public static let searchHorizon = 730

    /// How far after the planner's expected day 1 the search goes (days).
    public var horizon = CohortScheduler.searchHorizon
    /// When set, every future day's P(beds over capacity) (the risk view's model, proposals counted as booked)
    /// must stay at or under it, except days the recorded stays alone already push over it.
    public var riskLimit: Double?

    /// A scheduler.
    public init(analysis: CohortAnalysis) { self.analysis = analysis }

    /// How far the improvement search has come, reported every 4,096 moves.
    public struct Progress: Sendable, Hashable {
        /// Moves tried so far.
        public var moves: Int
        /// The most moves it will try.
        public var budget: Int
        /// The sum of delays of the best schedule so far (days).
        public var totalDelay: Int
    }

    /// The schedule. `moves` bounds the improvement search (default: 60 per movable patient, at most 60,000), and
    /// it also ends after max(2,000, 10 per patient) moves in a row without a better total; `timeLimit` (seconds)
    /// stops it early.
    public func schedule(seed: UInt64 = 1, moves: Int? = nil, timeLimit: Double = 10,
                         progress: ((Progress) -> Void)? = nil) -> Schedule {
        var state = SchedulerState(analysis: analysis, horizon: horizon, riskLimit: riskLimit)
        state.construct()
        let constructive = state.totalDelay
        let budget = moves ?? min(60 * state.movables.count, 60_000)
        var random = SplitMix64(seed: seed)
        let start = DispatchTime.now().uptimeNanoseconds
        var iterations = 0
        var stoppedByTime = false
        let bounds = state.lowerBound()
        let bound = bounds.total
        // Also stop when a long run of moves finds nothing better (still a count, so still repeatable).
        var best = (state.unfitCount, state.totalDelay), sinceBest = 0
        let patience = max(2_000, 10 * state.movables.count)
        while iterations < budget, !state.movables.isEmpty, sinceBest < patience {
            if state.unfitCount == 0 && state.totalDelay <= bound { break }  // optimal: nothing to improve
            if iterations % 64 == 0 {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if elapsed > timeLimit { stoppedByTime = true; break }
                if iterations % 4096 == 0 {
                    progress?(Progress(moves: iterations, budget: budget, totalDelay: state.totalDelay))
                }
            }
            state.improve(&random)
            iterations += 1
            let now = (state.unfitCount, state.totalDelay)
            if now < best { best = now; sinceBest = 0 } else { sinceBest += 1 }
        }
        var result = state.result(lowerBound: bound, iterations: iterations, stoppedByTime: stoppedByTime,
                                  constructiveDelay: constructive)
        result.bedBound = bounds.beds
        result.dayOneBound = bounds.dayOne
        if let risk = state.risk {
            result.riskLimit = risk.limit
            for day in risk.overByRecorded {
                let date = CalendarDate(daysSince1970: day)
                if let last = result.overByRecorded.last, last.upperBound.adding(days: 1) == date {
                    result.overByRecorded[result.overByRecorded.count - 1] = last.lowerBound...date
                } else {
                    result.overByRecorded.append(date...date)
                }
            }
        }
        return result
    }
}

/// A small, fast, seedable generator (SplitMix64), so schedules repeat across runs and machines.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

extension CohortScheduler {
    /// The first fit for patient `index` alone, everyone else where their plan has them (in `view`): the engine's
    /// answer to `ahsct slot`. `nil` when the patient's admission is recorded; `unfit` when nothing fits.
    /// The days tried before the answer come with their reasons (``Slot/Rejection``), from the same search.
    func firstFit(for index: Int, view: DemandView, bookings: [[Booking]]? = nil) -> FirstFit? {
        var state = SchedulerState(analysis: analysis, horizon: horizon, view: view, only: index, bookings: bookings)
        guard let position = state.movables.firstIndex(where: { $0.patient == index }) else { return nil }
        var explanation: Explanation? = Explanation()
        state.place(position, explanation: &explanation)
        let movable = state.movables[position]
        return FirstFit(day1: movable.day1From == nil ? nil : CalendarDate(daysSince1970: movable.day1),
                        admission: CalendarDate(daysSince1970: movable.admission), unfit: movable.unfit?.reason,
                        rejections: explanation?.rejections ?? [])
    }

    /// One patient's first fit: day 1 (`nil` when recorded), the admission, why nothing fits (then the dates are
    /// the least overflow), and the days tried before.
    struct FirstFit {
        var day1: CalendarDate?
        var admission: CalendarDate
        var unfit: NoSlot.Reason?
        var rejections: [Slot.Rejection]
    }
}
