import Calendrical
import Capacity
import Pathway
import Reports
import Testing
import TestSupport

@Suite struct ConsolePagesTests {
    /// 120 patients referred on Monday 7 September 2026, planned as of Sunday 22 November.
    private func lines() throws -> ([ConsolePages.PatientLine], HTMLReport) {
        let planner = try Planner(protocol: .amsterdamUMC, calendar: WorkingCalendar())
        let records = (1...120).map { PatientRecord(id: "P-" + zeroPadded($0, 4), secondOpinion: day(2026, 9, 7)) }
        let now = day(2026, 11, 22)
        let analysis = CohortAnalysis(planner: planner, schedule: CapacitySchedule(resources: []), records: records, now: now)
        let report = HTMLReport(analysis: analysis, siteName: "Test", from: now, to: now.adding(days: 60), language: .en)
        return (zip(records, analysis.plans).map { ConsolePages.PatientLine(id: $0.id, name: nil, plan: $1) }, report)
    }

    /// 50 patients a page: page 2 holds patients 51–100 in its table and its timeline, with links to pages 1 and 3;
    /// page 3 the last 20 and no link onwards; a page past the end shows the last.
    @Test func theOverviewIsPaged() throws {
        let (patients, report) = try lines()
        let pages = ConsolePages(siteName: "Test", language: .en, viewer: .init(user: "anna", canChange: true, csrf: "t"))
        let second = pages.overview(now: day(2026, 11, 22), weeks: [], conflicts: [], patients: patients, timeline: report, page: 2)
        #expect(second.contains("Patients 51–100 of 120."))
        #expect(second.contains("<a href=\"/console/?page=1\">Previous 50</a>") && second.contains("<a href=\"/console/?page=3\">Next 50</a>"))
        #expect(second.contains("href=\"/console/patients/P-0051\"") && second.contains("href=\"/console/patients/P-0100\""))
        #expect(!second.contains("href=\"/console/patients/P-0050\"") && !second.contains("href=\"/console/patients/P-0101\""))
        // The timeline draws the same 50 rows (each row's title starts with its pseudonym).
        #expect(second.contains("<title>P-0051") && !second.contains("<title>P-0101"))
        let last = pages.overview(now: day(2026, 11, 22), weeks: [], conflicts: [], patients: patients, timeline: report, page: 9)
        #expect(last.contains("Patients 101–120 of 120.") && !last.contains("Next 50"))
    }

    /// 100 entries a page: of 250 entries of P-0007 (the newest first), page 2 holds entries 101–200 and links to
    /// pages 1 and 3 with the filter kept; page 3 the last 50; a page past the end shows the last.
    @Test func theAuditLogIsPaged() {
        let pages = ConsolePages(siteName: "Test", language: .en, viewer: .init(user: "anna", canChange: true, csrf: "t"))
        let rows = (1...250).map { index in
            ConsolePages.AuditRow(time: "entry-" + zeroPadded(index, 3), user: "anna", what: "record", patient: "P-0007",
                                  detail: "bags: — → \(index)")
        }
        let second = pages.audit(rows, patient: "P-0007", page: 2)
        #expect(second.contains("250 entries, newest first; only patient P-0007."))
        #expect(second.contains("Entries 101–200 of 250."))
        #expect(second.contains("<a href=\"/console/audit?patient=P-0007&amp;page=1\">Previous 100</a>"))
        #expect(second.contains("<a href=\"/console/audit?patient=P-0007&amp;page=3\">Next 100</a>"))
        #expect(second.contains(">entry-101<") && second.contains(">entry-200<"))
        #expect(!second.contains(">entry-100<") && !second.contains(">entry-201<"))
        let last = pages.audit(rows, patient: "P-0007", page: 7)
        #expect(last.contains("Entries 201–250 of 250.") && !last.contains("Next 100") && last.contains(">entry-250<"))
        // A name with characters a link must encode is encoded in the link and escaped in the text.
        let odd = pages.audit(rows, user: "a&b <c>")
        #expect(odd.contains("href=\"/console/audit?user=a%26b%20%3Cc%3E&amp;page=2\""))
        #expect(odd.contains("only user a&amp;b &lt;c&gt;."))
        // Fewer than a page: no links.
        #expect(!pages.audit(Array(rows.prefix(100))).contains("Pages of the audit log"))
        #expect(second.contains("<nav aria-label=\"Pages of the audit log\">"))
    }
}
