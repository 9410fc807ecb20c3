import Pathway

extension Site {
    /// What the coordinator should put right about this site before patients read their calendars: today, a site
    /// without the haematology ward's line (`contacts: {haematology-ward: …}`), the one number that answers day and
    /// night. Empty when there is nothing to say.
    public var warnings: [SiteWarning] {
        guard contacts.ward == nil else { return [] }
        return [.noRoundTheClockNumber(officeHours: contacts.urgent != nil, outOfHours: contacts.outOfHours != nil)]
    }
}
