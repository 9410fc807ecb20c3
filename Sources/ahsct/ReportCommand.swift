import ArgumentParser
import Calendrical
import Capacity
import Interchange
import Pathway
import Reports

/// `ahsct report COHORT --out report.html`: the cohort at a glance, or one patient's own page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report: timelines, occupancy and conflicts, or a patient's own page.",
        discussion: """
            Without --patient: one HTML file with a timeline per patient (pseudonyms only), occupancy against \
            capacity per resource (expected and worst case) and the conflict list, each conflict linked to its \
            place in the timeline. Inline CSS and SVG, no script, nothing fetched; prints on A4 landscape. The \
            default span is four weeks before --now to 26 weeks after it.
            With --patient: that patient's own page, in their language (--lang overrides): the plan in plain words, \
            what each phase means, and the calendar file to import (--calendar-file, default patients/ID.ics).
            Exit status: 0 written, 1 the cohort has errors (nothing written), 64 bad arguments.
            """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "One patient's own page (pseudonym).")
    var patient: String?

    @Option(help: "First day drawn (YYYY-MM-DD; default: 28 days before --now).")
    var from: String?

    @Option(help: "Last day drawn (YYYY-MM-DD; default: 182 days after --now).")
    var to: String?

    @Option(help: "nl or en (default: en for the cohort report, the patient's own language for a patient page).")
    var lang: PatientRecord.Language?

    @Option(help: "The calendar file a patient page links to (default: patients/ID.ics).")
    var calendarFile: String?

    func validate() throws {
        if options.out == nil { throw ValidationError("--out is required: the report is an HTML file") }
        // Bad dates are usage errors, found before the cohort is read.
        _ = try from.map(parseCalendarDate)
        _ = try to.map(parseCalendarDate)
    }

    func run() throws {
        let (cohort, analysis) = try options.analysis()
        if let patient {
            guard let index = analysis.records.firstIndex(where: { $0.id == patient }) else {
                throw refuseUnknownPatient(patient, in: options.cohort, known: analysis.records.map(\.id))
            }
            var record = analysis.records[index]
            if let lang { record.language = lang }
            let page = PatientPage(site: cohort.site, now: analysis.now)
            try options.emit(page.html(analysis.plans[index], record: record,
                                       calendarFile: calendarFile ?? "patients/\(record.id).ics"))
            return
        }
        let (start, end) = try reportSpan(from: from, to: to, defaultFrom: analysis.now.adding(days: -28)) { _ in
            analysis.now.adding(days: 182)
        }
        let report = HTMLReport(analysis: analysis, siteName: cohort.site.name, from: start, to: end, language: lang ?? .en)
        try options.emit(report.html())
    }
}

extension PatientRecord.Language: ExpressibleByArgument {}
