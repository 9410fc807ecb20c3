import Calendrical
import Capacity
import Pathway

/// The coordinators' console as HTML pages: server-rendered, no script, every value escaped by ``Format/html(_:)``,
/// the report's stylesheet linked from the server (so a strict Content-Security-Policy holds: no inline script or
/// style). The Server target puts them behind a sign-in; what they say and how they look lives here.
///
/// A worked case: `ConsolePages(siteName: "Amsterdam UMC", language: .en, viewer: .init(user: "anna",
/// canChange: true, csrf: "Zx3…"))` makes pages whose header says "Signed in as anna", whose sign-out button posts
/// the CSRF token, and whose patient pages carry the forms to record what happened.
public struct ConsolePages: Sendable {
    /// Who is looking: their name, whether they may change things (a coordinator) and the token their forms carry.
    public struct Viewer: Sendable, Hashable {
        public var user: String
        public var canChange: Bool
        public var csrf: String
        public init(user: String, canChange: Bool, csrf: String) {
            self.user = user
            self.canChange = canChange
            self.csrf = csrf
        }
    }

    /// The site's name, shown in every header.
    public var siteName: String
    /// The pages' language.
    public var language: PatientRecord.Language
    /// The signed-in viewer (`nil` on the sign-in page).
    public var viewer: Viewer?

    /// The console's own stylesheet address (served by the console, never inline).
    public static let stylesheet = "/console/style.css"
    /// The stylesheet's text: the report's, plus forms, buttons and the page frame.
    public static let style = HTML.style + """
        header.console{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1.5em;border-bottom:2px solid #0050a0;padding:0 0 .5em;margin:0 0 1em}
        header.console .site{font-weight:bold;margin:0}header.console nav ul{display:flex;gap:1em;list-style:none;margin:0;padding:0}
        header.console nav a{display:inline-block;padding:.4em .2em;min-height:24px}
        header.console form{margin-left:auto}
        form.stack{display:grid;gap:.6em;max-width:32em;margin:.6em 0 1.2em}
        label{font-weight:bold}.hint{font-weight:normal;color:#333;display:block;font-size:.95em}
        input,select,button{font:inherit;min-height:44px;padding:.3em .6em;border:2px solid #555;border-radius:4px}
        button{background:#0050a0;color:#fff;border-color:#0050a0;cursor:pointer;min-width:44px}
        button.secondary{background:#fff;color:#0050a0}
        input:focus,select:focus,button:focus,a:focus{outline:3px solid #D55E00;outline-offset:2px}
        .notice{border-left:6px solid #0050a0;padding:.5em 1em;background:#eef4fa}
        .error{border-left:6px solid #b00020;padding:.5em 1em;background:#fdecee}
        .secret{font-family:"DejaVu Sans Mono",monospace;word-break:break-all;background:#f3f3f3;padding:.3em}
        .qr{width:14em;height:14em}
        .handout{max-width:40em}.handout .qr{display:block;margin:1em 0}
        @page{size:A4 portrait;margin:15mm}
        @media print{header.console,form,.noprint,main>h1,footer{display:none}.handout{font-size:12pt}.handout .qr{width:60mm;height:60mm}}
        """

    public init(siteName: String, language: PatientRecord.Language, viewer: Viewer?) {
        self.siteName = siteName
        self.language = language
        self.viewer = viewer
    }

    /// `English` / `Dutch`.
    func t(_ english: String, _ dutch: String) -> String { language == .nl ? dutch : english }

    /// A whole page: the console's header (site, menu, who is signed in and the sign-out button), then `body` in
    /// `main` under an `h1` of `title`.
    public func page(title: String, body: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(Format.html(title)) — \(Format.html(siteName))</title>\n"
        out += "<link rel=\"stylesheet\" href=\"\(Self.stylesheet)\"/>\n</head>\n<body>\n" + HTML.definitions + "\n"
        out += "<header class=\"console\">\n<p class=\"site\">\(Format.html(siteName)) — \(t("planning console", "planningsconsole"))</p>\n"
        if let viewer {
            out += "<nav aria-label=\"\(t("Console", "Console"))\"><ul><li><a href=\"/console/\">\(t("Overview", "Overzicht"))</a></li>"
            out += "<li><a href=\"/console/audit\">\(t("Audit log", "Logboek"))</a></li></ul></nav>\n"
            out += "<form method=\"post\" action=\"/console/logout\">\(hidden("csrf", viewer.csrf))"
            out += "<span>\(t("Signed in as", "Aangemeld als")) <strong>\(Format.html(viewer.user))</strong> </span>"
            out += "<button type=\"submit\" class=\"secondary\">\(t("Sign out", "Afmelden"))</button></form>\n"
        }
        out += "</header>\n<main>\n<h1>\(Format.html(title))</h1>\n" + body + "</main>\n"
        out += "<footer><p class=\"meta\">ahsct</p></footer>\n</body>\n</html>\n"
        return out
    }

    /// A hidden form field.
    func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(Format.html(name))\" value=\"\(Format.html(value))\"/>"
    }

    // MARK: Sign-in

    /// The sign-in form: fields `user` and `password`; `problem` says why the last try failed (the same words for an
    /// unknown name and a wrong password).
    public func signIn(problem: String? = nil) -> String {
        var body = ""
        if let problem { body += "<p class=\"error\" role=\"alert\">\(Format.html(problem))</p>\n" }
        body += "<form method=\"post\" action=\"/console/login\" class=\"stack\">\n"
        body += "<label for=\"user\">\(t("User name", "Gebruikersnaam"))</label><input id=\"user\" name=\"user\" autocomplete=\"username\" required=\"required\"/>\n"
        body += "<label for=\"password\">\(t("Password", "Wachtwoord"))</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required=\"required\"/>\n"
        body += "<button type=\"submit\">\(t("Sign in", "Aanmelden"))</button>\n</form>\n"
        return page(title: t("Sign in", "Aanmelden"), body: body)
    }

    /// The words for a failed sign-in: the same whatever failed.
    public var signInFailed: String { t("The user name or the password is not right.", "De gebruikersnaam of het wachtwoord klopt niet.") }

    /// The words for a throttled sign-in.
    public func signInPaused(seconds: Int) -> String {
        t("Too many failed sign-ins. Try again in \(seconds) seconds.", "Te vaak een verkeerde aanmelding. Probeer het over \(seconds) seconden opnieuw.")
    }

    // MARK: Overview

    /// One patient's line on the overview: where they are and what comes next.
    public struct PatientLine: Sendable, Hashable {
        public var id: String
        /// The name, for a viewer who may see it (a coordinator); `nil` shows the pseudonym only.
        public var name: String?
        public var plan: PatientPlan
        public init(id: String, name: String?, plan: PatientPlan) {
            self.id = id
            self.name = name
            self.plan = plan
        }
    }

    /// The cohort at a glance: the coming weeks' occupancy against capacity with the chance of running over, the
    /// conflicts with their suggestions (each linking to its patient), the patients with their current step and
    /// next date, and the timeline (the report's).
    ///
    /// A large cohort is shown ``pageSize`` patients at a time (`page` counts from 1): the patients' table and the
    /// timeline hold that page's patients, with links to the other pages; the conflict list holds the first
    /// ``pageSize`` conflicts (each patient's page has all of theirs). So the page stays small for 2,000 patients.
    public func overview(now: CalendarDate, weeks: [RiskView.Day], conflicts: [CohortConflict], patients: [PatientLine],
                         timeline: HTMLReport, page: Int = 1) -> String {
        let pages = max(1, (patients.count + Self.pageSize - 1) / Self.pageSize)
        let page = min(max(1, page), pages)
        let shown = Array(patients.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize))
        var body = "<p class=\"meta\">\(t("As of", "Stand van")) \(Format.day(now, language)); \(patients.count) \(t("patients", "patiënten")); \(conflicts.count) \(t("conflicts", "conflicten")).</p>\n"
        body += "<section aria-labelledby=\"weeks-heading\"><h2 id=\"weeks-heading\">\(t("The coming weeks", "De komende weken"))</h2>\n"
        body += "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(t("Occupancy per week", "Bezetting per week"))\"><table>\n"
        let resources = weeks.reduce(into: [String]()) { list, week in if !list.contains(week.resource) { list.append(week.resource) } }
        let days = weeks.reduce(into: [CalendarDate]()) { list, week in if !list.contains(week.day) { list.append(week.day) } }
        body += "<caption>\(t("Per week and resource: the busiest day's expected demand against capacity, and the chance of running over (▲ from 20 %)", "Per week en middel: de verwachte vraag op de drukste dag tegen de capaciteit, en de kans op te vol (▲ vanaf 20 %)"))</caption>\n"
        body += "<thead><tr><th scope=\"col\">\(t("Week of", "Week van"))</th>" + resources.map { "<th scope=\"col\">\(Format.html($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for day in days {
            body += "<tr><th scope=\"row\">\(Format.day(day, language))</th>"
            for resource in resources {
                guard let week = weeks.first(where: { $0.day == day && $0.resource == resource }) else { body += "<td>—</td>"; continue }
                body += "<td>\(Format.decimal(week.expected, language)) \(t("of", "van")) \(week.capacity) · \(Format.percent(week.pOver, language))\(week.pOver >= 0.2 ? " ▲" : "")</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody></table></div>\n</section>\n"
        body += conflictSection(Array(conflicts.prefix(Self.pageSize)), heading: t("Conflicts", "Conflicten"), id: "conflicts",
                                total: conflicts.count)
        body += "<section aria-labelledby=\"patients-heading\"><h2 id=\"patients-heading\">\(t("Patients", "Patiënten"))</h2>\n"
        body += "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(t("Table of patients", "Tabel van de patiënten"))\"><table>\n<thead><tr><th scope=\"col\">\(t("Patient", "Patiënt"))</th><th scope=\"col\">\(t("Now", "Nu"))</th><th scope=\"col\">\(t("Next", "Volgende"))</th></tr></thead>\n<tbody>\n"
        for line in shown {
            let label = Format.html(line.id) + (line.name.map { " — " + Format.html($0) } ?? "")
            body += "<tr><th scope=\"row\"><a href=\"/console/patients/\(Format.html(line.id))\">\(label)</a></th>"
            body += "<td>\(Format.html(currentStep(line.plan, now: now)))</td><td>\(Format.html(nextDate(line.plan, now: now)))</td></tr>\n"
        }
        body += "</tbody></table></div>\n" + pager(page: page, of: pages, count: patients.count) + "</section>\n"
        var drawn = timeline
        let ids = Set(shown.map(\.id))
        drawn.plans = timeline.plans.filter { ids.contains($0.patientID) }
        drawn.conflicts = timeline.conflicts.filter { !ids.isDisjoint(with: $0.patients) }
        let timeline = drawn
        body += "<section aria-labelledby=\"timeline-overview\"><h2 id=\"timeline-overview\">\(t("Timeline", "Tijdlijn"))</h2>\n" + timeline.timelineFigure() + "</section>\n"
        return self.page(title: t("Overview", "Overzicht"), body: body)
    }

    /// Patients per page of the overview.
    public static let pageSize = 50

    /// Links to the other pages of patients (none when they fit on one).
    func pager(page: Int, of pages: Int, count: Int) -> String {
        pager(page: page, of: pages, count: count, size: Self.pageSize, href: "/console/?",
              label: t("Pages of patients", "Pagina's met patiënten"), noun: t("Patients", "Patiënten"))
    }

    /// Links to the other pages of a list shown `size` at a time (none when it fits on one): `Patients 51–100 of
    /// 120. Previous 50 Next 50`, each link `href` followed by `page=N` (`href` ends in `?` or `&`).
    func pager(page: Int, of pages: Int, count: Int, size: Int, href: String, label: String, noun: String) -> String {
        guard pages > 1 else { return "" }
        let first = (page - 1) * size + 1, last = min(count, page * size)
        var out = "<nav aria-label=\"\(label)\"><p>\(noun) \(first)–\(last) \(t("of", "van")) \(count). "
        if page > 1 { out += "<a href=\"\(href)page=\(page - 1)\">\(t("Previous \(size)", "Vorige \(size)"))</a> " }
        if page < pages { out += "<a href=\"\(href)page=\(page + 1)\">\(t("Next \(size)", "Volgende \(size)"))</a>" }
        return out + "</p></nav>\n"
    }

    /// The step under way today, or the last one done.
    func currentStep(_ plan: PatientPlan, now: CalendarDate) -> String {
        if plan.declined { return t("declined by the committee", "afgewezen door de commissie") }
        if let step = plan.steps.last(where: { $0.status == .inProgress }) { return "\(step.step) (\(t("in progress", "bezig")))" }
        if let step = plan.steps.last(where: { $0.status == .done }) { return "\(step.step) (\(t("done", "gedaan")))" }
        return t("referred", "verwezen")
    }

    /// The next step that has not happened, with its expected date (and "booked" when fixed).
    func nextDate(_ plan: PatientPlan, now: CalendarDate) -> String {
        guard let step = plan.steps.first(where: { $0.status == .planned || $0.status == .confirmed }) else { return "—" }
        let when = Format.day(step.start.expected, language)
        return "\(step.step): \(when)" + (step.status == .confirmed ? " (\(t("booked", "afgesproken")))" : step.start.isSingleDay ? "" : " (\(t("expected", "verwacht")))")
    }

    /// A list of conflicts, each with its suggestion and links to its patients' console pages.
    func conflictSection(_ conflicts: [CohortConflict], heading: String, id: String, total: Int? = nil) -> String {
        var out = "<section aria-labelledby=\"\(id)-heading\" class=\"conflicts\"><h2 id=\"\(id)-heading\">\(Format.html(heading)) (\(total ?? conflicts.count))</h2>\n"
        if let total, total > conflicts.count {
            out += "<p>\(t("The first \(conflicts.count); each patient's page lists all of theirs, and the report all \(total).", "De eerste \(conflicts.count); de pagina van elke patiënt toont al de zijne, en het rapport alle \(total)."))</p>\n"
        }
        guard !conflicts.isEmpty else { return out + "<p>\(t("No conflicts.", "Geen conflicten."))</p>\n</section>\n" }
        let words = Words(language)
        out += "<ol>\n"
        for conflict in conflicts {
            // A capacity conflict of a large cohort can name hundreds of patients: the first twelve are links.
            var links = conflict.patients.prefix(12).map { "<a href=\"/console/patients/\(Format.html($0))\">\(Format.html($0))</a>" }
            if conflict.patients.count > 12 { links.append(t("and \(conflict.patients.count - 12) more", "en nog \(conflict.patients.count - 12)")) }
            out += "<li><span class=\"code\">\(conflict.code.rawValue)</span> \(Format.html(conflict.subject)), \(Format.day(conflict.from, language))"
            if conflict.to != conflict.from { out += " … \(Format.day(conflict.to, language))" }
            out += " — " + links.joined(separator: ", ") + "<br/>" + Format.html(words.message(conflict))
            if let advice = conflict.advice { out += "<br/><span class=\"suggest\">\(t("Suggestion", "Voorstel")): \(Format.html(words.advice(advice)))</span>" }
            out += "</li>\n"
        }
        return out + "</ol>\n</section>\n"
    }
}

extension ConsolePages {
    /// Why a POST was refused (403).
    public enum Refusal: Sendable, Hashable {
        /// The `Origin` is not the console's own.
        case otherOrigin
        /// The CSRF token is missing or not the session's.
        case expiredForm
        /// A viewer tried to change something.
        case viewer
    }

    /// The page of a refused POST.
    public func forbidden(_ refusal: Refusal) -> String {
        let words: String
        switch refusal {
        case .otherOrigin: words = t("This form did not come from the console; nothing was done.", "Dit formulier kwam niet van de console; er is niets gedaan.")
        case .expiredForm: words = t("This form has expired; open the page again. Nothing was done.", "Dit formulier is verlopen; open de pagina opnieuw. Er is niets gedaan.")
        case .viewer: words = t("Your account may look but not change anything.", "Met uw account kunt u kijken, maar niets veranderen.")
        }
        return page(title: t("Not allowed", "Niet toegestaan"), body: "<p class=\"error\">\(Format.html(words))</p>\n")
    }

    /// After a confirmed record, on the patient's page (planned again by then).
    public var recordedNotice: String { t("Recorded. The plan below includes it.", "Vastgelegd. De planning hieronder houdt er rekening mee.") }

    /// A preview of a value the file already has.
    public var nothingToRecordNotice: String { t("Nothing to record: the file already says that.", "Niets vast te leggen: het bestand zegt dat al.") }
}
