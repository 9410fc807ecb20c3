import Calendrical

/// One end of a window: a number of days from an anchor, moved onto an open day.
///
/// The committee's answer comes 2–4 weeks after the second opinion S. Its earliest bound is
/// `Bound(after: Anchor(.secondOpinion), days: 14)`, read `open≥(S+14)`; its latest is
/// `Bound(after: Anchor(.secondOpinion), days: 28, snap: .previous)`, read `open≤(S+28)`.
/// With S = Monday 7 September 2026 these are Monday 21 September and Monday 5 October.
public struct Bound: Sendable, Hashable {
    /// Which way a closed day moves.
    public enum Snap: String, Sendable, Hashable, CaseIterable {
        /// To the next open day: `open≥`.
        case next
        /// To the previous open day: `open≤`.
        case previous
    }

    /// The date counted from.
    public var anchor: Anchor
    /// Days after the anchor (negative: before it).
    public var days: Int
    /// Where a closed day moves.
    public var snap: Snap
    /// When set, the bound applies only once the anchor step has a recorded date, and it does not make this step
    /// depend on the anchor (mobilisation starts after a *recorded* evaluation, while the evaluation's latest day is
    /// counted back from mobilisation).
    public var onlyIfRecorded: Bool

    /// A bound `days` after `anchor`.
    public init(after anchor: Anchor, days: Int, snap: Snap = .next, onlyIfRecorded: Bool = false) {
        self.anchor = anchor
        self.days = days
        self.snap = snap
        self.onlyIfRecorded = onlyIfRecorded
    }

    /// A bound `days` before `anchor`.
    public init(before anchor: Anchor, days: Int, snap: Snap = .previous) {
        self.init(after: anchor, days: -days, snap: snap)
    }

    /// `open≥(second-opinion+14)`, `open≤(mobilisation−1)`: the notation of `docs/clinical-rules.md`.
    public var formula: String {
        snap == .next ? "open≥(\(offsetText))" : "open≤(\(offsetText))"
    }
}
