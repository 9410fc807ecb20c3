import Foundation
import Testing
import TestSupport

@Suite struct CalendarsCommandTests {
    let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path

    func write(_ folder: URL) throws -> AhsctRun {
        try AhsctRun(["calendars", cohort, "--out", folder.path, "--now", "2026-11-22"])
    }

    func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    /// Golden files: one Dutch patient, one English patient, the ward; a second run is byte-identical.
    @Test func goldenAndDeterministic() throws {
        let first = try temporaryFolder(), second = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let run = try write(first)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "wrote 14 calendars to \(first.path): 10 patients, ward, 3 staff\n")
        // The example names no ward line (the leaflet gives none): the coordinator is told, the files are written.
        #expect(run.errors.hasPrefix("warning: \(cohort): the cohort names no number that answers around the clock"))
        #expect(run.errors.hasSuffix("[no_round_the_clock_number]\n"))
        #expect(try write(second).status == 0)
        let files = ["patients/P-0001.ics", "patients/P-0004.ics", "ward.ics", "staff/apheresis-unit.ics",
                     "staff/day-care.ics", "staff/neurology.ics"]
        for file in files {
            #expect(try Data(contentsOf: first.appendingPathComponent(file)) == Data(contentsOf: second.appendingPathComponent(file)), "\(file)")
        }
        for (file, golden) in [("patients/P-0001.ics", "calendar-patient-nl.ics"), ("patients/P-0004.ics", "calendar-patient-en.ics"),
                               ("ward.ics", "calendar-ward.ics")] {
            try expectGolden(try Data(contentsOf: first.appendingPathComponent(file)),
                             at: snapshots.appendingPathComponent(golden))
        }
    }

    /// A patient's file holds that patient only; names only in their own file; ward and staff files are
    /// confidential and carry pseudonyms; no diagnosis word in any title; no name or pseudonym in any UID.
    @Test func privacy() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try write(folder).status == 0)
        let names = ["J. de Vries", "A. Bakker", "M. Jansen", "S. Visser", "R. Smit", "L. Mulder", "E. de Boer",
                     "K. Meijer", "H. de Groot", "W. Bos"]
        let ids = (1...10).map { "P-\(String(format: "%04d", $0))" }
        for (index, id) in ids.enumerated() {
            let own = try text(folder.appendingPathComponent("patients/\(id).ics"))
            #expect(own.contains(names[index]), "\(id)'s own calendar names them")
            for (other, otherID) in ids.enumerated() where other != index {
                #expect(!own.contains(names[other]), "\(id) leaks \(names[other])")
                #expect(!own.contains(otherID), "\(id) leaks \(otherID)")
            }
            #expect(!own.contains(id), "the patient's own file needs no pseudonym either")
        }
        var shared = [try text(folder.appendingPathComponent("ward.ics"))]
        for role in ["apheresis-unit", "day-care", "neurology"] {
            shared.append(try text(folder.appendingPathComponent("staff/\(role).ics")))
        }
        for calendar in shared {
            for name in names { #expect(!calendar.contains(name)) }
            let events = calendar.components(separatedBy: "BEGIN:VEVENT").count - 1
            #expect(calendar.components(separatedBy: "CLASS:CONFIDENTIAL").count - 1 == events)
        }
        let all = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ics") }
        for file in all {
            let calendar = try text(folder.appendingPathComponent(file))
            for line in calendar.components(separatedBy: "\r\n") {
                if line.hasPrefix("SUMMARY:") {
                    let words = line.dropFirst(8).split { !$0.isLetter }.map { $0.lowercased() }
                    for word in ["ms", "multiple", "sclerose", "sclerosis", "stamceltransplantatie", "transplantatie",
                                 "transplant", "chemotherapie", "chemotherapy", "chemo", "hsct", "ahsct"] {
                        #expect(!words.contains(word), "\(file): title '\(line)' contains '\(word)'")
                    }
                }
                if line.hasPrefix("UID:") {
                    #expect(!ids.contains { line.contains($0) } && !names.contains { line.contains($0) }, "\(line)")
                    #expect(!line.contains("2026") && !line.contains("2027"), "no dates in UIDs: \(line)")
                }
            }
        }
    }

    /// Re-running is byte-identical; moving one admission changes only that patient's file and the ward's events
    /// for them (SEQUENCE 1), and says so; a patient removed from the cohort has their ward events cancelled once.
    @Test func updatesRaiseSequenceAndCancelOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try text(URL(fileURLWithPath: cohort))
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("calendars/example"),
                                         to: folder.appendingPathComponent("example"))
        let input = folder.appendingPathComponent("cohort.yaml"), out = folder.appendingPathComponent("out")
        try Data(source.utf8).write(to: input)
        let run = { (now: String) in try AhsctRun(["calendars", input.path, "--out", out.path, "--now", now]) }
        #expect(try run("2026-11-22").status == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".ics") }.sorted()
        let before = try Dictionary(uniqueKeysWithValues: files.map { ($0, try Data(contentsOf: out.appendingPathComponent($0))) })

        // Same input and day again: nothing changes, so every byte stays (DTSTAMP included). (A day later P-0010's
        // overdue answer would move a day: "Past guesses" keeps it after now.)
        let same = try run("2026-11-22")
        #expect(same.output == "wrote 14 calendars to \(out.path): 10 patients, ward, 3 staff\n")
        for file in files { #expect(try Data(contentsOf: out.appendingPathComponent(file)) == before[file], "\(file)") }

        // P-0001's admission one day later (4 → 5 January 2027).
        try Data(source.replacingOccurrences(of: "    conditioning: 2027-01-04", with: "    conditioning: 2027-01-05").utf8).write(to: input)
        let moved = try run("2026-11-22")
        #expect(moved.status == 0)
        for file in files {
            let now = try Data(contentsOf: out.appendingPathComponent(file))
            #expect((now != before[file]) == (file == "patients/P-0001.ics" || file == "ward.ics"), "\(file)")
        }
        // In the patient's file the stay, the reinfusion, the discharge and recovery move (the isolation and its blood
        // counts are said in the stay); the checks after going home stay put: each is the next open clinic day on or
        // after discharge + 7, 14, 21, 28, and Sat 30 → Sun 31 Jan still gives Mon 8, 15, 22 Feb and Mon 1 Mar.
        // In the ward's file the blood counts keep their Mon/Wed/Fri days.
        #expect(moved.output.contains("  patients/P-0001.ics: 4 changed, 0 cancelled, 0 new, 12 unchanged\n"))
        #expect(moved.output.contains("  ward.ics: 4 changed, 0 cancelled, 0 new, 46 unchanged\n"))
        let patient = try text(out.appendingPathComponent("patients/P-0001.ics"))
        #expect(patient.components(separatedBy: "SEQUENCE:1\r\n").count - 1 == 4)
        #expect(patient.contains("DTSTART;VALUE=DATE:20270105"))

        // P-0010 leaves the cohort: its ward event is cancelled with SEQUENCE 1, then not sent again.
        let without = source.components(separatedBy: "\n  # Waiting for the committee's answer")[0] + "\n"
        try Data(without.replacingOccurrences(of: "    conditioning: 2027-01-04", with: "    conditioning: 2027-01-05").utf8).write(to: input)
        let removed = try run("2026-11-25")
        #expect(removed.output.contains("cancelled: P-0010: "), "\(removed.output)")
        let ward = try text(out.appendingPathComponent("ward.ics"))
        #expect(ward.contains("STATUS:CANCELLED"))
        // Their own file (the committee has not answered: the two visits and the possible treatment period) has all
        // three events cancelled, once.
        #expect(removed.output.contains("  patients/P-0010.ics: 0 changed, 3 cancelled, 0 new, 0 unchanged\n"), "\(removed.output)")
        let own = try text(out.appendingPathComponent("patients/P-0010.ics"))
        #expect(own.components(separatedBy: "STATUS:CANCELLED").count - 1 == 3)
        let again = try run("2026-11-26")
        #expect(!again.output.contains("cancelled: P-0010"))
        #expect(!(try text(out.appendingPathComponent("ward.ics"))).contains("STATUS:CANCELLED"))
        #expect(again.output.contains("  patients/P-0010.ics: removed"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("patients/P-0010.ics").path))
    }

    /// A bad cohort writes nothing at all.
    @Test func badCohortWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.yaml")
        try Data("site: {name: T}\npatients:\n  - {id: P-1, second-opinion: 2026-13-01}\n".utf8).write(to: file)
        let out = folder.appendingPathComponent("out")
        let run = try AhsctRun(["calendars", file.path, "--out", out.path, "--now", "2026-11-22"])
        #expect(run.status == 1)
        // "  - {id: P-1, second-opinion: " is 30 characters: the date starts at column 31.
        #expect(run.errors.hasPrefix("\(file.path):3:31: error: month 13 does not exist"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
