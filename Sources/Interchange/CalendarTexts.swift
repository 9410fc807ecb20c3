import Calendrical
import Pathway

/// The words of the patient calendars and pages, in Dutch and English: titles without diagnosis or treatment words
/// (they show on lock screens), dates in words, and per event what happens there, what helps and whom to call —
/// written for this tool from the facts in `docs/clinical-rules.md`, never copied from the leaflets.
///
/// Plain language (B1): short sentences (at most 20 words as a rule, never over 25), the polite `u` in Dutch, and
/// each paragraph said once in a patient's calendar (`Tests/Interop/plain_language_check.py` checks all three).
/// The one block every event repeats is the list of phone numbers (``contacts(_:)``), so that whichever event a
/// patient opens, a number is there.
struct CalendarTexts: Sendable {
    let language: PatientRecord.Language

    private var dutch: Bool { language == .nl }
    private func t(_ english: String, _ dutchText: String) -> String { dutch ? dutchText : english }

    // MARK: Dates and times in words

    /// `maandag 4 januari 2027` / `Monday 4 January 2027`.
    func date(_ date: CalendarDate) -> String { date.spelledOut(dutch: dutch) }

    /// `09:30–10:15` or `09:30`, on a 24-hour clock in both languages.
    func time(_ span: ClockSpan) -> String {
        func clock(_ minutes: Int) -> String { "\(zeroPadded(minutes / 60, 2)):\(zeroPadded(minutes % 60, 2))" }
        return clock(span.fromMinutes) + (span.toMinutes.map { "–" + clock($0) } ?? "")
    }

    /// The line that says when, in words, so that a device in the wrong zone cannot mislead: the booked time when
    /// there is one; for a booked visit without one, that the time comes with the appointment letter.
    func when(_ day: CalendarDate, time: ClockSpan?, letterGivesTime: Bool) -> String {
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
        t("These dates are not fixed yet: they are the expected ones.", "Deze data staan nog niet vast: het zijn de verwachte data.")
    }

    /// A date that is not fixed yet, in words: the expected day first, then how early or late it may be; ends
    /// that coincide are said once.
    func window(_ window: DateWindow) -> String {
        var text = t("This date is not fixed yet. It is now expected on \(date(window.expected)).",
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
        return text + t(" The hospital will tell you the date.", " U hoort de datum van het ziekenhuis.")
    }

    /// A day inside a stay that is not booked yet: it moves with the admission.
    func followsAdmission(_ expected: CalendarDate) -> String {
        t("This date is not fixed yet. It is now expected on \(date(expected)). It moves with the day you are admitted.",
          "Deze datum staat nog niet vast. Nu verwacht: \(date(expected)). Deze dag schuift mee met de dag van opname.")
    }

    /// A step that has evidently taken place (a later one is recorded) though its own date was never recorded:
    /// the day it was planned for, and that it is behind the patient.
    func happened(_ planned: CalendarDate) -> String {
        t("Around \(date(planned)). This step is behind you; its exact date is not in your plan.",
          "Rond \(date(planned)). Deze stap ligt achter u; de precieze datum staat niet in uw planning.")
    }

    /// A booked day on which the hospital is normally closed for this (a weekend, a public holiday, a closure).
    func closedDay(_ contacts: Site.Contacts) -> String {
        t("The hospital is normally closed on this day. The hospital will confirm this date with you.",
          "Het ziekenhuis is op deze dag meestal dicht. Het ziekenhuis bevestigt deze datum nog met u.")
            + (contacts.appointments.map { t(" Not sure? Call \($0) on a weekday.", " Twijfelt u? Bel dan op een werkdag \($0).") } ?? "")
    }

    /// A visit soon that nobody has booked yet: whom to ask.
    func notBookedYet(_ contacts: Site.Contacts) -> String? {
        contacts.appointments.map {
            t("No appointment yet a few days before? Call \($0).", "Heeft u een paar dagen ervoor nog geen afspraak? Bel dan \($0).")
        }
    }

    // MARK: Titles (no diagnosis or treatment words: they show on lock screens)

    /// The title of an event; `fixed` is false while its date is only expected (the discharge then says so).
    func title(_ kind: CalendarEventKind, fixed: Bool = true) -> String {
        switch kind {
        case .secondOpinion: t("Outpatient visit: consultation", "Polikliniek: gesprek")
        case .committeeAnswer: t("Outpatient visit: the answer", "Polikliniek: het antwoord")
        case .evaluation: t("Outpatient visit: pre-treatment tests", "Polikliniek: onderzoeken vooraf")
        case .fertilityDeadline: t("Deadline today: see the notes", "Uiterlijk vandaag: zie de uitleg")
        case .infusion: t("Day care: drip", "Dagbehandeling: infuus")
        case .injection: t("Injection", "Injectie")
        case .apheresis: t("Appointment: cell collection", "Afspraak: cellen verzamelen")
        case .heldApheresis: t("Reserve day: cell collection (only if needed)", "Reservedag: cellen verzamelen (alleen als het nodig is)")
        case .controlVisit: t("Outpatient visit: check-up", "Polikliniek: controle")
        case .admission: t("In hospital", "In het ziekenhuis")
        case .reinfusion: t("Your cells given back", "Teruggeven van uw cellen")
        case .isolation: t("Stay in a room of your own", "Verblijf in een eigen kamer")
        case .bloodCounts: t("Blood test", "Bloedafname")
        case .discharge: fixed ? t("Going home", "Naar huis") : t("Going home (expected)", "Naar huis (verwacht)")
        case .homeCheck: t("Outpatient visit: check after going home", "Polikliniek: controle na thuiskomst")
        case .recovery: t("Recovery at home", "Herstel thuis")
        case .treatmentPeriod: t("Possible treatment period", "Mogelijke behandelperiode")
        case .followUpVisit: t("Outpatient visit: long-term check-up", "Polikliniek: controle op lange termijn")
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
    func reminder(_ kind: CalendarEventKind, daysAhead: Int) -> String {
        let title = title(kind)
        if daysAhead == 1 { return t("Tomorrow: \(title)", "Morgen: \(title)") }
        return t("In \(daysAhead) days: \(title)", "Over \(daysAhead) dagen: \(title)")
    }

    var calendarName: String { t("My treatment plan", "Mijn behandelplan") }

    // MARK: Places

    /// The department's name in the patient's language, unless the site names it.
    func department(_ department: Site.Department, site: Site) -> String {
        if let own = site.departments[department] { return own }
        switch department {
        case .outpatientClinic: return t("Outpatient clinic", "Polikliniek")
        case .dayCare: return t("Day care", "Dagbehandeling")
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
            return t("Then call the haematology ward of \(context.siteName) straight away. It answers day and night: \(ward).",
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
            ? t("Then call the hospital straight away and ask for the haematology ward.",
                "Bel dan meteen het ziekenhuis en vraag naar de afdeling Hematologie.")
            : t("Then call the hospital straight away.", "Bel dan meteen het ziekenhuis.")
        return ([call] + lines).joined(separator: " ")
    }

    /// For a patient who is in the ward: tell the nurse, do not phone.
    var tellTheNurse: String {
        t("Do you feel unwell in hospital, or do you think you have a fever? Tell your nurse at once.",
          "Voelt u zich in het ziekenhuis niet goed, of denkt u dat u koorts heeft? Zeg het dan meteen tegen uw verpleegkundige.")
    }

    /// The phone numbers, as the one block every event of a patient carries (starts with `Telefoonnummers` /
    /// `Phone numbers`); `nil` when the site gives none.
    func contacts(_ contacts: Site.Contacts) -> String? {
        var lines: [String] = []
        if let number = contacts.appointments {
            lines.append(t("To make or move an appointment: \(number)", "Afspraak maken of verzetten: \(number)"))
        }
        if let number = contacts.ward {
            lines.append(t("Day and night, haematology ward: \(number)", "Dag en nacht, afdeling Hematologie: \(number)"))
        }
        if let number = contacts.urgent {
            lines.append(t("Urgent, on weekdays in office hours: \(number)", "Dringend, op werkdagen tijdens kantooruren: \(number)"))
        }
        if let number = contacts.outOfHours {
            lines.append(t("Urgent, evenings, nights and weekends: \(number)", "Dringend, ’s avonds, ’s nachts en in het weekend: \(number)"))
        }
        guard !lines.isEmpty else { return nil }
        return ([t("Phone numbers:", "Telefoonnummers:")] + lines).joined(separator: "\n")
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
            return [t("You talk with a neurologist who knows this treatment for MS well. Afterwards the neurologist presents your case to a national committee of doctors. The committee decides whether the treatment is possible for you. You hear the answer about 2 to 4 weeks later, at your next visit.",
                      "U praat met een neuroloog die deze behandeling bij MS goed kent. Daarna legt de neuroloog uw situatie voor aan een landelijke commissie van artsen. Die commissie beslist of de behandeling voor u mogelijk is. U hoort het antwoord na ongeveer 2 tot 4 weken, bij een volgend bezoek.")]
        case .committeeAnswer:
            return [t("At this visit you hear what the national committee decided. If the answer is yes, some tests come first. After that you get the appointments for the treatment.",
                      "Bij dit bezoek hoort u wat de landelijke commissie heeft besloten. Is het antwoord ja, dan volgen eerst onderzoeken vooraf. Daarna krijgt u de afspraken voor de behandeling.")]
                + (context.undecided ? beforeTreatment(context) : [])
        case .evaluation:
            return [t("At this visit the doctor checks whether you can have the treatment safely. You have a physical examination and a blood test. You also talk about whether you want eggs or sperm frozen.",
                      "Bij dit bezoek kijkt de arts of u de behandeling veilig kunt krijgen. U krijgt een lichamelijk onderzoek en er wordt bloed afgenomen. Ook bespreekt u of u eicellen of zaadcellen wilt laten invriezen.")]
                + beforeTreatment(context)
        case .fertilityDeadline:
            let day1 = context.dayOne.map { t(" The first drip is expected on \(date($0)).", " Het eerste infuus is nu verwacht op \(date($0)).") } ?? ""
            return [t("You want eggs or sperm frozen before the treatment. This has to be finished by today at the latest.\(day1)",
                      "U wilt eicellen of zaadcellen laten invriezen vóór de behandeling. Dat moet uiterlijk vandaag klaar zijn.\(day1)"),
                    t("Is it not arranged yet? Then call the hospital today", "Is het nog niet geregeld? Bel dan vandaag nog het ziekenhuis")
                        + (context.contacts.appointments.map { ": \($0)." } ?? ".")]
        case .infusion:
            return [t("On this day you get one drip in day care. It holds chemotherapy (cyclophosphamide), which makes your body produce more stem cells. From the next day on you get an injection every day.",
                      "Op deze dag krijgt u op de dagbehandeling één infuus. Daarin zit chemotherapie (cyclofosfamide). Daardoor maakt uw lichaam meer stamcellen aan. Vanaf de volgende dag krijgt u elke dag een injectie."),
                    t("From this day until the end of the treatment period you must not become pregnant. Men must not father a child in that time. So use reliable contraception, and ask your doctor how long this applies.",
                      "Vanaf deze dag tot het einde van de behandelperiode mag u niet zwanger worden. Mannen mogen in die tijd geen kind verwekken. Gebruik dus goede anticonceptie. Vraag uw arts hoe lang dit geldt.")]
        case .injection:
            return [t("Every day you get an injection under the skin with a growth factor (G-CSF). It moves the stem cells from the bone marrow into the blood. This goes on until there are enough of them, usually after 5 to 7 days. Expect to come to the hospital every day in this phase; the team tells you where and when you get the injection.",
                      "Elke dag krijgt u een injectie onder de huid met een groeifactor (G-CSF). Die brengt stamcellen vanuit het beenmerg in uw bloed. Dit gaat door tot er genoeg zijn, meestal na 5 tot 7 dagen. Reken erop dat u in deze fase elke dag naar het ziekenhuis komt. Het team zegt waar en wanneer u de injectie krijgt."),
                    t("The injections can make your bones and muscles ache: in your back, your head, your arms or legs. You may also feel flu-ish and a little warm. Paracetamol usually helps well.",
                      "Door de injecties kunnen uw botten en spieren pijn doen: in uw rug, uw hoofd, uw armen of benen. U kunt zich ook grieperig en wat warm voelen. Paracetamol helpt daar meestal goed tegen."),
                    t("A slightly raised temperature is normal with these injections. But above 38.5 °C, or when you feel far worse than expected, it can be an infection. ",
                      "Een beetje verhoging is normaal bij deze injecties. Is uw temperatuur hoger dan 38,5 °C, of heeft u heftige klachten die u niet verwachtte? Dan kan er iets anders aan de hand zijn, zoals een infectie. ")
                        + callNow(context, askForTheWard: true)]
        case .apheresis where context.number == 1:
            let day5 = context.dayOne.map { " (\(date($0.adding(days: 4))))" } ?? ""
            return [t("On this day stem cells are collected from your blood. This starts as soon as there are enough stem cells in your blood, so the day may still shift a little. Be ready from day 5 on\(day5); day 1 is the day of the drip.",
                      "Op deze dag worden stamcellen uit uw bloed verzameld. Dat begint zodra er genoeg stamcellen in uw bloed zijn. De dag kan daarom nog wat schuiven. Houd u klaar vanaf dag 5\(day5); dag 1 is de dag van het infuus."),
                    t("You are connected to a machine for 4 to 6 hours. Your blood flows from a drip in your arm through the machine and back to you. Sometimes one day is not enough, and you stay the night.",
                      "U bent 4 tot 6 uur aangesloten op een machine. Uw bloed gaat via een infuus in uw arm door de machine en weer terug. Soms is één dag niet genoeg en blijft u een nacht."),
                    t("Wear comfortable clothes. Headphones with music help to block out the noise of the machine. Let someone take you there and back: the day is tiring. Some extra milk, yoghurt or cheese the evening before helps against tingling.",
                      "Trek makkelijke kleren aan. Neem muziek en een koptelefoon mee tegen het geluid van de machine. Laat u brengen en ophalen, want de dag is vermoeiend. Wat extra melk, yoghurt of kaas de avond ervoor helpt tegen tintelingen."),
                    t("Do your lips or fingertips tingle, or do you feel unwell? Tell the nurse at once. You then get a little calcium through the drip, and it soon passes.",
                      "Tintelen uw lippen of vingertoppen, of voelt u zich niet goed? Zeg het meteen tegen de verpleegkundige. U krijgt dan wat calcium via het infuus, en dan gaat het snel over."),
                    t("If a drip in the arm does not work, a doctor places a thin tube in your groin. You get a local anaesthetic for it, and it takes about ten minutes.",
                      "Lukt een infuus in de arm niet, dan plaatst een arts een dun slangetje in uw lies. U krijgt daarvoor een plaatselijke verdoving. Dat duurt ongeveer tien minuten."),
                    t("Afterwards the laboratory counts the stem cells. The nurse tells you when you will hear the result. Are there enough? Then you stop the injections. Are there too few? Then you keep injecting, and the collection is done again.",
                      "Daarna telt het laboratorium de stamcellen. De verpleegkundige zegt wanneer u de uitslag hoort. Zijn er genoeg? Dan stopt u met de injecties. Zijn het er te weinig? Dan gaat u door met de injecties en wordt het verzamelen herhaald.")]
        case .apheresis:
            return [t("Collection day \(context.number): an extra day, because the day before gave too few cells. It goes the same way as the first time. Keep taking the injections until the team tells you to stop.",
                      "Verzameldag \(context.number): een extra dag, omdat de dag ervoor te weinig cellen gaf. Het gaat net als de eerste keer. Ga door met de injecties tot het team zegt dat u mag stoppen.")]
        case .heldApheresis:
            return [t("Reserve day \(context.number - 1): kept free in case the first collection gives too few cells. Then the collection goes on on this day. The team lets you know.",
                      "Reservedag \(context.number - 1): vrijgehouden voor het geval de eerste keer te weinig cellen geeft. Dan gaat het verzamelen op deze dag verder. Het team laat het u weten.")]
        case .controlVisit:
            return [t("A check-up at the outpatient clinic, about two weeks after the collection. You talk about how it went and whether enough stem cells were stored. You also hear more about the admission that comes next.",
                      "Een controle op de polikliniek, ongeveer twee weken na het verzamelen. U bespreekt hoe het ging en of er genoeg stamcellen zijn opgeslagen. Ook hoort u meer over de opname die hierna komt."),
                    t("After the collection the team told you whether to stop the injections or to carry on. Not sure whether you should still inject? Call the hospital before the next one.",
                      "Na het verzamelen heeft het team gezegd of u met de injecties stopt of doorgaat. Twijfelt u of u nog moet spuiten? Bel dan eerst het ziekenhuis.")]
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
            var isolation = t("After your cells are given back, your defences are very low for a few weeks. You then get extra protection against infections, usually in a room of your own. Your blood is tested every Monday, Wednesday and Friday.",
                              "Na het teruggeven van uw cellen is uw afweer een paar weken erg laag. U krijgt dan extra bescherming tegen infecties, meestal in een eigen kamer. Elke maandag, woensdag en vrijdag onderzoekt het lab uw bloed.")
            if let recovery = context.marrowRecovery, context.admissionFixed, !context.dischargeRecorded {
                isolation += t(" Your blood values are expected to rise between \(date(recovery.lowerBound)) and \(date(recovery.upperBound)).",
                               " Uw bloedwaarden gaan naar verwachting stijgen tussen \(date(recovery.lowerBound)) en \(date(recovery.upperBound)).")
            }
            return [t("You are admitted to the haematology ward. For the first 4 to 5 days you get chemotherapy (cyclophosphamide) and an antibody course (ATG) through a drip. They break down your immune system, including the cells that cause the inflammation in MS. You also get medicines to ease the side effects.",
                      "U wordt opgenomen op de afdeling Hematologie. De eerste 4 tot 5 dagen krijgt u via een infuus chemotherapie (cyclofosfamide) en een kuur met antistoffen (ATG). Die breken uw afweersysteem af, ook de cellen die bij MS de ontstekingen geven. U krijgt er medicijnen bij tegen bijwerkingen."),
                    t("Then you get your own stem cells back. A new immune system grows from them.",
                      "Daarna komen uw eigen stamcellen terug in uw bloed. Daaruit groeit een nieuw afweersysteem."),
                    stay, isolation,
                    t("Most people lose the hair on their head. You can get a wig or a head covering. The hair usually grows back within 3 to 6 months. Fever, infections, feeling sick and severe tiredness are common too. The treatment can also lower your fertility.",
                      "De meeste mensen verliezen hun hoofdhaar. U kunt een pruik of hoofdbedekking krijgen. Het haar groeit meestal in 3 tot 6 maanden weer aan. Ook koorts, infecties, misselijkheid en erge moeheid komen vaak voor. De behandeling kan ook uw vruchtbaarheid verminderen."),
                    t("Drink a lot of water. This protects your bladder: otherwise the chemotherapy can cause blood in your urine.",
                      "Drink veel water. Zo beschermt u uw blaas: de chemotherapie kan anders bloed in de urine geven."),
                    tellTheNurse]
        case .reinfusion:
            var line = context.twoDayReinfusion
                ? t("Your own stem cells go back into your blood through a drip. There are many bags, so they are shared over two days: this day and the next. Each time takes about thirty minutes, much like a blood transfusion.",
                    "Uw eigen stamcellen gaan via een infuus terug in uw bloed. Er zijn veel zakjes, dus ze worden verdeeld over twee dagen: deze dag en de volgende. Elke keer kost zo’n dertig minuten, net als een bloedtransfusie.")
                : t("On this day your own stem cells go back into your blood through a drip. It takes about thirty minutes, much like a blood transfusion.",
                    "Op deze dag gaan uw eigen stamcellen via een infuus terug in uw bloed. Dat kost zo’n dertig minuten, net als een bloedtransfusie.")
            line += t(" The cells have been kept frozen, so they feel cold going in and you may shiver.",
                      " De cellen zijn ingevroren geweest en komen koud binnen. U kunt het dus koud krijgen of rillen.")
            return [line, t("The bags hold a substance (DMSO) that protects the cells when they are frozen. Because of it you may taste something odd; a peppermint or another strong sweet helps. For about a day your breath smells different. People around you notice it more than you do.",
                            "In de zakjes zit een middel (DMSO) dat de cellen beschermt bij het invriezen. Daardoor proeft u misschien iets vreemds. Een pepermunt of ander sterk snoepje helpt dan. Uw adem ruikt ongeveer een dag anders. Mensen om u heen merken dat meer dan uzelf.")]
        case .isolation:
            return [t("Your defences are very low now, so you stay in a room of your own. Your blood is tested on Monday, Wednesday and Friday.",
                      "Uw afweer is nu erg laag. Daarom ligt u in een eigen kamer. Elke maandag, woensdag en vrijdag onderzoekt het lab uw bloed."),
                    tellTheNurse]
        case .bloodCounts:
            return [t("A nurse takes blood to see how your blood values recover.",
                      "Een verpleegkundige neemt bloed af om te zien hoe uw bloedwaarden herstellen.")]
        case .discharge:
            let first = t("You may go home when your blood values have recovered enough, above all your white blood cells. You must also eat and drink enough again, take your medicines yourself and no longer need a drip.",
                          "U mag naar huis als uw bloedwaarden genoeg hersteld zijn, vooral uw witte bloedcellen. U moet ook weer genoeg eten en drinken, zelf uw medicijnen innemen en geen infuus meer nodig hebben.")
                        return [first, t("Your platelets take longer to recover. You may still need a transfusion of platelets or red blood cells.",
                             "Uw bloedplaatjes herstellen langzamer. Misschien krijgt u nog een transfusie met bloedplaatjes of rode bloedcellen.")]
        case .recovery:
            return [t("At home you carry on recovering. Allow 3 to 6 months before you feel completely well again. For the first few weeks you have frequent check-ups at the outpatient clinic.",
                      "Thuis herstelt u verder. Reken op 3 tot 6 maanden voordat u zich weer helemaal goed voelt. De eerste weken komt u vaak naar de polikliniek voor controle."),
                    t("Your defences are not fully back yet. You catch a cold, sinusitis or bronchitis more easily. Sometimes you then need antibiotics.",
                      "Uw afweer is nog niet helemaal terug. U krijgt sneller een verkoudheid, een ontsteking van de bijholtes of bronchitis. Soms zijn dan antibiotica nodig."),
                    t("While your platelets are low, you bruise more easily and may get nosebleeds or bleeding gums. Avoid sports in which you could get hurt in that time.",
                      "Zolang uw bloedplaatjes laag zijn, krijgt u sneller blauwe plekken, een bloedneus of bloedend tandvlees. Doe in die tijd geen sport waarbij u zich kunt bezeren."),
                    t("You can eat normally again, unless your doctor says otherwise. Does food taste different, or do you feel sick? Try many different foods, and eat small amounts often. Drink 1.5 to 2 litres a day, and no more than two alcoholic drinks.",
                      "U kunt weer gewoon eten, tenzij uw arts iets anders zegt. Smaakt eten anders of bent u misselijk? Probeer dan veel verschillende dingen, en eet vaak kleine beetjes. Drink 1,5 tot 2 liter per dag, en niet meer dan twee glazen alcohol."),
                    t("Do you get a temperature above 38 °C, or are you ill for longer than usual? With low defences an infection can become serious quickly. ",
                      "Krijgt u koorts boven 38 °C, of bent u langer ziek dan normaal? Met een lage afweer kan een infectie snel ernstig worden. ")
                        + callNow(context),
                    t("The flu jab is fine. Live vaccines are not: while your immune system has not recovered, they can cause the infection they should prevent. When in doubt, ask your doctor.",
                      "De griepprik mag gewoon. Levende vaccins mag u niet krijgen: zolang uw afweer niet hersteld is, kunnen die zelf een infectie geven. Twijfelt u, vraag het dan aan uw arts."),
                    t("Do not become pregnant or father a child in the treatment period. Tell your partner this too.",
                      "Word in de behandelperiode niet zwanger en verwek geen kind. Vertel dit ook aan uw partner.")]
        case .homeCheck:
            return [context.number == 1
                ? t("Check-up \(context.number) of \(context.count) after going home: your blood counts, how you are doing, and your medicines.",
                    "Controle \(context.number) van \(context.count) na thuiskomst: uw bloedwaarden, hoe het met u gaat en uw medicijnen.")
                : t("Check-up \(context.number) of \(context.count) after going home: again your blood counts, how you are and your medicines.",
                    "Controle \(context.number) van \(context.count) na thuiskomst: weer uw bloedwaarden, hoe het gaat en uw medicijnen.")]
        case .treatmentPeriod:
            guard let (first, last) = context.possiblePeriod else { return [] }
            return [t("The national committee decides first whether the treatment goes ahead for you. If it says yes, the treatment is expected to fall between \(date(first)) and \(date(last)). You hear the exact appointments after the answer.",
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
        var text = t("Going home is now expected on \(date(window.expected)).", "Naar huis gaan is nu verwacht op \(date(window.expected)).")
        if window.earliest < window.latest {
            text += t(" It may be any day from \(date(window.earliest)) to \(date(window.latest)).",
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
            var text = t("The treatment can make you less fertile or infertile. So you can have eggs or sperm frozen beforehand. A fertility specialist arranges this with you. It takes time, and it must be finished before the first drip. So ask about it early.",
                         "De behandeling kan u minder vruchtbaar of onvruchtbaar maken. Daarom kunt u vooraf eicellen of zaadcellen laten invriezen. Dat regelt u met een arts voor vruchtbaarheid. Het kost tijd, en het moet klaar zijn vóór het eerste infuus. Vraag er dus vroeg naar.")
            if wanted {
                text += t(" You told us you want this.", " U heeft gezegd dat u dit wilt.")
                if let deadline {
                    text += t(" It has to be finished by \(date(deadline)).", " Het moet klaar zijn op uiterlijk \(date(deadline)).")
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
        lines.append(t("Are you pregnant, or are you breastfeeding? Then you cannot have this treatment. Tell your doctor if this applies to you, or soon might.",
                       "Bent u zwanger, of geeft u borstvoeding? Dan kunt u deze behandeling niet krijgen. Vertel het uw arts als dit voor u geldt of binnenkort kan gelden."))
        return lines
    }

    /// What to bring to a visit: said once, in the first visit still to come (and at the top of the page).
    var bring: String {
        t("Bring to every visit: your passport, identity card or driving licence, your insurance card and your current list of medicines. If you have a cold, a cough or flu symptoms, wear a medical face mask in the hospital.",
          "Neem bij elk bezoek mee: uw paspoort, ID-kaart of rijbewijs, uw zorgpas en uw actuele medicijnlijst. Bent u verkouden, hoest u of voelt u zich grieperig? Zet dan in het ziekenhuis een medisch mondkapje op.")
    }
}
