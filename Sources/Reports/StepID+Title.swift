import Pathway

extension StepID {
    /// What the step is, in a few plain English words (no diagnosis words: these may end up in titles).
    public var title: String {
        switch self {
        case .secondOpinion: return "Second-opinion visit"
        case .committeeAnswer: return "Visit with the committee's answer"
        case .evaluation: return "Pre-treatment evaluation (exam, blood tests, fertility preservation)"
        case .mobilisation: return "Mobilisation: infusion on day 1, then daily growth-factor injections"
        case .apheresis: return "Stem-cell collection (apheresis, 4–6 hours)"
        case .controlVisit: return "Control visit after the collection"
        case .conditioning: return "Admission: conditioning treatment"
        case .reinfusion: return "Return of the stem cells (day 0)"
        case .isolation: return "Isolation on the ward; blood counts Mon/Wed/Fri"
        case .discharge: return "Discharge home"
        case .recovery: return "Recovery at home, with outpatient checks"
        }
    }
}
