import Calendrical
import Pathway

/// The words of the patient calendars, in Dutch and English: titles without diagnosis words (they show on lock
/// screens), dates in words, and what to bring, expect and whom to call — written for this tool from the facts in
/// `CLINICAL-RULES.md`, not copied from the leaflets.
struct CalendarTexts: Sendable {
    let language: PatientRecord.Language

    private var dutch: Bool { language == .nl }

    // MARK: Dates in words

    /// `maandag 4 januari 2027` / `Monday 4 January 2027`.
    func date(_ date: CalendarDate) -> String {
        let weekdays = dutch
            ? ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
            : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = dutch
            ? ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
               "november", "december"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
        return "\(weekdays[date.weekday.isoNumber - 1]) \(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// `09:00` on a 24-hour clock, in both languages.
    func time(_ hour: Int, _ minute: Int) -> String { "\(zeroPadded(hour, 2)):\(zeroPadded(minute, 2))" }

    /// The line that repeats the date and time in plain text, so a device in the wrong zone cannot mislead.
    func when(_ day: CalendarDate, from: (Int, Int)?, to: (Int, Int)?) -> String {
        guard let from, let to else { return dutch ? "Datum: \(date(day))." : "Date: \(date(day))." }
        let zone = dutch ? "Nederlandse tijd" : "Dutch time"
        return dutch
            ? "Datum en tijd: \(date(day)), \(time(from.0, from.1))–\(time(to.0, to.1)) (\(zone))."
            : "Date and time: \(date(day)), \(time(from.0, from.1))–\(time(to.0, to.1)) (\(zone))."
    }

    /// The window of an uncertain date, in words.
    func window(_ window: DateWindow) -> String {
        dutch
            ? "Deze datum staat nog niet vast: tussen \(date(window.earliest)) en \(date(window.latest)); nu verwacht op \(date(window.expected)). U hoort de definitieve datum van het ziekenhuis."
            : "This date is not fixed yet: between \(date(window.earliest)) and \(date(window.latest)); now expected on \(date(window.expected)). The hospital will tell you the final date."
    }

    // MARK: Titles (no diagnosis words)

    func title(_ kind: CalendarEventKind) -> String {
        switch (kind, dutch) {
        case (.secondOpinion, true): return "Polikliniek: gesprek"
        case (.secondOpinion, false): return "Outpatient visit: consultation"
        case (.committeeAnswer, true): return "Polikliniek: uitslag overleg"
        case (.committeeAnswer, false): return "Outpatient visit: outcome of the review"
        case (.evaluation, true): return "Polikliniek: onderzoeken vooraf"
        case (.evaluation, false): return "Outpatient visit: tests beforehand"
        case (.infusion, true): return "Dagbehandeling: infuus"
        case (.infusion, false): return "Day care: infusion"
        case (.injection, true): return "Injectie"
        case (.injection, false): return "Injection"
        case (.apheresis, true): return "Afspraak stamcelafname"
        case (.apheresis, false): return "Appointment: cell collection"
        case (.heldApheresis, true): return "Reservedag stamcelafname (alleen als nodig)"
        case (.heldApheresis, false): return "Held day: cell collection (only if needed)"
        case (.controlVisit, true): return "Polikliniek: controle"
        case (.controlVisit, false): return "Outpatient visit: check-up"
        case (.admission, true): return "Opname verpleegafdeling"
        case (.admission, false): return "Hospital stay: ward"
        case (.reinfusion, true): return "Teruggeven van de cellen"
        case (.reinfusion, false): return "Return of the cells"
        case (.isolation, true): return "Verblijf in isolatie"
        case (.isolation, false): return "Stay in isolation"
        case (.bloodCounts, true): return "Bloedafname"
        case (.bloodCounts, false): return "Blood test"
        case (.discharge, true): return "Naar huis (verwacht)"
        case (.discharge, false): return "Going home (expected)"
        case (.homeCheck, true): return "Polikliniek: controle na ontslag"
        case (.homeCheck, false): return "Outpatient visit: check after discharge"
        case (.recovery, true): return "Herstel thuis"
        case (.recovery, false): return "Recovery at home"
        }
    }

    // MARK: What to expect, bring and do

    func advice(_ kind: CalendarEventKind) -> [String] {
        switch kind {
        case .secondOpinion, .committeeAnswer, .evaluation, .controlVisit, .homeCheck:
            return [bring]
        case .infusion:
            return [bring, dutch
                ? "Vandaag krijgt u één infuus op de dagbehandeling. Daarna volgen dagelijks injecties tot er genoeg stamcellen zijn."
                : "Today you get one infusion in day care. Daily injections follow until there are enough stem cells."]
        case .injection:
            return [dutch
                ? "De injecties kunnen pijn in botten en spieren en een griepgevoel geven; paracetamol helpt meestal. Bel de afdeling bij onverwachte, heftige klachten of koorts boven 38,5 °C."
                : "The injections can cause aching bones and muscles and a flu-like feeling; paracetamol usually helps. Call the ward with unexpected severe complaints or a temperature above 38.5 °C."]
        case .apheresis, .heldApheresis:
            return [bring, dutch
                ? "Reken op 4 tot 6 uur. Draag makkelijke kleding, neem een koptelefoon mee en laat u brengen en halen. Extra zuivel de avond ervoor kan tintelingen voorkomen. Voelt u zich niet goed, zeg het meteen tegen de verpleegkundige. Lukt het niet via de arm, dan kan een lijn in de lies nodig zijn (ongeveer 10 minuten, met plaatselijke verdoving)."
                : "Allow 4 to 6 hours. Wear comfortable clothes, bring headphones and have someone drive you. Extra dairy the evening before can prevent tingling. Tell the nurse at once if you feel unwell. If the arm does not work, a line in the groin may be needed (about 10 minutes, with local anaesthetic)."]
        case .admission:
            return [bring, dutch
                ? "U wordt een aantal dagen behandeld op de afdeling. Verwacht haaruitval (een pruik of hoofdbedekking wordt aangeboden), koorts, misselijkheid, vermoeidheid en kans op infecties. Drink voldoende."
                : "You are treated on the ward for several days. Expect hair loss (a wig or head covering is offered), fever, nausea, tiredness and a risk of infections. Drink plenty."]
        case .reinfusion:
            return [dutch
                ? "Dit duurt ongeveer een half uur. U kunt het koud krijgen en een vreemde smaak proeven; ongeveer een dag lang kan uw adem anders ruiken, wat anderen merken. Een sterk pepermuntje helpt."
                : "This takes about half an hour. You may feel cold and notice a strange taste; for about a day your breath may smell different, which others notice. A strong mint helps."]
        case .isolation, .bloodCounts:
            return [dutch
                ? "Uw weerstand is laag. Op maandag, woensdag en vrijdag wordt bloed afgenomen."
                : "Your resistance is low. Blood is taken on Monday, Wednesday and Friday."]
        case .discharge, .recovery:
            return [dutch
                ? "Thuis: regelmatige controles op de polikliniek. Drink 1,5 tot 2 liter per dag, hooguit twee glazen alcohol per dag, geen sport met kans op letsel zolang de bloedplaatjes laag zijn, geen levende vaccins, en geen zwangerschap (ook niet door de partner) in deze periode. Bij koorts boven 38 °C: bel de hematoloog of neuroloog."
                : "At home: regular outpatient checks. Drink 1.5 to 2 litres a day, at most two alcoholic drinks a day, no sports with a risk of injury while platelets are low, no live vaccines, and no pregnancy (nor fathering a child) in this period. With a temperature above 38 °C: call the haematologist or neurologist."]
        }
    }

    private var bring: String {
        dutch
            ? "Neem mee: een identiteitsbewijs (paspoort, ID-kaart of rijbewijs), uw zorgpas en een actueel medicijnoverzicht. Draag een mondkapje als u verkouden bent of griepklachten heeft."
            : "Bring: an ID (passport, ID card or driving licence), your insurance card and an up-to-date list of your medicines. Wear a face mask if you have a cold or flu symptoms."
    }

    func contacts(_ contacts: Site.Contacts) -> String? {
        var lines: [String] = []
        if let number = contacts.appointments { lines.append(dutch ? "Afspraken: \(number)" : "Appointments: \(number)") }
        if let number = contacts.urgent {
            lines.append(dutch ? "Dringend, tijdens kantoortijd: \(number)" : "Urgent, office hours: \(number)")
        }
        if let number = contacts.outOfHours {
            lines.append(dutch ? "Buiten kantoortijd: \(number)" : "Out of hours: \(number)")
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    func reminder(_ kind: CalendarEventKind, daysAhead: Int) -> String {
        let title = title(kind)
        if daysAhead == 1 { return dutch ? "Morgen: \(title)" : "Tomorrow: \(title)" }
        return dutch ? "Over \(daysAhead) dagen: \(title)" : "In \(daysAhead) days: \(title)"
    }

    var calendarName: String { dutch ? "Mijn behandelplan" : "My treatment plan" }
}
