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
        public var reason: Reason

        /// Why a day does not fit, as values; days with equal reasons in a row form one rejection.
        public enum Reason: Sendable, Hashable {
            /// Closed for `resource` (`nil`: visits).
            case closed(resource: String?, ClosedReason)
            /// Not a first fit: the harvest days (`days` of mobilisation) are not all open.
            case harvestDaysNotOpen(days: ClosedRange<Int>)
            /// The plan puts the harvest on none of its open days (`days` of mobilisation).
            case noHarvestDayOpen(days: ClosedRange<Int>)
            /// Before fertility preservation.
            case beforeFertilityPreservation
            /// Before the first possible day 1.
            case beforeFirstPossibleDayOne
            /// `step` falls outside its window.
            case outsideWindow(StepID)
            /// A longer stay than usual.
            case longerStay
            /// No admission fits `window` days after a harvest on day `harvestDay` of mobilisation.
            case noAdmissionAfterHarvest(harvestDay: Int, window: ClosedRange<Int>)
            /// `resource` is full on `day` (`nil`: the day tried itself): `taken` booked of `available`, with
            /// `scheduled` staff when some of them are away.
            case full(resource: String, day: CalendarDate?, taken: Int, available: Int, scheduled: Int)
            /// The patient is away from `from` to `to`.
            case away(from: CalendarDate, to: CalendarDate)
            /// The admission would raise the chance of an over-full bed day above `limit`.
            case aboveRiskLimit(limit: Double)
        }

        /// A rejection.
        public init(step: StepID, from: CalendarDate, to: CalendarDate, reason: Reason) {
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
    /// What could not be found, as values (`noAdmissionAfterHarvest`: no admission fits in the protocol's window
    /// after the harvest on Tuesday 24 November 2026 — 3–8 weeks in the built-in protocol).
    public var reason: Reason
    /// Why the days tried failed.
    public var rejections: [Slot.Rejection]

    /// Why no slot was found. `window` is in days after the harvest (21…56: three to eight weeks).
    public indirect enum Reason: Sendable, Hashable {
        /// The plan has no mobilisation or discharge.
        case noPlan
        /// No harvest on `days` after the recorded day 1 `dayOne` fits.
        case noHarvestAfterRecordedDayOne(dayOne: CalendarDate, days: ClosedRange<Int>)
        /// No admission fits `window` after the harvest on `harvest`.
        case noAdmissionAfterHarvest(harvest: CalendarDate, window: ClosedRange<Int>)
        /// No mobilisation day 1 and admission fit up to `day` (the search horizon).
        case nothingUpTo(CalendarDate)
        /// No day 1 within `days` days of `from` leaves `resource` room for the whole stay `window` after the harvest.
        case noRoomWithin(days: Int, from: CalendarDate, resource: String, window: ClosedRange<Int>)
        /// `resource` has no room for the whole stay on any admission day `window` after the harvest.
        case noRoomForStay(resource: String, window: ClosedRange<Int>)
        /// The admission window after the harvest on `harvest` has passed.
        case windowPassed(harvest: CalendarDate, window: ClosedRange<Int>)
        /// `reason`, and the admissions that fit would raise the chance of an over-full bed day above `limit`.
        case aboveRiskLimit(Reason, limit: Double)

        /// A stable code, for scripts: `no_plan`, `no_harvest_day`, `no_admission`, `horizon_reached`, `no_room`,
        /// `window_passed`, or the inner reason's code with `+risk_limit`.
        public var code: String {
            switch self {
            case .noPlan: "no_plan"
            case .noHarvestAfterRecordedDayOne: "no_harvest_day"
            case .noAdmissionAfterHarvest: "no_admission"
            case .nothingUpTo: "horizon_reached"
            case .noRoomWithin, .noRoomForStay: "no_room"
            case .windowPassed: "window_passed"
            case .aboveRiskLimit(let inner, _): inner.code + "+risk_limit"
            }
        }
    }

    /// No slot.
    public init(patient: String, reason: Reason, rejections: [Slot.Rejection]) {
        self.patient = patient
        self.reason = reason
        self.rejections = rejections
    }

    public var description: String { "\(patient): no slot [\(reason.code)]" }
}
