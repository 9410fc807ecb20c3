import Pathway

extension Words {
    /// A site warning as the coordinator reads it (`ahsct plan` and `ahsct protocol check` print it on standard
    /// error, with its code).
    ///
    /// `Words(.en).siteWarning(.noRoundTheClockNumber(officeHours: true, outOfHours: true))` is "the cohort names no
    /// number that answers around the clock, so patients are given two: the office-hours line (urgent) and the
    /// out-of-hours line (out-of-hours). Add the haematology ward's line under the site's contacts
    /// (haematology-ward: …) to give them one number for day and night".
    public func siteWarning(_ warning: SiteWarning) -> String {
        let dutch = language == .nl
        switch warning {
        case let .noRoundTheClockNumber(officeHours, outOfHours):
            let given: String
            switch (officeHours, outOfHours) {
            case (true, true):
                given = dutch
                    ? "dus krijgen patiënten er twee: het nummer voor kantooruren (urgent) en het nummer buiten kantooruren (out-of-hours)"
                    : "so patients are given two: the office-hours line (urgent) and the out-of-hours line (out-of-hours)"
            case (true, false):
                given = dutch
                    ? "en ook geen nummer buiten kantooruren (out-of-hours): patiënten krijgen alleen het nummer voor kantooruren (urgent), en 's avonds, 's nachts en in het weekend geen enkel nummer"
                    : "nor an out-of-hours line (out-of-hours): patients are given only the office-hours line (urgent), and no number for evenings, nights and weekends"
            case (false, true):
                given = dutch
                    ? "en ook geen nummer voor kantooruren (urgent): patiënten krijgen alleen het nummer buiten kantooruren (out-of-hours)"
                    : "nor an office-hours line (urgent): patients are given only the out-of-hours line (out-of-hours)"
            case (false, false):
                given = dutch
                    ? "en ook geen nummer voor of buiten kantooruren (urgent, out-of-hours): patiënten krijgen geen nummer om te bellen"
                    : "nor an office-hours or out-of-hours line (urgent, out-of-hours): patients are given no number to call"
            }
            return dutch
                ? "het cohort noemt geen nummer dat dag en nacht bereikbaar is, \(given). Zet het nummer van de afdeling hematologie bij de contacts van de site (haematology-ward: …), dan krijgen patiënten één nummer voor dag en nacht"
                : "the cohort names no number that answers around the clock, \(given). Add the haematology ward's line under the site's contacts (haematology-ward: …) to give them one number for day and night"
        }
    }
}
