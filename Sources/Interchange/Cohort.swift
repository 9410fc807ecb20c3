import Calendrical
import Capacity
import Pathway

/// A planning site: its calendar, resources and contacts, as the cohort file's `site:` gives them.
public struct Site: Sendable, Hashable {
    /// Phone numbers patients are given.
    public struct Contacts: Sendable, Hashable {
        /// For appointments.
        public var appointments: String?
        /// Urgent questions during office hours.
        public var urgent: String?
        /// Out of office hours.
        public var outOfHours: String?
        /// The treating hospital's Haematology ward (fever, sudden severe complaints during treatment).
        public var haematology: String?

        /// Contacts.
        public init(appointments: String? = nil, urgent: String? = nil, outOfHours: String? = nil,
                    haematology: String? = nil) {
            self.appointments = appointments
            self.urgent = urgent
            self.outOfHours = outOfHours
            self.haematology = haematology
        }
    }

    /// The site's name (`Amsterdam UMC, locatie VUmc`).
    public var name: String
    /// Its IANA time zone.
    public var timeZone: String
    /// Which public holidays close it.
    public var holidays: WorkingCalendar.Holidays
    /// Its closures, listed and imported.
    public var closures: [Closure]
    /// What it can take: resources, staff roles and the committee, with capacity changes and absences.
    public var capacity: CapacitySchedule
    /// Phone numbers.
    public var contacts: Contacts
    /// Times of the timed calendar events, by event kind (`apheresis` → 08:00–14:00), overriding the defaults of
    /// ``PlanCalendars/defaultTimes``.
    public var times: [String: VisitTime]

    /// A start and end on the wall clock of the site's zone.
    public struct VisitTime: Sendable, Hashable {
        /// Start hour and minute.
        public var from: (hour: Int, minute: Int) { (fromMinutes / 60, fromMinutes % 60) }
        /// End hour and minute.
        public var to: (hour: Int, minute: Int) { (toMinutes / 60, toMinutes % 60) }
        /// Minutes after midnight.
        public var fromMinutes: Int
        /// Minutes after midnight, after ``fromMinutes``.
        public var toMinutes: Int

        /// A visit time.
        public init(fromMinutes: Int, toMinutes: Int) {
            self.fromMinutes = fromMinutes
            self.toMinutes = toMinutes
        }
    }

    /// A site.
    public init(name: String, timeZone: String = "Europe/Amsterdam", holidays: WorkingCalendar.Holidays = .netherlands,
                closures: [Closure] = [], capacity: CapacitySchedule = CapacitySchedule(),
                contacts: Contacts = Contacts(), times: [String: VisitTime] = [:]) {
        self.name = name
        self.timeZone = timeZone
        self.holidays = holidays
        self.closures = closures
        self.capacity = capacity
        self.contacts = contacts
        self.times = times
    }

    /// The working calendar of the site.
    public var calendar: WorkingCalendar {
        WorkingCalendar(timeZone: timeZone, holidays: holidays, closures: closures)
    }
}

/// A cohort file, read: the site, the protocol it follows and its patients.
public struct Cohort: Sendable {
    /// The file it was read from.
    public var file: String
    /// The site.
    public var site: Site
    /// The protocol.
    public var treatmentProtocol: TreatmentProtocol
    /// The patients, in file order.
    public var patients: [PatientRecord]
    /// The other files it names and that were read (a protocol file, closures and absences `.ics`), as resolved
    /// paths: what a server watches besides the cohort file itself.
    public var imports: [String] = []

    /// A cohort.
    public init(file: String, site: Site, treatmentProtocol: TreatmentProtocol, patients: [PatientRecord]) {
        self.file = file
        self.site = site
        self.treatmentProtocol = treatmentProtocol
        self.patients = patients
    }

    /// A planner for this cohort (the reader has checked the protocol, so this does not fail for a read cohort).
    public func planner() throws(Planner.InvalidProtocol) -> Planner {
        try Planner(protocol: treatmentProtocol, calendar: site.calendar)
    }
}
