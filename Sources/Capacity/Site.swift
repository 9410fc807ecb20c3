import Calendrical
import Pathway

/// A planning site: its calendar, resources and contacts, as the cohort file's `site:` gives them (Interchange's
/// `CohortReader` reads it; this is the value, so that planning, reports and patient texts need no file reader).
///
/// A worked case: `site: {name: "Amsterdam UMC, locatie VUmc", resources: {isolation-beds: 2}, contacts:
/// {urgent: "020 444 07 75"}}` is a site in Europe/Amsterdam closed on Dutch public holidays, with two isolation beds
/// (``capacity``), an office-hours number and no ward line — so ``warnings`` asks for the number that answers day
/// and night.
public struct Site: Sendable, Hashable {
    /// Phone numbers patients are given.
    public struct Contacts: Sendable, Hashable {
        /// For appointments (`appointments`).
        public var appointments: String?
        /// Urgent questions during office hours (`urgent`).
        public var urgent: String?
        /// Out of office hours (`out-of-hours`).
        public var outOfHours: String?
        /// The treating hospital's haematology ward, answered day and night (`haematology-ward`; the older key
        /// `haematology` means the same): fever or sudden severe complaints during treatment and at home.
        public var ward: String?

        /// Contacts.
        public init(appointments: String? = nil, urgent: String? = nil, outOfHours: String? = nil, ward: String? = nil) {
            self.appointments = appointments
            self.urgent = urgent
            self.outOfHours = outOfHours
            self.ward = ward
        }

        /// Whether a patient can reach someone at any hour: the ward's line, or the office-hours and out-of-hours
        /// lines together.
        public var answersAroundTheClock: Bool { ward != nil || (urgent != nil && outOfHours != nil) }
    }

    /// The departments patients go to; each has a default name in the patient's language, and a site may name
    /// its own (`departments: {day-care: "Dagbehandeling 3B"}`).
    public enum Department: String, Sendable, Hashable, CaseIterable {
        /// Outpatient visits (consultations, checks).
        case outpatientClinic = "outpatient-clinic"
        /// Day care (the infusion on mobilisation day 1).
        case dayCare = "day-care"
        /// The apheresis unit (cell collection).
        case apheresisUnit = "apheresis-unit"
        /// The haematology ward (the admission).
        case haematologyWard = "haematology-ward"
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
    /// The site's own hours of its timed calendar events, by event kind (`apheresis` → 08:00–14:00). There are
    /// no built-in hours: without one here or a time recorded for the appointment, an event is all-day.
    public var times: [String: ClockSpan]
    /// The site's own names of its departments (LOCATION of the patient's events); the rest get a default name.
    public var departments: [Department: String]

    /// The event kinds a site may give hours for in `times:`.
    public static let timedEventKinds = ["apheresis", "apheresis-held", "blood-counts", "committee-answer", "control-visit",
                                         "evaluation", "home-check", "infusion", "injection", "second-opinion"]

    /// A site.
    public init(name: String, timeZone: String = "Europe/Amsterdam", holidays: WorkingCalendar.Holidays = .netherlands,
                closures: [Closure] = [], capacity: CapacitySchedule = CapacitySchedule(),
                contacts: Contacts = Contacts(), times: [String: ClockSpan] = [:], departments: [Department: String] = [:]) {
        self.name = name
        self.timeZone = timeZone
        self.holidays = holidays
        self.closures = closures
        self.capacity = capacity
        self.contacts = contacts
        self.times = times
        self.departments = departments
    }

    /// The working calendar of the site.
    public var calendar: WorkingCalendar {
        WorkingCalendar(timeZone: timeZone, holidays: holidays, closures: closures)
    }
}
