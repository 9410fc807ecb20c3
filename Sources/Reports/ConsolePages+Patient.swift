import Calendrical
import Capacity
import Pathway

extension ConsolePages {
    /// What the record form says when it is shown again (after a refusal, or to correct a preview).
    public struct RecordForm: Sendable, Hashable {
        public var field = ""
        public var value = ""
        public var confirmed = false
        public var bags = ""
        public var outcome = ""
        public init(field: String = "", value: String = "", confirmed: Bool = false, bags: String = "", outcome: String = "") {
            self.field = field
            self.value = value
            self.confirmed = confirmed
            self.bags = bags
            self.outcome = outcome
        }
    }

    /// One line of the patient's audit history, or of the audit page.
    public struct AuditRow: Sendable, Hashable {
        public var time: String
        public var user: String
        /// `record`, `schedule`, `sign-in`, `sign-in failed`, `feed issued` …
        public var what: String
        public var patient: String?
        public var detail: String
        public init(time: String, user: String, what: String, patient: String?, detail: String) {
            self.time = time
            self.user = user
            self.what = what
            self.patient = patient
            self.detail = detail
        }
    }

    /// The patient's subscription, as the registry knows it (never its secret).
    public struct FeedState: Sendable, Hashable {
        /// When the live address was issued (`nil`: none).
        public var issued: String?
        /// When the last one was revoked, if the patient has none now.
        public var revoked: String?
        public init(issued: String?, revoked: String?) {
            self.issued = issued
            self.revoked = revoked
        }
    }

    /// The earliest dates that fit, as `ahsct slot` finds them, or why none do.
    public enum SlotAnswer: Sendable, Hashable {
        case slot(Slot)
        case none(String)
        case notApplicable
    }

    /// A field written by a change: what the file said and what it will say.
    public struct Edit: Sendable, Hashable {
        public var field: String
        public var old: String?
        public var new: String
        public init(field: String, old: String?, new: String) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    /// A patient's page: the plan (windows, statuses and the rule behind each date), their conflicts, the earliest
    /// dates that fit, their feed, their audit history and, for a coordinator, the forms.
    public func patient(_ line: PatientLine, now: CalendarDate, conflicts: [CohortConflict], slot: SlotAnswer,
                        feed: FeedState, history: [AuditRow], fields: [String], version: String,
                        form: RecordForm = RecordForm(), problem: [String] = [], notice: String? = nil) -> String {
        var body = ""
        if let notice { body += "<p class=\"notice\" role=\"status\">\(Format.html(notice))</p>\n" }
        if !problem.isEmpty {
            body += "<div class=\"error\" role=\"alert\"><p>\(t("Nothing was written:", "Er is niets geschreven:"))</p><ul>"
                + problem.map { "<li>\(Format.html($0))</li>" }.joined() + "</ul></div>\n"
        }
        body += "<p class=\"meta\">\(t("As of", "Stand van")) \(Format.day(now, language)). \(t("Now", "Nu")): \(Format.html(currentStep(line.plan, now: now))). \(t("Next", "Volgende")): \(Format.html(nextDate(line.plan, now: now))).</p>\n"
        body += planTable(line.plan)
        body += conflictSection(conflicts, heading: t("Conflicts of this patient", "Conflicten van deze patiënt"), id: "patient-conflicts")
        body += slotSection(slot)
        if viewer?.canChange == true {
            body += recordForm(patient: line.id, fields: fields, version: version, form: form)
        }
        body += feedSection(patient: line.id, feed: feed)
        body += "<section aria-labelledby=\"history-heading\"><h2 id=\"history-heading\">\(t("History", "Geschiedenis"))</h2>\n" + auditTable(history, showPatient: false) + "</section>\n"
        let title = line.name.map { "\(line.id) — \($0)" } ?? line.id
        return page(title: title, body: body)
    }

    /// The plan: a row per step with its earliest, expected and latest dates, status, and the rule behind them.
    func planTable(_ plan: PatientPlan) -> String {
        var out = "<section aria-labelledby=\"plan-heading\"><h2 id=\"plan-heading\">\(t("Plan", "Planning"))</h2>\n"
        out += "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(t("Table of the plan", "Tabel van de planning"))\"><table>\n<thead><tr>"
        for head in [t("Step", "Stap"), t("Earliest", "Vroegst"), t("Expected", "Verwacht"), t("Latest", "Uiterlijk"), t("Until", "Tot"), t("Status", "Status"), t("Rule", "Regel")] {
            out += "<th scope=\"col\">\(head)</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for step in plan.steps {
            let status = statusWord(step.status) + (step.isOverdue ? t(" (overdue)", " (te laat)") : "")
            out += "<tr><th scope=\"row\">\(step.step)</th><td class=\"d\">\(step.start.earliest)</td><td class=\"d\">\(step.start.expected)</td><td class=\"d\">\(step.start.latest)</td>"
            out += "<td class=\"d\">\(step.end.map { "\($0.expected)" } ?? "")</td><td>\(status)</td><td>\(Format.html(step.rule))</td></tr>\n"
        }
        return out + "</tbody></table></div>\n</section>\n"
    }

    func statusWord(_ status: StepPlan.Status) -> String {
        switch status {
        case .done: t("done", "gedaan")
        case .inProgress: t("in progress", "bezig")
        case .confirmed: t("booked", "afgesproken")
        case .planned: t("planned", "gepland")
        }
    }

    func slotSection(_ slot: SlotAnswer) -> String {
        var out = "<section aria-labelledby=\"slot-heading\"><h2 id=\"slot-heading\">\(t("Earliest dates that fit", "Vroegste data die passen"))</h2>\n"
        switch slot {
        case let .slot(found):
            out += "<dl>"
            out += "<dt>\(t("Mobilisation day 1", "Mobilisatie dag 1"))</dt><dd>\(Format.day(found.mobilisation, language))\(found.mobilisationRecorded ? " (\(t("recorded", "vastgelegd")))" : "")</dd>"
            out += "<dt>\(t("Harvest", "Oogst"))</dt><dd>\(Format.day(found.apheresis, language))</dd>"
            out += "<dt>\(t("Admission", "Opname"))</dt><dd>\(Format.day(found.admission, language))\(found.admissionRecorded ? " (\(t("recorded", "vastgelegd")))" : "")</dd>"
            out += "<dt>\(t("Discharge (expected)", "Ontslag (verwacht)"))</dt><dd>\(Format.day(found.discharge, language))</dd></dl>\n"
        case let .none(reason):
            out += "<p>\(Format.html(reason))</p>\n"
        case .notApplicable:
            out += "<p>\(t("Not applicable: the admission has taken place or the pathway has ended.", "Niet van toepassing: de opname is al geweest of het traject is gestopt."))</p>\n"
        }
        return out + "</section>\n"
    }

    /// The form that records what happened, in the words of `ahsct record`. It posts to the preview.
    func recordForm(patient: String, fields: [String], version: String, form: RecordForm) -> String {
        let id = Format.html(patient)
        var out = "<section aria-labelledby=\"record-heading\"><h2 id=\"record-heading\">\(t("Record what happened", "Vastleggen wat er gebeurd is"))</h2>\n"
        out += "<form method=\"post\" action=\"/console/patients/\(id)/record\" class=\"stack\">\n"
        out += hidden("csrf", viewer?.csrf ?? "") + hidden("version", version) + "\n"
        out += "<label for=\"field\">\(t("What", "Wat"))</label><select id=\"field\" name=\"field\">"
        for field in fields + ["fertility-preservation", "unavailable", "bags", "eligibility"] {
            out += "<option value=\"\(Format.html(field))\"\(field == form.field ? " selected=\"selected\"" : "")>\(Format.html(field))</option>"
        }
        out += "</select>\n"
        out += "<label for=\"value\">\(t("Value", "Waarde"))<span class=\"hint\" id=\"value-hint\">\(t("A date (2026-12-15); several dates; FROM TO; a number; or ITEM yes|no", "Een datum (2026-12-15); meer data; VAN TOT; een getal; of ONDERDEEL ja|nee (yes|no)"))</span></label>"
        out += "<input id=\"value\" name=\"value\" aria-describedby=\"value-hint\" value=\"\(Format.html(form.value))\"/>\n"
        out += "<label><input type=\"checkbox\" name=\"confirmed\" value=\"yes\"\(form.confirmed ? " checked=\"checked\"" : "")/> \(t("Booked (confirmed), not only expected", "Afgesproken (bevestigd), niet alleen verwacht"))</label>\n"
        out += "<label for=\"bags\">\(t("Bags (with a harvest)", "Zakken (bij een oogst)"))</label><input id=\"bags\" name=\"bags\" inputmode=\"numeric\" value=\"\(Format.html(form.bags))\"/>\n"
        out += "<label for=\"outcome\">\(t("The committee's outcome (with its answer)", "Uitslag van de commissie (bij het antwoord)"))</label><select id=\"outcome\" name=\"outcome\">"
        for (value, label) in [("", "—"), ("approved", t("approved", "goedgekeurd")), ("declined", t("declined", "afgewezen"))] {
            out += "<option value=\"\(value)\"\(value == form.outcome ? " selected=\"selected\"" : "")>\(label)</option>"
        }
        out += "</select>\n<button type=\"submit\">\(t("Show what changes", "Laat zien wat er verandert"))</button>\n</form>\n</section>\n"
        return out
    }

    /// The preview of a change: what is written, the steps whose dates move and the conflicts that appear or go;
    /// a second form writes it (the same fields, hidden, with the version the preview was made on).
    public func preview(patient: String, edits: [Edit], changes: CohortChanges, version: String, form: RecordForm,
                        stale: Bool = false) -> String {
        let id = Format.html(patient)
        var body = ""
        if stale {
            body += "<p class=\"error\" role=\"alert\">\(t("The cohort changed after you opened the form. This is the preview on the new version; nothing was written.", "Het cohort is veranderd nadat u het formulier opende. Dit is het voorbeeld op de nieuwe versie; er is niets geschreven."))</p>\n"
        }
        body += "<section aria-labelledby=\"edits-heading\"><h2 id=\"edits-heading\">\(t("What will be written", "Wat er wordt vastgelegd"))</h2>\n<ul>"
        for edit in edits {
            body += "<li><span class=\"code\">\(Format.html(edit.field))</span>: \(Format.html(edit.old ?? t("(none)", "(niets)"))) → <strong>\(Format.html(edit.new))</strong></li>"
        }
        body += "</ul>\n</section>\n"
        body += "<section aria-labelledby=\"moves-heading\"><h2 id=\"moves-heading\">\(t("Dates that move", "Data die verschuiven"))</h2>\n"
        let moves = changes.patients.flatMap { change in change.steps.map { (change.id, $0) } }
        if moves.isEmpty {
            body += "<p>\(t("No planned date moves.", "Er verschuift geen geplande datum."))</p>\n"
        } else {
            body += "<ul>" + moves.map { patient, move in
                "<li>\(Format.html(patient)) <span class=\"code\">\(move.step)</span>: \(dates(move.from)) → <strong>\(dates(move.to))</strong></li>"
            }.joined() + "</ul>\n"
        }
        body += "</section>\n"
        body += conflictSection(changes.newConflicts, heading: t("Conflicts that appear", "Conflicten die ontstaan"), id: "new-conflicts")
        body += conflictSection(changes.resolvedConflicts, heading: t("Conflicts that go", "Conflicten die verdwijnen"), id: "gone-conflicts")
        body += "<form method=\"post\" action=\"/console/patients/\(id)/record\" class=\"stack\">\n"
        body += hidden("csrf", viewer?.csrf ?? "") + hidden("version", version) + hidden("confirm", "yes")
        body += hidden("field", form.field) + hidden("value", form.value) + hidden("bags", form.bags) + hidden("outcome", form.outcome)
        if form.confirmed { body += hidden("confirmed", "yes") }
        body += "\n<button type=\"submit\">\(t("Write it", "Vastleggen"))</button>\n</form>\n"
        body += "<p><a href=\"/console/patients/\(id)\">\(t("Back without writing", "Terug zonder vast te leggen"))</a></p>\n"
        return page(title: t("Preview for", "Voorbeeld voor") + " " + patient, body: body)
    }

    func dates(_ dates: CohortChanges.Dates?) -> String {
        guard let dates else { return "—" }
        guard let end = dates.end, end != dates.start else { return Format.day(dates.start, language) }
        return "\(Format.day(dates.start, language)) … \(Format.day(end, language))"
    }

    /// The patient's subscription: issued when, or revoked; a coordinator's buttons to issue, rotate or revoke.
    func feedSection(patient: String, feed: FeedState) -> String {
        let id = Format.html(patient)
        var out = "<section aria-labelledby=\"feed-heading\"><h2 id=\"feed-heading\">\(t("Calendar subscription", "Agenda-abonnement"))</h2>\n<p>"
        if let issued = feed.issued {
            out += t("An address is live, issued", "Er is een adres in gebruik, uitgegeven") + " \(Format.html(issued)). "
            out += t("It is shown only once, when issued; rotate it to give the patient a new one.", "Het wordt maar één keer getoond, bij het uitgeven; vernieuw het om de patiënt een nieuw te geven.")
        } else if let revoked = feed.revoked {
            out += t("No live address; the last one was revoked", "Geen adres in gebruik; het laatste is ingetrokken") + " \(Format.html(revoked))."
        } else {
            out += t("No address issued yet.", "Nog geen adres uitgegeven.")
        }
        out += "</p>\n"
        guard viewer?.canChange == true else { return out + "</section>\n" }
        out += "<form method=\"post\" action=\"/console/patients/\(id)/feed\">\(hidden("csrf", viewer?.csrf ?? ""))"
        if feed.issued == nil {
            out += "<button type=\"submit\" name=\"action\" value=\"issue\">\(t("Issue an address", "Adres uitgeven"))</button>"
        } else {
            out += "<button type=\"submit\" name=\"action\" value=\"rotate\">\(t("Rotate (new address, old one stops)", "Vernieuwen (nieuw adres, oude stopt)"))</button> "
            out += "<button type=\"submit\" name=\"action\" value=\"revoke\" class=\"secondary\">\(t("Revoke", "Intrekken"))</button>"
        }
        return out + "</form>\n</section>\n"
    }

    /// The one time a feed's address is shown: the patient's A4 hand-out (``PatientHandout``: the address, its QR
    /// code, how to subscribe), which prints alone.
    public func feedIssued(patient: String, handout: String) -> String {
        let id = Format.html(patient)
        var body = "<p class=\"notice noprint\" role=\"status\">\(t("This address is shown only now. Print the hand-out or let the patient scan the code; afterwards it cannot be shown again (only rotated).", "Dit adres wordt alleen nu getoond. Druk de uitleg af of laat de patiënt de code scannen; daarna kan het niet meer getoond worden (alleen vernieuwd)."))</p>\n"
        body += "<p class=\"noprint\">" + t("Print this page (Ctrl+P): the hand-out below fills one A4 page.", "Druk deze pagina af (Ctrl+P): de uitleg hieronder past op één A4.") + "</p>\n"
        body += handout
        body += "<p class=\"noprint\"><a href=\"/console/patients/\(id)\">\(t("Back to the patient", "Terug naar de patiënt"))</a></p>\n"
        return page(title: t("Calendar address for", "Agenda-adres voor") + " " + patient, body: body)
    }

    /// The audit page: every change and every sign-in, newest first.
    /// The audit log, ``auditPageSize`` entries a page (`page` counts from 1; past the end shows the last), newest
    /// first; `rows` are those of `patient` or `user` when one is given, which the page says and its links to the
    /// other pages keep (`/console/audit?patient=P-0001&page=2`). A year of a busy ward's changes and sign-ins is
    /// thousands of entries: the page stays small.
    public func audit(_ rows: [AuditRow], patient: String? = nil, user: String? = nil, page: Int = 1) -> String {
        let filter = patient.map { t("patient", "patiënt") + " " + $0 } ?? user.map { t("user", "gebruiker") + " " + $0 }
        let query = patient.map { "patient=" + $0.addingPercentEncodingForQuery }
            ?? user.map { "user=" + $0.addingPercentEncodingForQuery } ?? ""
        let pages = max(1, (rows.count + Self.auditPageSize - 1) / Self.auditPageSize)
        let number = min(max(1, page), pages)
        let shown = Array(rows.dropFirst((number - 1) * Self.auditPageSize).prefix(Self.auditPageSize))
        var body = "<p class=\"meta\">\(rows.count) \(t("entries, newest first", "regels, nieuwste eerst"))\(filter.map { "; " + t("only", "alleen") + " " + Format.html($0) } ?? "").</p>\n"
        body += auditTable(shown, showPatient: true)
        body += pager(page: number, of: pages, count: rows.count, size: Self.auditPageSize,
                      href: "/console/audit?" + (query.isEmpty ? "" : Format.html(query) + "&amp;"),
                      label: t("Pages of the audit log", "Pagina's van het logboek"), noun: t("Entries", "Regels"))
        return self.page(title: t("Audit log", "Logboek"), body: body)
    }

    /// Audit entries per page.
    public static let auditPageSize = 100

    func auditTable(_ rows: [AuditRow], showPatient: Bool) -> String {
        guard !rows.isEmpty else { return "<p>\(t("Nothing yet.", "Nog niets."))</p>\n" }
        var out = "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(t("Audit entries", "Logregels"))\"><table>\n<thead><tr><th scope=\"col\">\(t("Time (UTC)", "Tijd (UTC)"))</th><th scope=\"col\">\(t("Who", "Wie"))</th><th scope=\"col\">\(t("What", "Wat"))</th>"
        if showPatient { out += "<th scope=\"col\">\(t("Patient", "Patiënt"))</th>" }
        out += "<th scope=\"col\">\(t("Detail", "Details"))</th></tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr><td class=\"d\">\(Format.html(row.time))</td><td><a href=\"/console/audit?user=\(Format.html(row.user.addingPercentEncodingForQuery))\">\(Format.html(row.user))</a></td><td>\(Format.html(row.what))</td>"
            if showPatient {
                out += "<td>" + (row.patient.map { "<a href=\"/console/audit?patient=\(Format.html($0.addingPercentEncodingForQuery))\">\(Format.html($0))</a>" } ?? "") + "</td>"
            }
            out += "<td>\(Format.html(row.detail))</td></tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }
}

extension String {
    /// Percent-encoding for a query value (unreserved characters only stay as they are).
    var addingPercentEncodingForQuery: String {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
