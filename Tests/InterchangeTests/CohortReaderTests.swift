import Calendrical
import Capacity
import Foundation
import Interchange
import Pathway
import Testing
import TestSupport

/// The cohort fixtures: `Fixtures/cohorts/<name>.yaml|json`, each named after the mistake it pins.
///
/// A YAML fixture states what it expects in its first lines, `# expect: LINE:COL code` (one line per error, in the
/// order errors are reported) or `# expect: ok N` (N patients). A JSON fixture cannot hold comments, so its
/// expectation is in `<name>.json.expected`, the same lines without `# expect: ` (`#` lines there are comments).
/// An error located in another file (a protocol file, an `.ics`) is written `PATH:LINE:COL code`, with the path
/// relative to the fixture's folder. Lines and columns are 1-based; columns count Unicode scalars.
private enum CohortFixtures {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let folder = testsFolder.appendingPathComponent("Fixtures/cohorts")
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    /// Every fixture's file name (the files beside them, `.ics`, protocols and `.expected`, are not fixtures).
    static let names: [String] = {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return all.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }()

    /// The expectation lines of a fixture.
    static func expectation(of name: String) throws -> [String] {
        if name.hasSuffix(".json") {
            let text = try String(contentsOf: folder.appendingPathComponent(name + ".expected"), encoding: .utf8)
            return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        }
        // The header is read as bytes: one fixture is deliberately not UTF-8 after it.
        let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
        var lines: [String] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var text = String(decoding: line, as: UTF8.self)
            if lines.isEmpty, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            guard text.hasPrefix("# expect: ") else { break }
            lines.append(String(text.dropFirst("# expect: ".count)))
        }
        return lines
    }

    /// What reading a fixture gives: `ok N`, or its errors as `[PATH:]LINE:COL code`.
    static func outcome(of name: String) -> [String] {
        let path = folder.appendingPathComponent(name).path
        do {
            let cohort = try CohortReader().read(contentsOf: path)
            return ["ok \(cohort.patients.count)"]
        } catch {
            return error.errors.map { error in
                let file = error.location.file
                let place = file == path ? "" : (file.hasPrefix(folder.path + "/") ? String(file.dropFirst(folder.path.count + 1)) : file) + ":"
                return "\(place)\(error.location.line):\(error.location.column) \(error.code.rawValue)"
            }
        }
    }
}


@Suite struct CohortReaderTests {
    @Test func theCorpusIsThere() throws {
        #expect(CohortFixtures.names.count >= 30)
        for name in CohortFixtures.names {
            #expect(try !CohortFixtures.expectation(of: name).isEmpty, "\(name) states no expectation")
        }
    }

    /// Every fixture gives exactly the errors it states, in order, and nothing else.
    @Test(arguments: CohortFixtures.names)
    func fixture(_ name: String) throws {
        let expected = try CohortFixtures.expectation(of: name)
        try #require(!expected.isEmpty, "\(name) states no expectation")
        #expect(CohortFixtures.outcome(of: name) == expected, "\(name)")
    }

    /// The shipped protocol file is the built-in protocol, written out.
    @Test func shippedProtocolFileIsTheBuiltInProtocol() throws {
        let path = CohortFixtures.repositoryRoot.appendingPathComponent("calendars/protocols/amsterdam-umc.yaml").path
        let proto = try ProtocolReader().read(contentsOf: path)
        #expect(proto == TreatmentProtocol.amsterdamUMC)
        #expect(ProtocolReader.builtIn["amsterdam-umc"] == proto)
    }

    /// `session-odds` in a protocol file: read when they add up to 1; otherwise an error at the list (or at the
    /// value that is no probability), with the file's line and column.
    @Test func sessionOdds() throws {
        let shipped = CohortFixtures.repositoryRoot.appendingPathComponent("calendars/protocols/amsterdam-umc.yaml")
        let text = try String(contentsOf: shipped, encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("odds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func read(_ odds: String) -> Result<TreatmentProtocol, InputErrors> {
            let file = folder.appendingPathComponent("p.yaml")
            try? Data(text.replacingOccurrences(of: "session-odds: [0.77, 0.17, 0.06]", with: "session-odds: \(odds)").utf8)
                .write(to: file)
            return Result { () throws(InputErrors) in try ProtocolReader().read(contentsOf: file.path) }
        }
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("session-odds:") }.map { $0 + 1 } ?? 0
        #expect(try read("[0.5, 0.5]").get().sessionOdds == [0.5, 0.5])
        for (odds, column) in [("[0.5, 0.4]", 15), ("[]", 15), ("[0.5, lots]", 21), ("[1.5]", 16)] {
            guard case let .failure(errors) = read(odds) else {
                Issue.record("\(odds) was accepted")
                continue
            }
            #expect(errors.errors.map { "\($0.location.line):\($0.location.column) \($0.code)" } == ["\(line):\(column) invalid_value"], "\(odds)")
        }
    }

    /// `Fixtures/cohorts/closures/ward.ics`, by hand: an all-day event over 24–26 December (its DTEND, 27 December,
    /// is exclusive) closes the site; CATEGORIES naming a resource closes only it; a weekly rule on Wednesdays from
    /// 6 January until 27 January 2027 closes four days; CATEGORIES that is no resource ('Afdeling') closes the
    /// site, and an all-day event without DTEND closes its one day.
    @Test func closuresImportedFromICS() throws {
        let path = CohortFixtures.folder.appendingPathComponent("closures/ward.ics").path
        let closures = try ClosureImport.closures(fromICS: path, resources: TreatmentProtocol.amsterdamUMC.resources)
        let chairs: Set<String> = ["daycare-chairs"]
        let expected: Set<Closure> = [
            Closure(from: day(2026, 12, 24), to: day(2026, 12, 26), resources: nil, reason: "Kerstsluiting"),
            Closure(from: day(2027, 2, 15), to: day(2027, 2, 15), resources: ["apheresis-machines"], reason: "Onderhoud aferese"),
            Closure(from: day(2027, 1, 6), to: day(2027, 1, 6), resources: chairs, reason: "Teamoverleg dagbehandeling"),
            Closure(from: day(2027, 1, 13), to: day(2027, 1, 13), resources: chairs, reason: "Teamoverleg dagbehandeling"),
            Closure(from: day(2027, 1, 20), to: day(2027, 1, 20), resources: chairs, reason: "Teamoverleg dagbehandeling"),
            Closure(from: day(2027, 1, 27), to: day(2027, 1, 27), resources: chairs, reason: "Teamoverleg dagbehandeling"),
            Closure(from: day(2027, 3, 1), to: day(2027, 3, 1), resources: nil, reason: "Heidag"),
        ]
        #expect(closures.count == expected.count)
        #expect(Set(closures) == expected)

        // Through a cohort file: the closure written inline first, then the imported ones.
        let cohort = try CohortReader().read(contentsOf: CohortFixtures.folder.appendingPathComponent("valid_closures_ics.yaml").path)
        #expect(cohort.site.closures.first == Closure(from: day(2027, 5, 14), to: day(2027, 5, 14),
                                                      resources: ["isolation-beds"], reason: "Verhuizing"))
        #expect(Set(cohort.site.closures.dropFirst()) == expected)
        #expect(cohort.site.closures.count == 1 + expected.count)
    }

    @Test func confirmedDateIsReadAsConfirmed() throws {
        let cohort = try read("""
            site: {name: Test ward}
            patients:
              - id: P-0001
                second-opinion: 2026-09-07
                mobilisation: 2026-11-05
                conditioning: {date: 2027-01-04, confirmed: true}
                discharge: {date: 2027-02-01, confirmed: false}
            """)
        let patient = try #require(cohort.patients.first)
        #expect(patient.recorded[.conditioning] == PatientRecord.Recorded(day(2027, 1, 4), confirmed: true))
        #expect(patient.recorded[.discharge] == PatientRecord.Recorded(day(2027, 2, 1), confirmed: false))
        #expect(patient.recorded[.mobilisation] == PatientRecord.Recorded(day(2026, 11, 5), confirmed: false))
    }

    @Test func singleApheresisDateIsOneSession() throws {
        let cohort = try read("""
            site: {name: Test ward}
            patients:
              - id: P-0001
                second-opinion: 2026-09-07
                mobilisation: 2026-11-05
                apheresis: 2026-11-10
              - {id: P-0002, second-opinion: 2026-09-07, mobilisation: 2026-11-05, apheresis: [2026-11-10, 2026-11-11]}
            """)
        #expect(cohort.patients.map(\.apheresisSessions) == [[day(2026, 11, 10)], [day(2026, 11, 10), day(2026, 11, 11)]])
    }

    @Test func unknownKeySuggestsTheNearestKey() throws {
        let errors = try #require(inputErrors(of: "unknown_key_secnd_opinion.yaml"))
        let unknown = try #require(errors.first { $0.code == .unknownKey })
        #expect(unknown.message.contains("unknown key 'secnd-opinion'"))
        #expect(unknown.message.contains("did you mean 'second-opinion'?"))
        // A key far from every allowed key gets no suggestion, only the list.
        let far = try #require(inputErrors(ofText: "site: {name: T}\npatients:\n  - {id: P-1, second-opinion: 2026-09-07, weight: 70}\n"))
        #expect(far.map(\.code) == [.unknownKey])
        #expect(!far[0].message.contains("did you mean") && far[0].message.contains("expected one of: id, name"))
    }

    @Test func errorsPrintLikeACompiler() throws {
        let errors = try #require(inputErrors(of: "date_2026_02_30.yaml"))
        #expect(errors.count == 1)
        #expect(errors[0].description.hasSuffix(
            "date_2026_02_30.yaml:6:21: error: day 30 does not exist in February 2026; expected the second-opinion date as a real date YYYY-MM-DD [invalid_date]"))
    }

    @Test func aFileWithNoBytesIsEmpty() throws {
        let errors = try #require(inputErrors(ofText: ""))
        #expect(errors.map { "\($0.location.line):\($0.location.column) \($0.code)" } == ["1:1 missing_key"])
    }

    @Test func unclosedMappingSaysWhereItOpened() throws {
        let errors = try #require(inputErrors(of: "unclosed_flow_mapping.yaml"))
        #expect(errors.first?.message.contains("flow mapping that starts at line 5, column 5") == true)
    }

    @Test func trailingCommaIsAllowedInYAMLOnly() throws {
        // The same flow text is fine as YAML: only a .json file must be JSON.
        let text = #"{"site": {"name": "Test ward"}, "patients": [{"id": "P-1", "second-opinion": "2026-09-07"},]}"#
        #expect(try read(text, file: "cohort.yaml").patients.count == 1)
        #expect(inputErrors(ofText: text, file: "cohort.json")?.map(\.code) == [.invalidSyntax])
        // A comma or bracket inside a string is text.
        let quoted = #"{"site": {"name": "Ward [A, ]", "contacts": {"urgent": "020 \" ,}"}}, "patients": []}"#
        #expect(try read(quoted, file: "cohort.json").site.name == "Ward [A, ]")
    }

    // MARK: Helpers

    private func read(_ text: String, file: String = "cohort.yaml") throws(InputErrors) -> Cohort {
        try CohortReader().read(bytes: Array(text.utf8), file: file, directory: CohortFixtures.folder.path)
    }

    /// The errors of a fixture, or `nil` (and a recorded issue) when it is accepted.
    private func inputErrors(of name: String) -> [InputError]? {
        do {
            _ = try CohortReader().read(contentsOf: CohortFixtures.folder.appendingPathComponent(name).path)
            Issue.record("\(name) was accepted")
            return nil
        } catch {
            return error.errors
        }
    }

    private func inputErrors(ofText text: String, file: String = "cohort.yaml") -> [InputError]? {
        do {
            _ = try read(text, file: file)
            Issue.record("accepted: \(text)")
            return nil
        } catch {
            return error.errors
        }
    }
}

@Suite struct StaffReaderTests {
    /// `Fixtures/cohorts/valid_staff.yaml`, by hand: the roles in file order; apheresis needs one nurse, conditioning
    /// a doctor and a nurse; absences from `closures/leave.ics`: a nurse away 28 December – 4 January (DTEND
    /// 5 January is exclusive) and a doctor on two Mondays, 11 and 18 January 2027 (weekly, COUNT=2, CATEGORIES
    /// names the role); from `closures/leave_doctors.ics` (no CATEGORIES, role given in the site file) a doctor away
    /// 4–5 January. The committee meets on Thursdays, 4 cases; capacity changes on a role and on the committee.
    @Test func staffCommitteeAndAbsences() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/cohorts/valid_staff.yaml").path
        let cohort = try CohortReader().read(contentsOf: path)
        let schedule = cohort.site.capacity
        #expect(schedule.roles == [.init(resource: "apheresis-nurses", capacity: 2), .init(resource: "ward-doctors", capacity: 3)])
        #expect(Set(schedule.needs) == [.init(step: .apheresis, role: "apheresis-nurses", count: 1),
                                        .init(step: .conditioning, role: "ward-doctors", count: 1),
                                        .init(step: .conditioning, role: "apheresis-nurses", count: 1)])
        #expect(Set(schedule.absences) == [
            .init(role: "apheresis-nurses", from: day(2026, 12, 28), to: day(2027, 1, 4), reason: "Verlof"),
            .init(role: "ward-doctors", from: day(2027, 1, 11), to: day(2027, 1, 11), reason: "Cursus"),
            .init(role: "ward-doctors", from: day(2027, 1, 18), to: day(2027, 1, 18), reason: "Cursus"),
            .init(role: "ward-doctors", from: day(2027, 1, 4), to: day(2027, 1, 5), reason: "Congres"),
        ])
        #expect(schedule.committee == .init(weekday: .thursday, cases: 4))
        // On 28 December: the holiday rota (1 nurse) and one nurse away → none there; the committee is closed too.
        #expect(schedule.available(of: "apheresis-nurses", on: day(2026, 12, 28)) == 0)
        #expect(schedule.available(of: "apheresis-nurses", on: day(2027, 1, 2)) == 1)  // rota over, still one away
        #expect(schedule.available(of: "apheresis-nurses", on: day(2027, 1, 5)) == 2)
        #expect(schedule.capacity(of: "committee", on: day(2026, 12, 31)) == 0)
        // 4 January: the congress; 11 January: the course (one doctor each).
        #expect(schedule.available(of: "ward-doctors", on: day(2027, 1, 4)) == 2)
        #expect(schedule.available(of: "ward-doctors", on: day(2027, 1, 11)) == 2)
        #expect(cohort.patients.first?.eligibility?.open == ["second-line-6-months", "relapses-despite-therapy",
                                                              "new-mri-lesions", "not-pregnant", "age-18-55"])
    }

    /// An absence imported from `.ics` makes a `staff_unavailable` conflict, and nothing else fires (see the fixture).
    @Test func absenceFromICSMakesAStaffConflict() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/cohorts/valid_staff_absence_conflict.yaml").path
        let cohort = try CohortReader().read(contentsOf: path)
        let analysis = CohortAnalysis(planner: try cohort.planner(), schedule: cohort.site.capacity,
                                      records: cohort.patients, now: day(2026, 12, 1))
        let conflicts = ConflictFinder(analysis: analysis).conflicts()
        #expect(conflicts.map { "\($0.code.rawValue) \($0.subject) \($0.from)…\($0.to) \($0.patients)" }
                == ["staff_unavailable apheresis-nurses 2026-12-29…2026-12-29 [\"P-0001\"]"])
    }
}
