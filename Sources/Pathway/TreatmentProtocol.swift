/// A treatment protocol: the resources a site has and, for every step of the pathway, how it is timed.
///
/// The built-in ``amsterdamUMC`` follows `CLINICAL-RULES.md`; a site with other habits copies
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

    /// The published session counts the default ``sessionOdds`` come from.
    public static let defaultSessionOdds = [0.77, 0.17, 0.06]

    /// A protocol.
    public init(name: String, resources: [String], steps: [StepRule],
                sessionOdds: [Double] = TreatmentProtocol.defaultSessionOdds) {
        self.name = name
        self.resources = resources
        self.steps = steps
        self.sessionOdds = sessionOdds
    }

    /// The rule of a step (every valid protocol has one per ``StepID``).
    public func rule(_ id: StepID) -> StepRule? { steps.first { $0.id == id } }
}
