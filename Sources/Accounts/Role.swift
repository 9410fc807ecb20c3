/// What a console account may do.
///
/// A viewer sees the cohort with pseudonyms (P-0003) and no forms: a ward planner checking capacity. A coordinator
/// also sees names and changes things: records what happened, issues and revokes feeds.
public enum Role: String, Codable, Sendable, Hashable, CaseIterable {
    case coordinator
    case viewer

    /// Whether this role may change the cohort and its feeds.
    public var canChange: Bool { self == .coordinator }
    /// Whether this role sees patients' names (else only pseudonyms).
    public var seesNames: Bool { self == .coordinator }
}
