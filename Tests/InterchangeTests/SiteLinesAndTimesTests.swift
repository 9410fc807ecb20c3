import Calendrical
import Capacity
import Foundation
import Interchange
import Pathway
import Reports
import Testing
import TestSupport

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cohorts")

private func read(_ text: String) throws(InputErrors) -> Cohort {
    try CohortReader().read(bytes: Array(text.utf8), file: "cohort.yaml", directory: fixtures.path)
}

/// What reading a cohort gives: `ok`, or its errors as `LINE:COL code`.
private func outcome(_ text: String) -> [String] {
    do {
        _ = try read(text)
        return ["ok"]
    } catch {
        return error.errors.map { "\($0.location.line):\($0.location.column) \($0.code)" }
    }
}

/// Issue 22: the ward's line that answers day and night, the departments' names, the site's hours and the time
/// booked for a recorded date — what the reader keeps (the refusals are fixtures in `Fixtures/cohorts`).
@Suite struct SiteLinesAndTimesTests {
    /// `valid_site_lines_departments_times.yaml`, value by value: 570 minutes is 09:30, 840–870 is 14:00–14:30,
    /// 1380–1439 is 23:00–23:59; the site's hours end at 02:00 (120) and start at 03:00 (180).
    @Test func everyNewKeyIsRead() throws {
        let cohort = try CohortReader().read(contentsOf: fixtures.appendingPathComponent("valid_site_lines_departments_times.yaml").path)
        let site = cohort.site
        #expect(site.contacts == Site.Contacts(urgent: "020 444 07 75", outOfHours: "020 444 44 44", ward: "+31 20 444 55 55"))
        #expect(site.departments == [.outpatientClinic: "Polikliniek Neurologie", .dayCare: "Dagbehandeling 3B",
                                     .apheresisUnit: "Aferese", .haematologyWard: "Afdeling Hematologie (6C)"])
        #expect(site.times == ["apheresis": ClockSpan(fromMinutes: 480, toMinutes: 840),
                               "home-check": ClockSpan(fromMinutes: 180, toMinutes: 210),
                               "evaluation": ClockSpan(fromMinutes: 60, toMinutes: 120)])
        let first = try #require(cohort.patients.first)
        #expect(first.recorded[.secondOpinion] == PatientRecord.Recorded(day(2026, 9, 7), time: ClockSpan(fromMinutes: 570)))
        #expect(first.recorded[.committeeAnswer] == PatientRecord.Recorded(day(2026, 10, 1), time: ClockSpan(fromMinutes: 840, toMinutes: 870)))
        #expect(first.committeeOutcome == .approved)
        #expect(first.recorded[.evaluation] == PatientRecord.Recorded(day(2026, 10, 13), confirmed: true,
                                                                       time: ClockSpan(fromMinutes: 1380, toMinutes: 1439)))
        #expect(first.recorded[.mobilisation]?.time == nil)
        #expect(cohort.patients[1].recorded[.mobilisation] == PatientRecord.Recorded(day(2027, 1, 7), proposed: true))
        #expect(site.warnings.isEmpty)
    }

    /// `haematology` is the older name of `haematology-ward`: the same line, read into the same place.
    @Test func theOlderNameOfTheWardLineReadsTheSame() throws {
        let older = try read("site: {name: T, contacts: {haematology: \"020 444 55 55\"}}\npatients: []\n")
        let newer = try read("site: {name: T, contacts: {haematology-ward: \"020 444 55 55\"}}\npatients: []\n")
        #expect(older.site.contacts.ward == "020 444 55 55")
        #expect(older.site.contacts == newer.site.contacts)
        // Both, in either order: refused at the second key (column 46 follows `…contacts: {haematology: "1", `).
        #expect(outcome("site: {name: T, contacts: {haematology: \"1\", haematology-ward: \"2\"}}\npatients: []\n")
                == ["1:46 invalid_value"])
        #expect(outcome("site: {name: T, contacts: {haematology-ward: \"1\", haematology: \"2\"}}\npatients: []\n")
                == ["1:51 invalid_value"])
    }

    /// Phone numbers stay as written (spaces, `+`, dashes, an extension), but hold a digit and no control character.
    @Test(arguments: [("020 444 11 60", true), ("+31 (0)20-444 1160 ext. 12", true), ("112", true),
                      ("ask the ward", false), ("020\u{7}444", false), ("020 444\u{85}11", false)])
    func phoneNumbers(_ number: String, _ accepted: Bool) throws {
        let escaped = number.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
            ? "\\u\(String(repeating: "0", count: 4 - String($0.value, radix: 16).count))\(String($0.value, radix: 16))" : String($0) }.joined()
        let text = "site: {name: T, contacts: {urgent: \"\(escaped)\"}}\npatients: []\n"
        if accepted {
            #expect(try read(text).site.contacts.urgent == number)
        } else {
            #expect(outcome(text) == ["1:36 invalid_value"], "\(number)")
        }
    }

    /// An unknown department gets the reader's usual message, with the four departments.
    @Test func unknownDepartmentListsTheFour() throws {
        do {
            _ = try read("site: {name: T, departments: {daycare: Dagbehandeling}}\npatients: []\n")
            Issue.record("an unknown department was accepted")
        } catch {
            #expect(error.errors.map(\.code) == [.unknownKey])
            #expect(error.errors.first?.message == "unknown key 'daycare' in the departments; did you mean 'day-care'? expected one of: outpatient-clinic, day-care, apheresis-unit, haematology-ward")
        }
    }

    /// The messages say what was expected: HH:MM or HH:MM-HH:MM for a booked time, HH:MM-HH:MM for the site's hours.
    @Test func timeMessagesSayWhatWasExpected() throws {
        func message(_ text: String) -> String {
            do { _ = try read(text); return "accepted" } catch { return error.errors.map(\.message).joined(separator: " | ") }
        }
        let base = "site: {name: T}\npatients:\n  - {id: P-1, second-opinion: "
        #expect(message(base + "{date: 2026-09-07, time: \"9:30\"}}\n")
                == "'9:30' is not a time; expected HH:MM or HH:MM-HH:MM on a 24-hour clock, e.g. 09:30 or 09:30-10:15")
        #expect(message(base + "{date: 2026-09-07, time: \"10:00-10:00\"}}\n")
                == "the second-opinion time ends (10:00) as it starts; expected an end after the start")
        #expect(message(base + "{date: 2026-09-07, time: \"01:45-02:15\"}}\n")
                == "'01:45-02:15' touches 02:00–03:00, the hour that is missing or doubled when the clocks change; choose another time")
        #expect(message("site: {name: T, times: {apheresis: \"08:00\"}}\npatients: []\n")
                == "'08:00' is not a time span; expected HH:MM-HH:MM, e.g. 08:00-14:00")
        #expect(message("site: {name: T, times: {apheresis: \"14:00-08:00\"}}\npatients: []\n")
                == "the apheresis time ends (08:00) before it starts")
        // A wrong date is reported first (the time is checked once the date is right); a wrong time and a wrong
        // confirmation are both reported in one run.
        #expect(outcome(base + "{date: 2026-02-30, time: \"25:00\"}}\n") == ["3:38 invalid_date"])
        #expect(outcome(base + "{date: 2026-09-07, time: \"25:00\", confirmed: maybe}}\n")
                == ["3:56 invalid_value", "3:76 wrong_type"])
    }

    /// No `haematology-ward`: one warning, which says which lines patients are given instead.
    @Test func aSiteWithoutTheWardLineIsWarned() throws {
        func warnings(_ contacts: String) throws -> [SiteWarning] {
            try read("site: {name: T, contacts: \(contacts)}\npatients: []\n").site.warnings
        }
        #expect(try warnings("{urgent: \"1\", out-of-hours: \"2\"}") == [.noRoundTheClockNumber(officeHours: true, outOfHours: true)])
        #expect(try warnings("{urgent: \"1\"}") == [.noRoundTheClockNumber(officeHours: true, outOfHours: false)])
        #expect(try warnings("{}") == [.noRoundTheClockNumber(officeHours: false, outOfHours: false)])
        #expect(try warnings("{haematology-ward: \"3\"}").isEmpty)
        #expect(try warnings("{haematology: \"3\"}").isEmpty)
        let warning = SiteWarning.noRoundTheClockNumber(officeHours: true, outOfHours: true)
        #expect(warning.code.rawValue == "no_round_the_clock_number")
        #expect(Words(.en).siteWarning(warning) == "the cohort names no number that answers around the clock, so patients are given two: the office-hours line (urgent) and the out-of-hours line (out-of-hours). Add the haematology ward's line under the site's contacts (haematology-ward: …) to give them one number for day and night")
        #expect(Words(.nl).siteWarning(warning) == "het cohort noemt geen nummer dat dag en nacht bereikbaar is, dus krijgen patiënten er twee: het nummer voor kantooruren (urgent) en het nummer buiten kantooruren (out-of-hours). Zet het nummer van de afdeling hematologie bij de contacts van de site (haematology-ward: …), dan krijgen patiënten één nummer voor dag en nacht")
        // Without an out-of-hours line the words say there is no number at night.
        #expect(Words(.en).siteWarning(.noRoundTheClockNumber(officeHours: true, outOfHours: false)).contains("no number for evenings, nights and weekends"))
        #expect(Words(.nl).siteWarning(.noRoundTheClockNumber(officeHours: false, outOfHours: false)).contains("geen nummer om te bellen"))
    }

    /// A file with a top-level `site:` or `patients:` is a cohort; a protocol file (or an unreadable one) is not.
    @Test func cohortFilesAreToldFromProtocolFiles() throws {
        let root = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        #expect(CohortReader.isCohort(contentsOf: root.appendingPathComponent("calendars/cohort.yaml").path))
        #expect(CohortReader.isCohort(contentsOf: fixtures.appendingPathComponent("valid_cohort.json").path))
        #expect(!CohortReader.isCohort(contentsOf: root.appendingPathComponent("calendars/protocols/amsterdam-umc.yaml").path))
        #expect(!CohortReader.isCohort(contentsOf: fixtures.appendingPathComponent("not_utf8.yaml").path))
        #expect(!CohortReader.isCohort(contentsOf: fixtures.appendingPathComponent("no_such_file.yaml").path))
    }
}

/// `ahsct record … --time`: the words checked, and the value written.
@Suite struct RecordedTimeFactTests {
    private func parse(_ step: String, _ values: [String], time: String?, confirmed: Bool = false)
        -> Result<[CohortFact], CohortFact.ArgumentError> {
        Result { () throws(CohortFact.ArgumentError) in
            try CohortFact.parse(step: step, values: values, confirmed: confirmed, time: time)
        }
    }

    @Test func aTimeGoesWithASingleDate() throws {
        #expect(try parse("evaluation", ["2027-01-12"], time: "09:30").get()
                == [.date(.evaluation, day(2027, 1, 12), confirmed: false, outcome: nil, time: ClockSpan(fromMinutes: 570))])
        #expect(try parse("evaluation", ["2027-01-12"], time: "09:30-10:15", confirmed: true).get()
                == [.date(.evaluation, day(2027, 1, 12), confirmed: true, outcome: nil, time: ClockSpan(fromMinutes: 570, toMinutes: 615))])
    }

    /// Each refusal names the word, with `invalid_argument`.
    @Test(arguments: [
        ("evaluation", "9:30", "9:30 invalid_argument"),                // two digits for the hour
        ("evaluation", "09:30-", "09:30- invalid_argument"),
        ("evaluation", "24:00", "24:00 invalid_argument"),
        ("evaluation", "10:15-09:30", "10:15-09:30 invalid_argument"),  // ends before it starts
        ("evaluation", "02:00", "02:00 invalid_argument"),              // the clock-change hour
        ("evaluation", "01:30-02:01", "01:30-02:01 invalid_argument"),
        ("apheresis", "08:00", "--time invalid_argument"),              // sessions take the site's hours
        ("bags", "08:00", "--time invalid_argument"),
    ])
    func refused(_ step: String, _ time: String, _ expected: String) {
        let values = step == "bags" ? ["12"] : ["2027-01-12"]
        guard case let .failure(error) = parse(step, values, time: time) else {
            Issue.record("\(step) --time \(time) was accepted")
            return
        }
        #expect("\(error.word) \(error.code)" == expected)
    }

    /// Written into the entry: the time after the date, quoted; a new date without a time drops it; the same date
    /// again (to confirm it) keeps it.
    @Test func theTimeIsWrittenAndMovesWithTheDate() throws {
        let text = "site: {name: T}\npatients:\n  - id: P-1\n    second-opinion: 2026-10-26\n    evaluation: 2026-11-20\n"
        let editor = CohortEditor(file: "cohort.yaml")
        func write(_ fact: CohortFact, into text: String) throws -> String {
            var out = text
            for edit in fact.edits(current: { editor.value(at: $0, patient: "P-1", in: text) }) {
                out = try editor.apply(edit, patient: "P-1", to: out).text
            }
            return out
        }
        let timed = try write(.date(.evaluation, day(2026, 11, 23), confirmed: false, outcome: nil,
                                    time: ClockSpan(fromMinutes: 570, toMinutes: 615)), into: text)
        #expect(timed.hasSuffix("    evaluation: {date: 2026-11-23, time: \"09:30-10:15\"}\n"))
        let confirmed = try write(.date(.evaluation, day(2026, 11, 23), confirmed: true, outcome: nil), into: timed)
        #expect(confirmed.hasSuffix("    evaluation: {date: 2026-11-23, time: \"09:30-10:15\", confirmed: true}\n"))
        let moved = try write(.date(.evaluation, day(2026, 11, 24), confirmed: true, outcome: nil), into: confirmed)
        #expect(moved.hasSuffix("    evaluation: {date: 2026-11-24, confirmed: true}\n"))
        // What was written reads back with its time.
        let cohort = try read(timed)
        #expect(cohort.patients.first?.recorded[.evaluation]?.time == ClockSpan(fromMinutes: 570, toMinutes: 615))
    }

    /// `ahsct schedule --out` proposes only where there is no recorded date or an earlier proposal: a recorded date
    /// with its time is left byte for byte.
    @Test func aProposalLeavesABookedTimeAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proposals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cohort.yaml")
        let text = """
            site: {name: T}
            patients:
              - id: P-1
                second-opinion: 2026-09-07
                mobilisation: {date: 2026-11-05, time: "08:30"}
                conditioning: {date: 2027-01-04, time: "10:00-11:00", confirmed: true}
              - id: P-2
                second-opinion: 2026-09-08

            """
        try Data(text.utf8).write(to: file)
        let written = try CohortProposals.apply([
            .init(patient: "P-1", mobilisation: day(2026, 12, 1), admission: day(2027, 2, 1)),
            .init(patient: "P-2", mobilisation: day(2026, 12, 2), admission: nil),
        ], toCohortAt: file.path)
        #expect(written.contains("    mobilisation: {date: 2026-11-05, time: \"08:30\"}\n"))
        #expect(written.contains("    conditioning: {date: 2027-01-04, time: \"10:00-11:00\", confirmed: true}\n"))
        #expect(written.contains("mobilisation: {date: 2026-12-02, proposed: true}"))
        #expect(!written.contains("2026-12-01") && !written.contains("2027-02-01"))
    }
}
