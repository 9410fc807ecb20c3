import Calendrical
import FHIR
import Foundation
import Interchange
import Pathway
import Testing
import TestSupport

/// The hand-written bundles against the example cohort (as of Sunday 22 November 2026): which facts each gives and
/// which resources it skips, and why. Each expected day is worked out from the bundle and the protocol.
@Suite struct FHIRImportTests {
    private func map(_ fixture: String, codeMap: StepCodeMap = StepCodeMap(),
                     today: CalendarDate = day(2026, 11, 22)) throws -> FHIRImport.Result {
        let cohort = try FixturePaths.cohort()
        let entries = try FHIRBundleReader(file: fixture, zone: cohort.site.timeZone)
            .read(try FixturePaths.bytes("import/\(fixture)"))
        return FHIRImport(site: cohort.site, codeMap: codeMap).map(entries, patients: cohort.patients, today: today)
    }

    private func facts(_ result: FHIRImport.Result) -> [String: [CohortFact]] {
        var out: [String: [CohortFact]] = [:]
        for (patient, facts) in result.facts { out[patient] = facts }
        return out
    }

    /// A booked appointment with the patient `accepted` is confirmed; 09:30–10:15 UTC in January is 10:30–11:15 in
    /// Amsterdam (UTC+1), on Tuesday 12 January 2027.
    @Test func bookedAndAcceptedIsConfirmedWithItsLocalTime() throws {
        let result = try map("appointment_booked_confirmed.json")
        #expect(result.skipped.isEmpty)
        #expect(facts(result) == ["P-0006": [.date(.secondOpinion, day(2027, 1, 12), confirmed: true, outcome: nil,
                                                   time: ClockSpan(text: "10:30-11:15"))]])
    }

    /// Two apheresis appointments for P-0008 (day 1 Thursday 19 November; harvest window M+4…M+6 = 23–25 November)
    /// are sessions: 07:00 UTC on the 24th is 08:00 that day, 23:30 UTC on the 24th is already 00:30 on the 25th in
    /// Amsterdam. The second participant (the machine, by type only) is not a patient and is passed over.
    @Test func apheresisAppointmentsAreSessions() throws {
        let result = try map("appointment_apheresis_sessions.json")
        #expect(result.skipped.isEmpty)
        #expect(facts(result) == ["P-0008": [.sessions([day(2026, 11, 24), day(2026, 11, 25)])]])
    }

    /// The stay of P-0003, finished, seen on Thursday 10 December: the start (09:00 on Monday 9 November, as
    /// recorded) is the admission, the end (Tuesday 1 December = D0 + 17, with D0 = A + 5 = 14 November) the
    /// discharge. The patient is found through the bundle's Patient (`Patient/hix-3`), whose hospital number is
    /// passed over for the site's pseudonym.
    @Test func finishedEncounterIsAdmissionAndDischarge() throws {
        let result = try map("encounter_finished.json", today: day(2026, 12, 10))
        #expect(result.skipped.isEmpty)
        #expect(facts(result) == ["P-0003": [
            .date(.conditioning, day(2026, 11, 9), confirmed: false, outcome: nil, time: nil),
            .date(.discharge, day(2026, 12, 1), confirmed: false, outcome: nil, time: nil),
        ]])
        #expect(result.placed.map(\.path) == ["Bundle.entry[1].resource", "Bundle.entry[1].resource.period.end"])
        // Seen on Sunday 22 November, a stay marked finished on 1 December has not ended yet.
        #expect(try map("encounter_finished.json").skipped.map(\.reason) == [.notYet])
    }

    /// The same stay in progress on Sunday 22 November: its end is the planned discharge, not one that happened.
    /// The admission is recorded; the end is skipped (`not_yet`), at the path of the end.
    @Test func anEncounterInProgressGivesNoDischarge() throws {
        let result = try map("encounter_stay.json")
        #expect(facts(result) == ["P-0003": [.date(.conditioning, day(2026, 11, 9), confirmed: false, outcome: nil, time: nil)]])
        #expect(result.skipped.map(\.reason) == [.notYet])
        #expect(result.skipped.first?.path == "Bundle.entry[1].resource.period.end")
        #expect(result.skipped.first?.detail == "the stay is in-progress: its end (2026-12-01) is planned, not a discharge")
    }

    /// P-0002 has no committee answer recorded: a date alone would say *approved*, and the appointment does not
    /// say what the committee decided. Skipped (`needs_outcome`); nothing is recorded.
    @Test func aCommitteeAnswerNeedsItsOutcome() throws {
        let result = try map("committee_answer_needs_outcome.json")
        #expect(result.facts.isEmpty)
        #expect(result.skipped.map(\.reason) == [.needsOutcome])
        #expect(result.skipped.first?.detail.contains("committee-answer 2026-11-20 --outcome approved|declined") == true)
        #expect(result.placed.isEmpty)
    }

    /// P-0001's evaluation is recorded as done on Tuesday 13 October; a fulfilled appointment on the 14th does not
    /// move it (`differs_from_record`).
    @Test func aStepDoneIsNotMoved() throws {
        let result = try map("evaluation_differs_from_record.json")
        #expect(result.facts.isEmpty)
        #expect(result.skipped.map(\.reason) == [.differsFromRecord])
    }

    /// P-0001's sessions are recorded on 10 and 11 November (M = Thursday 5 November, harvest window M+4…M+6); the
    /// hospital had one more on Monday 9 November (M+4), before them: all three are written in date order, in place
    /// of the list (appending would put the 9th after the 11th).
    @Test func anEarlierSessionIsWrittenInOrder() throws {
        let result = try map("apheresis_session_before_recorded.json")
        #expect(result.skipped.isEmpty)
        #expect(facts(result) == ["P-0001": [.sessionList([day(2026, 11, 9), day(2026, 11, 10), day(2026, 11, 11)])]])
    }

    /// Two appointments give P-0006's second opinion two days (Monday 11 and Tuesday 12 January 2027): neither is
    /// chosen; both are skipped, each at its own path.
    @Test func twoDaysForOneStepAreBothSkipped() throws {
        let result = try map("second_opinion_two_days.json")
        #expect(result.facts.isEmpty)
        #expect(result.skipped.map(\.reason) == [.conflictingDate, .conflictingDate])
        #expect(result.skipped.map(\.path) == ["Bundle.entry[1].resource", "Bundle.entry[2].resource"])
        #expect(result.placed.isEmpty)
    }

    /// A completed reinfusion on Saturday 14 November at 13:45 (D0 = A + 5 after the admission of 9 November).
    @Test func completedProcedureIsItsStep() throws {
        let result = try map("procedure_reinfusion.json")
        #expect(facts(result) == ["P-0003": [.date(.reinfusion, day(2026, 11, 14), confirmed: false, outcome: nil, time: nil)]])
    }

    /// The hospital's own code AFER-CONTROLE is the control visit only through the map: open≥(H+14) with H =
    /// Wednesday 11 November is Wednesday 25 November, booked 10:00–10:30.
    @Test func hospitalCodeMapsThroughTheMapFile() throws {
        let mapFile = FixturePaths.fixtures.appendingPathComponent("import/hospital-codes.map.yaml").path
        let codeMap = try StepCodeMap.read(mapFile)
        #expect(codeMap.entries.map(\.step) == [.controlVisit, .conditioning])
        let mapped = try map("mapped_hospital_code.json", codeMap: codeMap)
        #expect(facts(mapped) == ["P-0001": [.date(.controlVisit, day(2026, 11, 25), confirmed: true, outcome: nil,
                                                   time: ClockSpan(text: "10:00-10:30"))]])
        let unmapped = try map("mapped_hospital_code.json")
        #expect(unmapped.facts.isEmpty)
        #expect(unmapped.skipped.map(\.reason) == [.unmappedCode])
    }

    @Test func unknownPatientIsSkipped() throws {
        let result = try map("unknown_patient.json")
        #expect(result.facts.isEmpty)
        #expect(result.skipped.map(\.reason) == [.unknownPatient])
        #expect(result.skipped.first?.detail == "no patient P-0099 in the cohort")
        #expect(result.skipped.first?.location.line == 6)
    }

    @Test func cancelledAppointmentIsSkipped() throws {
        let result = try map("cancelled_appointment.json")
        #expect(result.facts.isEmpty)
        #expect(result.skipped.map(\.reason) == [.cancelled])
        #expect(result.skipped.first?.path == "Bundle.entry[0].resource")
    }

    /// A bad --map file is located like every other input file.
    @Test func badMapFileIsLocated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fhir-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("map.yaml")
        try Data("codes:\n  - {system: s, code: A, step: harvest}\n  - {system: s, code: A, step: apheresis}\n  - {system: s, code: A, step: apheresis}\n".utf8).write(to: file)
        let errors = problems { _ = try StepCodeMap.read(file.path) }
        #expect(errors.map(\.code) == [.invalidValue, .duplicateKey])
        #expect(errors.map(\.location.line) == [2, 4])
    }
}
