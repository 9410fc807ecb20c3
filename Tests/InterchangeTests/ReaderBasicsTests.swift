import Calendrical
import Foundation
import Interchange
import Pathway
import Testing
import TestSupport

private let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
private let repositoryRoot = folder.deletingLastPathComponent().deletingLastPathComponent()

/// Reads cohort text, expecting errors; returns them as `LINE:COL code`.
private func errors(_ text: String, file: String = "cohort.yaml", directory: String = "") -> [String] {
    do {
        _ = try CohortReader().read(bytes: Array(text.utf8), file: file, directory: directory)
        return ["ok"]
    } catch {
        return error.errors.map { "\($0.location.line):\($0.location.column) \($0.code)" }
    }
}

@Suite struct ReaderBasicsTests {
    /// The shipped protocol file and the built-in protocol are the same protocol.
    @Test func shippedProtocolFileEqualsTheBuiltIn() throws {
        let proto = try ProtocolReader().read(contentsOf: repositoryRoot.appendingPathComponent("calendars/protocols/amsterdam-umc.yaml").path)
        #expect(proto == TreatmentProtocol.amsterdamUMC)
    }

    /// All-day DTEND is exclusive; CATEGORIES naming a resource closes only it; rules are expanded; a timed event
    /// closes the days it touches.
    @Test func closuresFromICS() throws {
        let closures = try ClosureImport.closures(fromICS: folder.appendingPathComponent("Fixtures/basic/closures.ics").path,
                                                  resources: TreatmentProtocol.amsterdamUMC.resources)
        let summary = closures.map { "\($0.from)…\($0.to) \($0.resources.map { $0.sorted().joined() } ?? "all") \($0.reason ?? "")" }.sorted()
        #expect(summary == [
            "2026-12-24…2026-12-26 all Kerst",                  // DTEND 27 Dec is exclusive
            "2027-01-04…2027-01-04 daycare-chairs Teamoverleg", // weekly, COUNT=3: 4, 11, 18 January
            "2027-01-11…2027-01-11 daycare-chairs Teamoverleg",
            "2027-01-18…2027-01-18 daycare-chairs Teamoverleg",
            "2027-02-15…2027-02-15 apheresis-machines Onderhoud",
            "2027-03-01…2027-03-02 all Storing",               // 22:00 to 02:00 touches both days
        ])
    }

    @Test func recordedDatesConfirmedAndASingleSession() throws {
        let cohort = try CohortReader().read(bytes: Array("""
            site: {name: T}
            patients:
              - id: P-1
                second-opinion: 2026-09-07
                mobilisation: 2026-11-05
                apheresis: 2026-11-10
                conditioning: {date: 2027-01-04, confirmed: true}
                language: en
            """.utf8), file: "c.yaml", directory: "")
        let patient = try #require(cohort.patients.first)
        #expect(patient.apheresisSessions == [day(2026, 11, 10)])
        #expect(patient.recorded[.conditioning] == .init(day(2027, 1, 4), confirmed: true))
        #expect(patient.recorded[.mobilisation]?.confirmed == false)
        #expect(patient.language == .en)
        #expect(cohort.treatmentProtocol == .amsterdamUMC)
        #expect(cohort.site.timeZone == "Europe/Amsterdam" && cohort.site.holidays == .netherlands)
    }

    @Test func syntaxErrorsAreLocated() {
        // A tab where indentation belongs: libyaml stops at line 3, column 1.
        #expect(errors("site: {name: T}\npatients:\n\t- id: P-1\n") == ["3:1 invalid_syntax"])
        // JSON that stops inside its list: libyaml reports the end of the input, line 1 after the 38 characters.
        // (JSON is read as YAML's flow style; trailing commas are refused separately, see CohortReaderTests.)
        #expect(errors(#"{"site": {"name": "T"}, "patients": ["#, file: "c.json").count == 1)
        #expect(errors(#"{"site": {"name": "T"}, "patients": ["#, file: "c.json").first?.hasSuffix("invalid_syntax") == true)
        // The same key twice: reported at the first of them (line 1).
        #expect(errors("site: {name: T}\nsite: {name: U}\npatients: []\n") == ["1:1 duplicate_key"])
        // Latin-1 bytes: not UTF-8, at line 2 column 10 (the é of 'Caf\u{e9}').
        let latin1: [UInt8] = Array("site: {name: T}\npatients: []\n# Caf".utf8) + [0xE9] + Array("\n".utf8)
        do {
            _ = try CohortReader().read(bytes: latin1, file: "c.yaml", directory: "")
            Issue.record("Latin-1 accepted")
        } catch {
            #expect(error.errors.map { "\($0.location.line):\($0.location.column) \($0.code)" } == ["3:6 invalid_syntax"])
        }
    }

    @Test func valueErrorsAreLocated() {
        let text = """
            site:
              name: T
              timezone: Europe/Amsterdm
              holidays: BE
              closures: [{from: 2026-12-27, to: 2026-12-24}, {from: 2026-12-24, to: 2026-12-26, resources: [beds]}]
            patients:
              - {id: P 1, second-opinion: 2026-09-07}
              - {id: P-2, second-opinion: 1850-01-01, language: de, bags: 0}
              - {id: P-3, second-opinion: 2026-09-07, mobilisation: 2026-11-05, apheresis: [2026-11-10, 2026-11-09]}
              - {id: P-3, second-opinion: 2026-09-07}
              - {id: P-4, second-opinion: 2026-09-07, apheresis: 2026-11-10}
              - {id: P-5}
            """
        // Columns count characters from 1: "  - {id: " is 9 characters, so a pseudonym starts at column 10.
        #expect(errors(text) == [
            "3:13 unknown_timezone",     // "  timezone: " is 12 characters
            "4:13 invalid_value",        // holidays: NL or none
            "5:37 out_of_order",         // the closure ends before it starts: at its 'to' value
            "5:97 unknown_resource",     // 'beds'
            "7:10 invalid_pseudonym",    // 'P 1'
            "8:31 date_out_of_range",    // 1850 ("  - {id: P-2, second-opinion: " is 30 characters)
            "8:53 invalid_value",        // language de
            "8:63 invalid_value",        // bags 0
            "9:93 out_of_order",         // the second session is before the first
            "10:5 duplicate_patient",    // P-3 again, at its entry
            "11:54 missing_key",         // sessions without a recorded mobilisation day 1, at the sessions' value
            "12:5 missing_key",          // no second opinion, at the patient's mapping
        ])
    }

    @Test func visitTimes() throws {
        let cohort = try CohortReader().read(bytes: Array("site: {name: T, times: {apheresis: \"07:30-13:30\"}}\npatients: []\n".utf8),
                                             file: "c.yaml", directory: "")
        #expect(cohort.site.times["apheresis"] == .init(fromMinutes: 7 * 60 + 30, toMinutes: 13 * 60 + 30))
        // "site: {name: T, times: {injection: " is 35 characters: the value starts at column 36.
        #expect(errors("site: {name: T, times: {injection: \"02:30-02:45\"}}\npatients: []\n") == ["1:36 invalid_value"])
        #expect(errors("site: {name: T, times: {injection: \"10:00-09:00\"}}\npatients: []\n") == ["1:36 out_of_order"])
        #expect(errors("site: {name: T, times: {injection: \"9-10\"}}\npatients: []\n") == ["1:36 invalid_value"])
        // All-day kinds have no time: "site: {name: T, times: {" is 24 characters.
        #expect(errors("site: {name: T, times: {admission: \"09:00-10:00\"}}\npatients: []\n") == ["1:25 unknown_key"])
    }

    @Test func unknownKeySuggestsTheNearestOne() throws {
        do {
            _ = try CohortReader().read(bytes: Array("site: {name: T}\npatients:\n  - {id: P-1, secnd-opinion: 2026-09-07}\n".utf8),
                                        file: "c.yaml", directory: "")
            Issue.record("accepted")
        } catch {
            let unknown = try #require(error.errors.first { $0.code == .unknownKey })
            #expect(unknown.message.contains("did you mean 'second-opinion'?"))
            #expect((unknown.location.line, unknown.location.column) == (3, 15))  // "  - {id: P-1, " is 14 characters
        }
    }
}
