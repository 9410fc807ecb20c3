/// The steps of the aHSCT pathway, in treatment order, with the ids of `docs/clinical-rules.md`.
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
    public var index: Int {
        switch self {
        case .secondOpinion: return 0
        case .committeeAnswer: return 1
        case .evaluation: return 2
        case .mobilisation: return 3
        case .apheresis: return 4
        case .controlVisit: return 5
        case .conditioning: return 6
        case .reinfusion: return 7
        case .isolation: return 8
        case .discharge: return 9
        case .recovery: return 10
        }
    }

    /// Whether a cohort file may record a date for this step (isolation and recovery follow from other steps).
    public var isRecordable: Bool { self != .isolation && self != .recovery }

    public static func < (lhs: StepID, rhs: StepID) -> Bool { lhs.index < rhs.index }

    /// Hashes the position, not the raw string (plans look steps up in dictionaries millions of times).
    public func hash(into hasher: inout Hasher) { hasher.combine(index) }

    public var description: String { rawValue }
}
