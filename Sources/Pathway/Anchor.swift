/// A date of another step that a rule counts from: its start, or its end.
///
/// `apheresis.end` is the last apheresis session (the harvest, H in `docs/clinical-rules.md`); `second-opinion` is the
/// day of the second-opinion visit.
public struct Anchor: Sendable, Hashable, CustomStringConvertible {
    /// Which date of the step.
    public enum Point: String, Sendable, Hashable {
        case start, end
    }

    /// The step counted from.
    public var step: StepID
    /// Its start or its end.
    public var point: Point

    /// An anchor; the start unless said otherwise.
    public init(_ step: StepID, _ point: Point = .start) {
        self.step = step
        self.point = point
    }

    /// `second-opinion`, `apheresis.end`: the spelling protocol files use.
    public var description: String { point == .start ? step.rawValue : "\(step.rawValue).end" }

    /// Reads the spelling of ``description``; `nil` for an unknown step or point.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let step = StepID(rawValue: String(parts[0])) else { return nil }
        if parts.count == 2 {
            guard let point = Point(rawValue: String(parts[1])) else { return nil }
            self.init(step, point)
        } else {
            self.init(step)
        }
    }
}
