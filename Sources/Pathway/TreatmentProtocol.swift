/// A treatment protocol: the resources a site has and, for every step of the pathway, how it is timed.
///
/// The built-in ``amsterdamUMC`` follows `docs/clinical-rules.md`; a site with other habits copies
/// `calendars/protocols/amsterdam-umc.yaml`, edits it and names the file in its cohort. A protocol is only used
/// once ``problems()`` is empty: every step once, no step depending on itself, known resources, windows in order.
public struct TreatmentProtocol: Sendable, Hashable {
    /// The protocol's name, e.g. `amsterdam-umc`.
    public var name: String
    /// The resources its steps may book or need open.
    public var resources: [String]
    /// One rule per step, in treatment order.
    public var steps: [StepRule]
    /// How many apheresis sessions a harvest takes, for the risk view: `sessionOdds[k − 1]` is the chance of `k`
    /// sessions (default 0.77, 0.17, 0.06 — one session is enough for about 77 % of patients, two for 17 %, three or
    /// more for 6 %, the last group counted as three).
    public var sessionOdds: [Double]

    /// A milestone after day 0 that a site may plan (`docs/clinical-rules.md`, "Optional follow-ups"): a follow-up
    /// visit, a scan, or the time vaccinations may be given again. Off in the built-in protocol.
    public struct FollowUp: Sendable, Hashable {
        /// What it is.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// An outpatient follow-up visit.
            case visit
            /// A scan (MRI).
            case scan
            /// From this date on, a group of vaccinations may be given again.
            case vaccination
        }

        /// Its id (`visit-3m`), unique in the protocol.
        public var id: String
        /// What it is.
        public var kind: Kind
        /// Calendar months after day 0 (the day clamped to the month's end).
        public var months: Int
        /// What it books (`outpatient-clinic`), or `nil`: a date to know, not an appointment.
        public var resource: String?

        /// A milestone.
        public init(id: String, kind: Kind, months: Int, resource: String? = nil) {
            self.id = id
            self.kind = kind
            self.months = months
            self.resource = resource
        }
    }

    /// Milestones after day 0 (none unless the site's protocol file lists them).
    public var followUps: [FollowUp]

    /// The published session counts the default ``sessionOdds`` come from.
    public static let defaultSessionOdds = [0.77, 0.17, 0.06]

    /// A protocol.
    public init(name: String, resources: [String], steps: [StepRule],
                sessionOdds: [Double] = TreatmentProtocol.defaultSessionOdds, followUps: [FollowUp] = []) {
        self.name = name
        self.resources = resources
        self.steps = steps
        self.sessionOdds = sessionOdds
        self.followUps = followUps
    }

    /// The rule of a step (every valid protocol has one per ``StepID``).
    public func rule(_ id: StepID) -> StepRule? { steps.first { $0.id == id } }
}
