import Calendrical

/// The scheduler's answer for a cohort: the dates it proposes, how much they delay, and how far from optimal that can
/// be.
public struct Schedule: Sendable, Hashable {
    /// One patient's proposal.
    public struct Assignment: Sendable, Hashable {
        /// The patient (pseudonym).
        public var patient: String
        /// Mobilisation day 1: proposed, or the recorded one (`mobilisationMoved` false).
        public var mobilisation: CalendarDate
        /// Whether day 1 was chosen by the scheduler (not recorded).
        public var mobilisationMoved: Bool
        /// The admission (conditioning day 1).
        public var admission: CalendarDate
        /// The earliest admission the protocol allows, capacity aside (the planner's expected admission).
        public var earliestAdmission: CalendarDate
        /// Days between the two.
        public var delay: Int { earliestAdmission.days(until: admission) }
    }

    /// A patient no date fits: placed where the overflow is least, and why.
    public struct Unfit: Sendable, Hashable {
        /// The patient.
        public var patient: String
        /// Why nothing fits, as values.
        public var reason: NoSlot.Reason
        /// The least overflow that would fit them: units above capacity on the worst day, and that resource.
        public var overflow: Int
        /// The resource that overflows.
        public var resource: String
    }

    /// Proposals for every patient the scheduler could move, in cohort order.
    public var assignments: [Assignment]
    /// Patients that fit nowhere (also in `assignments`, at their least-overflow dates).
    public var unfit: [Unfit]
    /// Patients whose admission is recorded: nothing to choose.
    public var fixed: [String]
    /// Σ delay over `assignments`.
    public var totalDelay: Int { assignments.reduce(0) { $0 + $1.delay } }
    /// The largest delay.
    public var maxDelay: Int { assignments.map(\.delay).max() ?? 0 }
    /// A lower bound on the total delay of any schedule without overflow (see ``CohortScheduler``): the best of the
    /// bounds below, combined.
    public var lowerBound: Int
    /// The bound from beds alone (releases at the earliest admissions).
    public var bedBound = 0
    /// The bound from the day-1 resources alone (chairs, machines and what else day 1 books).
    public var dayOneBound = 0
    /// The certified gap: total delay / lower bound − 1 (`nil` when the bound is 0 or some patient cannot fit).
    public var gap: Double? {
        guard unfit.isEmpty, lowerBound > 0 else { return nil }
        return Double(totalDelay) / Double(lowerBound) - 1
    }
    /// Improvement moves tried.
    public var iterations: Int
    /// Whether the search stopped at its time limit rather than its move budget (then the result may depend on the
    /// machine's speed; with the budget it depends only on the seed).
    public var stoppedByTime: Bool
    /// The total delay after the constructive pass, before improvement.
    public var constructiveDelay: Int
    /// The limit on P(beds over capacity) the schedule keeps (`--max-risk`), or `nil`.
    public var riskLimit: Double?
    /// Runs of future days on which the recorded stays alone already exceed the risk limit: reported, not held
    /// against the schedule.
    public var overByRecorded: [ClosedRange<CalendarDate>] = []
}
