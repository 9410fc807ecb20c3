import TestSupport
import Calendrical
import Capacity
import Pathway


let beds = TreatmentProtocol.Resource.isolationBeds
let chairs = TreatmentProtocol.Resource.daycareChairs
let machines = TreatmentProtocol.Resource.apheresisMachines

/// Every item of the eligibility checklist confirmed.
let eligible = Eligibility(answers: Dictionary(uniqueKeysWithValues: Eligibility.items.map { ($0.key, true) }))

/// A patient past the second opinion (Tue 1 Sep 2026) with mobilisation day 1 and the first apheresis recorded,
/// and optionally the admission. With S = 1 Sep the committee's earliest answer is open≥(S+14) = Tue 15 Sep, so any
/// day 1 from Tue 29 Sep on is inside its window.
func harvested(_ id: String, day1: CalendarDate, apheresis: CalendarDate, admission: CalendarDate? = nil) -> PatientRecord {
    var record = PatientRecord(id: id, secondOpinion: day(2026, 9, 1))
    record.record(.mobilisation, on: day1)
    record.apheresisSessions = [apheresis]
    if let admission { record.record(.conditioning, on: admission) }
    record.eligibility = eligible
    return record
}

func analysis(_ records: [PatientRecord], schedule: CapacitySchedule, now: CalendarDate,
              closures: [Closure] = []) throws -> CohortAnalysis {
    let planner = try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar(closures: closures))
    return CohortAnalysis(planner: planner, schedule: schedule, records: records, now: now)
}

/// "code subject from…to patients" per conflict, for whole-list comparisons.
func summary(_ conflicts: [CohortConflict]) -> [String] {
    conflicts.map { "\($0.code.rawValue) \($0.subject) \($0.from)…\($0.to) \($0.patients.joined(separator: ","))" }
}
