import Calendrical
import Pathway

/// The earliest dates that fit one patient, given everyone else's plan: the answer to "when can we start?".
public struct Slot: Sendable, Hashable {
    /// A run of candidate days that were tried and did not fit, and why.
    public struct Rejection: Sendable, Hashable {
        /// The step whose day was tried (`mobilisation` or `conditioning`).
        public var step: StepID
        /// First day of the run.
        public var from: CalendarDate
        /// Last day of the run (included).
        public var to: CalendarDate
        /// Why those days do not fit.
        public var reason: String

        /// A rejection.
        public init(step: StepID, from: CalendarDate, to: CalendarDate, reason: String) {
            self.step = step
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    /// The patient (pseudonym).
    public var patient: String
    /// Mobilisation day 1.
    public var mobilisation: CalendarDate
    /// Whether mobilisation day 1 was already recorded (not searched).
    public var mobilisationRecorded: Bool
    /// The first apheresis day.
    public var apheresis: CalendarDate
    /// The admission day (conditioning day 1).
    public var admission: CalendarDate
    /// Whether the admission was already recorded (not searched).
    public var admissionRecorded: Bool
    /// The discharge the stay was checked up to (expected, or latest in the worst case).
    public var discharge: CalendarDate
    /// The earlier days tried, grouped into runs with one reason each, in order.
    public var rejections: [Rejection]

    /// A slot.
    public init(patient: String, mobilisation: CalendarDate, mobilisationRecorded: Bool, apheresis: CalendarDate,
                admission: CalendarDate, admissionRecorded: Bool, discharge: CalendarDate, rejections: [Rejection]) {
        self.patient = patient
        self.mobilisation = mobilisation
        self.mobilisationRecorded = mobilisationRecorded
        self.apheresis = apheresis
        self.admission = admission
        self.admissionRecorded = admissionRecorded
        self.discharge = discharge
        self.rejections = rejections
    }
}

/// No slot was found for a patient within the search horizon.
public struct NoSlot: Error, Sendable, Hashable, CustomStringConvertible {
    /// The patient.
    public var patient: String
    /// What could not be found (`no admission fits 3–8 weeks after the harvest on Tuesday 24 November 2026`).
    public var reason: String
    /// Why the days tried failed.
    public var rejections: [Slot.Rejection]

    /// No slot.
    public init(patient: String, reason: String, rejections: [Slot.Rejection]) {
        self.patient = patient
        self.reason = reason
        self.rejections = rejections
    }

    public var description: String { "\(patient): \(reason)" }
}
