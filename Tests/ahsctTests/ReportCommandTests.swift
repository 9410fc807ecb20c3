import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `ahsct report` on the example cohort, checked structurally: well-formed markup, one timeline row per patient,
/// every conflict present and linked both ways, nothing fetched from outside the file.
@Suite struct ReportCommandTests {
    let cohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path
    let patients = (1...10).map { "P-" + String(format: "%04d", $0) }

    func render(_ extra: [String]) throws -> String {
        let out = try temporaryFolder().appendingPathComponent("report.html")
        let run = try AhsctRun(["report", cohort, "--now", "2026-11-22", "--out", out.path] + extra)
        #expect(run.status == 0, "\(run.errors)")
        return String(decoding: try Data(contentsOf: out), as: UTF8.self)
    }

    /// Well-formed (XML rules: every element closed, attributes quoted), so any HTML parser reads it the same way.
    func expectWellFormed(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let parser = XMLParser(data: Data(html.utf8))
        // FoundationXML's parse() can return true and still set an error (a mismatched end tag): check both.
        #expect(parser.parse() && parser.parserError == nil, "not well-formed: \(parser.parserError.map { "\($0)" } ?? "") line \(parser.lineNumber)",
                sourceLocation: sourceLocation)
    }

    func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// A risk strip under each limited resource's chart, with the model named. On 22 November three certain stays
    /// fill two beds (P(over) = 1: black); the strip's title names its highest chance.
    @Test func riskStrips() throws {
        let html = try render([])
        expectWellFormed(html)
        for resource in ["isolation-beds", "apheresis-machines", "daycare-chairs"] {
            #expect(html.contains("aria-labelledby=\"risk-\(resource)\""), "\(resource)")
        }
        #expect(html.contains("<title id=\"risk-isolation-beds\">isolation-beds: chance of more demand than capacity per day, highest 100.0 %"))
        #expect(html.contains("fill=\"#000000\"><title>2026-11-22: P(over) 100.0 %, expected 3.00 of 2</title>"))
        #expect(html.contains("Model: sessions 1/2/3 with chances 0.77/0.17/0.06"))
        let dutch = try render(["--lang", "nl"])
        #expect(dutch.contains("Strook onder elke grafiek"))
    }

    @Test func cohortReportStructure() throws {
        let html = try render([])
        expectWellFormed(html)
        // Landmarks: one header, nav, main and footer; each section named by its heading.
        for landmark in ["<header>", "<nav aria-label=\"Contents\">", "<main>", "<footer>"] {
            #expect(occurrences(landmark, in: html) == 1, "\(landmark)")
        }
        #expect(html.contains("<section id=\"timeline\" aria-labelledby=\"timeline-heading\">"))
        // Every id once (the SVG patterns are defined once for all charts).
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(Set(ids).count == ids.count, "repeated ids: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        #expect(occurrences("<pattern id=\"hatch\"", in: html) == 1)
        // One row group per patient in the timeline's table, in cohort order: the conflicts' link targets.
        let rows = html.components(separatedBy: "<tbody class=\"row\" id=\"row-").dropFirst().map { String($0.prefix(6)) }
        #expect(rows == patients)
        // Every conflict of `ahsct conflicts` is listed, and links to each of its patients' rows.
        let conflicts = try AhsctRun(["conflicts", cohort, "--now", "2026-11-22", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(conflicts.output.utf8)) as? [String: Any])
        let list = try #require(json["conflicts"] as? [[String: Any]])
        #expect(occurrences("<li id=\"conflict-", in: html) == list.count)
        for (index, conflict) in list.enumerated() {
            let item = try #require(html.components(separatedBy: "<li id=\"conflict-\(index + 1)\">").dropFirst().first)
                .components(separatedBy: "</li>")[0]
            let code = try #require(conflict["code"] as? String)
            #expect(item.contains(code))
            for patient in try #require(conflict["patients"] as? [String]) {
                #expect(item.contains("href=\"#row-\(patient)\""), "conflict \(index + 1) does not link to \(patient)")
            }
        }
        // The drawing marks each conflict in the drawn span, but holds no link (no interactive element inside an
        // image): the window_violated conflict of P-0009 (20 November) is inside the default span (25 October …
        // 23 May) and marked, and no <a> sits inside any <svg>.
        #expect(html.contains("<title>conflict 1: "))
        for drawing in html.components(separatedBy: "<svg").dropFirst() {
            #expect(!drawing.components(separatedBy: "</svg>")[0].contains("<a "))
        }
        // Nothing outside the file: the only URL is the SVG namespace.
        for forbidden in ["<script", "src=", "@import", "url(http", "href=\"http", "<link"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        let urls = html.components(separatedBy: "http").count - 1
        #expect(urls == occurrences("xmlns=\"http://www.w3.org/2000/svg\"", in: html))
        // Printable on A4 landscape; every bar explained in words.
        #expect(html.contains("@page{size:A4 landscape"))
        // (The legend's swatches are hidden from screen readers and carry no title; the timeline's bars do.)
        let timeline = html.components(separatedBy: "id=\"timeline-title\"")[1].components(separatedBy: "</svg>")[0]
        let bars = timeline.components(separatedBy: "<rect class=\"b ").dropFirst()
        #expect(!bars.isEmpty && bars.allSatisfy { $0.prefix(200).contains("<title>") })
        // No names in the cohort report (pseudonyms only).
        for name in ["de Vries", "Bakker", "Jansen", "Visser", "Smit", "Mulder", "de Boer", "Meijer", "de Groot", "Bos"] {
            #expect(!html.contains(name))
        }
        #expect(try render([]) == html)  // deterministic
    }

    @Test func dutchLabels() throws {
        let html = try render(["--lang", "nl"])
        expectWellFormed(html)
        #expect(html.contains("<html lang=\"nl\">"))
        #expect(html.contains("<h2 id=\"timeline-heading\">Tijdlijn</h2>"))
        // Dutch days in the conflict list, Dutch decimal commas in the risk strip.
        #expect(html.contains("ma 2027-01-04") || html.contains("di 2026-11-24"))
        #expect(html.contains("100,0 %") && !html.contains("100.0 %"))
    }

    /// P-0001's own page: Dutch (their language), their plan only, the calendar file linked.
    @Test func patientPage() throws {
        let html = try render(["--patient", "P-0001"])
        expectWellFormed(html)
        #expect(html.contains("<html lang=\"nl\">"))
        #expect(html.contains("Mijn behandelplan — J. de Vries"))
        #expect(html.contains("href=\"patients/P-0001.ics\""))
        // 12 bags: the stay (A Mon 4 Jan 2027 to the expected discharge D0+21 = Sat 30 Jan) and the reinfusion over
        // two days (D0 Sat 9 Jan and Sun 10 Jan), in words.
        #expect(html.contains("Van maandag 4 januari 2027 tot en met zaterdag 30 januari 2027."))
        #expect(html.contains("Van zaterdag 9 januari 2027 tot en met zondag 10 januari 2027."))
        for other in patients.dropFirst() { #expect(!html.contains(other)) }
        for name in ["Bakker", "Jansen", "Visser"] { #expect(!html.contains(name)) }
        let english = try render(["--patient", "P-0001", "--lang", "en"])
        #expect(english.contains("My treatment plan"))
    }

    @Test func outIsRequired() throws {
        let run = try AhsctRun(["report", cohort, "--now", "2026-11-22"])
        #expect(run.status == 64)
    }
}
