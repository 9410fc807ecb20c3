/// The steps of the aHSCT pathway, in treatment order, with the ids of `CLINICAL-RULES.md`.
///
/// The ids are what plans, JSON output, protocol files and cohort files use: `second-opinion`, `committee-answer`,
/// `evaluation`, `mobilisation`, `apheresis`, `control-visit`, `conditioning`, `reinfusion`, `isolation`,
/// `discharge`, `recovery`.
public enum StepID: String, Sendable, Hashable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    case secondOpinion = "second-opinion"
    case committeeAnswer = "committee-answer"
    case evaluation
    case mobilisation
    case apheresis
    case controlVisit = "control-visit"
    case conditioning
    case reinfusion
    case isolation
    case discharge
    case recovery

    /// The position in treatment order (0 for the second opinion).
    public var index: Int { StepID.allCases.firstIndex(of: self)! }

    /// Whether a cohort file may record a date for this step (isolation and recovery follow from other steps).
    public var isRecordable: Bool { self != .isolation && self != .recovery }

    public static func < (lhs: StepID, rhs: StepID) -> Bool { lhs.index < rhs.index }

    public var description: String { rawValue }
}
