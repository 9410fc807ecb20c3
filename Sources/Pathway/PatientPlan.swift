/// One patient's date plan: every step of the protocol, in treatment order, and the rules it breaks.
public struct PatientPlan: Sendable, Hashable {
    /// The pseudonym.
    public var patientID: String
    /// One entry per step.
    public var steps: [StepPlan]
    /// Rules the plan breaks, by date.
    public var conflicts: [PlanConflict]

    /// A plan.
    public init(patientID: String, steps: [StepPlan], conflicts: [PlanConflict]) {
        self.patientID = patientID
        self.steps = steps
        self.conflicts = conflicts
    }

    /// The plan of one step.
    public subscript(step: StepID) -> StepPlan? { steps.first { $0.step == step } }
}
