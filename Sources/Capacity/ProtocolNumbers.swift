import Pathway

extension TreatmentProtocol {
    /// The days of mobilisation the harvest falls on (5…7 in the built-in protocol), as this protocol states them;
    /// a protocol whose apheresis is not a "day n of" rule borrows the built-in protocol's.
    public var harvestDays: ClosedRange<Int> {
        Self.harvestDays(of: self) ?? Self.harvestDays(of: .amsterdamUMC) ?? 5...7
    }

    /// The days after the harvest the admission falls in (21…56, three to eight weeks, in the built-in protocol);
    /// a protocol whose admission is not a window borrows the built-in protocol's.
    public var admissionDays: ClosedRange<Int> {
        Self.admissionDays(of: self) ?? Self.admissionDays(of: .amsterdamUMC) ?? 21...56
    }

    private static func harvestDays(of rules: TreatmentProtocol) -> ClosedRange<Int>? {
        guard case let .dayOf(_, first, _, last, _) = rules.rule(.apheresis)?.start, first <= last else { return nil }
        return first...last
    }

    private static func admissionDays(of rules: TreatmentProtocol) -> ClosedRange<Int>? {
        guard case let .window(earliest, _, latest) = rules.rule(.conditioning)?.start, earliest.days <= latest.days
        else { return nil }
        return earliest.days...latest.days
    }
}
