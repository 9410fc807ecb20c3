import Calendrical
import Pathway

/// Finds the earliest mobilisation day 1 and admission that fit every rule and every capacity for one patient,
/// with everyone else's bookings as they are planned, and says why each earlier day does not.
///
/// There is one search: the scheduler's (``CohortScheduler``, with this patient alone to place). Candidate days
/// start the day after `now` (nobody is booked for today) and at the planner's expected day 1 (the first fit after
/// the expected committee answer). A mobilisation day 1 fits when
/// - it is a first fit, as the planner would choose it: open for its resource (a day-care chair) with the harvest
///   days (5–7) all open;
/// - its bookings fit: a chair that day, a machine and the staff on the protocol's expected apheresis day (day 6),
///   and the patient is not away on any of those days;
/// - and an admission fits in the protocol's window after that harvest (21–56 days).
///
/// An admission fits when it is open for admissions, a bed is free on every day of the stay up to discharge
/// (expected in the expected view, D0+28 in the worst case), the staff are there and the patient is not away.
/// Recorded dates are kept: a patient with a recorded day 1 is only searched for an admission, and one with a
/// recorded admission gets the plan's own dates.
///
/// Every day passed over is a ``Slot/Rejection`` with its reason as a value, from the same search; days in a row
/// with the same reason form one. A worked case (see `SlotFinderTests`): two beds, both taken 4–30 January 2027;
/// a patient whose admission window opens on Monday 4 January gets Monday 1 February 2027, with the rejections
/// "isolation-beds full on that day (2 of 2)" for the weekdays and "closed for isolation-beds (weekend)" between.
public struct SlotFinder: Sendable {
    /// The analysis the patient is part of.
    public let analysis: CohortAnalysis
    /// Which reading of the other plans to fit against.
    public let view: DemandView
    /// How far ahead day 1 is searched (days after the first candidate).
    public var horizon = CohortScheduler.searchHorizon
    /// Everyone's bookings in `view`, when the caller has them already (the conflict finder asks for many slots).
    public var bookings: [[Booking]]?

    /// A finder.
    public init(analysis: CohortAnalysis, view: DemandView = .expected) {
        self.analysis = analysis
        self.view = view
    }

    /// The slot of patient number `index`: the scheduler's engine (``CohortScheduler``: the same first fit
    /// `ahsct schedule` uses, with this patient alone to place) gives the dates and, from the same search, the
    /// reasons each earlier day was passed over. The harvest and discharge come from planning the chosen dates.
    public func slot(for index: Int) throws(NoSlot) -> Slot {
        var scheduler = CohortScheduler(analysis: analysis)
        scheduler.horizon = horizon
        let record = analysis.records[index]
        guard let engine = scheduler.firstFit(for: index, view: view, bookings: bookings) else {
            return try recorded(index)
        }
        if let reason = engine.unfit { throw NoSlot(patient: record.id, reason: reason, rejections: engine.rejections) }
        var planned = record
        if let day1 = engine.day1 { planned.record(.mobilisation, on: day1) }
        planned.record(.conditioning, on: engine.admission)
        let plan = analysis.planner.plan(planned, now: analysis.now)
        guard let day1 = plan[.mobilisation]?.start.expected, let harvest = plan[.apheresis]?.start.expected,
              let discharge = plan[.discharge]?.start[view.chain] else {
            throw NoSlot(patient: record.id, reason: .noPlan, rejections: engine.rejections)
        }
        return Slot(patient: record.id, mobilisation: day1, mobilisationRecorded: engine.day1 == nil,
                    apheresis: harvest, admission: engine.admission, admissionRecorded: false, discharge: discharge,
                    rejections: engine.rejections)
    }

    /// A patient whose admission is recorded: nothing to choose; the slot is the plan's own dates.
    private func recorded(_ index: Int) throws(NoSlot) -> Slot {
        let record = analysis.records[index]
        let plan = analysis.plans[index]
        guard let day1 = plan[.mobilisation]?.start.expected, let harvest = plan[.apheresis]?.start.expected,
              let admission = plan[.conditioning]?.start.expected, let discharge = plan[.discharge]?.start[view.chain] else {
            throw NoSlot(patient: record.id, reason: .noPlan, rejections: [])
        }
        return Slot(patient: record.id, mobilisation: day1, mobilisationRecorded: record.recorded[.mobilisation] != nil,
                    apheresis: harvest, admission: admission, admissionRecorded: true, discharge: discharge,
                    rejections: [])
    }

    /// The slot of the patient with pseudonym `id`, or `nil` when there is no such patient.
    public func slot(for id: String) throws(NoSlot) -> Slot? {
        guard let index = analysis.records.firstIndex(where: { $0.id == id }) else { return nil }
        return try slot(for: index)
    }
}
