/// The coordinator's eligibility checklist (not a medical decision): which criteria have been confirmed.
///
/// The criteria are those of `docs/clinical-rules.md` ("What the conflict report checks"); an item not answered, or
/// answered `false`, is open. A patient with open items and no mobilisation day 1 behind them is an
/// `eligibility_incomplete` conflict.
/// ```swift
/// let checklist = Eligibility(answers: ["relapsing-remitting": true, "not-pregnant": true])
/// checklist.open  // ["second-line-6-months", "relapses-despite-therapy", "new-mri-lesions", "age-18-55"]
/// ```
public struct Eligibility: Sendable, Hashable {
    /// The checklist's items, in order: key and what it asks.
    public static let items: [(key: String, text: String)] = [
        ("relapsing-remitting", "relapsing-remitting course confirmed"),
        ("second-line-6-months", "at least 6 months on an effective second-line therapy"),
        ("relapses-despite-therapy", "relapses despite that therapy"),
        ("new-mri-lesions", "new lesions on MRI"),
        ("not-pregnant", "not pregnant or breastfeeding"),
        ("age-18-55", "aged 18 to 55 (Zorginstituut position, 13 December 2022)"),
    ]

    /// The answers given, by item key.
    public var answers: [String: Bool]

    /// A checklist.
    public init(answers: [String: Bool] = [:]) { self.answers = answers }

    /// The items not yet confirmed, in checklist order.
    public var open: [String] { Self.items.map(\.key).filter { answers[$0] != true } }
}
