import Capacity
import Pathway

/// The one-page A4 hand-out a coordinator prints when a patient's subscription is issued: the patient's own
/// words (their language, plain), the QR code of their page, the page's and the calendar's addresses, how to
/// subscribe in three steps, a word on keeping it private, and the numbers to call. The console shows it once,
/// with the address; it cannot be printed again later (the address is not kept).
public struct PatientHandout: Sendable {
    public let site: Site
    public let record: PatientRecord

    public init(site: Site, record: PatientRecord) {
        self.site = site
        self.record = record
    }

    /// The hand-out as a `<section class="handout">` for the console page (its print stylesheet prints this alone).
    public func html(pageAddress: String, calendarAddress: String, qrPath: String, qrSide: Int) -> String {
        let dutch = record.language == .nl
        let texts = CalendarTexts(language: record.language)
        func t(_ english: String, _ nederlands: String) -> String { dutch ? nederlands : english }
        var out = "<section class=\"handout\" lang=\"\(record.language.rawValue)\" aria-labelledby=\"handout-heading\">\n"
        out += "<h2 id=\"handout-heading\">\(t("Your appointments in your own calendar", "Uw afspraken in uw eigen agenda"))\(record.name.map { " — " + Format.html($0) } ?? "")</h2>\n"
        out += "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(qrSide) \(qrSide)\" role=\"img\" aria-label=\"\(t("QR code of your page", "QR-code van uw pagina"))\" shape-rendering=\"crispEdges\">"
        out += "<rect width=\"\(qrSide)\" height=\"\(qrSide)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(Format.html(qrPath))\"/></svg>\n<ol>\n"
        out += "<li>\(t("Point the camera of your phone at the square code. Your own page opens.", "Richt de camera van uw telefoon op de vierkante code. Uw eigen pagina gaat open."))</li>\n"
        out += "<li>\(t("On that page, tap ‘Subscribe to your appointments’. Your calendar app asks if you want to add the calendar: say yes.", "Tik op die pagina op ‘Abonneren op uw afspraken’. Uw agenda-app vraagt of u de agenda wilt toevoegen: kies ja."))</li>\n"
        out += "<li>\(t("From then on your calendar keeps itself up to date when your plan changes.", "Daarna past uw agenda zich vanzelf aan als uw planning verandert."))</li>\n</ol>\n"
        out += "<p>\(t("No camera? Type the address of your page:", "Geen camera? Typ het adres van uw pagina over:"))<br/><span class=\"secret\">\(Format.html(pageAddress))</span></p>\n"
        out += "<p>\(t("The address of the calendar itself, for a computer:", "Het adres van de agenda zelf, voor op de computer:"))<br/><span class=\"secret\">\(Format.html(calendarAddress))</span></p>\n"
        out += "<p><strong>\(t("Keep this sheet to yourself.", "Houd dit blad voor uzelf."))</strong> \(t("Anyone with the code or the address can see your appointments. Lost it? Ask for a new one; the old one then stops working.", "Wie de code of het adres heeft, ziet uw afspraken. Kwijt? Vraag een nieuw adres; het oude werkt dan niet meer."))</p>\n"
        if let contacts = texts.contacts(site.contacts) {
            out += "<p>" + contacts.split(separator: "\n").map { Format.html(String($0)) }.joined(separator: "<br/>") + "</p>\n"
        }
        return out + "</section>\n"
    }
}
