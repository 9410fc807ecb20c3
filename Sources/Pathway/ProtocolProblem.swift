/// Something that makes a protocol unusable, found by ``TreatmentProtocol/problems()``.
///
/// A problem names the step and the field it is about, so a file reader can point at the line that holds it:
/// `site-protocol.yaml:41:16: error: the window's earliest (apheresis.end+60) is after its latest
/// (apheresis.end+56) [window_inverted]`.
public struct ProtocolProblem: Sendable, Hashable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A step listed twice.
        case duplicateStep = "duplicate_step"
        /// A step of the pathway is not in the protocol.
        case missingStep = "missing_step"
        /// A step needs its own date, directly or through other steps.
        case dependencyCycle = "dependency_cycle"
        /// A resource the protocol does not list.
        case unknownResource = "unknown_resource"
        /// A window, a day range or a month range whose earliest is after its latest.
        case windowInverted = "window_inverted"
        /// A number out of its range (a duration of 0 days, a negative count).
        case invalidNumber = "invalid_number"
        /// A rule that refers to a step of the wrong kind (a first-fit harvest that is not a `dayOf` step on it).
        case invalidReference = "invalid_reference"
    }

    /// The code.
    public var code: Code
    /// The step concerned.
    public var step: StepID
    /// The field of the step concerned (`earliest`, `resource`, `end`…), or `nil` for the step as a whole.
    public var field: String?
    /// What is wrong and what was expected.
    public var message: String

    /// A problem.
    public init(code: Code, step: StepID, field: String? = nil, message: String) {
        self.code = code
        self.step = step
        self.field = field
        self.message = message
    }

    public var description: String { "\(step)\(field.map { ".\($0)" } ?? ""): \(message) [\(code.rawValue)]" }
}
