import Pathway

extension PatientPage {
    /// The page's own headings and labels, in Dutch and English (B1: short, plain). What a step says comes from
    /// `CalendarTexts` through `PatientEntries`, as in the calendar; these words only place and name it.
    struct PageWords {
        let language: PatientRecord.Language
        private var dutch: Bool { language == .nl }
        private func t(_ english: String, _ dutchText: String) -> String { dutch ? dutchText : english }

        var asOf: String { t("As of", "Stand van") }

        // What comes next
        var nextAppointment: String { t("Your next appointment", "Uw volgende afspraak") }
        var whatComesNext: String { t("What comes next", "Wat hierna komt") }
        var when: String { t("When", "Wanneer") }
        var where_: String { t("Where", "Waar") }
        var nextBooked: String { t("Booked after that", "Daarna vast afgesproken") }
        var nothingAhead: String {
            t("There are no more appointments in your plan for now.", "Er staan nu geen afspraken meer in uw plan.")
        }
        var declined: String {
            t("The national committee has decided that this treatment does not go ahead for you. Talk with your neurologist about what this means for you.",
              "De landelijke commissie heeft besloten dat deze behandeling voor u niet doorgaat. Bespreek met uw neuroloog wat dit voor u betekent.")
        }
        /// `vanaf maandag 4 januari 2027` (a booked appointment after what comes next: its first day).
        func from(_ day: String) -> String { t("from \(day)", "vanaf \(day)") }
        /// `maandag 4 januari 2027 tot en met zaterdag 30 januari 2027`.
        func span(_ first: String, _ last: String) -> String { t("\(first) to \(last)", "\(first) tot en met \(last)") }

        /// Where an entry stands, after its date at the top.
        func standing(_ state: State) -> String {
            switch state {
            case .done: t("done", "gedaan")
            case .inProgress: t("under way", "nu bezig")
            case .booked: t("booked", "afgesproken")
            case .expected: t("expected, not booked yet", "verwacht, nog niet afgesproken")
            case .possible: t("possible", "mogelijk")
            }
        }

        /// Where an entry stands, before its date in the steps.
        func word(_ state: State) -> String {
            switch state {
            case .done: t("Done", "Gedaan")
            case .inProgress: t("Under way", "Nu bezig")
            case .booked: t("Booked", "Afgesproken")
            case .expected: t("Expected", "Verwacht")
            case .possible: t("Possible", "Mogelijk")
            }
        }

        // The steps
        var steps: String { t("Your treatment, step by step", "Uw behandeling, stap voor stap") }
        /// The fold over the steps behind the patient: `Al gedaan: 7 stappen`.
        func alreadyDone(_ count: Int) -> String {
            t("Already done: \(count) \(count == 1 ? "step" : "steps")", "Al gedaan: \(count) \(count == 1 ? "stap" : "stappen")")
        }
        /// The fold over the repeats of a step: `Nog 3 keer: maandag 15 februari 2027, … en maandag 1 maart 2027`;
        /// past four days, without the weekdays (a sentence stays under 20 words).
        func moreTimes(_ count: Int, days: [String]) -> String {
            let shown = days.count > 4 ? days.map { String($0.split(separator: " ", maxSplits: 1).last ?? $0[...]) } : days
            let list = shown.count < 2 ? shown.joined()
                : shown.dropLast().joined(separator: ", ") + t(" and ", " en ") + (shown.last ?? "")
            return t("\(count) more \(count == 1 ? "time" : "times"): \(list)", "Nog \(count) keer: \(list)")
        }

        // In your own calendar
        var ownCalendar: String { t("In your own calendar", "In uw eigen agenda") }
        var download: String { t("Download your calendar (.ics)", "Download uw agenda (.ics)") }
        var downloadPurpose: String {
            t("With this file you put all these appointments in the calendar on your phone or computer.",
              "Met dit bestand zet u al deze afspraken in de agenda van uw telefoon of computer.")
        }
        var howToImport: String { t("How to add the file to your calendar", "Zo zet u het bestand in uw agenda") }
        var importSteps: [String] {
            dutch ? ["Google Agenda: Instellingen → Importeren en exporteren → bestand kiezen.",
                     "Apple Agenda: het bestand openen en ‘Voeg toe’ kiezen.",
                     "Outlook: Agenda toevoegen → Uploaden uit bestand."]
                  : ["Google Calendar: Settings → Import & export → choose the file.",
                     "Apple Calendar: open the file and choose ‘Add’.",
                     "Outlook: Add calendar → Upload from file."]
        }
        var importAgain: String {
            t("When you get a newer file later, import it again: appointments are updated, not doubled.",
              "Krijgt u later een nieuw bestand, importeer het dan opnieuw: afspraken worden bijgewerkt, niet verdubbeld.")
        }
    }
}
