extension PatientPage {
    /// The calendar in the patient's own app: the file to download (with what it is for and, folded, how to add it
    /// per app), or the feed to subscribe to.
    func ownCalendar(calendarFile: String, subscription: Subscription?, words: PageWords) -> String {
        var out = "<section id=\"own-calendar\" aria-labelledby=\"calendar-heading\">\n"
        out += "<h2 id=\"calendar-heading\">\(words.ownCalendar)</h2>\n"
        if let subscription { return out + subscribe(subscription, words: words) + "</section>\n" }
        out += "<p><a class=\"download\" href=\"\(escaped(calendarFile))\" type=\"text/calendar\">\(words.download)</a></p>\n"
        out += "<p>\(words.downloadPurpose) \(words.importAgain)</p>\n"
        out += "<details><summary>\(words.howToImport)</summary>\n<ul>\n"
        for line in words.importSteps { out += "<li>\(escaped(line))</li>\n" }
        return out + "</ul>\n</details>\n</section>\n"
    }

    /// How to subscribe, per client, in the patient's language: the link opens the calendar app; the address is
    /// there to copy; and a word on keeping it to yourself (whoever has it sees the appointments).
    private func subscribe(_ feed: Subscription, words: PageWords) -> String {
        let dutch = words.language == .nl
        let web = escaped(feed.web)
        var out = "<p><a class=\"subscribe\" href=\"\(escaped(feed.webcal))\">\(dutch ? "Abonneren op uw afspraken" : "Subscribe to your appointments")</a></p>\n"
        out += "<p>\(dutch ? "Het adres van uw agenda" : "Your calendar's address"):<br/><code>\(web)</code></p>\n"
        out += "<details><summary>\(dutch ? "Zo abonneert u zich in uw agenda" : "How to subscribe in your calendar")</summary>\n<ul>\n"
        if dutch {
            out += "<li>Google Agenda (op de computer): bij ‘Andere agenda's’ op + klikken, ‘Via URL’ kiezen en het adres plakken. Google haalt wijzigingen ongeveer één keer per dag op.</li>\n"
            out += "<li>iPhone of iPad: Instellingen → Agenda → Accounts → Account toevoegen → Andere → Voeg agenda-abonnement toe, en het adres plakken. Op een Mac: Archief → Nieuw agenda-abonnement.</li>\n"
            out += "<li>Outlook: Agenda toevoegen → Abonneren vanaf internet, en het adres plakken. Outlook kijkt ongeveer om de drie uur.</li>\n"
            out += "<li>Thunderbird: Nieuwe agenda → Op het netwerk, en het adres plakken.</li>\n</ul>\n</details>\n"
            out += "<p>Verandert er iets in uw planning, dan past uw agenda zich vanzelf aan; u hoeft niets opnieuw te importeren. Houd het adres voor uzelf: iedereen die het heeft, ziet uw afspraken. Bent u het kwijt of is het bij een ander terechtgekomen, vraag dan een nieuw adres aan; het oude werkt dan niet meer.</p>\n"
        } else {
            out += "<li>Google Calendar (on a computer): click + next to ‘Other calendars’, choose ‘From URL’ and paste the address. Google picks up changes about once a day.</li>\n"
            out += "<li>iPhone or iPad: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar, and paste the address. On a Mac: File → New Calendar Subscription.</li>\n"
            out += "<li>Outlook: Add calendar → Subscribe from web, and paste the address. Outlook checks about every three hours.</li>\n"
            out += "<li>Thunderbird: New Calendar → On the Network, and paste the address.</li>\n</ul>\n</details>\n"
            out += "<p>When your plan changes, your calendar follows by itself; there is nothing to import again. Keep the address to yourself: anyone who has it sees your appointments. If you lose it or someone else gets it, ask for a new one; the old one then stops working.</p>\n"
        }
        return out
    }
}
