import Pathway

/// Which reading of the plans the ledger counts.
public enum DemandView: String, Sendable, Hashable, CaseIterable {
    /// Every step on its expected dates.
    case expected
    /// Every step at the latest end of its window and every stay at its longest; tentative apheresis repeats held.
    case worstCase = "worst-case"

    /// The plan chain it reads.
    public var chain: Chain { self == .expected ? .expected : .latest }
}
