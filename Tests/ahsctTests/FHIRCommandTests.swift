import Foundation
import Testing

/// `ahsct fhir export` and `ahsct fhir import`, run as the built binary on copies of the example cohort.
@Suite struct FHIRCommandTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/FHIRTests/Fixtures")
    let example = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path

    /// A copy of the example cohort (and the calendars it imports), `cohort.yaml` rewritten by `edit`.
    private func copy(_ edit: (String) -> String = { $0 }) throws -> (folder: URL, cohort: URL) {
        let folder = try temporaryFolder()
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("calendars/example"),
                                         to: folder.appendingPathComponent("example"))
        let cohort = folder.appendingPathComponent("cohort.yaml")
        try Data(edit(try String(contentsOf: URL(fileURLWithPath: example), encoding: .utf8)).utf8).write(to: cohort)
        return (folder, cohort)
    }

    private func audit(_ folder: URL) -> [[String: Any]] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(".ahsct/audit.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func exportIsDeterministic() throws {
        let first = try AhsctRun(["fhir", "export", example, "--now", "2026-11-22"])
        let second = try AhsctRun(["fhir", "export", example, "--now", "2026-11-22"])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output == second.output)
        #expect(first.output.hasPrefix("{\n  \"resourceType\": \"Bundle\",\n"))
        #expect(!first.output.contains("de Vries"))
        let one = try AhsctRun(["fhir", "export", example, "--now", "2026-11-22", "--patient", "P-0003"])
        #expect(one.status == 0)
        #expect(one.output.contains("\"value\": \"P-0003\"") && !one.output.contains("\"value\": \"P-0001\""))
        let unknown = try AhsctRun(["fhir", "export", example, "--now", "2026-11-22", "--patient", "P-0099"])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("[unknown_patient]"))
    }

    /// The import of the finished stay of P-0003, on Thursday 10 December, writes the discharge (Tuesday
    /// 1 December) in one line, with one audit entry by `fhir-import:encounter_finished.json` (with --by: the
    /// person, then the import).
    @Test func importRecordsAndAudits() throws {
        let (folder, cohort) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = Self.fixtures.appendingPathComponent("import/encounter_finished.json").path
        let run = try AhsctRun(["fhir", "import", cohort.path, bundle, "--now", "2026-12-10"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("recorded P-0003 discharge: (none) → 2026-12-01  (line 60:16)\n"))
        #expect(try String(contentsOf: cohort, encoding: .utf8).contains("    conditioning: 2026-11-09\n    discharge: 2026-12-01\n"))
        let entries = audit(folder)
        #expect(entries.count == 1)
        #expect(entries.first?["user"] as? String == "fhir-import:encounter_finished.json")
        #expect(entries.first?["patient"] as? String == "P-0003")
        let again = try AhsctRun(["fhir", "import", cohort.path, bundle, "--now", "2026-12-10", "--by", "anna"])
        #expect(again.status == 0)
        #expect(again.output.hasPrefix("nothing to record"))
        #expect(audit(folder).count == 1)
        let procedure = Self.fixtures.appendingPathComponent("import/procedure_reinfusion.json").path
        #expect(try AhsctRun(["fhir", "import", cohort.path, procedure, "--now", "2026-12-10", "--by", "anna"]).status == 0)
        #expect(audit(folder).last?["user"] as? String == "anna (fhir-import:procedure_reinfusion.json)")
    }

    /// A dry run shows what would be written and writes nothing: no cohort change, no state folder.
    @Test func dryRunWritesNothing() throws {
        let (folder, cohort) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: cohort)
        let bundle = Self.fixtures.appendingPathComponent("import/appointment_apheresis_sessions.json").path
        let run = try AhsctRun(["fhir", "import", cohort.path, bundle, "--now", "2026-11-22", "--dry-run"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("would record P-0008 apheresis: [2026-11-24] → [2026-11-24, 2026-11-25]"))
        #expect(try Data(contentsOf: cohort) == before)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ahsct").path))
    }

    /// Skipped resources are listed with their reason; the exit status is 0 and the file unchanged.
    @Test(arguments: [("unknown_patient.json", "[unknown_patient]"), ("cancelled_appointment.json", "[cancelled]"),
                      ("mapped_hospital_code.json", "[unmapped_code]")])
    func skippedResourcesAreListed(_ fixture: String, _ reason: String) throws {
        let (folder, cohort) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: cohort)
        let run = try AhsctRun(["fhir", "import", cohort.path, Self.fixtures.appendingPathComponent("import/\(fixture)").path,
                                "--now", "2026-11-22"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("skipped Bundle.entry[0].resource (Appointment, line 6): "))
        #expect(run.output.contains(reason))
        #expect(try Data(contentsOf: cohort) == before)
    }

    @Test func mapFileMapsHospitalCodes() throws {
        let (folder, cohort) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AhsctRun(["fhir", "import", cohort.path,
                                Self.fixtures.appendingPathComponent("import/mapped_hospital_code.json").path,
                                "--map", Self.fixtures.appendingPathComponent("import/hospital-codes.map.yaml").path,
                                "--now", "2026-11-22"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("recorded P-0001 control-visit: (none) → {date: 2026-11-25, time: 10:00-10:30, confirmed: true}  (line 36:20)\n"))
    }

    /// Malformed bundles and a refused fact: exit 1, a located error, the cohort byte for byte as it was, no audit.
    @Test(arguments: [
        ("invalid/not_json_trailing_comma.json", ":6:3: error: ", "[invalid_syntax]"),
        ("invalid/not_a_bundle_patient.json", ":2:19: error: ", "[not_a_bundle]"),
        ("invalid/appointment_start_not_string.json", ":9:18: error: ", "at Bundle.entry[0].resource.start [wrong_type]"),
        ("invalid/appointment_unknown_status.json", ":8:19: error: ", "at Bundle.entry[0].resource.status [invalid_value]"),
        ("invalid/encounter_date_does_not_exist.json", ":11:29: error: ", "at Bundle.entry[0].resource.period.start [invalid_date]"),
        ("import/refused_out_of_order.json", "cohort.yaml:115:17: error: ", "[out_of_order]"),
    ])
    func badInputWritesNothing(_ fixture: String, _ place: String, _ ending: String) throws {
        let (folder, cohort) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: cohort)
        let run = try AhsctRun(["fhir", "import", cohort.path, Self.fixtures.appendingPathComponent(fixture).path,
                                "--now", "2026-11-22"])
        #expect(run.status == 1)
        #expect(run.errors.contains(place), "\(run.errors)")
        #expect(run.errors.contains(ending), "\(run.errors)")
        #expect(try Data(contentsOf: cohort) == before)
        #expect(audit(folder).isEmpty)
    }

    /// A session the hospital had before those recorded (P-0001, Monday 9 November; the cohort has 10 and 11
    /// November) is written with them in date order. A list written over several lines is refused, located, as
    /// `ahsct record` refuses it, and nothing is written.
    @Test func anEarlierSessionIsWrittenInOrder() throws {
        let bundle = Self.fixtures.appendingPathComponent("import/apheresis_session_before_recorded.json").path
        let (blockFolder, blockCohort) = try copy { text in
            text.replacingOccurrences(of: "    apheresis: [2026-11-10, 2026-11-11]\n",
                                      with: "    apheresis:\n      - 2026-11-10\n      - 2026-11-11\n")
        }
        defer { try? FileManager.default.removeItem(at: blockFolder) }
        let before = try Data(contentsOf: blockCohort)
        let refused = try AhsctRun(["fhir", "import", blockCohort.path, bundle, "--now", "2026-11-22"])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("cohort.yaml:36:7: error: 'apheresis' is written over several lines here"), "\(refused.errors)")
        #expect(try Data(contentsOf: blockCohort) == before && audit(blockFolder).isEmpty)

        let (folder, cohort) = try copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AhsctRun(["fhir", "import", cohort.path, bundle, "--now", "2026-11-22"])
        #expect(run.status == 0, "\(run.errors)")
        let written = try AhsctRun(["plan", cohort.path, "--now", "2026-11-22", "--patient", "P-0001", "--format", "json"])
        #expect(written.status == 0, "\(written.errors)")
        #expect(written.output.contains("2026-11-09"), "\(written.output)")
        let text = try String(contentsOf: cohort, encoding: .utf8)
        #expect(text.contains("apheresis: [2026-11-09, 2026-11-10, 2026-11-11]"), "\(text)")
        #expect(audit(folder).count == 1)
    }

    /// The round trip: the example's bundle imported into a copy without its recorded dates (the second opinion
    /// kept as a plain date: every plan needs one; the committee's answer kept: its outcome is not in the bundle,
    /// and the import records no answer without one) gives the same plans, step for step and conflict for conflict.
    @Test func roundTripGivesTheSamePlans() throws {
        let bundle = try AhsctRun(["fhir", "export", example, "--now", "2026-11-22"])
        #expect(bundle.status == 0)
        let (folder, stripped) = try copy(Self.withoutRecordedDates)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bundle.json")
        try Data(bundle.output.utf8).write(to: file)
        let before = try AhsctRun(["plan", stripped.path, "--now", "2026-11-22", "--format", "json"])
        let expected = try AhsctRun(["plan", example, "--now", "2026-11-22", "--format", "json"])
        #expect(before.output != expected.output)
        let run = try AhsctRun(["fhir", "import", stripped.path, file.path, "--now", "2026-11-22"])
        #expect(run.status == 0, "\(run.errors)")
        let after = try AhsctRun(["plan", stripped.path, "--now", "2026-11-22", "--format", "json"])
        #expect(after.output == expected.output)
        // A second import finds nothing to write.
        #expect(try AhsctRun(["fhir", "import", stripped.path, file.path, "--now", "2026-11-22"]).output.hasPrefix("nothing to record"))
    }

    /// The cohort without what the bundle carries: the recorded dates of every step but the second opinion, which
    /// becomes a plain date (its time and confirmation come back from the bundle), and the committee's answer.
    /// Fertility preservation, bags, checklists and periods away stay: a bundle does not carry them.
    static func withoutRecordedDates(_ text: String) -> String {
        let steps = ["evaluation", "mobilisation", "apheresis", "control-visit", "conditioning", "reinfusion", "discharge"]
        return text.components(separatedBy: "\n").compactMap { line -> String? in
            if steps.contains(where: { line.hasPrefix("    \($0): ") }) { return nil }
            if line.hasPrefix("    second-opinion: {"), let range = line.range(of: #"date: \d{4}-\d{2}-\d{2}"#, options: .regularExpression) {
                return "    second-opinion: " + line[range].dropFirst(6)
            }
            return line
        }.joined(separator: "\n")
    }
}
