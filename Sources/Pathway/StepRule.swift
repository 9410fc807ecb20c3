import Calendrical

/// How one step of the protocol is timed: which days it may start on, how its start is found, how long it lasts,
/// and what it books.
///
/// The conditioning admission of `amsterdam-umc` books an isolation bed, starts on a day open for the ward
/// between `open≥(H+21)` and `open≤(H+56)` after the harvest H, and lasts five days:
/// ```swift
/// StepRule(id: .conditioning, resource: "isolation-beds",
///          start: .window(earliest: Bound(after: Anchor(.apheresis, .end), days: 21),
///                         expected: Bound(after: Anchor(.apheresis, .end), days: 21),
///                         latest: Bound(after: Anchor(.apheresis, .end), days: 56, snap: .previous)),
///          end: .lasts(days: 5), source: "leaflet, step 4")
/// ```
public struct StepRule: Sendable, Hashable {
    /// Which days a step may start on.
    public enum OpenDays: String, Sendable, Hashable, CaseIterable {
        /// Days open for the step's resource: weekdays, no public holiday, no closure of that resource (or of the
        /// whole site when the step books nothing).
        case resource
        /// Weekdays that are not public holidays; site closures do not apply (a visit at another hospital).
        case workingDays = "working-days"
        /// Every calendar day (the ward works weekends).
        case everyDay = "every-day"
    }

    /// How the start is found when the cohort file does not record it.
    public enum Start: Sendable, Hashable {
        /// Always recorded (the second opinion): the plan cannot guess it.
        case given
        /// A window: each chain takes its bound, moved onto an open day; the expected day is kept inside the window.
        case window(earliest: Bound, expected: Bound, latest: Bound)
        /// The first day on or after every `notBefore` bound (and after a recorded fertility preservation, when
        /// wanted) that is open for this step **and** on which the `harvest` step's days would all be open
        /// (mobilisation day 1 with apheresis on days 5–7).
        case firstFit(notBefore: [Bound], harvest: StepID)
        /// Sessions on day `first`…`last` of the anchor step (its first day is day 1): the earliest is the first
        /// open one, the latest the last, the expected the open one nearest day `expected` (earlier on a tie).
        /// `tentativeRepeats` more sessions are held on the following open days.
        case dayOf(Anchor, first: Int, expected: Int, last: Int, tentativeRepeats: Int)
    }

    /// How the end follows from the start.
    public enum End: Sendable, Hashable {
        /// A single visit: no end.
        case none
        /// `days` calendar days from the start, both included (conditioning: 5, ending on A+4).
        case lasts(days: Int)
        /// Until another step's date (mobilisation until the harvest, isolation until discharge).
        case until(Anchor)
        /// The last session (apheresis: the harvest, repeats included).
        case lastSession
        /// The same day, or the next day too when there are more than `bags` bags (reinfusion).
        case nextDayAbove(bags: Int)
        /// Whole calendar months after an anchor, clamped to the month's end (recovery: 3–6 months after D0).
        case monthsAfter(Anchor, earliest: Int, expected: Int, latest: Int)
    }

    /// Outpatient visits at a fixed interval after the start (weekly checks at home).
    public struct Visits: Sendable, Hashable {
        /// How many.
        public var count: Int
        /// Days between them (and from the start to the first).
        public var everyDays: Int
        /// The resource that must be open (each visit moves to `open≥`).
        public var resource: String?

        /// A series of visits.
        public init(count: Int, everyDays: Int, resource: String?) {
            self.count = count
            self.everyDays = everyDays
            self.resource = resource
        }
    }

    /// The step.
    public var id: StepID
    /// The resource the step books (a chair, a machine, a bed, the outpatient clinic), if any.
    public var resource: String?
    /// Which days the step may start on.
    public var open: OpenDays
    /// How its start is found.
    public var start: Start
    /// How its end follows.
    public var end: End
    /// Blood counts on these weekdays while the step lasts (isolation: Monday, Wednesday, Friday).
    public var bloodCountDays: [Weekday]
    /// Days after the start within which recovery is expected (isolation: marrow recovery on days 14–21 after D0).
    public var recoveryDays: ClosedRange<Int>?
    /// Follow-up visits after the start.
    public var visits: Visits?
    /// Where the rule comes from ("leaflet, step 4").
    public var source: String

    /// A step rule.
    public init(id: StepID, resource: String? = nil, open: OpenDays = .resource, start: Start, end: End = .none,
                bloodCountDays: [Weekday] = [], recoveryDays: ClosedRange<Int>? = nil, visits: Visits? = nil,
                source: String = "") {
        self.id = id
        self.resource = resource
        self.open = open
        self.start = start
        self.end = end
        self.bloodCountDays = bloodCountDays
        self.recoveryDays = recoveryDays
        self.visits = visits
        self.source = source
    }

    /// The bounds this step's start is computed from.
    public var startBounds: [Bound] {
        switch start {
        case .given, .dayOf: return []
        case let .window(earliest, expected, latest): return [earliest, expected, latest]
        case let .firstFit(notBefore, _): return notBefore
        }
    }

    /// The dates of other steps this step's start needs before it can be computed (recorded-only bounds excluded).
    public var startDependencies: [Anchor] {
        switch start {
        case let .dayOf(anchor, _, _, _, _): return [anchor]
        case let .firstFit(notBefore, _):
            // The harvest step is consulted for its rule (which days, which resource), not for its dates.
            return notBefore.filter { !$0.onlyIfRecorded }.map(\.anchor)
        default: return startBounds.filter { !$0.onlyIfRecorded }.map(\.anchor)
        }
    }

    /// The dates of other steps the end needs.
    public var endDependencies: [Anchor] {
        switch end {
        case let .until(anchor), let .monthsAfter(anchor, _, _, _): return [anchor]
        default: return []
        }
    }
}
