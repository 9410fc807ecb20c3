import Calendrical
import Capacity
import Pathway

/// A patient's own page: their plan in plain words, in their language, with what each phase means for them and the
/// calendar file to import. One self-contained HTML file (inline CSS, no script, nothing fetched).
///
/// It holds this patient only. The name appears only in the heading, and only when the cohort gives one (the page
/// is the patient's, like their calendar).
public struct PatientPage: Sendable {
    /// The site (contacts).
    public let site: Site
    /// Today.
    public let now: CalendarDate

    /// A page maker.
    public init(site: Site, now: CalendarDate) {
        self.site = site
        self.now = now
    }

    /// A calendar feed the patient can subscribe to (``html(_:record:calendarFile:subscription:)``): the same
    /// address twice, once as `webcal://` (Apple Calendar, Outlook and Thunderbird open it as a subscription) and
    /// once as the plain web address to paste into Google Calendar or Outlook on the web.
    public struct Subscription: Sendable, Hashable {
        /// `webcal://planner.example.nl/feeds/…ics`.
        public var webcal: String
        /// `https://planner.example.nl/feeds/…ics`.
        public var web: String

        /// The subscription at `web` (`https://…` or `http://…`); the `webcal://` form is derived from it.
        public init(web: String) {
            self.web = web
            if let colon = web.firstIndex(of: ":") {
                webcal = "webcal" + web[colon...]
            } else {
                webcal = web
            }
        }
    }

    /// The page of `record`'s `plan`; `calendarFile` is the `.ics` to import, relative to where the page is kept.
    /// With a `subscription`, the page offers that feed instead of the file: it updates itself, with steps per app.
    ///
    /// It says what the calendar says, entry by entry (the same words: both are made from `PatientEntries`), with
    /// what to bring said once at the top and the phone numbers once at the end.
    public func html(_ plan: PatientPlan, record: PatientRecord, calendarFile: String,
                     subscription: Subscription? = nil) -> String {
        let texts = CalendarTexts(language: record.language)
        let dutch = record.language == .nl
        var out = "<!DOCTYPE html>\n<html lang=\"\(record.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(escaped(texts.calendarName))</title>\n<style>\(Self.style)</style>\n</head>\n<body>\n"
        out += "<h1>\(escaped(texts.calendarName))\(record.name.map { " — " + escaped($0) } ?? "")</h1>\n"
        out += "<p class=\"meta\">\(dutch ? "Stand van" : "As of") \(texts.date(now)). \(escaped(site.name)).</p>\n"
        // What to bring is the same for every visit: said once, here.
        out += "<p>\(escaped(texts.bring))</p>\n<ol class=\"phases\">\n"
        for entry in PatientEntries(site: site).entries(plan, record: record, today: now) {
            let state = Self.state(entry, today: now)
            out += "<li class=\"\(state.rawValue)\"><h2>\(escaped(entry.pageTitle))</h2>\n"
            // The first paragraph says when (with the window in words while the date is open).
            out += "<p class=\"when\"><strong>\(Self.word(state, dutch: dutch))</strong> — \(escaped(entry.paragraphs[0]))</p>\n"
            for line in entry.paragraphs.dropFirst() where line != texts.bring { out += "<p>\(escaped(line))</p>\n" }
            out += "</li>\n"
        }
        if plan.declined {
            out += "<li class=\"done\"><p>\(dutch ? "De landelijke commissie heeft besloten dat deze behandeling voor u niet doorgaat. Bespreek met uw neuroloog wat dit voor u betekent." : "The national committee has decided that this treatment does not go ahead for you. Talk with your neurologist about what this means for you.")</p></li>\n"
        }
        out += "</ol>\n<h2>\(dutch ? "In uw eigen agenda" : "In your own calendar")</h2>\n"
        if let subscription {
            out += subscribe(subscription, dutch: dutch)
            return out + contactsSection(texts) + "</body>\n</html>\n"
        }
        out += "<p>\(dutch ? "Download het agendabestand" : "Download the calendar file") <a href=\"\(escaped(calendarFile))\">\(escaped(calendarFile))</a>. "
        out += dutch
            ? "Google Agenda: Instellingen → Importeren en exporteren → bestand kiezen. Apple Agenda: het bestand openen en ‘Voeg toe’ kiezen. Outlook: Agenda toevoegen → Uploaden uit bestand. Krijgt u later een nieuw bestand, importeer het dan opnieuw: afspraken worden bijgewerkt, niet verdubbeld.</p>\n"
            : "Google Calendar: Settings → Import & export → choose the file. Apple Calendar: open the file and choose ‘Add’. Outlook: Add calendar → Upload from file. When you get a newer file later, import it again: appointments are updated, not doubled.</p>\n"
        return out + contactsSection(texts) + "</body>\n</html>\n"
    }

    /// Where an entry stands today, for its mark on the page.
    enum State: String {
        case done, inProgress = "in-progress", booked = "confirmed", expected = "planned", possible = "possible"
    }

    static func state(_ entry: PatientEntry, today: CalendarDate) -> State {
        let item = entry.item
        if item.kind == .treatmentPeriod { return .possible }
        if item.happened || (item.fixed && item.last < today) { return .done }
        if item.fixed && item.first <= today { return .inProgress }
        return item.fixed ? .booked : .expected
    }

    static func word(_ state: State, dutch: Bool) -> String {
        switch state {
        case .done: dutch ? "Gedaan" : "Done"
        case .inProgress: dutch ? "Nu bezig" : "Under way"
        case .booked: dutch ? "Afgesproken" : "Booked"
        case .expected: dutch ? "Verwacht" : "Expected"
        case .possible: dutch ? "Mogelijk" : "Possible"
        }
    }

    private func contactsSection(_ texts: CalendarTexts) -> String {
        guard let contacts = texts.contacts(site.contacts) else { return "" }
        let heading = texts.language == .nl ? "Vragen?" : "Questions?"
        return "<h2>\(heading)</h2>\n<p>" + contacts.split(separator: "\n").map { escaped(String($0)) }.joined(separator: "<br/>") + "</p>\n"
    }

    /// How to subscribe, per client, in the patient's language: the link opens the calendar app; the address is
    /// there to copy; and a word on keeping it to yourself (whoever has it sees the appointments).
    private func subscribe(_ feed: Subscription, dutch: Bool) -> String {
        let web = escaped(feed.web)
        var out = "<p class=\"subscribe\"><a href=\"\(escaped(feed.webcal))\">\(dutch ? "Abonneren op uw afspraken" : "Subscribe to your appointments")</a></p>\n"
        out += "<p>\(dutch ? "Het adres van uw agenda" : "Your calendar's address"):<br/><code>\(web)</code></p>\n<ul>\n"
        if dutch {
            out += "<li>Google Agenda (op de computer): bij ‘Andere agenda's’ op + klikken, ‘Via URL’ kiezen en het adres plakken. Google haalt wijzigingen ongeveer één keer per dag op.</li>\n"
            out += "<li>iPhone of iPad: Instellingen → Agenda → Accounts → Account toevoegen → Andere → Voeg agenda-abonnement toe, en het adres plakken. Op een Mac: Archief → Nieuw agenda-abonnement.</li>\n"
            out += "<li>Outlook: Agenda toevoegen → Abonneren vanaf internet, en het adres plakken. Outlook kijkt ongeveer om de drie uur.</li>\n"
            out += "<li>Thunderbird: Nieuwe agenda → Op het netwerk, en het adres plakken.</li>\n</ul>\n"
            out += "<p>Verandert er iets in uw planning, dan past uw agenda zich vanzelf aan; u hoeft niets opnieuw te importeren. Houd het adres voor uzelf: iedereen die het heeft, ziet uw afspraken. Bent u het kwijt of is het bij een ander terechtgekomen, vraag dan een nieuw adres aan; het oude werkt dan niet meer.</p>\n"
        } else {
            out += "<li>Google Calendar (on a computer): click + next to ‘Other calendars’, choose ‘From URL’ and paste the address. Google picks up changes about once a day.</li>\n"
            out += "<li>iPhone or iPad: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar, and paste the address. On a Mac: File → New Calendar Subscription.</li>\n"
            out += "<li>Outlook: Add calendar → Subscribe from web, and paste the address. Outlook checks about every three hours.</li>\n"
            out += "<li>Thunderbird: New Calendar → On the Network, and paste the address.</li>\n</ul>\n"
            out += "<p>When your plan changes, your calendar follows by itself; there is nothing to import again. Keep the address to yourself: anyone who has it sees your appointments. If you lose it or someone else gets it, ask for a new one; the old one then stops working.</p>\n"
        }
        return out
    }

    static let style = """
        body{font-family:"DejaVu Sans",Arial,sans-serif;color:#111;margin:1.5em auto;max-width:46em;line-height:1.45}
        h1{font-size:1.5em}h2{font-size:1.1em;margin:.2em 0}.meta{color:#333}
        .phases{list-style:none;padding:0}.phases li{border-left:6px solid #0072B2;padding:.3em .8em;margin:.8em 0}
        .phases li.done{border-left-color:#4d4d4d;color:#333}.phases li.planned{border-left-style:dashed}
        .when{margin:.2em 0}a{color:#0050a0}
        @page{size:A4;margin:15mm}@media print{body{margin:0}.phases li{break-inside:avoid}}
        """

    private func escaped(_ text: String) -> String { Format.html(text) }
}
