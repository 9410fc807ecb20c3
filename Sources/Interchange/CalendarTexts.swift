import Calendrical
import Pathway

/// The words of the patient calendars, in Dutch and English: titles without diagnosis words (they show on lock
/// screens), dates in words, and what to bring, expect and whom to call — written for this tool from the facts in
/// `docs/clinical-rules.md`, not copied from the leaflets.
struct CalendarTexts: Sendable {
    let language: PatientRecord.Language

    private var dutch: Bool { language == .nl }

    // MARK: Dates in words

    /// `maandag 4 januari 2027` / `Monday 4 January 2027`.
    func date(_ date: CalendarDate) -> String { date.spelledOut(dutch: dutch) }

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

    // MARK: Titles (no diagnosis or treatment words: they show on lock screens)

    /// The title of an event; `fixed` is false while its date is only expected (the title then says so).
    func title(_ kind: CalendarEventKind, fixed: Bool = true) -> String {
        switch (kind, dutch) {
        case (.secondOpinion, true): return "Polikliniek: gesprek"
        case (.secondOpinion, false): return "Outpatient visit: consultation"
        case (.committeeAnswer, true): return "Polikliniek: uitslag van het overleg"
        case (.committeeAnswer, false): return "Outpatient visit: outcome of the review"
        case (.evaluation, true): return "Polikliniek: onderzoeken vooraf"
        case (.evaluation, false): return "Outpatient visit: tests beforehand"
        case (.infusion, true): return "Dagbehandeling: infuus"
        case (.infusion, false): return "Day care: drip"
        case (.injection, true): return "Injectie"
        case (.injection, false): return "Injection"
        case (.apheresis, true): return "Afspraak: cellen verzamelen"
        case (.apheresis, false): return "Appointment: cell collection"
        case (.heldApheresis, true): return "Reservedag: cellen verzamelen (alleen als het nodig is)"
        case (.heldApheresis, false): return "Reserve day: cell collection (only if needed)"
        case (.controlVisit, true): return "Polikliniek: controle"
        case (.controlVisit, false): return "Outpatient visit: check-up"
        case (.admission, true): return "Opname in het ziekenhuis"
        case (.admission, false): return "Hospital admission"
        case (.reinfusion, true): return "Teruggeven van uw cellen"
        case (.reinfusion, false): return "Your cells given back"
        case (.isolation, true): return "Verblijf in een eigen kamer"
        case (.isolation, false): return "Stay in a room of your own"
        case (.bloodCounts, true): return "Bloedafname"
        case (.bloodCounts, false): return "Blood test"
        case (.discharge, true): return fixed ? "Naar huis" : "Naar huis (verwacht)"
        case (.discharge, false): return fixed ? "Going home" : "Going home (expected)"
        case (.homeCheck, true): return "Polikliniek: controle na thuiskomst"
        case (.homeCheck, false): return "Outpatient visit: check after going home"
        case (.recovery, true): return "Herstel thuis"
        case (.recovery, false): return "Recovery at home"
        case (.treatmentPeriod, true): return "Mogelijke behandelperiode"
        case (.treatmentPeriod, false): return "Possible treatment period"
        case (.followUpVisit, true): return "Polikliniek: controle op lange termijn"
        case (.followUpVisit, false): return "Outpatient visit: long-term check-up"
        case (.followUpScan, true): return "Scan in het ziekenhuis"
        case (.followUpScan, false): return "Hospital scan"
        case (.vaccination, true): return "Vaccinaties: weer mogelijk"
        case (.vaccination, false): return "Vaccinations: possible again"
        }
    }

    // MARK: What to expect, bring and do

    /// What the advice of one event may depend on beyond its kind.
    struct Context {
        /// The treating site's name (whose Haematology ward to call).
        var siteName: String
        /// The site's phone numbers.
        var contacts: Site.Contacts
        /// Fertility preservation is wanted and not yet done: before day 1 (expected on this day).
        var fertilityBefore: CalendarDate?
        /// The expected discharge window (earliest … latest), for the admission.
        var discharge: DateWindow?
        /// More than 10 bags: the cells are given back on two days.
        var twoDayReinfusion = false
        /// The treatment period if the committee says yes (first day 1 … last discharge).
        var possiblePeriod: (CalendarDate, CalendarDate)?
        /// A follow-up milestone's own words (its months after day 0).
        var monthsAfterDayZero: Int?
    }

    func advice(_ kind: CalendarEventKind, _ context: Context) -> [String] {
        switch kind {
        case .secondOpinion, .committeeAnswer, .controlVisit, .homeCheck, .followUpVisit, .followUpScan:
            return [bring]
        case .evaluation:
            guard let day1 = context.fertilityBefore else { return [bring] }
            return [bring, dutch
                ? "U wilt eicellen of zaadcellen laten invriezen. Dat moet klaar zijn vóór de eerste behandeldag (nu verwacht op \(date(day1))): vanaf die dag krijgt u medicijnen die de vruchtbaarheid kunnen schaden. Spreek het op tijd af."
                : "You want eggs or sperm to be frozen. This has to be done before the first treatment day (now expected on \(date(day1))): from that day on you get medicines that can harm fertility. Arrange it in good time."]
        case .infusion:
            return [bring, dutch
                ? "Op de eerste dag van deze fase krijgt u op de dagbehandeling één infuus. Daarna krijgt u elke dag een injectie. Daarmee gaat u door tot er genoeg cellen zijn verzameld en het team zegt dat u mag stoppen."
                : "On the first day of this phase you get one drip in day care. After that you get an injection every day. You keep going until enough cells have been collected and the team tells you to stop.",
                    pregnancy] + sideEffectsOfInjections(context)
        case .injection:
            return sideEffectsOfInjections(context)
        case .apheresis, .heldApheresis:
            return [bring, dutch
                ? "Reken op 4 tot 6 uur op de afdeling. Soms is één dag niet genoeg en blijft u een nacht. Ga door met de injecties tot het team zegt dat u mag stoppen."
                : "Expect to spend 4 to 6 hours on the unit. Sometimes one day is not enough and you stay the night. Keep taking the injections until the team tells you to stop.",
                    dutch
                ? "Trek iets aan dat lekker zit, neem muziek en oordopjes of een hoofdtelefoon mee, en zorg dat iemand u brengt en weer ophaalt. Wat extra melk, yoghurt of kaas de avond ervoor helpt tegen tintelingen. Voelt u zich tijdens de afname niet goed, meld het dan direct."
                : "Wear something comfortable, bring music and earphones, and arrange for someone to take you there and back. Some extra milk, yoghurt or cheese the evening before helps against tingling. If you feel unwell during the collection, say so straight away.",
                    dutch
                ? "Lukt het prikken in de arm niet, dan plaatst een arts een dun slangetje in de lies. U krijgt daar een plaatselijke verdoving voor; het duurt ongeveer 10 minuten."
                : "If a needle in the arm does not work, a doctor places a thin tube in the groin instead. You get a local anaesthetic for it; it takes about 10 minutes."]
        case .admission:
            var lines = [bring]
            let stay = context.discharge.map { window in
                dutch
                    ? " Naar huis gaan verwachten we tussen \(date(window.earliest)) en \(date(window.latest)), waarschijnlijk rond \(date(window.expected))."
                    : " We expect you to go home between \(date(window.earliest)) and \(date(window.latest)), most likely around \(date(window.expected))."
            } ?? ""
            lines.append(dutch
                ? "U wordt opgenomen. De eerste 4 à 5 dagen krijgt u de voorbereidende behandeling via een infuus. Daarna blijft u op de afdeling tot uw bloedwaarden weer goed genoeg zijn: alles bij elkaar meestal een aantal weken.\(stay)"
                : "You are admitted. For the first 4 to 5 days you get the preparing treatment through a drip. After that you stay on the ward until your blood values are good enough again: usually several weeks in all.\(stay)")
            lines.append(dutch
                ? "Uw haar valt waarschijnlijk uit; u kunt een pruik of hoofdbedekking krijgen. Het groeit in een paar maanden weer aan. U kunt ook koorts krijgen, misselijk of erg moe zijn, en u krijgt sneller een infectie. Drink genoeg."
                : "You will probably lose your hair; you can get a wig or a head covering. It grows back within a few months. You may also get a fever, feel sick or very tired, and you catch infections more easily. Drink enough.")
            return lines + [callWard(context), pregnancy]
        case .reinfusion:
            var line = dutch
                ? "U krijgt uw eigen cellen terug via een infuus. Dat duurt ongeveer dertig minuten."
                : "You get your own cells back through a drip. It takes about thirty minutes."
            if context.twoDayReinfusion {
                line += dutch
                    ? " Omdat er veel zakjes zijn, krijgt u ze verdeeld over twee dagen: vandaag en morgen."
                    : " Because there are many bags, they are given over two days: this day and the next."
            }
            return [line, dutch
                ? "U kunt het koud krijgen en iets vreemds proeven. Ongeveer een dag lang ruikt uw adem anders, en mensen om u heen merken dat. Een sterke pepermunt helpt."
                : "You may feel cold and taste something odd. For about a day your breath smells different, and people around you notice it. A strong mint helps."]
        case .isolation, .bloodCounts:
            return [dutch
                ? "Uw afweer is nu erg laag, daarom verblijft u in een eigen kamer. Drie keer per week, op maandag, woensdag en vrijdag, prikt een verpleegkundige bloed om te zien hoe uw bloedwaarden herstellen."
                : "Your defences are very low now, so you stay in a room of your own. Three times a week, on Monday, Wednesday and Friday, a nurse takes blood to see how your blood values recover.",
                    callWard(context)]
        case .discharge, .recovery:
            return [dutch
                ? "Thuis herstelt u verder. Reken op drie tot zes maanden voordat u zich weer helemaal fit voelt. U komt regelmatig naar de polikliniek voor controle."
                : "At home you carry on recovering. Allow three to six months before you feel like yourself again. You come to the outpatient clinic regularly for check-ups.",
                    dutch
                ? "Uw afweer blijft nog een tijd laag, dus u krijgt sneller een infectie. Zolang uw bloedplaatjes laag zijn, krijgt u makkelijker blauwe plekken of een bloedneus: doe dan geen sport waarbij u zich kunt bezeren. Drink 1,5 tot 2 liter per dag en niet meer dan twee glazen alcohol per dag."
                : "Your defences stay low for a while, so you catch infections more easily. While your platelets are low you bruise more easily or get nosebleeds: avoid sports in which you could get hurt. Drink 1.5 to 2 litres a day and no more than two alcoholic drinks a day.",
                    dutch
                ? "De griepprik mag gewoon; levende vaccins juist niet. Word niet zwanger en verwek geen kind in deze periode. Krijgt u koorts boven 38 °C, bel dan de hematoloog of de neuroloog."
                : "The flu jab is fine; live vaccines are not. Do not become pregnant or father a child in this period. If you get a temperature above 38 °C, call the haematologist or the neurologist."]
        case .treatmentPeriod:
            guard let (first, last) = context.possiblePeriod else { return [] }
            return [dutch
                ? "Het landelijk overleg beslist eerst of deze behandeling voor u doorgaat. Zegt het ja, dan valt de behandeling naar verwachting tussen \(date(first)) en \(date(last)). De precieze afspraken hoort u na de uitslag."
                : "The national review decides first whether this treatment goes ahead for you. If it says yes, the treatment is expected to fall between \(date(first)) and \(date(last)). You hear the exact appointments after the outcome."]
        case .vaccination:
            let months = context.monthsAfterDayZero.map { dutch ? " (\($0) maanden na de dag dat u uw cellen terugkreeg)" : " (\($0) months after the day you got your cells back)" } ?? ""
            return [dutch
                ? "Vanaf ongeveer deze datum\(months) kunnen de vaccinaties die bij deze stap horen weer gegeven worden. Overleg met uw arts welke en wanneer; levende vaccins pas als uw arts het zegt."
                : "From about this date\(months) the vaccinations that belong to this step can be given again. Ask your doctor which ones and when; live vaccines only when your doctor says so."]
        }
    }

    private func sideEffectsOfInjections(_ context: Context) -> [String] {
        [dutch
            ? "Door de injecties kunnen uw botten en spieren pijn doen en kunt u zich grieperig voelen. Paracetamol helpt daar meestal tegen."
            : "The injections can make your bones and muscles ache and make you feel as if you have flu. Paracetamol usually helps.",
         callWard(context)]
    }

    /// Whom to call with a fever or sudden severe complaints: the Haematology ward of the treating hospital, with
    /// its number when the site file gives one — else the urgent number. Never a number the site did not give.
    func callWard(_ context: Context) -> String {
        let ward = dutch ? "de afdeling Hematologie van \(context.siteName)" : "the Haematology ward of \(context.siteName)"
        let question = dutch
            ? "Krijgt u koorts boven 38,5 °C, of heftige klachten die u niet verwachtte? Bel dan meteen \(ward)"
            : "Do you get a temperature above 38.5 °C, or severe complaints you did not expect? Call \(ward) straight away"
        if let number = context.contacts.haematology { return question + ": \(number)." }
        if let urgent = context.contacts.urgent {
            return question + (dutch ? ". Heeft u dat nummer niet, bel dan het nummer voor dringende vragen: \(urgent)."
                                     : ". If you do not have that number, call the urgent line: \(urgent).")
        }
        return question + "."
    }

    private var pregnancy: String {
        dutch
            ? "Vanaf de eerste behandeldag tot het eind van de hele behandelperiode mag u niet zwanger worden, en mannen mogen geen kind verwekken. Gebruik goede anticonceptie en vraag uw arts hoe lang dit geldt."
            : "From the first treatment day until the end of the whole treatment period you must not become pregnant, and men must not father a child. Use reliable contraception and ask your doctor how long this applies."
    }

    /// What to bring to every visit.
    var bring: String {
        dutch
            ? "Neem bij elk bezoek mee: een actuele lijst van uw medicijnen, uw zorgpas en een geldig identiteitsbewijs (paspoort, identiteitskaart of rijbewijs). Bent u verkouden, hoest u of voelt u zich grieperig? Zet dan in het ziekenhuis een medisch mondkapje op."
            : "Take to every visit: a current list of your medicines, your health insurance card and valid proof of identity (passport, identity card or driving licence). If you have a cold, a cough or feel flu-ish, put on a medical face mask in the hospital."
    }

    func contacts(_ contacts: Site.Contacts) -> String? {
        var lines: [String] = []
        if let number = contacts.appointments { lines.append(dutch ? "Afspraken: \(number)" : "Appointments: \(number)") }
        if let number = contacts.haematology {
            lines.append(dutch ? "Afdeling Hematologie: \(number)" : "Haematology ward: \(number)")
        }
        if let number = contacts.urgent {
            lines.append(dutch ? "Dringend, tijdens kantooruren: \(number)" : "Urgent, office hours: \(number)")
        }
        if let number = contacts.outOfHours {
            lines.append(dutch ? "Buiten kantooruren: \(number)" : "Out of hours: \(number)")
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
