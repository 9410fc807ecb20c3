import Calendrical
import Foundation
import Interchange
import Pathway
import Testing
import TestSupport

/// A cohort in every layout the editor must keep: a block entry with comments and odd spacing, a one-line flow
/// entry, a block list, a flow mapping to add a key to, quoted strings, and a patient after the one edited.
private let cohort = """
    # Comment at the top, kept.
    site: {name: "Test: site", resources: {isolation-beds: 1}}
    patients:
      - id: P-1
        name: 'J. de Vries'        # quoted, kept as it is
        second-opinion: 2026-09-07
        committee-answer: 2026-10-01
        mobilisation: 2026-11-05   # day 1
        apheresis: [2026-11-10]
        eligibility: {relapsing-remitting: true}

        # a comment between patients belongs to neither
      - {id: P-2, second-opinion: 2026-11-16, fertility-preservation: {wanted: false}}
      - id: P-3
        second-opinion: 2026-08-03
        committee-answer: 2026-08-24
        mobilisation: 2026-09-22
        apheresis:
          - 2026-09-28
        conditioning: {date: 2026-11-09, proposed: true}
    """

private func edit(_ edit: CohortEditor.Edit, _ patient: String, _ text: String = cohort) throws -> CohortEditor.Written {
    try CohortEditor(file: "cohort.yaml").apply(edit, patient: patient, to: text)
}

/// The lines of `new` that are not lines of `old` at the same place, given that `new` has `inserted` lines more.
private func changedLines(_ old: String, _ new: String) -> [String] {
    let before = old.components(separatedBy: "\n"), after = new.components(separatedBy: "\n")
    var changed: [String] = []
    var i = 0, j = 0
    while j < after.count {
        if i < before.count, before[i] == after[j] { i += 1; j += 1; continue }
        // An inserted line (the next old line follows it) or a replaced one.
        if i < before.count, j + 1 < after.count, before[i] == after[j + 1] { changed.append(after[j]); j += 1; continue }
        changed.append(after[j]); i += 1; j += 1
    }
    return changed
}

@Suite struct CohortEditorTests {
    /// A new step in a block entry goes right after the last earlier step it has (here the apheresis line), at the
    /// entry's indent; every other line stays byte for byte.
    @Test func newKeyInBlockEntryFollowsThePathwayOrder() throws {
        let written = try edit(.set(["conditioning"], "{date: 2027-01-04, confirmed: true}",
                                    after: ["second-opinion", "committee-answer", "mobilisation", "apheresis"]), "P-1")
        #expect(written.text.contains("    apheresis: [2026-11-10]\n    conditioning: {date: 2027-01-04, confirmed: true}\n    eligibility:"))
        #expect(changedLines(cohort, written.text) == ["    conditioning: {date: 2027-01-04, confirmed: true}"])
        #expect(written.old == nil)
        #expect(written.new == "{date: 2027-01-04, confirmed: true}")
        #expect((written.location.line, written.location.column) == (10, 19))
    }

    /// Without an earlier key to follow, a new key is the entry's last line, above the blank and comment lines
    /// that come before the next entry.
    @Test func newKeyAtTheEndOfABlockEntry() throws {
        let written = try edit(.set(["bags"], "12"), "P-1")
        #expect(written.text.contains("    eligibility: {relapsing-remitting: true}\n    bags: 12\n\n    # a comment"))
        #expect(changedLines(cohort, written.text) == ["    bags: 12"])
    }

    /// A one-line flow entry gets `, key: value` before its closing brace, or after the value of the key it follows.
    @Test func flowEntry() throws {
        let end = try edit(.set(["bags"], "8"), "P-2")
        #expect(end.text.contains("  - {id: P-2, second-opinion: 2026-11-16, fertility-preservation: {wanted: false}, bags: 8}\n"))
        let after = try edit(.set(["committee-answer"], "2026-12-08", after: ["second-opinion"]), "P-2")
        #expect(after.text.contains("  - {id: P-2, second-opinion: 2026-11-16, committee-answer: 2026-12-08, fertility-preservation: {wanted: false}}\n"))
        #expect(changedLines(cohort, after.text).count == 1)
    }

    /// A value inside a flow mapping inside a flow entry is replaced in place; a missing one is added to it.
    @Test func nestedFlowMappings() throws {
        let replaced = try edit(.set(["fertility-preservation", "wanted"], "true"), "P-2")
        #expect(replaced.text.contains("fertility-preservation: {wanted: true}}"))
        #expect(replaced.old == "false")
        let added = try edit(.set(["fertility-preservation", "done"], "2026-12-01"), "P-2")
        #expect(added.text.contains("fertility-preservation: {wanted: false, done: 2026-12-01}}"))
        let item = try edit(.set(["eligibility", "not-pregnant"], "true"), "P-1")
        #expect(item.text.contains("    eligibility: {relapsing-remitting: true, not-pregnant: true}\n"))
        // A mapping that is not there yet is created around the value.
        let created = try edit(.set(["eligibility", "age-18-55"], "false"), "P-3")
        #expect(created.text.hasSuffix("    conditioning: {date: 2026-11-09, proposed: true}\n    eligibility: {age-18-55: false}"))
        #expect(created.field == "eligibility.age-18-55")
    }

    /// Appending: a flow list grows in place, a block list gets a new `- ` line, a missing key a one-item list,
    /// a single value becomes a two-item list.
    @Test func appendToEveryKindOfList() throws {
        let flow = try edit(.append(["apheresis"], "2026-11-11"), "P-1")
        #expect(flow.text.contains("    apheresis: [2026-11-10, 2026-11-11]\n"))
        #expect(flow.old == "[2026-11-10]" && flow.new == "[2026-11-10, 2026-11-11]")
        let block = try edit(.append(["apheresis"], "2026-09-29"), "P-3")
        #expect(block.text.contains("    apheresis:\n      - 2026-09-28\n      - 2026-09-29\n    conditioning:"))
        let missing = try edit(.append(["unavailable"], "{from: 2027-01-18, to: 2027-01-22}"), "P-2")
        #expect(missing.text.contains(", unavailable: [{from: 2027-01-18, to: 2027-01-22}]}"))
        let scalar = try edit(.append(["apheresis"], "2026-11-11"),
                              "P-1", cohort.replacingOccurrences(of: "apheresis: [2026-11-10]", with: "apheresis: 2026-11-10"))
        #expect(scalar.text.contains("    apheresis: [2026-11-10, 2026-11-11]\n"))
    }

    /// A proposal is replaced by the fact, the comment after a value stays, and the quoted name is untouched.
    @Test func replaceKeepsCommentsAndQuoting() throws {
        let fact = try edit(.set(["conditioning"], "2026-11-09"), "P-3")
        #expect(fact.text.hasSuffix("    conditioning: 2026-11-09"))
        #expect(fact.old == "{date: 2026-11-09, proposed: true}")
        let day1 = try edit(.set(["mobilisation"], "2026-11-06"), "P-1")
        #expect(day1.text.contains("    mobilisation: 2026-11-06   # day 1\n"))
        #expect(day1.text.contains("    name: 'J. de Vries'        # quoted, kept as it is\n"))
        #expect(changedLines(cohort, day1.text) == ["    mobilisation: 2026-11-06   # day 1"])
    }

    /// Windows line ends stay Windows line ends, also on a new line.
    @Test func crlfIsKept() throws {
        let crlf = cohort.replacingOccurrences(of: "\n", with: "\r\n")
        let written = try edit(.set(["bags"], "12"), "P-1", crlf)
        #expect(written.text.contains("    eligibility: {relapsing-remitting: true}\r\n    bags: 12\r\n"))
        #expect(!written.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    /// Many edits from one reading (what `schedule --out` writes) equal the same edits one at a time.
    @Test func batchEqualsOneAtATime() throws {
        let edits: [(patient: String, edit: CohortEditor.Edit)] = [
            ("P-1", .set(["conditioning"], "{date: 2027-01-04, proposed: true}")),
            ("P-2", .set(["mobilisation"], "{date: 2027-01-07, proposed: true}")),
            ("P-2", .set(["conditioning"], "{date: 2027-03-01, proposed: true}")),
            ("P-3", .set(["conditioning"], "{date: 2026-11-16, proposed: true}")),
        ]
        var text = cohort
        for (patient, one) in edits { text = try edit(one, patient, text).text }
        #expect(try CohortEditor(file: "cohort.yaml").apply(edits, to: cohort) == text)
    }

    /// What cannot be edited safely is refused with its place, and an unknown patient is named.
    @Test func refusals() throws {
        let multiLine = cohort.replacingOccurrences(of: "eligibility: {relapsing-remitting: true}",
                                                    with: "eligibility: {relapsing-remitting: true,\n      not-pregnant: true}")
        #expect(throws: InputErrors.self) { try edit(.set(["eligibility", "age-18-55"], "true"), "P-1", multiLine) }
        do {
            _ = try edit(.set(["bags"], "2"), "P-9")
            Issue.record("an unknown patient was accepted")
        } catch let error as InputErrors {
            #expect(error.errors.map(\.code) == [InputError.Code.unknownPatient])
        }
        // A block list laid out as a block scalar cannot take a new item.
        let block = cohort.replacingOccurrences(of: "    apheresis: [2026-11-10]", with: "    apheresis: |\n      2026-11-10")
        #expect(throws: InputErrors.self) { try edit(.append(["apheresis"], "2026-11-11"), "P-1", block) }
    }
}

@Suite struct CohortFactTests {
    private func parse(_ step: String, _ values: [String], confirmed: Bool = false,
                       outcome: PatientRecord.Outcome? = nil, bags: Int? = nil) -> Result<[CohortFact], CohortFact.ArgumentError> {
        Result { () throws(CohortFact.ArgumentError) in
            try CohortFact.parse(step: step, values: values, confirmed: confirmed, outcome: outcome, bags: bags)
        }
    }


    @Test func factsFromWords() throws {
        #expect(try parse("conditioning", ["2027-01-04"], confirmed: true).get()
                == [.date(.conditioning, day(2027, 1, 4), confirmed: true, outcome: nil)])
        #expect(try parse("apheresis", ["2026-11-12", "2026-11-13"], bags: 12).get()
                == [.sessions([day(2026, 11, 12), day(2026, 11, 13)]), .bags(12)])
        #expect(try parse("committee-answer", ["2026-12-01"], outcome: .declined).get()
                == [.date(.committeeAnswer, day(2026, 12, 1), confirmed: false, outcome: .declined)])
        #expect(try parse("fertility-preservation", ["done", "2026-10-20"]).get() == [.fertilityDone(day(2026, 10, 20))])
        #expect(try parse("fertility-preservation", ["wanted", "no"]).get() == [.fertilityWanted(false)])
        #expect(try parse("unavailable", ["2027-01-18", "2027-01-22"]).get()
                == [.unavailable(from: day(2027, 1, 18), to: day(2027, 1, 22))])
        #expect(try parse("eligibility", ["new-mri-lesions", "yes"]).get() == [.eligibility(item: "new-mri-lesions", answer: true)])
    }

    /// Each refusal names the word and has its code.
    @Test(arguments: [
        ("conditioning", ["2027-02-30"], "2027-02-30 invalid_date"),        // 30 February does not exist
        ("conditioning", ["tomorrow"], "tomorrow invalid_date"),
        ("conditioning", ["2027-01-04", "2027-01-05"], "2027-01-05 invalid_argument"),
        ("condtioning", ["2027-01-04"], "condtioning invalid_argument"),
        ("isolation", ["2027-01-04"], "isolation invalid_argument"),         // follows from other steps
        ("bags", ["0"], "0 invalid_argument"),
        ("eligibility", ["tall", "yes"], "tall invalid_argument"),
        ("unavailable", ["2027-01-22", "2027-01-18"], "2027-01-18 invalid_argument"),
        ("apheresis", ["2026-11-12; rm"], "2026-11-12; rm invalid_date"),
    ])
    func refused(_ step: String, _ values: [String], _ expected: String) {
        guard case let .failure(error) = parse(step, values) else {
            Issue.record("\(step) \(values) was accepted")
            return
        }
        #expect("\(error.word) \(error.code)" == expected)
    }

    @Test func optionsBelongToTheirFields() {
        guard case .failure = parse("apheresis", ["2026-11-12"], confirmed: true) else { Issue.record("confirmed apheresis"); return }
        guard case .failure = parse("conditioning", ["2027-01-04"], outcome: .approved) else { Issue.record("outcome"); return }
    }
}

@Suite struct CohortFactEditTests {
    /// A new date for a declined answer keeps the outcome; `--outcome approved` changes it.
    @Test func aNewAnswerDateKeepsItsOutcome() throws {
        let text = "site: {name: T}\npatients:\n  - id: P-1\n    second-opinion: 2026-10-26\n    committee-answer: {date: 2026-11-20, outcome: declined}\n"
        let editor = CohortEditor(file: "cohort.yaml")
        func write(_ fact: CohortFact) throws -> String {
            var out = text
            for edit in fact.edits(current: { editor.value(at: $0, patient: "P-1", in: text) }) {
                out = try editor.apply(edit, patient: "P-1", to: out).text
            }
            return out
        }
        let moved = try write(.date(.committeeAnswer, #require(CalendarDate(year: 2026, month: 11, day: 23)), confirmed: false, outcome: nil))
        #expect(moved.contains("committee-answer: {date: 2026-11-23, outcome: declined}"))
        let approved = try write(.date(.committeeAnswer, #require(CalendarDate(year: 2026, month: 11, day: 23)), confirmed: false, outcome: .approved))
        #expect(approved.contains("committee-answer: {date: 2026-11-23, outcome: approved}"))
    }
}
