import Calendrical
import ICalendar
import Interchange
import Pathway
import Reports
import Testing
import TestSupport

// What a patient reads in their calendar and on their page (docs/patient-texts.md), item by item of issue 22, with
// every date worked out by hand from docs/clinical-rules.md. All as of Sun 22 Nov 2026 (PatientFixture.today).

private let site = PatientFixture.siteText
private func read(_ text: String) throws -> Cohort { try PatientFixture.read(text) }
private func calendar(_ cohort: Cohort, _ index: Int = 0) throws -> CalendarDocument {
    try PatientFixture.patientCalendar(cohort, index)
}
private func event(_ document: CalendarDocument, _ summary: String) -> Event? { document.events.first { $0.summary == summary } }
private func text(_ document: CalendarDocument, _ summary: String) -> String { event(document, summary)?.description ?? "" }
private func page(_ cohort: Cohort, _ index: Int = 0) throws -> String {
    let plan = try cohort.planner().plan(cohort.patients[index], now: PatientFixture.today)
    return PatientPage(site: cohort.site, now: PatientFixture.today)
        .html(plan, record: cohort.patients[index], calendarFile: "P-1.ics")
}
/// The site with the given contacts instead of the fixture's.
private func siteWith(contacts: String) -> String {
    site.replacingOccurrences(of: "contacts: {urgent: \"020 444 07 75\"}", with: "contacts: \(contacts)")
}

/// Admitted (recorded) on Mon 4 Jan 2027 after S Fri 30 Oct, answer Fri 20 Nov, day 1 Fri 4 Dec and one session Wed
/// 9 Dec 2026. D0 = A+5 = Sat 9 Jan; discharge earliest D0+14 = Sat 23 Jan, expected D0+21 = Sat 30 Jan, latest
/// D0+28 = Sat 6 Feb; the control visit open≥(H+14) = Wed 23 Dec 2026 (not recorded, still ahead).
private let admitted = "  - {id: P-1, second-opinion: 2026-10-30, committee-answer: 2026-11-20, mobilisation: 2026-12-04, apheresis: [2026-12-09], conditioning: 2027-01-04}\n"
private func admitted(language: String) -> String {
    admitted.replacingOccurrences(of: "{id: P-1,", with: "{id: P-1, language: \(language),")
}

@Suite struct PatientTextsTests {
    // MARK: 1. A number that answers around the clock

    /// Without a ward line, every "call at once" gives the office-hours and the out-of-hours line; the thresholds
    /// are 38.5 °C during mobilisation (the injections raise the temperature a little) and 38 °C at home. In the
    /// ward the patient tells the nurse.
    @Test func callsGiveANumberForEveryHour() throws {
        let document = try calendar(try read(siteWith(contacts: "{urgent: \"020 444 07 75\", out-of-hours: \"020 444 44 44\"}")
                                             + "patients:\n" + admitted))
        let both = "Op werkdagen tijdens kantooruren: 020 444 07 75. ’s Avonds, ’s nachts en in het weekend: 020 444 44 44."
        let injections = text(document, "Injectie"), home = text(document, "Herstel thuis")
        #expect(injections.contains("Is uw temperatuur hoger dan 38,5 °C") && injections.contains("Een beetje verhoging is normaal"))
        // During mobilisation the leaflet sends them to the haematology ward: asked for by name.
        #expect(injections.contains("Bel dan meteen het ziekenhuis en vraag naar de afdeling Hematologie. " + both))
        #expect(home.contains("Krijgt u koorts boven 38 °C") && home.contains("Met een lage afweer kan een infectie snel ernstig worden."))
        #expect(home.contains("Bel dan meteen het ziekenhuis. " + both))
        let stay = text(document, "In het ziekenhuis")
        #expect(stay.contains("Zeg het dan meteen tegen uw verpleegkundige.") && !stay.contains("Bel dan"))
    }

    /// With the ward's line (`haematology-ward`, or the older `haematology`), that one number, day and night.
    @Test func theWardLineAnswersDayAndNight() throws {
        for key in ["haematology-ward", "haematology"] {
            let cohort = try read(siteWith(contacts: "{urgent: \"020 444 07 75\", \(key): \"020 444 22 22\"}") + "patients:\n" + admitted)
            #expect(cohort.site.contacts.ward == "020 444 22 22" && cohort.site.contacts.answersAroundTheClock)
            let document = try calendar(cohort)
            let line = "Bel dan meteen de afdeling Hematologie van Amsterdam UMC, locatie VUmc. Die is dag en nacht bereikbaar: 020 444 22 22."
            #expect(text(document, "Injectie").contains(line) && text(document, "Herstel thuis").contains(line))
            #expect(text(document, "Injectie").hasSuffix("Telefoonnummers:\nDag en nacht, afdeling Hematologie: 020 444 22 22\nDringend, op werkdagen tijdens kantooruren: 020 444 07 75"))
        }
        let english = try calendar(try read(siteWith(contacts: "{haematology-ward: \"020 444 22 22\"}") + "patients:\n" + admitted(language: "en")))
        #expect(text(english, "Daily injection").contains("Ring the haematology ward of Amsterdam UMC, locatie VUmc straight away. It answers day and night: 020 444 22 22."))
        #expect(text(english, "In hospital").contains("tell your nurse straight away."))
    }

    // MARK: 2. Fertility and pregnancy early

    /// S Mon 9 Nov, answer Mon 30 Nov 2026 (recorded): day 1 is the first fit from answer+14 = Mon 14 Dec → Thu 17 Dec
    /// (Mon 14 has days 5–7 Fri 18 … Sun 20, Tue 15 and Wed 16 reach the weekend too; Thu 17 has Mon 21 … Wed 23).
    /// Wanted and not done: the last working day before it, Wed 16 Dec, is the last day to have it finished.
    @Test func fertilityWantedHasALastDay() throws {
        let cohort = try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-09, committee-answer: 2026-11-30, fertility-preservation: {wanted: true}}\n")
        let document = try calendar(cohort)
        // The title stays vague on a lock screen; the page, which is no lock screen, says what the day is for.
        let deadline = try #require(event(document, "Uiterlijk vandaag: zie de uitleg"))
        #expect(try page(cohort).contains("<h3>Laatste dag voor het invriezen van eicellen of zaadcellen</h3>"))
        #expect(deadline.start == .allDay(day(2026, 12, 16)) && deadline.end == .allDay(day(2026, 12, 17)))
        #expect(deadline.status == .tentative && deadline.transparency == .transparent && deadline.alarms.isEmpty)
        #expect(deadline.description?.contains("Het eerste infuus is nu verwacht op donderdag 17 december 2026.") == true)
        let summaries = document.events.map(\.summary)
        #expect(summaries.firstIndex(of: deadline.summary) == summaries.firstIndex(of: "Dagbehandeling: infuus").map { $0 - 1 })
        let evaluation = text(document, "Polikliniek: onderzoeken vooraf")
        #expect(evaluation.contains("Dat regelt u met een arts voor vruchtbaarheid. Het kost tijd, en het moet klaar zijn vóór het eerste infuus."))
        #expect(evaluation.contains("U heeft gezegd dat u dit wilt. Het moet klaar zijn op uiterlijk woensdag 16 december 2026. Wacht niet op een bezoek: vraag nu al een afspraak aan bij de arts voor vruchtbaarheid."))
        #expect(evaluation.contains("Bent u zwanger, of geeft u borstvoeding? Dan kunt u deze behandeling niet krijgen."))
    }

    /// Not asked yet: what it is and how, without a last day; `wanted: false`: nothing about it, but pregnancy and
    /// breastfeeding still; waiting for the answer: both in the possible treatment period; day 1 begun: neither.
    @Test func fertilityAndPregnancyReachEveryoneBeforeDayOne() throws {
        let notAsked = try calendar(try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-09, committee-answer: 2026-11-30}\n"))
        let evaluation = text(notAsked, "Polikliniek: onderzoeken vooraf")
        #expect(evaluation.contains("arts voor vruchtbaarheid") && !evaluation.contains("U heeft gezegd"))
        #expect(evaluation.contains("borstvoeding") && event(notAsked, "Uiterlijk vandaag: zie de uitleg") == nil)

        let no = try calendar(try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-09, committee-answer: 2026-11-30, fertility-preservation: {wanted: false}}\n"))
        #expect(!text(no, "Polikliniek: onderzoeken vooraf").contains("arts voor vruchtbaarheid"))
        #expect(text(no, "Polikliniek: onderzoeken vooraf").contains("borstvoeding"))

        let waiting = try calendar(try read(site + "patients:\n  - {id: P-1, language: en, second-opinion: 2026-11-16}\n"))
        // Waiting for the answer: said at the answer visit, the moment to ask.
        let answer = text(waiting, "Clinic appointment: the decision")
        #expect(answer.contains("a fertility specialist will arrange this with you.") && answer.contains("You cannot have this treatment if you are pregnant or breastfeeding."))
        #expect(waiting.events.filter { $0.description?.contains("breastfeeding") == true }.count == 1)

        let begun = try calendar(try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-09-01, committee-answer: 2026-09-22, mobilisation: 2026-11-19}\n"))
        #expect(!begun.events.contains { $0.description?.contains("borstvoeding") == true || $0.description?.contains("arts voor vruchtbaarheid") == true })
        // From day 1 on: no pregnancy, and contraception, said on day 1.
        #expect(text(begun, "Dagbehandeling: infuus").contains("U mag niet zwanger zijn als dit infuus begint.") && text(begun, "Dagbehandeling: infuus").contains("Gebruik goede anticonceptie tot uw arts zegt dat u mag stoppen."))
    }

    // MARK: 3. Booked only

    /// A time recorded for the appointment is its clock time (reminder at 18:00 the evening before: 09:30 + 6 h =
    /// 15 h 30 min ahead); a start alone has no end; without one the booked visit is all-day and says the time comes
    /// with the letter; the site's own hours count; there are no built-in hours.
    @Test func aClockTimeOnlyWhereTheDataGivesOne() throws {
        let timed = try calendar(try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-09, committee-answer: 2026-11-30, evaluation: {date: 2026-12-08, time: \"09:30-10:15\", confirmed: true}}\n"))
        let visit = try #require(event(timed, "Polikliniek: onderzoeken vooraf"))
        #expect(visit.start == .zoned(LocalDateTime(clamping: day(2026, 12, 8), hour: 9, minute: 30), timeZone: "Europe/Amsterdam"))
        #expect(visit.end == .zoned(LocalDateTime(clamping: day(2026, 12, 8), hour: 10, minute: 15), timeZone: "Europe/Amsterdam"))
        #expect(visit.alarms.map(\.trigger) == [.beforeStart(seconds: 15 * 3600 + 30 * 60)])
        #expect(visit.status == .confirmed && visit.transparency == .opaque)
        #expect(visit.description?.hasPrefix("Datum en tijd: dinsdag 8 december 2026, 09:30–10:15 (Nederlandse tijd).") == true)

        let startOnly = try calendar(try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-09, committee-answer: 2026-11-30, evaluation: {date: 2026-12-08, time: \"09:30\"}}\n"))
        #expect(event(startOnly, "Polikliniek: onderzoeken vooraf")?.end == nil)

        let untimed = try calendar(try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-11-09, committee-answer: 2026-11-30, evaluation: {date: 2026-12-08, confirmed: true}}\n"))
        let allDay = try #require(event(untimed, "Polikliniek: onderzoeken vooraf"))
        #expect(allDay.start == .allDay(day(2026, 12, 8)) && allDay.end == .allDay(day(2026, 12, 9)))
        #expect(allDay.alarms.map(\.trigger) == [.beforeStart(seconds: 6 * 3600)])
        #expect(allDay.description?.hasPrefix("Datum: dinsdag 8 december 2026. De tijd staat in uw afspraakbrief.") == true)
        // No built-in hours anywhere: every event of this calendar is all-day.
        #expect(untimed.events.allSatisfy { if case .allDay = $0.start { true } else { false } })

        let hours = site.replacingOccurrences(of: "contacts:", with: "times: {evaluation: \"10:00-11:00\"}, contacts:")
        let siteTimed = try calendar(try read(hours + "patients:\n  - {id: P-1, second-opinion: 2026-11-09, committee-answer: 2026-11-30, evaluation: {date: 2026-12-08, confirmed: true}}\n"))
        #expect(event(siteTimed, "Polikliniek: onderzoeken vooraf")?.start
                == .zoned(LocalDateTime(clamping: day(2026, 12, 8), hour: 10, minute: 0), timeZone: "Europe/Amsterdam"))
        let both = try calendar(try read(hours + "patients:\n  - {id: P-1, second-opinion: 2026-11-09, committee-answer: 2026-11-30, evaluation: {date: 2026-12-08, time: \"09:30-10:15\"}}\n"))
        #expect(event(both, "Polikliniek: onderzoeken vooraf")?.start
                == .zoned(LocalDateTime(clamping: day(2026, 12, 8), hour: 9, minute: 30), timeZone: "Europe/Amsterdam"))
    }

    /// A visit booked on Christmas Day (a public holiday): the patient reads that the hospital will confirm it.
    @Test func aBookedClosedDayIsToBeConfirmed() throws {
        let document = try calendar(try read(siteWith(contacts: "{appointments: \"020 444 11 60\"}") + "patients:\n  - {id: P-1, language: en, second-opinion: 2026-11-09, committee-answer: 2026-11-30, evaluation: {date: 2026-12-25, confirmed: true}}\n"))
        let visit = try #require(event(document, "Clinic appointment: pre-treatment tests"))
        #expect(visit.description?.hasPrefix("Date: Friday 25 December 2026. You will find the time in your appointment letter. The hospital is normally closed on this day. The hospital will confirm this date with you. Not sure? Ring 020 444 11 60 on a weekday.") == true)
        // Until it is confirmed, no reminder sends the patient to a closed hospital.
        #expect(visit.status == .confirmed && visit.alarms.isEmpty)
        #expect(!text(document, "Clinic appointment: the decision").contains("normally closed"))
    }

    // MARK: 4. The stay as it is felt

    /// One busy all-day span from the admission (Mon 4 Jan) to the expected discharge (Sat 30 Jan), reminding at
    /// 18:00 three evenings before (2 days + 6 h); day 0 and the discharge inside it remind no one; the isolation and
    /// its blood counts are said in the stay, not as events (the ward's calendar keeps the counts).
    @Test func theStayIsOneBusySpan() throws {
        let cohort = try read(site + "patients:\n" + admitted)
        let document = try calendar(cohort)
        let stay = try #require(event(document, "In het ziekenhuis"))
        #expect(stay.start == .allDay(day(2027, 1, 4)) && stay.end == .allDay(day(2027, 1, 31)))
        #expect(stay.transparency == .opaque && stay.status == .confirmed)
        #expect(stay.alarms.map(\.trigger) == [.beforeStart(seconds: 2 * 86_400 + 6 * 3600)])
        #expect(stay.alarms.map(\.message) == ["Over 3 dagen: In het ziekenhuis"])
        #expect(stay.description?.contains("Elke maandag, woensdag en vrijdag onderzoekt het lab uw bloed.") == true)
        let back = try #require(event(document, "Teruggeven van uw cellen"))
        #expect(back.start == .allDay(day(2027, 1, 9)) && back.alarms.isEmpty && back.transparency == .transparent)
        #expect(event(document, "Naar huis (verwacht)")?.alarms.isEmpty == true)
        #expect(event(document, "Bloedafname") == nil && event(document, "Verblijf in een eigen kamer") == nil)
        // Every reminder fires at 18:00 on the wall clock: all-day starts are midnight, so 6 h past whole days.
        for event in document.events { for alarm in event.alarms {
            guard case let .beforeStart(seconds) = alarm.trigger, case .allDay = event.start else { continue }
            #expect(seconds % 86_400 == 6 * 3600, "\(event.summary)")
        } }
        let plan = try cohort.planner().plan(cohort.patients[0], now: PatientFixture.today)
        let ward = PlanCalendars(site: cohort.site, now: PatientFixture.stamp).wardCalendar([plan])
        #expect(ward.events.contains { $0.summary == "P-1: Bloedafname" })
        // A recorded later discharge (Wed 10 Feb) stretches the stay to it.
        let longer = try calendar(try read(site + "patients:\n" + admitted.replacingOccurrences(of: "}\n", with: ", discharge: 2027-02-10}\n")))
        #expect(event(longer, "In het ziekenhuis")?.end == .allDay(day(2027, 2, 11)))
        #expect(text(longer, "In het ziekenhuis").contains("U ging naar huis op woensdag 10 februari 2027."))
    }

    // MARK: 5. Nothing stale, nothing premature

    /// S Mon 3 Aug, answer Mon 24 Aug, day 1 Tue 15 Sep, one session Mon 21 Sep, admitted Fri 20 Nov 2026 (all
    /// recorded); the control visit was never recorded. Its rule day, open≥(H+14) = Mon 5 Oct, has passed and a later
    /// step is recorded: it has evidently happened, and is not "expected" seven weeks ago.
    @Test func aStepBehindARecordedOneHappened() throws {
        let document = try calendar(try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-08-03, committee-answer: 2026-08-24, evaluation: 2026-08-31, mobilisation: 2026-09-15, apheresis: [2026-09-21], conditioning: 2026-11-20}\n"))
        let visit = try #require(event(document, "Polikliniek: controle"))
        #expect(visit.start == .allDay(day(2026, 10, 5)) && visit.alarms.isEmpty)
        #expect(visit.description?.hasPrefix("Rond maandag 5 oktober 2026. Dit is al geweest; de precieze datum weten wij niet.") == true)
        #expect(visit.description?.contains("Nu verwacht") == false)
    }

    /// S Mon 26 Oct, no answer on Sun 22 Nov: the answer (expected Mon 16 Nov by its rule) is now expected on Mon 23
    /// Nov; the possible treatment period starts no earlier than the first fit on or after 23 Nov + 14 = Mon 7 Dec:
    /// Mon 7 (days 5–7 Fri 11 … Sun 13), Tue 8 and Wed 9 reach the weekend; Thu 10 Dec (Mon 14 … Wed 16). Its rule
    /// earliest (Mon 9 Nov) is past and is not offered.
    @Test func aWaitingPatientIsNotPromisedTooEarly() throws {
        let document = try calendar(try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-10-26}\n"))
        #expect(event(document, "Mogelijke behandelperiode")?.start == .allDay(day(2026, 12, 10)))
        let answer = text(document, "Polikliniek: het antwoord")
        #expect(answer.hasPrefix("Deze datum staat nog niet vast. Nu verwacht: maandag 23 november 2026. U hoort de datum van het ziekenhuis."))
        #expect(!answer.contains("9 november"))
        // Expected within two weeks and not booked: whom to ask, when the site gives an appointments line.
        let asking = try calendar(try read(siteWith(contacts: "{appointments: \"020 444 11 60\"}") + "patients:\n  - {id: P-1, second-opinion: 2026-10-26}\n"))
        #expect(text(asking, "Polikliniek: het antwoord").contains("U hoort de datum van het ziekenhuis. Eerst was dit verwacht rond maandag 16 november 2026. Heeft u nog geen afspraak gekregen? Bel dan 020 444 11 60."))
    }

    /// Day 1 recorded (Fri 4 Dec 2026), nothing after it: the admission is not booked, so the days inside the stay
    /// are not given windows of their own; they move with the admission. Expected: the session on the open day
    /// nearest day 6 = Wed 9 Dec (H); A = open≥(H+21) = Wed 30 Dec; D0 = A+5 = Mon 4 Jan 2027.
    @Test func daysInsideAnUnbookedStayFollowTheAdmission() throws {
        let document = try calendar(try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-10-30, committee-answer: 2026-11-20, mobilisation: 2026-12-04}\n"))
        #expect(text(document, "Teruggeven van uw cellen").hasPrefix("Deze datum staat nog niet vast. Nu verwacht: maandag 4 januari 2027. Deze dag schuift mee met de dag van opname."))
        // The stay itself: A to the expected discharge D0+21 = Mon 25 Jan 2027, said to be expected, not booked.
        #expect(text(document, "In het ziekenhuis").hasPrefix("Van woensdag 30 december 2026 tot en met maandag 25 januari 2027. Deze data staan nog niet vast: het zijn de verwachte data."))
        #expect(event(document, "In het ziekenhuis")?.status == .tentative && event(document, "In het ziekenhuis")?.alarms.isEmpty == true)
        #expect(!text(document, "In het ziekenhuis").contains("Naar huis gaan is nu verwacht"))
        #expect(text(document, "In het ziekenhuis").contains("Meestal gaat u 2 tot 4 weken na het teruggeven van uw cellen naar huis."))
    }

    // MARK: 6. Each visit says what happens there

    @Test func eachVisitSaysWhatHappens() throws {
        let document = try calendar(try read(site + "patients:\n  - {id: P-1, second-opinion: 2026-10-30, committee-answer: 2026-11-20, mobilisation: 2026-12-04, conditioning: 2027-01-18}\n"))
        #expect(text(document, "Polikliniek: het antwoord").contains("wat de landelijke commissie heeft besloten"))
        #expect(text(document, "Polikliniek: onderzoeken vooraf").contains("lichamelijk onderzoek en er wordt bloed afgenomen"))
        let collection = text(document, "Afspraak: cellen verzamelen")
        // Day 1 Fri 4 Dec: days 5–7 are Tue 8 … Thu 10 Dec, all open; the first possible day is Tue 8 Dec.
        #expect(collection.contains("Zorg dat u kunt komen vanaf de eerste mogelijke dag, dinsdag 8 december 2026.")
                && collection.contains("Laat u brengen en ophalen") && collection.contains("Trek makkelijke kleren aan."))
        #expect(text(document, "Polikliniek: controle").contains("of er genoeg stamcellen zijn opgeslagen"))
        let stay = text(document, "In het ziekenhuis")
        for words in ["chemotherapie (cyclofosfamide)", "een kuur met antistoffen (ATG)", "Die breken uw afweersysteem af",
                      "hoofdhaar", "vruchtbaarheid", "Drink veel water. Zo beschermt u uw blaas"] {
            #expect(stay.contains(words), "\(words)")
        }
        #expect(text(document, "Naar huis (verwacht)").contains("vooral uw witte bloedcellen"))
        let home = text(document, "Herstel thuis")
        for words in ["bronchitis", "bloedend tandvlees", "eet vaak kleine beetjes", "Levende vaccins mag u niet krijgen: zolang uw afweer niet hersteld is"] {
            #expect(home.contains(words), "\(words)")
        }
        // The treatment is named in descriptions only, never in a title or a reminder (lock screens).
        let shown = document.events.flatMap { [$0.summary] + $0.alarms.map(\.message) }.joined(separator: " ").lowercased()
        for word in ["chemo", "stamcel", "transplant", "atg", "cyclofosfamide"] { #expect(!shown.contains(word), "\(word)") }
    }

    // MARK: 7. Where

    @Test func eachEventNamesItsDepartment() throws {
        let document = try calendar(try read(site + "patients:\n" + admitted))
        let site = "Amsterdam UMC, locatie VUmc"
        #expect(event(document, "Polikliniek: onderzoeken vooraf")?.location == "Polikliniek, \(site)")
        #expect(event(document, "Dagbehandeling: infuus")?.location == "Dagbehandeling, \(site)")
        #expect(event(document, "Afspraak: cellen verzamelen")?.location == "Afdeling Aferese, \(site)")
        #expect(event(document, "In het ziekenhuis")?.location == "Afdeling Hematologie, \(site)")
        #expect(event(document, "Injectie")?.location == nil && event(document, "Herstel thuis")?.location == nil)
        let named = PatientFixture.siteText.replacingOccurrences(of: "contacts:", with: "departments: {day-care: \"Dagbehandeling 3B\"}, contacts:")
        let own = try calendar(try read(named + "patients:\n" + admitted))
        #expect(event(own, "Dagbehandeling: infuus")?.location == "Dagbehandeling 3B, \(site)")
    }

    // MARK: 8. Said once

    /// No paragraph stands in two events of one calendar (only the phone numbers do, on purpose), nor twice on the
    /// page; what to bring is said in the first visit still to come.
    @Test func eachParagraphIsSaidOnce() throws {
        for language in ["nl", "en"] {
            let cohort = try read(siteWith(contacts: "{appointments: \"020 444 11 60\", urgent: \"020 444 07 75\", out-of-hours: \"020 444 44 44\"}")
                                  + "patients:\n" + admitted(language: language).replacingOccurrences(of: "}\n", with: ", bags: 12}\n"))
            let document = try calendar(cohort)
            var seen: [String: String] = [:]
            for event in document.events {
                for paragraph in (event.description ?? "").components(separatedBy: "\n\n")
                where !paragraph.hasPrefix("Telefoonnummers") && !paragraph.hasPrefix("Phone numbers") {
                    #expect(seen[paragraph] == nil, "\(event.summary) repeats \(seen[paragraph] ?? ""): \(paragraph.prefix(60))")
                    seen[paragraph] = event.summary
                }
            }
            let bring = language == "nl" ? "Neem bij elk bezoek mee" : "Please bring to every appointment"
            #expect(document.events.filter { $0.description?.contains(bring) == true }.map(\.summary)
                    == [language == "nl" ? "Polikliniek: onderzoeken vooraf" : "Clinic appointment: pre-treatment tests"])
            let html = try page(cohort)
            let paragraphs = html.components(separatedBy: "<p>").dropFirst().map { $0.components(separatedBy: "</p>")[0] }
            #expect(Set(paragraphs).count == paragraphs.count)
            #expect(html.components(separatedBy: bring).count == 2)
        }
    }
}
