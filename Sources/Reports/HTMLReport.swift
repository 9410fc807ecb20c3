import Calendrical
import Capacity
import Pathway

/// The cohort report as one self-contained HTML file: a timeline per patient, occupancy against capacity per
/// resource, and the conflict list, each conflict linked to its place in the timeline.
///
/// Inline CSS and SVG only: no script, no font, image or link outside the file. Every bar carries a `<title>` in
/// words, status is told by fill *and* pattern (done solid, confirmed solid with a heavy outline, planned hatched,
/// in progress half-filled), and over-full days are hatched and labelled, so nothing depends on colour alone.
/// A worked case of the scale: 150 days at 4 px a day and 18 px a patient row — 2,000 patients make a 36,000 px
/// tall timeline of about 22,000 rectangles, written with short class names and whole-pixel coordinates.
public struct HTMLReport: Sendable {
    /// The site's name.
    public var siteName: String
    /// Today.
    public var now: CalendarDate
    /// First day drawn.
    public var from: CalendarDate
    /// Last day drawn.
    public var to: CalendarDate
    /// The working calendar (weekends, holidays, closures are shaded).
    public var calendar: WorkingCalendar
    /// The plans, in cohort order.
    public var plans: [PatientPlan]
    /// Occupancy by day over `from`…`to`.
    public var occupancy: CapacityOverview
    /// The conflicts, in report order.
    public var conflicts: [CohortConflict]
    /// The language of the page's words, conflict messages and suggestions included.
    public var language: PatientRecord.Language
    /// P(demand > capacity) per resource and day (``RiskView``), drawn as a strip under each chart.
    public var risk: [RiskView.Day] = []
    /// The risk view's model, in words, said under the charts.
    public var riskModel: RiskModel?

    /// A report.
    public init(siteName: String, now: CalendarDate, from: CalendarDate, to: CalendarDate, calendar: WorkingCalendar,
                plans: [PatientPlan], occupancy: CapacityOverview, conflicts: [CohortConflict],
                language: PatientRecord.Language = .en) {
        self.language = language
        self.siteName = siteName
        self.now = now
        self.from = from
        self.to = to
        self.calendar = calendar
        self.plans = plans
        self.occupancy = occupancy
        self.conflicts = conflicts
    }

    /// The page's words, `English` / `Dutch`.
    private func t(_ english: String, _ dutch: String) -> String { language == .nl ? dutch : english }

    /// A step's status in the page's language (the legend's words).
    private func statusWord(_ status: StepPlan.Status) -> String {
        switch status {
        case .done: t("done", "gedaan")
        case .inProgress: t("in progress", "bezig")
        case .confirmed: t("confirmed", "bevestigd")
        case .planned: t("planned", "gepland")
        }
    }

    static let dayWidth = 4
    static let rowHeight = 18
    static let labelWidth = 80
    static let headerHeight = 44

    private var days: Int { from.days(until: to) + 1 }
    private func x(_ date: CalendarDate) -> Int { Self.labelWidth + from.days(until: date) * Self.dayWidth }
    private var width: Int { Self.labelWidth + days * Self.dayWidth + 10 }

    /// The id of a patient's row.
    public static func rowID(_ patient: String) -> String { "row-" + patient }

    /// The whole page: a header, a table of contents, the three sections in `main`, and a footer. The SVG patterns
    /// are defined once, in a hidden SVG at the top, and every chart refers to them (one id each in the page).
    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(Format.html(siteName)) — \(t("treatment plans as of", "behandelplannen per")) \(now)</title>\n<style>\(HTML.style)</style>\n</head>\n<body>\n"
        out += HTML.definitions + "\n"
        out += "<header>\n<h1>\(Format.html(siteName)): \(t("treatment plans", "behandelplannen"))</h1>\n"
        out += "<p class=\"meta\">\(t("As of", "Stand van")) \(now); \(from) … \(to); \(plans.count) \(t("patients (pseudonyms)", "patiënten (pseudoniemen)")); \(conflicts.count) \(t("conflicts", "conflicten")).</p>\n"
        out += "<nav aria-label=\"\(t("Contents", "Inhoud"))\"><ul class=\"toc\">"
        out += "<li><a href=\"#timeline\">\(t("Timeline", "Tijdlijn"))</a></li>"
        out += "<li><a href=\"#occupancy\">\(t("Occupancy against capacity", "Bezetting en capaciteit"))</a></li>"
        out += "<li><a href=\"#conflicts\">\(t("Conflicts", "Conflicten")) (\(conflicts.count))</a></li></ul></nav>\n</header>\n<main>\n"
        out += timeline()
        out += occupancyCharts()
        out += conflictList()
        out += "</main>\n<footer><p class=\"meta\">\(t("Written by ahsct as of", "Gemaakt door ahsct, stand van")) \(now). \(t("Pseudonyms only; names are in the patients' own pages.", "Alleen pseudoniemen; namen staan alleen op de eigen pagina van de patiënt."))</p></footer>\n"
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: Timeline

    private func legend() -> String {
        func swatch(_ cls: String) -> String {
            "<svg width=\"28\" height=\"14\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"\(cls)\" x=\"1\" y=\"1\" width=\"26\" height=\"12\"/></svg>"
        }
        return "<ul class=\"legend\" aria-label=\"\(t("Legend", "Legenda"))\">"
            + "<li>\(swatch("b done"))\(t("done (solid dark)", "gedaan (egaal donker)"))</li><li>\(swatch("b in-progress"))\(t("in progress (striped)", "bezig (gestreept)"))</li>"
            + "<li>\(swatch("b confirmed"))\(t("confirmed (light, heavy outline)", "bevestigd (licht, dikke rand)"))</li><li>\(swatch("b planned"))\(t("planned (hatched)", "gepland (gearceerd)"))</li>"
            + "<li>\(swatch("w"))\(t("window (earliest … latest, dashed outline)", "venster (vroegst … laatst, gestippelde rand)"))</li><li>\(swatch("closed"))\(t("weekend, holiday or closure", "weekend, feestdag of sluiting"))</li>"
            + "<li><span class=\"sym\">▲</span> \(t("conflict (see the list of conflicts)", "conflict (zie de lijst met conflicten)"))</li>"
            + "<li><span class=\"sym\">!</span> \(t("still to do before the treatment (in the table)", "nog te doen voor de behandeling (in de tabel)"))</li>"
            + "<li><span class=\"sym\">│</span> \(t("today", "vandaag"))</li></ul>\n"
    }

    private func timeline() -> String {
        "<section id=\"timeline\" aria-labelledby=\"timeline-heading\">\n<h2 id=\"timeline-heading\">\(t("Timeline", "Tijdlijn"))</h2>\n"
            + timelineFigure() + timelineTable() + "</section>\n"
    }

    /// The timeline drawing with its legend, in a box that scrolls sideways when the screen is narrower (the
    /// console's overview shows it too). It refers to the patterns of ``HTML/definitions``, which the page holds once.
    public func timelineFigure() -> String {
        let height = Self.headerHeight + plans.count * Self.rowHeight + 4
        var out = "<figure>\n" + legend()
        out += "<div class=\"chart\" tabindex=\"0\" role=\"region\" aria-label=\"\(t("Timeline chart; the table below says the same", "Tijdlijn als grafiek; de tabel eronder zegt hetzelfde"))\">\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"timeline-title\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
        out += "<title id=\"timeline-title\">\(t("Timeline of every patient's steps from \(from) to \(to)", "Tijdlijn van de stappen van elke patiënt van \(from) tot en met \(to)"))</title>\n"
        // Closed days, once for the whole height (site-wide: weekends, public holidays, closures of everything).
        var day = from
        while day <= to {
            if !calendar.isOpen(day) {
                out += "<rect class=\"closed\" x=\"\(x(day))\" y=\"\(Self.headerHeight)\" width=\"\(Self.dayWidth)\" height=\"\(height - Self.headerHeight)\"/>"
            }
            day = day.adding(days: 1)
        }
        out += "\n" + scale(height: height)
        for (index, plan) in plans.enumerated() {
            out += row(plan, y: Self.headerHeight + index * Self.rowHeight)
        }
        if from <= now && now <= to {
            out += "<line class=\"today\" x1=\"\(x(now))\" y1=\"12\" x2=\"\(x(now))\" y2=\"\(height)\"/>"
            out += "<text x=\"\(x(now) + 3)\" y=\"41\" class=\"lbl\">\(t("today", "vandaag"))</text>\n"
        }
        return out + "</svg>\n</div>\n</figure>\n"
    }

    /// The timeline as a table: a group of rows per patient (its id is the patient's link target), a row per step
    /// with its dates, window and status, and what is still to do. Everything a bar's tooltip says, for keyboards,
    /// screen readers and print.
    private func timelineTable() -> String {
        var out = "<div class=\"scroll data\" tabindex=\"0\" role=\"region\" aria-label=\"\(t("Timeline table", "Tijdlijn als tabel"))\">\n"
        out += "<table class=\"data\">\n<caption>\(t("The timeline as a table: every step of every patient", "De tijdlijn als tabel: elke stap van elke patiënt"))</caption>\n"
        out += "<thead><tr><th scope=\"col\">\(t("Patient", "Patiënt"))</th><th scope=\"col\">\(t("Step", "Stap"))</th><th scope=\"col\">\(t("Dates (expected)", "Data (verwacht)"))</th><th scope=\"col\">\(t("Window", "Venster"))</th><th scope=\"col\">\(t("Status", "Status"))</th></tr></thead>\n"
        let words = Words(language)
        for plan in plans {
            let id = Format.html(plan.patientID)
            var about = "<span class=\"code\">\(id)</span>"
            if plan.declined { about += "<br/>" + t("declined: the pathway ends with the answer visit", "nee: het traject stopt na het uitslaggesprek") }
            let toDo = plan.steps.flatMap(\.toDo).map(words.toDo)
            if !toDo.isEmpty { about += "<br/>! " + t("to do", "nog te doen") + ": " + Format.html(toDo.joined(separator: "; ")) }
            let steps = plan.steps
            out += "<tbody class=\"row\" id=\"\(Format.html(Self.rowID(plan.patientID)))\">"
            for (index, step) in steps.enumerated() {
                let start = step.start.expected
                let end = max(start, step.end?.expected ?? start)
                let dates = start == end ? "\(start)" : "\(start) → \(end)"
                let window = step.start.isSingleDay ? "" : "\(step.start.earliest) … \(step.start.latest)"
                out += "<tr>"
                if index == 0 { out += "<th scope=\"rowgroup\" rowspan=\"\(steps.count)\">\(about)</th>" }
                out += "<td>\(step.step)</td><td class=\"d\">\(dates)</td><td class=\"d\">\(window)</td><td>\(statusWord(step.status))\(step.isOverdue ? t(" (overdue)", " (te laat)") : "")</td></tr>"
            }
            if steps.isEmpty { out += "<tr><th scope=\"row\">\(about)</th><td colspan=\"4\">—</td></tr>" }
            out += "</tbody>\n"
        }
        return out + "</table>\n</div>\n"
    }

    /// Month labels on top, ISO week numbers under them, a line at every Monday.
    private func scale(height: Int) -> String {
        var out = ""
        var day = from
        while day <= to {
            // The first month is labelled at the left edge unless its end is too close to leave room.
            if day.day == 1 || (day == from && from.adding(days: 12).month == from.month) {
                out += "<text x=\"\(x(day) + 2)\" y=\"10\" class=\"lbl\">\(CalendarDate.monthNames[day.month - 1].prefix(3)) \(day.year)</text>"
            }
            if day.weekday == .monday {
                out += "<line class=\"grid\" x1=\"\(x(day))\" y1=\"14\" x2=\"\(x(day))\" y2=\"\(height)\"/>"
                out += "<text x=\"\(x(day) + 2)\" y=\"28\">w\(Self.isoWeek(day))</text>"
            }
            day = day.adding(days: 1)
        }
        return out + "\n"
    }

    /// The ISO 8601 week number.
    static func isoWeek(_ date: CalendarDate) -> Int {
        let thursday = date.adding(days: 4 - date.weekday.isoNumber)
        let january1 = CalendarDate(clamping: thursday.year, 1, 1)
        return january1.days(until: thursday) / 7 + 1
    }

    private func clipped(_ start: CalendarDate, _ end: CalendarDate) -> (Int, Int)? {
        guard end >= from && start <= to else { return nil }
        let first = max(start, from), last = min(end, to)
        return (x(first), (first.days(until: last) + 1) * Self.dayWidth)
    }

    /// One patient's row, drawn at y = 0 and moved into place, so the coordinates stay short. The row's title names
    /// the patient; each bar's title says the step, its status, its dates and its window (the table says the same).
    /// Nothing in the drawing is a link: the conflict list and the table carry them.
    private func row(_ plan: PatientPlan, y: Int) -> String {
        let id = Format.html(plan.patientID)
        // The row's title says what the bars cannot: a declined answer, and what is still to do.
        var about = id
        if plan.declined { about += t(": the committee declined; the pathway ends with the answer visit", ": het overleg besloot nee; het traject stopt na het uitslaggesprek") }
        let toDo = plan.steps.flatMap(\.toDo).map(Words(language).toDo)
        if !toDo.isEmpty { about += "; " + t("to do", "nog te doen") + ": " + Format.html(toDo.joined(separator: "; ")) }
        var out = "<g class=\"pr\" transform=\"translate(0,\(y))\"><title>\(about)</title>"
        out += "<text x=\"2\" y=\"13\" class=\"lbl\">\(id)</text>"
        for step in plan.steps {
            let start = step.start.expected
            let end = max(start, step.end?.expected ?? start)
            let window = step.start.isSingleDay ? "" : "; \(t("window", "venster")) \(step.start.earliest) … \(step.start.latest)"
            if !step.start.isSingleDay, let (wx, ww) = clipped(step.start.earliest, step.start.latest) {
                out += "<rect class=\"w\" x=\"\(wx)\" y=\"2\" width=\"\(ww)\" height=\"\(Self.rowHeight - 4)\"/>"
            }
            guard let (bx, bw) = clipped(start, end) else { continue }
            let span = start == end ? "\(start)" : "\(start) → \(end)"
            out += "<rect class=\"b \(step.status.rawValue)\" x=\"\(bx)\" y=\"4\" width=\"\(bw)\" height=\"\(Self.rowHeight - 8)\"><title>\(step.step) \(statusWord(step.status))\(step.isOverdue ? t(" (overdue)", " (te laat)") : ""): \(span)\(window)</title></rect>"
        }
        if plan.declined, let answer = plan[.committeeAnswer], let (ax, _) = clipped(answer.start.expected, answer.start.expected) {
            out += "<text x=\"\(ax + Self.dayWidth + 3)\" y=\"13\">\(t("declined: pathway ended", "nee: traject gestopt"))</text>"
        }
        if !toDo.isEmpty { out += "<text x=\"\(Self.labelWidth - 10)\" y=\"13\" class=\"lbl\">!</text>" }
        for (index, conflict) in conflicts.enumerated() where conflict.patients.contains(plan.patientID) {
            guard conflict.from <= to && conflict.to >= from else { continue }
            let mx = x(max(conflict.from, from)) + Self.dayWidth / 2
            out += "<path class=\"mark\" d=\"M\(mx - 5),\(Self.rowHeight) l5,-9 l5,9 z\"><title>conflict \(index + 1): \(conflict.code.rawValue) \(Format.html(conflict.subject)) \(t("from", "vanaf")) \(conflict.from)</title></path>"
        }
        return out + "</g>\n"
    }

    // MARK: Occupancy

    private func occupancyCharts() -> String {
        var out = "<section id=\"occupancy\" aria-labelledby=\"occupancy-heading\">\n<h2 id=\"occupancy-heading\">\(t("Occupancy against capacity", "Bezetting en capaciteit"))</h2>\n"
        out += occupancyLegend()
        for peak in occupancy.peaks where peak.capacity != nil || peak.expected.demand > 0 {
            let rows = occupancy.rows.filter { $0.resource == peak.resource }
            let top = max(1, rows.map { max($0.expected, $0.worstCase, $0.capacity ?? 0) }.max() ?? 1)
            let unit = max(4, min(16, 80 / top))
            let height = top * unit + 30
            let base = height - 16
            let resource = Format.html(peak.resource)
            let overDays = rows.filter { ($0.freeExpected ?? 0) < 0 }.count
            out += "<figure aria-labelledby=\"resource-\(resource)\">\n<h3 id=\"resource-\(resource)\">\(resource)</h3>\n"
            out += "<div class=\"chart\" tabindex=\"0\" role=\"region\" aria-label=\"\(resource): \(t("chart; the table below says the same", "grafiek; de tabel eronder zegt hetzelfde"))\">\n"
            out += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-\(resource)\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
            out += "<title id=\"chart-\(resource)\">\(resource): " + t("peak \(peak.expected.demand) expected on \(peak.expected.day)\(peak.capacity.map { ", capacity \($0)" } ?? ", not limited"); \(overDays) over-full days",
                                                              "piek \(peak.expected.demand) verwacht op \(peak.expected.day)\(peak.capacity.map { ", capaciteit \($0)" } ?? ", onbeperkt"); \(overDays) overvolle dagen") + "</title>\n"
            out += "<line class=\"axis\" x1=\"\(Self.labelWidth)\" y1=\"\(base)\" x2=\"\(width - 10)\" y2=\"\(base)\"/>"
            out += "<text x=\"2\" y=\"\(base)\">0</text><text x=\"2\" y=\"\(base - top * unit + 5)\">\(top)</text>"
            var worst = ""
            var capacity = ""
            for row in rows where row.closedDays > 0 {
                // Days closed for new starts of this resource (its own closures too, not only the site's).
                out += "<rect class=\"closed\" x=\"\(x(row.from))\" y=\"4\" width=\"\(Self.dayWidth)\" height=\"\(base - 4)\"/>"
            }
            for row in rows {
                let left = x(row.from)
                if row.expected > 0 {
                    let over = (row.freeExpected ?? 0) < 0
                    out += "<rect class=\"\(over ? "ov" : "exp")\" x=\"\(left)\" y=\"\(base - row.expected * unit)\" width=\"\(Self.dayWidth)\" height=\"\(row.expected * unit)\"><title>\(row.from): \(row.expected) \(t("expected", "verwacht"))\(row.capacity.map { t(" of ", " van ") + "\($0)" } ?? "")\(over ? t(", over capacity", ", boven de capaciteit") : "")</title></rect>"
                    if over { out += "<text class=\"sym\" x=\"\(left - 3)\" y=\"\(base - row.expected * unit - 2)\">▲</text>" }
                }
                worst += "\(worst.isEmpty ? "M" : "L")\(left),\(base - row.worstCase * unit) l\(Self.dayWidth),0 "
                if let cap = row.capacity { capacity += "\(capacity.isEmpty ? "M" : "L")\(left),\(base - cap * unit) l\(Self.dayWidth),0 " }
            }
            out += "<path class=\"wc\" d=\"\(worst)\"><title>\(t("worst case", "ongunstigste geval"))</title></path>"
            if !capacity.isEmpty { out += "<path class=\"cap\" d=\"\(capacity)\"><title>\(t("capacity", "capaciteit"))</title></path>" }
            if from <= now && now <= to {
                out += "<line class=\"axis\" x1=\"\(x(now))\" y1=\"4\" x2=\"\(x(now))\" y2=\"\(base)\" stroke-dasharray=\"1 2\"/>"
            }
            out += "\n</svg>\n"
            out += riskStrip(peak.resource)
            out += "</div>\n</figure>\n"
            out += occupancyTable(peak.resource, rows: rows)
        }
        if let riskModel, !risk.isEmpty {
            out += "<p class=\"meta\">\(t("Model", "Model")): \(Format.html(Words(language).riskModel(riskModel))).</p>\n"
        }
        return out + "</section>\n"
    }

    /// What the occupancy charts draw, once above them: swatches for the bars and lines, and the risk strip's
    /// greys from 0 to 100 %.
    private func occupancyLegend() -> String {
        func swatch(_ inner: String) -> String {
            "<svg width=\"28\" height=\"14\" aria-hidden=\"true\" focusable=\"false\">\(inner)</svg>"
        }
        var out = "<ul class=\"legend\" aria-label=\"\(t("Legend", "Legenda"))\">"
        out += "<li>\(swatch("<rect class=\"exp\" x=\"1\" y=\"1\" width=\"26\" height=\"12\"/>"))\(t("expected demand per day", "verwachte bezetting per dag"))</li>"
        out += "<li>\(swatch("<rect class=\"ov\" x=\"1\" y=\"1\" width=\"26\" height=\"12\"/>"))<span class=\"sym\">▲</span> \(t("over capacity (hatched)", "boven de capaciteit (gearceerd)"))</li>"
        out += "<li>\(swatch("<path class=\"wc\" d=\"M1,7 h26\"/>"))\(t("worst case (dashed line)", "ongunstigste geval (stippellijn)"))</li>"
        out += "<li>\(swatch("<path class=\"cap\" d=\"M1,7 h26\"/>"))\(t("capacity after changes and absences (solid line)", "capaciteit na wijzigingen en afwezigheid (doorgetrokken lijn)"))</li>"
        out += "<li>\(swatch("<rect class=\"closed\" x=\"1\" y=\"1\" width=\"26\" height=\"12\"/>"))\(t("closed for new starts", "gesloten voor nieuwe starts"))</li>"
        if !risk.isEmpty {
            out += "<li>\(t("Strip under each chart: the chance that demand exceeds capacity, from white (0 %) to black (100 %)", "Strook onder elke grafiek: de kans dat de vraag de capaciteit overschrijdt, van wit (0 %) tot zwart (100 %)")) "
            for chance in [0.0, 0.25, 0.5, 0.75, 1.0] {
                out += swatch("<rect x=\"1\" y=\"1\" width=\"26\" height=\"12\" fill=\"\(Self.grey(chance))\" stroke=\"#767676\"/>") + " \(Format.wholePercent(chance)) "
            }
            out += "</li>"
        }
        return out + "</ul>\n"
    }

    /// A resource's days as a table, folded away: every day with demand or a chance of running over, with its
    /// capacity. What the bars' tooltips say, for keyboards, screen readers and print.
    private func occupancyTable(_ resource: String, rows: [CapacityOverview.Row]) -> String {
        let name = Format.html(resource)
        let chances = Dictionary(risk.filter { $0.resource == resource }.map { ($0.day, $0.pOver) }, uniquingKeysWith: max)
        let shown = rows.filter { $0.expected > 0 || $0.worstCase > 0 || (chances[$0.from] ?? 0) > 0 }
        var out = "<details class=\"data\"><summary>\(name): \(t("the days as a table", "de dagen als tabel")) (\(shown.count))</summary>\n"
        out += "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(name): \(t("table of days", "tabel van de dagen"))\">\n"
        out += "<table class=\"data\">\n<caption>\(name): \(t("demand, capacity and the chance of running over, per day", "vraag, capaciteit en de kans op te vol, per dag"))</caption>\n"
        out += "<thead><tr><th scope=\"col\">\(t("Day", "Dag"))</th><th scope=\"col\">\(t("Expected", "Verwacht"))</th><th scope=\"col\">\(t("Worst case", "Ongunstigst"))</th><th scope=\"col\">\(t("Capacity", "Capaciteit"))</th><th scope=\"col\">\(t("Chance of running over", "Kans op te vol"))</th></tr></thead>\n<tbody>"
        for row in shown {
            let over = (row.freeExpected ?? 0) < 0
            out += "<tr><th scope=\"row\">\(Format.day(row.from, language))</th><td>\(row.expected)\(over ? " ▲" : "")</td><td>\(row.worstCase)</td>"
            out += "<td>\(row.capacity.map(String.init) ?? t("not limited", "onbeperkt"))</td><td>\(chances[row.from].map { Format.percent($0, language) } ?? "—")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n</details>\n"
    }

    // MARK: Risk

    /// The grey of a chance: white for 0, black for 1, so the strip reads the same in greyscale print.
    static func grey(_ chance: Double) -> String {
        let level = 255 - Int((chance * 255).rounded())
        let hex = String(max(0, min(255, level)), radix: 16)
        let pair = hex.count == 1 ? "0" + hex : hex
        return "#" + pair + pair + pair
    }

    /// A day-by-day strip of P(demand > capacity) under a resource's chart, aligned with its days.
    private func riskStrip(_ resource: String) -> String {
        let days = risk.filter { $0.resource == resource && from <= $0.day && $0.day <= to }
        guard !days.isEmpty else { return "" }
        let name = Format.html(resource)
        let worst = days.max { $0.pOver < $1.pOver }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"risk-\(name)\" width=\"\(width)\" height=\"22\" viewBox=\"0 0 \(width) 22\">\n"
        out += "<title id=\"risk-\(name)\">\(name): \(t("chance of more demand than capacity per day, highest", "kans op meer vraag dan capaciteit per dag, hoogste")) \(Format.percent(worst?.pOver ?? 0, language))\(worst.map { " (\($0.day))" } ?? "")</title>\n"
        out += "<text x=\"2\" y=\"15\">P(\(t("over", "vol")))</text>"
        out += "<rect x=\"\(Self.labelWidth)\" y=\"3\" width=\"\(days.count * Self.dayWidth)\" height=\"14\" fill=\"none\" stroke=\"#999\" stroke-width=\".5\"/>"
        for day in days where day.pOver > 0 {
            out += "<rect x=\"\(x(day.day))\" y=\"3\" width=\"\(Self.dayWidth)\" height=\"14\" fill=\"\(Self.grey(day.pOver))\"><title>\(day.day): P(\(t("over", "vol"))) \(Format.percent(day.pOver, language)), \(t("expected", "verwacht")) \(Format.decimal(day.expected, language)) \(t("of", "van")) \(day.capacity)</title></rect>"
        }
        return out + "\n</svg>\n"
    }

    // MARK: Conflicts

    private func conflictList() -> String {
        var out = "<section id=\"conflicts\" class=\"conflicts\" aria-labelledby=\"conflicts-heading\">\n<h2 id=\"conflicts-heading\">\(t("Conflicts", "Conflicten"))</h2>\n"
        guard !conflicts.isEmpty else { return out + "<p>\(t("No conflicts.", "Geen conflicten."))</p>\n</section>\n" }
        out += "<ol>\n"
        for (index, conflict) in conflicts.enumerated() {
            let links = conflict.patients.map { "<a href=\"#\(Format.html(Self.rowID($0)))\">\(Format.html($0))</a>" }
            let span = conflict.from == conflict.to ? Format.day(conflict.from, language)
                : "\(Format.day(conflict.from, language)) … \(Format.day(conflict.to, language))"
            out += "<li id=\"conflict-\(index + 1)\"><span class=\"code\">\(conflict.code.rawValue)</span> \(Format.html(conflict.subject)), \(span)"
            if let demand = conflict.demand, let capacity = conflict.capacity { out += t(" (demand \(demand), capacity \(capacity))", " (vraag \(demand), capaciteit \(capacity))") }
            let words = Words(language)
            out += " — " + links.joined(separator: ", ") + "<br/>" + Format.html(words.message(conflict))
            if let advice = conflict.advice {
                out += "<br/><span class=\"suggest\">\(t("Suggestion", "Voorstel")): \(Format.html(words.advice(advice)))</span>"
            }
            out += "</li>\n"
        }
        return out + "</ol>\n</section>\n"
    }
}

extension HTMLReport {
    /// The coordinators' report of a planned cohort from `from` to `to`: timelines, occupancy per day against
    /// capacity, every conflict and the risk strip. What `ahsct report` writes and `ahsct serve` shows.
    /// `conflicts` and `risk`, when the caller has them already (the server shares them with its console), are
    /// not worked out again.
    public init(analysis: CohortAnalysis, siteName: String, from: CalendarDate, to: CalendarDate,
                language: PatientRecord.Language, conflicts: [CohortConflict]? = nil, risk: RiskView? = nil) {
        self.init(siteName: siteName, now: analysis.now, from: from, to: to, calendar: analysis.planner.calendar,
                  plans: analysis.plans, occupancy: CapacityOverview(analysis: analysis, from: from, to: to, period: .day),
                  conflicts: conflicts ?? ConflictFinder(analysis: analysis).conflicts(), language: language)
        let risk = risk ?? RiskView(analysis: analysis)
        self.risk = risk.days(from: from, to: to)
        self.riskModel = risk.model
    }
}
