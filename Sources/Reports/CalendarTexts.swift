import Calendrical
import Capacity
import Pathway

/// The words of the patient calendars and pages, in Dutch and English: titles without diagnosis or treatment words
/// (they show on lock screens), dates in words, and per event what happens there, what helps and whom to call —
/// written for this tool from the facts in `docs/clinical-rules.md`, never copied from the leaflets.
///
/// Plain language (B1): short sentences (at most 20 words as a rule, never over 25), the polite `u` in Dutch, and
/// each paragraph said once in a patient's calendar (`Tests/Interop/plain_language_check.py` checks all three).
/// The one block every event repeats is the list of phone numbers (``contacts(_:)``), so that whichever event a
/// patient opens, a number is there.
///
/// Dates, times and numbers come through ``Format``: `Format.spelledOut` for `maandag 4 januari 2027`,
/// `Format.clock` for `09:30–10:15`.
package struct CalendarTexts: Sendable {
    package let language: PatientRecord.Language

    /// The words in `language`.
    package init(language: PatientRecord.Language) { self.language = language }

    private var dutch: Bool { language == .nl }
    private func t(_ english: String, _ dutchText: String) -> String { dutch ? dutchText : english }

    // MARK: Dates and times in words

    /// `maandag 4 januari 2027` / `Monday 4 January 2027`.
    func date(_ date: CalendarDate) -> String { Format.spelledOut(date, language) }

    /// `09:30–10:15` or `09:30`, on a 24-hour clock in both languages.
    func time(_ span: ClockSpan) -> String { Format.clock(span) }

    /// The line that says when, in words, so that a device in the wrong zone cannot mislead: the booked time when
    /// there is one; for a booked visit without one, that the time comes with the appointment letter.
    package func when(_ day: CalendarDate, time: ClockSpan?, letterGivesTime: Bool) -> String {
        if let time {
            return t("Date and time: \(date(day)), \(self.time(time)) (Dutch time).",
                     "Datum en tijd: \(date(day)), \(self.time(time)) (Nederlandse tijd).")
        }
        let letter = letterGivesTime
            ? t(" You will find the time in your appointment letter.", " De tijd staat in uw afspraakbrief.") : ""
        return t("Date: \(date(day)).", "Datum: \(date(day)).") + letter
    }

    /// A span of days, both ends included; one day reads as that day.
    func span(_ first: CalendarDate, _ last: CalendarDate) -> String {
        first == last ? t("On \(date(first)).", "Op \(date(first)).")
            : t("From \(date(first)) to \(date(last)).", "Van \(date(first)) tot en met \(date(last)).")
    }

    /// Days that are not fixed yet (a span that follows expected dates).
    var spanNotFixed: String {
        t("These dates are estimates and may change.", "Deze data staan nog niet vast: het zijn de verwachte data.")
    }

    /// A date that is not fixed yet, in words: the expected day first, then how early or late it may be; ends
    /// that coincide are said once.
    func window(_ window: DateWindow) -> String {
        var text = t("This date is not fixed yet. At the moment we expect it on \(date(window.expected)).",
                     "Deze datum staat nog niet vast. Nu verwacht: \(date(window.expected)).")
        switch (window.earliest < window.expected, window.expected < window.latest) {
        case (true, true):
            text += t(" It may be as early as \(date(window.earliest)) or as late as \(date(window.latest)).",
                      " Het kan ook al \(date(window.earliest)) zijn, of pas \(date(window.latest)).")
        case (true, false):
            text += t(" It may be as early as \(date(window.earliest)).", " Het kan ook al \(date(window.earliest)) zijn.")
        case (false, true):
            text += t(" It may be as late as \(date(window.latest)).", " Het kan ook pas \(date(window.latest)) zijn.")
        case (false, false):
            break
        }
        return text + t(" The hospital will let you know.", " U hoort de datum van het ziekenhuis.")
    }

    /// A single day that is not fixed yet and has no window (its rule gives one day): it may still move.
    var dayNotFixed: String {
        t("This date is not fixed yet.", "Deze datum staat nog niet vast.")
    }

    /// A check after going home hangs on the day of discharge.
    var followsDischarge: String {
        t("It depends on the day you go home.", "Hij hangt af van de dag dat u naar huis gaat.")
    }

    /// An overdue step: the day its rule first expected it.
    func firstExpected(_ day: CalendarDate) -> String {
        t("It was first expected around \(date(day)).", "Eerst was dit verwacht rond \(date(day)).")
    }

    /// The daily injections: from the day after day 1 until there are enough cells (expected on `last`).
    func injections(from first: CalendarDate, until last: CalendarDate) -> String {
        t("Every day from \(date(first)) until there are enough stem cells, probably \(date(last)).",
          "Elke dag vanaf \(date(first)) tot er genoeg stamcellen zijn, waarschijnlijk tot en met \(date(last)).")
    }

    /// A day inside a stay that is not booked yet: it moves with the admission.
    func followsAdmission(_ expected: CalendarDate) -> String {
        t("This date is not fixed yet. At the moment we expect it on \(date(expected)). It depends on the day you are admitted.",
          "Deze datum staat nog niet vast. Nu verwacht: \(date(expected)). Deze dag schuift mee met de dag van opname.")
    }

    /// A step that has evidently taken place (a later one is recorded) though its own date was never recorded:
    /// the day it was planned for, and that it is behind the patient.
    func happened(_ planned: CalendarDate) -> String {
        t("Around \(date(planned)). This has already taken place; we do not know the exact date.",
          "Rond \(date(planned)). Dit is al geweest; de precieze datum weten wij niet.")
    }

    /// A booked day on which the hospital is normally closed for this (a weekend, a public holiday, a closure).
    func closedDay(_ contacts: Site.Contacts) -> String {
        t("The hospital is normally closed on this day. The hospital will confirm this date with you.",
          "Het ziekenhuis is op deze dag meestal dicht. Het ziekenhuis bevestigt deze datum nog met u.")
            + (contacts.appointments.map { t(" Not sure? Ring \($0) on a weekday.", " Twijfelt u? Bel dan op een werkdag \($0).") } ?? "")
    }

    /// A visit soon that nobody has booked yet: whom to ask.
    func notBookedYet(_ contacts: Site.Contacts) -> String? {
        contacts.appointments.map {
            t("Have you not had an appointment yet? Ring \($0).", "Heeft u nog geen afspraak gekregen? Bel dan \($0).")
        }
    }

    // MARK: Titles (no diagnosis or treatment words: they show on lock screens)

    /// The title of an event; `fixed` is false while its date is only expected (the discharge then says so).
    package func title(_ kind: CalendarEventKind, fixed: Bool = true) -> String {
        switch kind {
        case .secondOpinion: t("Clinic appointment: second opinion", "Polikliniek: tweede mening")
        case .committeeAnswer: t("Clinic appointment: the decision", "Polikliniek: het antwoord")
        case .evaluation: t("Clinic appointment: pre-treatment tests", "Polikliniek: onderzoeken vooraf")
        case .fertilityDeadline: t("Deadline today: see the notes", "Uiterlijk vandaag: zie de uitleg")
        case .infusion: t("Day unit: drip", "Dagbehandeling: infuus")
        case .injection: t("Daily injection", "Injectie")
        case .apheresis: t("Appointment: cell collection", "Afspraak: cellen verzamelen")
        case .heldApheresis: t("Reserve day: cell collection (only if needed)", "Reservedag: cellen verzamelen (alleen als het nodig is)")
        case .controlVisit: t("Clinic appointment: check-up", "Polikliniek: controle")
        case .admission: t("In hospital", "In het ziekenhuis")
        case .reinfusion: t("Your cells are given back", "Teruggeven van uw cellen")
        case .isolation: t("Stay in a room of your own", "Verblijf in een eigen kamer")
        case .bloodCounts: t("Blood test", "Bloedafname")
        case .discharge: fixed ? t("Going home", "Naar huis") : t("Going home (expected)", "Naar huis (verwacht)")
        case .homeCheck: t("Clinic check-up after discharge", "Polikliniek: controle na thuiskomst")
        case .recovery: t("Recovery at home", "Herstel thuis")
        case .treatmentPeriod: t("Possible treatment period", "Mogelijke behandelperiode")
        case .followUpVisit: t("Clinic appointment: long-term check-up", "Polikliniek: controle op lange termijn")
        case .followUpScan: t("Hospital scan", "Scan in het ziekenhuis")
        case .vaccination: t("Vaccinations: possible again", "Vaccinaties: weer mogelijk")
        }
    }

    /// The heading of an entry on the patient's own page, which is no lock screen: the title, except where the
    /// title is kept vague for lock screens and the page can say what it is.
    func pageTitle(_ kind: CalendarEventKind, fixed: Bool = true) -> String {
        kind == .fertilityDeadline
            ? t("Last day to have eggs or sperm frozen", "Laatste dag voor het invriezen van eicellen of zaadcellen")
            : title(kind, fixed: fixed)
    }

    /// The reminder's text: the title, and when.
    package func reminder(_ kind: CalendarEventKind, daysAhead: Int) -> String {
        let title = title(kind)
        if daysAhead == 1 { return t("Tomorrow: \(title)", "Morgen: \(title)") }
        return t("In \(daysAhead) days: \(title)", "Over \(daysAhead) dagen: \(title)")
    }

    package var calendarName: String { t("My treatment plan", "Mijn behandelplan") }

    // MARK: The ward's and staff's calendars

    /// The ward calendar's name.
    package var wardCalendarName: String { t("Ward: admissions and isolation", "Afdeling: opnames en isolatie") }

    /// A date not fixed yet, for staff: its window as ISO days, `Window: 2027-01-04 … 2027-01-18.` /
    /// `Venster: 2027-01-04 … 2027-01-18.`
    package func staffWindow(_ window: DateWindow) -> String {
        t("Window: \(window.earliest) … \(window.latest).", "Venster: \(window.earliest) … \(window.latest).")
    }

    // MARK: Places

    /// The department's name in the patient's language, unless the site names it.
    func department(_ department: Site.Department, site: Site) -> String {
        if let own = site.departments[department] { return own }
        switch department {
        case .outpatientClinic: return t("Outpatient clinic", "Polikliniek")
        case .dayCare: return t("Day unit", "Dagbehandeling")
        case .apheresisUnit: return t("Apheresis unit", "Afdeling Aferese")
        case .haematologyWard: return t("Haematology ward", "Afdeling Hematologie")
        }
    }

    // MARK: Whom to call

    /// The number that answers when a patient at home has a fever or sudden severe complaints: the ward's line,
    /// answered day and night, when the site gives one; otherwise the office-hours line and the out-of-hours line
    /// together. Never a number the site did not give.
    func callNow(_ context: Context, askForTheWard: Bool = false) -> String {
        let contacts = context.contacts
        if let ward = contacts.ward {
            return t("Ring the haematology ward of \(context.siteName) straight away. It answers day and night: \(ward).",
                     "Bel dan meteen de afdeling Hematologie van \(context.siteName). Die is dag en nacht bereikbaar: \(ward).")
        }
        var lines: [String] = []
        if let urgent = contacts.urgent {
            lines.append(t("On weekdays in office hours: \(urgent).", "Op werkdagen tijdens kantooruren: \(urgent)."))
        }
        if let outOfHours = contacts.outOfHours {
            lines.append(t("Evenings, nights and weekends: \(outOfHours).", "’s Avonds, ’s nachts en in het weekend: \(outOfHours)."))
        }
        let call = askForTheWard
            ? t("Ring the hospital straight away and ask for the haematology ward.",
                "Bel dan meteen het ziekenhuis en vraag naar de afdeling Hematologie.")
            : t("Ring the hospital straight away.", "Bel dan meteen het ziekenhuis.")
        return ([call] + lines).joined(separator: " ")
    }

    /// For a patient who is in the ward: tell the nurse, do not phone.
    var tellTheNurse: String {
        t("If you feel unwell in hospital or think you have a temperature, tell your nurse straight away.",
          "Voelt u zich in het ziekenhuis niet goed, of denkt u dat u koorts heeft? Zeg het dan meteen tegen uw verpleegkundige.")
    }

    /// The phone numbers, as the one block every event of a patient carries (starts with `Telefoonnummers` /
    /// `Phone numbers`); `nil` when the site gives none.
    package func contacts(_ contacts: Site.Contacts) -> String? {
        let lines = contactLines(contacts)
        guard !lines.isEmpty else { return nil }
        return ([phoneNumbers + ":"] + lines.map { "\($0.use): \($0.number)" }).joined(separator: "\n")
    }

    /// The heading of the phone numbers: `Phone numbers` / `Telefoonnummers`.
    package var phoneNumbers: String { t("Phone numbers", "Telefoonnummers") }

    /// The lines of ``contacts(_:)``, each number with when to use it, in the block's order (the page makes each
    /// number a link to call).
    package func contactLines(_ contacts: Site.Contacts) -> [(use: String, number: String)] {
        var lines: [(use: String, number: String)] = []
        if let number = contacts.appointments {
            lines.append((t("To make or move an appointment", "Afspraak maken of verzetten"), number))
        }
        if let number = contacts.ward {
            lines.append((t("Day and night, haematology ward", "Dag en nacht, afdeling Hematologie"), number))
        }
        if let number = contacts.urgent {
            lines.append((t("Urgent, on weekdays in office hours", "Dringend, op werkdagen tijdens kantooruren"), number))
        }
        if let number = contacts.outOfHours {
            lines.append((t("Urgent, evenings, nights and weekends", "Dringend, ’s avonds, ’s nachts en in het weekend"), number))
        }
        return lines
    }

    // MARK: What to expect, bring and do

    /// What the words of one event depend on beyond its kind.
    struct Context {
        /// The treating site's name.
        var siteName: String
        /// The site's phone numbers.
        var contacts: Site.Contacts
        /// What to say about fertility preservation before mobilisation (`nil`: nothing).
        var fertility: FertilityNote?
        /// Mobilisation has not begun: pregnancy and breastfeeding still need saying.
        var beforeDayOne = false
        /// Mobilisation day 1 (expected or recorded).
        var dayOne: CalendarDate?
        /// The first day the collection may start (the first open day of days 5–7).
        var collectionFrom: CalendarDate?
        /// The discharge window, and whether the discharge is recorded.
        var discharge: DateWindow?
        var dischargeRecorded = false
        /// The admission follows from recorded dates (its dates may be said).
        var admissionFixed = false
        /// The committee has not answered yet.
        var undecided = false
        /// The days the marrow is expected to recover (during the stay).
        var marrowRecovery: ClosedRange<CalendarDate>?
        /// More than 10 bags: the cells are given back on two days.
        var twoDayReinfusion = false
        /// The treatment period if the committee says yes (first day 1 … last discharge).
        var possiblePeriod: (CalendarDate, CalendarDate)?
        /// A follow-up milestone's months after day 0.
        var monthsAfterDayZero: Int?
        /// Which of its kind this event is (1-based), and how many there are.
        var number = 1
        var count = 1
    }

    /// What to say about fertility preservation.
    enum FertilityNote: Equatable {
        /// Not asked yet (`wanted == nil`) or wanted and not done: what it is and how; `deadline` when wanted.
        case explain(wanted: Bool, deadline: CalendarDate?)
        /// Done on this day.
        case done(CalendarDate)
    }

    /// The paragraphs of an event of `kind`, in order (the date line and the phone numbers come separately).
    func advice(_ kind: CalendarEventKind, _ context: Context) -> [String] {
        switch kind {
        case .secondOpinion:
            return [t("You will see a neurologist who specialises in this treatment for MS. The neurologist will then discuss your case with a national panel of doctors. The panel decides whether this treatment is suitable for you. You will be given the decision at a follow-up appointment about 2 to 4 weeks later.",
                      "U praat met een neuroloog die deze behandeling bij MS goed kent. Daarna legt de neuroloog uw situatie voor aan een landelijke commissie van artsen. Die commissie beslist of de behandeling voor u mogelijk is. U hoort het antwoord na ongeveer 2 tot 4 weken, bij een volgend bezoek.")]
        case .committeeAnswer:
            return [t("At this appointment you will be told the panel's decision. If it is yes, you will have some tests first and then be given your treatment dates.",
                      "Bij dit bezoek hoort u wat de landelijke commissie heeft besloten. Is het antwoord ja, dan volgen eerst onderzoeken vooraf. Daarna krijgt u de afspraken voor de behandeling.")]
                + (context.undecided ? beforeTreatment(context) : [])
        case .evaluation:
            return [t("The doctor checks that the treatment is safe for you. You will have a physical examination and blood tests, and discuss whether you would like eggs or sperm frozen.",
                      "Bij dit bezoek kijkt de arts of u de behandeling veilig kunt krijgen. U krijgt een lichamelijk onderzoek en er wordt bloed afgenomen. Ook bespreekt u of u eicellen of zaadcellen wilt laten invriezen.")]
                + beforeTreatment(context)
        case .fertilityDeadline:
            let day1 = context.dayOne.map { t(" The first drip is expected on \(date($0)).", " Het eerste infuus is nu verwacht op \(date($0)).") } ?? ""
            return [t("You asked to have eggs or sperm frozen before the treatment; today is the last day for this.\(day1)",
                      "U wilt eicellen of zaadcellen laten invriezen vóór de behandeling. Dat moet uiterlijk vandaag klaar zijn.\(day1)"),
                    t("Not done yet? Ring the hospital today", "Is het nog niet gebeurd? Bel dan vandaag nog het ziekenhuis")
                        + (context.contacts.appointments.map { " (\($0))" } ?? "")
                        + t(" and tell the team before the drip. The drip may then have to wait.",
                            " en zeg het tegen het team, vóór het infuus. Misschien moet het infuus dan wachten.")]
        case .infusion:
            return [t("On this day you will have a single chemotherapy drip (cyclophosphamide) on the day unit. It makes your body produce more stem cells. From the next day you will have an injection every day.",
                      "Op deze dag krijgt u op de dagbehandeling één infuus. Daarin zit chemotherapie (cyclofosfamide). Daardoor maakt uw lichaam meer stamcellen aan. Vanaf de volgende dag krijgt u elke dag een injectie."),
                    t("You must not be pregnant when this drip starts, nor become pregnant until the end of the treatment period. Men must not father a child in that time. Use reliable contraception until your doctor says you can stop.",
                      "U mag niet zwanger zijn als dit infuus begint. U mag ook niet zwanger worden tot het einde van de behandelperiode. Mannen mogen in die tijd geen kind verwekken. Gebruik goede anticonceptie tot uw arts zegt dat u mag stoppen.")]
        case .injection:
            return [t("You will have an injection of a growth factor (G-CSF) under the skin every day. It moves stem cells from the bone marrow into the blood. The injections continue until there are enough stem cells, usually 5 to 7 days. Expect to come into hospital every day during this stage; the team will tell you where and when.",
                      "Elke dag krijgt u een injectie onder de huid met een groeifactor (G-CSF). Die brengt stamcellen vanuit het beenmerg in uw bloed. Dit gaat door tot er genoeg zijn, meestal na 5 tot 7 dagen. Reken erop dat u in deze fase elke dag naar het ziekenhuis komt. Het team zegt waar en wanneer u de injectie krijgt."),
                    t("The injections can cause aching bones and muscles, felt as a headache, backache or pain in your arms and legs. You may also feel as if you are getting flu, with a slight temperature. Paracetamol usually helps.",
                      "Door de injecties kunnen uw botten en spieren pijn doen: in uw rug, uw hoofd, uw armen of benen. U kunt zich ook grieperig en wat warm voelen. Paracetamol helpt daar meestal goed tegen."),
                    t("A slightly raised temperature is normal with these injections. But if it goes above 38.5 °C, or you feel much worse than you expected, it could be an infection. ",
                      "Een beetje verhoging is normaal bij deze injecties. Is uw temperatuur hoger dan 38,5 °C, of heeft u heftige klachten die u niet verwachtte? Dan kan er iets anders aan de hand zijn, zoals een infectie. ")
                        + callNow(context, askForTheWard: true)]
        case .apheresis where context.number == 1:
            let ready = context.collectionFrom.map { t(", \(date($0))", ", \(date($0))") } ?? ""
            return [t("On this day stem cells are collected from your blood. It starts once there are enough stem cells in your blood, so the date may change slightly. Keep yourself free from the first possible day\(ready) (the day of the drip counts as day 1).",
                      "Op deze dag worden stamcellen uit uw bloed verzameld. Dat begint zodra er genoeg stamcellen in uw bloed zijn. De dag kan daarom nog wat schuiven. Zorg dat u kunt komen vanaf de eerste mogelijke dag\(ready)."),
                    t("You will be connected to a machine for 4 to 6 hours: blood is taken from a needle in your arm, passed through the machine and returned to you. Occasionally it takes longer and you need to stay overnight.",
                      "U bent 4 tot 6 uur aangesloten op een machine. Uw bloed gaat via een infuus in uw arm door de machine en weer terug. Soms is één dag niet genoeg en blijft u een nacht."),
                    t("Wear comfortable clothes. Headphones with music help to block out the noise of the machine. Ask someone to drive you there and home again, as the day can be tiring. From the evening before the first possible day, have some extra milk, yoghurt or cheese each evening: it can help prevent tingling.",
                      "Trek makkelijke kleren aan. Neem muziek en een koptelefoon mee tegen het geluid van de machine. Laat u brengen en ophalen, want de dag is vermoeiend. Neem vanaf de avond vóór de eerste mogelijke dag elke avond wat extra melk, yoghurt of kaas. Dat helpt tegen tintelingen."),
                    t("If your lips or fingertips tingle or you feel unwell, tell the nurse straight away. A little calcium through the drip usually settles it quickly.",
                      "Tintelen uw lippen of vingertoppen, of voelt u zich niet goed? Zeg het meteen tegen de verpleegkundige. U krijgt dan wat calcium via het infuus, en dan gaat het snel over."),
                    t("If a needle cannot go into your arm, a doctor will put a thin tube into your groin under local anaesthetic. It takes about ten minutes.",
                      "Lukt een infuus in de arm niet, dan plaatst een arts een dun slangetje in uw lies. U krijgt daarvoor een plaatselijke verdoving. Dat duurt ongeveer tien minuten."),
                    t("Afterwards the laboratory counts the stem cells, and the nurse will tell you when to expect the result. If there are enough cells you can stop the injections; if not, you carry on and the collection is repeated. Not sure whether to carry on? Ring the hospital that day.",
                      "Daarna telt het laboratorium de stamcellen. De verpleegkundige zegt wanneer u de uitslag hoort. Zijn er genoeg? Dan stopt u met de injecties. Zijn het er te weinig? Dan gaat u door met de injecties en wordt het verzamelen herhaald. Weet u niet zeker of u nog injecties nodig heeft? Bel dan dezelfde dag het ziekenhuis.")]
        case .apheresis:
            return [t("Collection day \(context.number): an extra day, because the day before gave too few cells. It goes the same way as the first time. Carry on with the injections until the team tells you to stop.",
                      "Verzameldag \(context.number): een extra dag, omdat de dag ervoor te weinig cellen gaf. Het gaat net als de eerste keer. Ga door met de injecties tot het team zegt dat u mag stoppen.")]
        case .heldApheresis:
            return [t("Reserve day \(context.number - 1): kept free in case the first collection gives too few cells, so that it can carry on today. The team will let you know.",
                      "Reservedag \(context.number - 1): vrijgehouden voor het geval de eerste keer te weinig cellen geeft. Dan gaat het verzamelen op deze dag verder. Het team laat het u weten.")]
        case .controlVisit:
            return [t("A check-up at the outpatient clinic, about two weeks after the collection. You will discuss how the collection went and whether enough stem cells were stored, and hear about your hospital admission.",
                      "Een controle op de polikliniek, ongeveer twee weken na het verzamelen. U bespreekt hoe het ging en of er genoeg stamcellen zijn opgeslagen. Ook hoort u meer over de opname die hierna komt.")]
        case .admission:
            var stay = t("You stay in hospital until your blood counts are good enough again. Most people go home 2 to 4 weeks after their cells are given back.",
                         "U blijft in het ziekenhuis tot uw bloedwaarden weer goed genoeg zijn. Meestal gaat u 2 tot 4 weken na het teruggeven van uw cellen naar huis.")
            if let window = context.discharge {
                if context.dischargeRecorded {
                    stay += t(" You went home on \(date(window.expected)).", " U ging naar huis op \(date(window.expected)).")
                } else if context.admissionFixed {
                    stay += " " + expectedHome(window)
                }
            }
            var isolation = t("After your cells are given back, your immunity is very low for a few weeks. You will then have extra protection against infection, usually in a single room. Your blood is tested every Monday, Wednesday and Friday.",
                              "Na het teruggeven van uw cellen is uw afweer een paar weken erg laag. U krijgt dan extra bescherming tegen infecties, meestal in een eigen kamer. Elke maandag, woensdag en vrijdag onderzoekt het lab uw bloed.")
            if let recovery = context.marrowRecovery, context.admissionFixed, !context.dischargeRecorded {
                isolation += t(" Your blood counts should start to rise between \(date(recovery.lowerBound)) and \(date(recovery.upperBound)).",
                               " Waarschijnlijk gaan uw bloedwaarden stijgen tussen \(date(recovery.lowerBound)) en \(date(recovery.upperBound)).")
            }
            return [t("You are admitted to the haematology ward. For the first 4 to 5 days you will have chemotherapy (cyclophosphamide) and an antibody treatment called ATG through a drip. They break down your immune system, including the cells that cause the inflammation in MS. You also get medicines to ease the side effects.",
                      "U wordt opgenomen op de afdeling Hematologie. De eerste 4 tot 5 dagen krijgt u via een infuus chemotherapie (cyclofosfamide) en een kuur met antistoffen (ATG). Die breken uw afweersysteem af, ook de cellen die bij MS de ontstekingen geven. U krijgt er medicijnen bij tegen bijwerkingen."),
                    t("You are then given your own stem cells back, and these grow into a new immune system.",
                      "Daarna komen uw eigen stamcellen terug in uw bloed. Daaruit groeit een nieuw afweersysteem."),
                    stay, isolation,
                    t("Most people lose their hair; you will be offered a wig or head covering. The hair usually grows back within 3 to 6 months. Fever, infections, feeling sick and severe tiredness are common too. The treatment can also lower your fertility.",
                      "De meeste mensen verliezen hun hoofdhaar. U kunt een pruik of hoofdbedekking krijgen. Het haar groeit meestal in 3 tot 6 maanden weer aan. Ook koorts, infecties, misselijkheid en erge moeheid komen vaak voor. De behandeling kan ook uw vruchtbaarheid verminderen."),
                    t("Drink plenty of water to protect your bladder, as otherwise the chemotherapy can cause blood in your urine.",
                      "Drink veel water. Zo beschermt u uw blaas: de chemotherapie kan anders bloed in de urine geven."),
                    tellTheNurse]
        case .reinfusion:
            var line = context.twoDayReinfusion
                ? t("Your own stem cells are given back to you through a drip. There are many bags, so they are shared over two days: this day and the next. Each time takes about thirty minutes, much like a blood transfusion.",
                    "Uw eigen stamcellen gaan via een infuus terug in uw bloed. Er zijn veel zakjes, dus ze worden verdeeld over twee dagen: deze dag en de volgende. Dat duurt elke keer zo’n dertig minuten, net als een bloedtransfusie.")
                : t("On this day your own stem cells are given back to you through a drip. It takes about thirty minutes, much like a blood transfusion.",
                    "Op deze dag gaan uw eigen stamcellen via een infuus terug in uw bloed. Dat kost zo’n dertig minuten, net als een bloedtransfusie.")
            line += t(" The cells have been kept frozen, so they feel cold going in and you may shiver.",
                      " De cellen zijn ingevroren geweest en komen koud binnen. U kunt het dus koud krijgen of rillen.")
            return [line, t("The bags hold a substance (DMSO) that protects the cells when they are frozen. It can leave a strange taste in your mouth; sucking a strong mint can help. For about a day your breath may smell unusual, which others notice more than you do.",
                            "In de zakjes zit een middel (DMSO) dat de cellen beschermt bij het invriezen. Daardoor proeft u misschien iets vreemds. Een pepermunt of ander sterk snoepje helpt dan. Uw adem ruikt ongeveer een dag anders. Mensen om u heen merken dat meer dan uzelf.")]
        case .isolation:
            return [t("Your defences are very low now, so you stay in a room of your own. Your blood is tested on Monday, Wednesday and Friday.",
                      "Uw afweer is nu erg laag. Daarom ligt u in een eigen kamer. Elke maandag, woensdag en vrijdag onderzoekt het lab uw bloed."),
                    tellTheNurse]
        case .bloodCounts:
            return [t("A nurse takes blood to see how your blood values recover.",
                      "Een verpleegkundige neemt bloed af om te zien hoe uw bloedwaarden herstellen.")]
        case .discharge:
            let first = t("You can go home once your blood counts, especially your white cells, have recovered. You also need to be eating and drinking well, taking your own medicines and off the drip.",
                          "U mag naar huis als uw bloedwaarden genoeg hersteld zijn, vooral uw witte bloedcellen. U moet ook weer genoeg eten en drinken, zelf uw medicijnen innemen en geen infuus meer nodig hebben.")
                        return [first, t("Your platelets take longer to recover. You may still need a transfusion of platelets or red blood cells.",
                             "Uw bloedplaatjes herstellen langzamer. Misschien krijgt u nog een transfusie met bloedplaatjes of rode bloedcellen.")]
        case .recovery:
            return [t("Your recovery continues at home; it usually takes 3 to 6 months to feel completely well again. For the first few weeks you will have regular check-ups at the outpatient clinic.",
                      "Thuis herstelt u verder. Reken op 3 tot 6 maanden voordat u zich weer helemaal goed voelt. De eerste weken komt u vaak naar de polikliniek voor controle."),
                    t("Your immune system has not fully recovered, so you are more likely to catch colds or get sinus or chest infections, which sometimes need antibiotics.",
                      "Uw afweer is nog niet helemaal terug. U krijgt sneller een verkoudheid, een ontsteking van de bijholtes of bronchitis. Soms zijn dan antibiotica nodig."),
                    t("While your platelets are low, you bruise more easily and may get nosebleeds or bleeding gums. Until then, avoid sports where you could be injured.",
                      "Zolang uw bloedplaatjes laag zijn, krijgt u sneller blauwe plekken, een bloedneus of bloedend tandvlees. Doe in die tijd geen sport waarbij u zich kunt bezeren."),
                    t("You can eat normally again, unless your doctor says otherwise. If food tastes different or you feel sick, try a variety of foods and eat little and often. Aim for 1.5 to 2 litres of fluid a day and no more than two alcoholic drinks.",
                      "U kunt weer gewoon eten, tenzij uw arts iets anders zegt. Smaakt eten anders of bent u misselijk? Probeer dan veel verschillende dingen, en eet vaak kleine beetjes. Drink 1,5 tot 2 liter per dag, en niet meer dan twee glazen alcohol."),
                    t("If your temperature goes above 38 °C, or an illness lasts longer than usual, act at once: with low immunity an infection can quickly become serious. ",
                      "Krijgt u koorts boven 38 °C, of bent u langer ziek dan normaal? Met een lage afweer kan een infectie snel ernstig worden. ")
                        + callNow(context),
                    t("You can have the flu jab, but not live vaccines: until your immune system recovers, they could cause the very infection they are meant to prevent. If in doubt, ask your doctor.",
                      "De griepprik mag gewoon. Levende vaccins mag u niet krijgen: zolang uw afweer niet hersteld is, kunnen die zelf een infectie geven. Twijfelt u, vraag het dan aan uw arts."),
                    t("Do not get pregnant or father a child during the treatment period, and make sure your partner knows.",
                      "Word in de behandelperiode niet zwanger en verwek geen kind. Vertel dit ook aan uw partner.")]
        case .homeCheck:
            return [context.number == 1
                ? t("Check-up \(context.number) of \(context.count) after discharge: your blood counts, how you are getting on and your medicines.",
                    "Controle \(context.number) van \(context.count) na thuiskomst. De arts kijkt naar uw bloedwaarden, hoe het met u gaat en uw medicijnen.")
                : t("Check-up \(context.number) of \(context.count) after discharge: again your blood counts, how you are getting on and your medicines.",
                    "Controle \(context.number) van \(context.count) na thuiskomst. De arts kijkt weer naar uw bloed, hoe het gaat en uw medicijnen.")]
        case .treatmentPeriod:
            guard let (first, last) = context.possiblePeriod else { return [] }
            return [t("First the national panel decides whether you can have the treatment. If it says yes, treatment will probably take place between \(date(first)) and \(date(last)). You will get exact dates after the decision.",
                      "De landelijke commissie beslist eerst of de behandeling voor u doorgaat. Zegt zij ja, dan valt de behandeling naar verwachting tussen \(date(first)) en \(date(last)). De precieze afspraken hoort u na het antwoord.")]
        case .followUpVisit, .followUpScan:
            let months = context.monthsAfterDayZero.map { t("A check \($0) months after you got your cells back.", "Een controle \($0) maanden nadat u uw cellen terugkreeg.") }
            return months.map { [$0] } ?? []
        case .vaccination:
            let months = context.monthsAfterDayZero.map { t(" (\($0) months after you got your cells back)", " (\($0) maanden nadat u uw cellen terugkreeg)") } ?? ""
            return [t("From about this date\(months) some vaccinations can be given again. Ask your doctor which ones and when. Live vaccines only when your doctor says so.",
                      "Vanaf ongeveer deze datum\(months) kunnen sommige vaccinaties weer. Vraag uw arts welke en wanneer. Levende vaccins alleen als uw arts het zegt.")]
        }
    }

    /// "Going home is expected on …", with how early or late it may be; one date when the ends coincide.
    private func expectedHome(_ window: DateWindow) -> String {
        var text = t("We currently expect you to go home on \(date(window.expected)).",
                     "We verwachten nu dat u op \(date(window.expected)) naar huis gaat.")
        if window.earliest < window.latest {
            text += t(" It could be any day from \(date(window.earliest)) to \(date(window.latest)).",
                      " Het kan elke dag zijn van \(date(window.earliest)) tot en met \(date(window.latest)).")
        }
        return text
    }

    /// Before mobilisation day 1: fertility preservation (unless the patient said no) and that pregnancy or
    /// breastfeeding rule the treatment out.
    private func beforeTreatment(_ context: Context) -> [String] {
        guard context.beforeDayOne else { return [] }
        var lines: [String] = []
        switch context.fertility {
        case let .explain(wanted, deadline):
            var text = t("The treatment can make you less fertile or infertile. You may want eggs or sperm frozen before it starts; a fertility specialist will arrange this with you. This takes time and must be completed before your first chemotherapy drip, so ask as soon as possible.",
                         "De behandeling kan u minder vruchtbaar of onvruchtbaar maken. Daarom kunt u vooraf eicellen of zaadcellen laten invriezen. Dat regelt u met een arts voor vruchtbaarheid. Het kost tijd, en het moet klaar zijn vóór het eerste infuus. Vraag er dus vroeg naar.")
            if wanted {
                text += t(" You have told us you would like this.", " U heeft gezegd dat u dit wilt.")
                if let deadline {
                    text += t(" It must be done by \(date(deadline)).", " Het moet klaar zijn op uiterlijk \(date(deadline)).")
                }
                text += t(" Do not wait for a visit: ask for an appointment with the fertility specialist now",
                          " Wacht niet op een bezoek: vraag nu al een afspraak aan bij de arts voor vruchtbaarheid")
                    + (context.contacts.appointments.map { " (\($0))." } ?? ".")
            }
            lines.append(text)
        case let .done(day):
            lines.append(t("Your eggs or sperm were frozen on \(date(day)).", "Uw eicellen of zaadcellen zijn ingevroren op \(date(day))."))
        case nil:
            break
        }
        lines.append(t("You cannot have this treatment if you are pregnant or breastfeeding. Tell your doctor if this applies to you now or may do soon.",
                       "Bent u zwanger, of geeft u borstvoeding? Dan kunt u deze behandeling niet krijgen. Vertel het uw arts als dit voor u geldt of binnenkort kan gelden."))
        return lines
    }

    /// What to bring to a visit: said once, in the first visit still to come (and at the top of the page).
    var bring: String {
        t("Please bring to every appointment: your passport, identity card or driving licence, your health insurance card and an up-to-date list of your medicines. If you have a cold, a cough or flu symptoms, wear a medical face mask in the hospital.",
          "Neem bij elk bezoek mee: uw paspoort, ID-kaart of rijbewijs, uw zorgpas en uw actuele medicijnlijst. Bent u verkouden, hoest u of voelt u zich grieperig? Zet dan in het ziekenhuis een medisch mondkapje op.")
    }
}
