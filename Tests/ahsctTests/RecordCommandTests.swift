import Foundation
import Testing

/// A copy of the example cohort (and the calendars it imports) in a folder of its own.
private func exampleCopy() throws -> (folder: URL, cohort: URL, original: String) {
    let folder = try temporaryFolder()
    let source = repositoryRoot.appendingPathComponent("calendars")
    try FileManager.default.copyItem(at: source.appendingPathComponent("example"), to: folder.appendingPathComponent("example"))
    let cohort = folder.appendingPathComponent("cohort.yaml")
    try FileManager.default.copyItem(at: source.appendingPathComponent("cohort.yaml"), to: cohort)
    return (folder, cohort, try String(contentsOf: cohort, encoding: .utf8))
}

private func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// The lines of `new` that are not in a longest common subsequence with `old`: what was written, when lines were
/// only replaced or inserted.
private func changedLines(_ old: String, _ new: String) -> [String] {
    let a = old.components(separatedBy: "\n"), b = new.components(separatedBy: "\n")
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
        for j in stride(from: b.count - 1, through: 0, by: -1) {
            table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
        }
    }
    var changed: [String] = []
    var i = 0, j = 0
    while j < b.count {
        if i < a.count, a[i] == b[j] { i += 1; j += 1 } else if i < a.count, table[i + 1][j] >= table[i][j + 1] { i += 1 } else {
            changed.append(b[j]); j += 1
        }
    }
    return changed
}

/// The expected start and end of each step of one patient, from `ahsct plan --format json`.
private func planned(_ cohort: URL, _ patient: String) throws -> (declined: Bool, steps: [String: (String, String?, Bool)]) {
    let run = try AhsctRun(["plan", cohort.path, "--patient", patient, "--now", "2026-11-22", "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let entry = try #require((json["patients"] as? [[String: Any]])?.first)
    var steps: [String: (String, String?, Bool)] = [:]
    for step in try #require(entry["steps"] as? [[String: Any]]) {
        let start = (step["start"] as? [String: Any])?["expected"] as? String ?? ""
        let end = (step["end"] as? [String: Any])?["expected"] as? String
        steps[step["step"] as? String ?? ""] = (start, end, step["fixed"] as? Bool ?? false)
    }
    return (entry["declined"] as? Bool ?? false, steps)
}

@Suite struct RecordCommandTests {
    /// The worked case of docs/recording.md: a repeat session for P-0001 on Thu 12 Nov 2026. H moves from Wed 11 to
    /// Thu 12 Nov, so the mobilisation span (M … last session) and the apheresis span end on 12 Nov, and the control
    /// visit open≥(H+14) moves from Wed 25 to Thu 26 Nov. The admission (Mon 4 Jan 2027) is recorded and stays, inside
    /// the new window open≥(H+21) = Thu 3 Dec … open≤(H+56) = Thu 7 Jan: no conflict appears or goes.
    @Test func repeatSessionForP0001() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AhsctRun(["record", cohort.path, "--patient", "P-0001", "apheresis", "2026-11-12",
                                "--now", "2026-11-22", "--by", "coordinator"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.isEmpty)
        #expect(changedLines(original, try text(cohort)) == ["    apheresis: [2026-11-10, 2026-11-11, 2026-11-12]"])
        #expect(run.output == """
            recorded P-0001 apheresis: [2026-11-10, 2026-11-11] → [2026-11-10, 2026-11-11, 2026-11-12]  (line 35:16)

            Changes as of Sun 2026-11-22: 1 patient changed, 0 conflicts new, 0 resolved

            P-0001  changed
              mobilisation      Thu 2026-11-05 – Wed 2026-11-11
                             →  Thu 2026-11-05 – Thu 2026-11-12
              apheresis         Tue 2026-11-10 – Wed 2026-11-11
                             →  Tue 2026-11-10 – Thu 2026-11-12
              control-visit     Wed 2026-11-25  →  Thu 2026-11-26

            """)
        let plan = try planned(cohort, "P-0001")
        #expect(plan.steps["apheresis"]?.1 == "2026-11-12")
        #expect(plan.steps["control-visit"]?.0 == "2026-11-26")
        #expect(plan.steps["conditioning"]?.0 == "2027-01-04")
        // One audit line, owner-only, with the pseudonym and never the name.
        let log = folder.appendingPathComponent(".ahsct/audit.jsonl")
        let lines = try text(log).split(separator: "\n")
        #expect(lines.count == 1)
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(entry["user"] as? String == "coordinator" && entry["patient"] as? String == "P-0001")
        #expect(entry["field"] as? String == "apheresis" && entry["cohort"] as? String == "cohort.yaml")
        #expect(entry["old"] as? String == "[2026-11-10, 2026-11-11]")
        #expect(entry["new"] as? String == "[2026-11-10, 2026-11-11, 2026-11-12]")
        #expect((entry["time"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
        #expect(!(try text(log)).contains("Vries"))
        let attributes = try FileManager.default.attributesOfItem(atPath: log.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let state = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(".ahsct").path)
        #expect((state[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        // The history shows it.
        let history = try AhsctRun(["record", "--history", cohort.path, "--patient", "P-0001"])
        #expect(history.status == 0)
        #expect(history.output.hasSuffix("  coordinator  P-0001  apheresis: [2026-11-10, 2026-11-11] → [2026-11-10, 2026-11-11, 2026-11-12]\n"))
        let none = try AhsctRun(["record", "--history", cohort.path, "--patient", "P-0002"])
        #expect(none.output.hasPrefix("no facts recorded for cohort.yaml and P-0002"))
    }

    /// Every kind of fact, on a fresh copy each: exit 0, exactly the expected lines written (everything else byte
    /// for byte), and the plan anchored on the fact (`step date` fixed in `ahsct plan`).
    @Test(arguments: [
        // P-0002 has only a second opinion: the answer goes right after it (pathway order), and anchors the plan.
        (["--patient", "P-0002", "committee-answer", "2026-12-08"], ["    committee-answer: 2026-12-08"], "committee-answer 2026-12-08"),
        // P-0006's confirmed second opinion is replaced in place; its booked time (10:30-11:15 on 11 January) belongs
        // to the old date and goes, and the line's comment stays as it was.
        (["--patient", "P-0006", "second-opinion", "2027-01-12", "--confirmed"],
         ["    second-opinion: {date: 2027-01-12, confirmed: true}   # the time from the appointment letter"],
         "second-opinion 2027-01-12"),
        // P-0004: discharge after the admission of 19 Nov (D0 = 24 Nov, so any day from 8 Dec is in the window).
        (["--patient", "P-0004", "discharge", "2026-12-15"], ["    discharge: 2026-12-15"], "discharge 2026-12-15"),
        // P-0008's first session, with the bag count.
        (["--patient", "P-0008", "apheresis", "2026-11-24", "--bags", "12"],
         ["    apheresis: [2026-11-24]", "    bags: 12"], "apheresis 2026-11-24"),
        // A checklist answer is added to the one-line checklist.
        (["--patient", "P-0002", "eligibility", "new-mri-lesions", "yes"],
         ["    eligibility: {relapsing-remitting: true, second-line-6-months: true, relapses-despite-therapy: true, not-pregnant: true, age-18-55: true, new-mri-lesions: true}"], ""),
        (["--patient", "P-0007", "fertility-preservation", "2026-12-01"],
         ["    fertility-preservation: {wanted: true, done: 2026-12-01}"], ""),
        (["--patient", "P-0003", "unavailable", "--from", "2026-12-24", "--to", "2026-12-28"],
         ["    unavailable: [{from: 2026-12-24, to: 2026-12-28}]"], ""),
        (["--patient", "P-0010", "committee-answer", "2026-11-24", "--outcome", "declined"],
         ["    committee-answer: {date: 2026-11-24, outcome: declined}"], "committee-answer 2026-11-24"),
    ])
    func eachKindOfFact(_ arguments: [String], _ lines: [String], _ anchored: String) throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AhsctRun(["record", cohort.path] + arguments + ["--now", "2026-11-22"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(changedLines(original, try text(cohort)) == lines)
        let patient = arguments[1]
        let plan = try planned(cohort, patient)
        if !anchored.isEmpty {
            let parts = anchored.split(separator: " ").map(String.init)
            #expect(plan.steps[parts[0]]?.0 == parts[1])
            #expect(plan.steps[parts[0]]?.2 == true)
        }
        if arguments.contains("declined") {
            // The pathway ends at the answer: the plan has the two visits only.
            #expect(plan.declined && plan.steps.keys.sorted() == ["committee-answer", "second-opinion"])
        }
        let log = try text(folder.appendingPathComponent(".ahsct/audit.jsonl"))
        #expect(log.split(separator: "\n").count == lines.count)
    }

    /// Refused: the file byte for byte as it was, no audit line, exit 1 and a located message.
    @Test(arguments: [
        // A session before the recorded one of 11 Nov: located at the item it would have added (line 35, column 41).
        (["--patient", "P-0001", "apheresis", "2026-11-09"], "cohort.yaml:35:41: error: apheresis session 2026-11-09 is not after the session before it (2026-11-11)"),
        // An admission before the harvest of 11 Nov.
        (["--patient", "P-0001", "conditioning", "2026-11-02"], "cohort.yaml:36:19: error: conditioning 2026-11-02 is not after apheresis 2026-11-11"),
        (["--patient", "P-0001", "conditioning", "2027-02-30"], "argument '2027-02-30': error: day 30 does not exist in February 2027"),
        (["--patient", "P-0099", "conditioning", "2027-02-03"], "cohort.yaml: error: no patient 'P-0099' in the cohort"),
        (["--patient", "P-0001", "condtioning", "2027-02-03"], "argument 'condtioning': error: unknown field (did you mean 'conditioning'?)"),
        // A harvest with no mobilisation day 1 to count it from (P-0002 has only a second opinion).
        (["--patient", "P-0002", "apheresis", "2026-12-10"], "error: apheresis sessions are recorded but mobilisation day 1 is not"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AhsctRun(["record", cohort.path] + arguments + ["--now", "2026-11-22"])
        #expect(run.status == 1)
        #expect(run.errors.contains(message), "\(run.errors)")
        #expect(run.output.isEmpty)
        #expect(try text(cohort) == original)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ahsct/audit.jsonl").path))
    }

    /// Allowed but outside its window: P-0001's admission on Mon 11 Jan 2027 is H + 61 days, past open≤(H+56) =
    /// Wed 6 Jan. Written, with the warning.
    @Test func outsideItsWindowIsWrittenWithAWarning() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AhsctRun(["record", cohort.path, "--patient", "P-0001", "conditioning", "2027-01-11", "--now", "2026-11-22"])
        #expect(run.status == 0)
        #expect(run.errors.contains("warning: P-0001: conditioning on 2027-01-11 is outside its window 2026-12-02 … 2027-01-06"))
        #expect(run.errors.contains("[window_violated]"))
        #expect(run.output.contains("new conflicts\n  window_violated"))
        #expect(changedLines(original, try text(cohort)) == ["    conditioning: 2027-01-11"])
    }

    /// --dry-run prints the same consequences and writes nothing, not even the state folder.
    @Test func dryRunWritesNothing() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AhsctRun(["record", cohort.path, "--patient", "P-0001", "apheresis", "2026-11-12", "--now", "2026-11-22", "--dry-run"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("would record P-0001 apheresis"))
        #expect(run.output.contains("control-visit     Wed 2026-11-25  →  Thu 2026-11-26"))
        #expect(try text(cohort) == original)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ahsct").path))
    }

    /// Recording what the file already says writes nothing and logs nothing (P-0001 has 12 bags).
    @Test func theSameValueAgainIsNotWritten() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AhsctRun(["record", cohort.path, "--patient", "P-0001", "bags", "12", "--now", "2026-11-22"])
        #expect(run.status == 0)
        #expect(run.output == "nothing to record: P-0001's bags already says that\n")
        #expect(try text(cohort) == original)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ahsct/audit.jsonl").path))
    }

    /// Two runs at once on one cohort take turns: both facts land, each with its audit line.
    @Test func concurrentRunsKeepBothFacts() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = [["--patient", "P-0002", "committee-answer", "2026-12-08"], ["--patient", "P-0008", "apheresis", "2026-11-24"],
                    ["--patient", "P-0005", "bags", "7"], ["--patient", "P-0003", "unavailable", "2027-01-04", "2027-01-05"]]
        let processes = try runs.map { arguments -> Process in
            let process = Process()
            process.executableURL = AhsctRun.binary
            // Room to take turns on a busy 2-core machine under ThreadSanitizer (the default wait is 10 s).
            process.arguments = ["record", cohort.path] + arguments + ["--now", "2026-11-22", "--wait", "300"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let written = try text(cohort)
        #expect(changedLines(original, written).sorted() == [
            "    apheresis: [2026-11-24]", "    bags: 7", "    committee-answer: 2026-12-08",
            "    unavailable: [{from: 2027-01-04, to: 2027-01-05}]",
        ])
        #expect(try text(folder.appendingPathComponent(".ahsct/audit.jsonl")).split(separator: "\n").count == 4)
    }

    /// While another process holds the cohort's lock, a run waits, then refuses clearly and changes nothing.
    @Test func aHeldLockRefusesAfterWaiting() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent(".ahsct")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let descriptor = open(state.appendingPathComponent("cohort.yaml.lock").path, O_CREAT | O_RDWR, 0o600)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let run = try AhsctRun(["record", cohort.path, "--patient", "P-0005", "bags", "7", "--wait", "0.3", "--now", "2026-11-22"])
        #expect(run.status == 1)
        #expect(run.errors.contains("another ahsct run is changing"))
        #expect(try text(cohort) == original)
    }

    /// A cohort kept through a symbolic link, shared by a group (0664): the real file is rewritten, the link stays
    /// a link, and the permissions stay as they were.
    @Test func symlinkAndPermissionsAreKept() throws {
        let (folder, cohort, _) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: cohort.path)
        let link = folder.appendingPathComponent("current.yaml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: cohort)
        let run = try AhsctRun(["record", link.path, "--patient", "P-0005", "bags", "7", "--now", "2026-11-22"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == cohort.path)
        #expect(try text(cohort).contains("    bags: 7\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: cohort.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o664)
    }

    /// `--time`: P-0002's answer visit booked at 09:30–10:15 is written after the date, quoted; confirming the same
    /// date keeps the time; a new date without --time drops it (a moved appointment has no booked time until one is
    /// given). Each write has its audit line with the value as written.
    @Test func aBookedTimeIsWrittenKeptAndDropped() throws {
        let (folder, cohort, original) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        func record(_ arguments: [String]) throws -> AhsctRun {
            try AhsctRun(["record", cohort.path, "--patient", "P-0002", "committee-answer"] + arguments + ["--now", "2026-11-22"])
        }
        let booked = try record(["2026-12-08", "--time", "09:30-10:15"])
        #expect(booked.status == 0, "\(booked.errors)")
        #expect(changedLines(original, try text(cohort)) == [#"    committee-answer: {date: 2026-12-08, time: "09:30-10:15"}"#])
        #expect(booked.output.hasPrefix("recorded P-0002 committee-answer: (none) → {date: 2026-12-08, time: 09:30-10:15}  (line "))
        let confirmed = try record(["2026-12-08", "--confirmed"])
        #expect(confirmed.status == 0, "\(confirmed.errors)")
        #expect(changedLines(original, try text(cohort)) == [#"    committee-answer: {date: 2026-12-08, time: "09:30-10:15", confirmed: true}"#])
        let moved = try record(["2026-12-15"])
        #expect(moved.status == 0, "\(moved.errors)")
        #expect(changedLines(original, try text(cohort)) == ["    committee-answer: 2026-12-15"])
        let plan = try planned(cohort, "P-0002")
        #expect(plan.steps["committee-answer"]?.0 == "2026-12-15" && plan.steps["committee-answer"]?.2 == true)
        let log = try text(folder.appendingPathComponent(".ahsct/audit.jsonl")).split(separator: "\n")
        let entries = try log.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(entries.map { $0["new"] as? String } == ["{date: 2026-12-08, time: 09:30-10:15}",
                                                         "{date: 2026-12-08, time: 09:30-10:15, confirmed: true}",
                                                         "2026-12-15"])
        #expect(entries.last?["old"] as? String == "{date: 2026-12-08, time: 09:30-10:15, confirmed: true}")
    }

    /// A bad --time is refused before the file is opened: exit 1, the ArgumentError line, the file byte for byte as
    /// it was, no state folder.
    @Test(arguments: [
        (["evaluation", "2026-12-10", "--time", "9:30"], "argument '9:30': error: --time takes HH:MM or HH:MM-HH:MM on a 24-hour clock, e.g. 09:30 or 09:30-10:15 [invalid_argument]"),
        (["evaluation", "2026-12-10", "--time", "10:15-09:30"], "argument '10:15-09:30': error: the time ends (09:30) before it starts; expected an end after the start [invalid_argument]"),
        (["evaluation", "2026-12-10", "--time", "02:15"], "argument '02:15': error: the time touches 02:00–03:00, the hour that is missing or doubled when the clocks change; choose another time [invalid_argument]"),
        (["apheresis", "2026-12-10", "--time", "08:00-14:00"], "argument '--time': error: only a step's single date can have a booked time, not apheresis"),
    ])
    func aBadTimeIsRefused(_ arguments: [String], _ message: String) throws {
        let (folder, cohort, _) = try exampleCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: cohort)
        let run = try AhsctRun(["record", cohort.path, "--patient", "P-0002"] + arguments + ["--now", "2026-11-22"])
        #expect(run.status == 1)
        #expect(run.errors.contains(message), "\(run.errors)")
        #expect(run.output.isEmpty)
        #expect(try Data(contentsOf: cohort) == before)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ahsct").path))
    }

    /// JSON cohorts are refused (layout and comments live in YAML).
    @Test func jsonCohortIsRefused() throws {
        let run = try AhsctRun(["record", "cohort.json", "--patient", "P-1", "bags", "7"])
        #expect(run.status == 1)
        #expect(run.errors.contains("YAML cohorts only"))
    }
}
