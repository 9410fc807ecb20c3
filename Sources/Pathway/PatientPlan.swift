import Calendrical

/// One patient's date plan: every step of the protocol, in treatment order, and the rules it breaks.
public struct PatientPlan: Sendable, Hashable {
    /// The pseudonym.
    public var patientID: String
    /// One entry per step.
    public var steps: [StepPlan]
    /// Rules the plan breaks, by date.
    public var conflicts: [PlanConflict]
    /// The committee declined: the plan ends with the answer visit (no later step is planned or booked).
    public var declined: Bool
    /// The protocol's follow-up milestones after day 0, on their expected days (empty unless the site turns them on).
    public var followUps: [PlannedFollowUp] = []

    /// One follow-up milestone of a plan.
    public struct PlannedFollowUp: Sendable, Hashable {
        /// The protocol's milestone.
        public var followUp: TreatmentProtocol.FollowUp
        /// Its expected day: day 0 + the months, moved on to the next open day of its resource.
        public var date: CalendarDate
    }

    /// A plan.
    public init(patientID: String, steps: [StepPlan], conflicts: [PlanConflict], declined: Bool = false) {
        self.patientID = patientID
        self.steps = steps
        self.conflicts = conflicts
        self.declined = declined
    }

    /// The plan of one step.
    public subscript(step: StepID) -> StepPlan? { steps.first { $0.step == step } }
}
