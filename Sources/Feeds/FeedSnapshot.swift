import Calendrical
import Capacity
import Crypto
import ICalendar
import Interchange
import Pathway

/// One feed's response body, ready to send: the bytes, their strong ETag and when they last changed.
public struct FeedBody: Sendable, Hashable {
    /// The iCalendar text as UTF-8.
    public let bytes: [UInt8]
    /// `"<base64url SHA-256 of the bytes>"`, quotes included (a strong validator: equal only for equal bytes).
    public let etag: String
    /// When these bytes were first handed out, in whole seconds since 1970 (the served file's modification time).
    public let lastModified: Int64
    /// The same as an HTTP date (`Fri, 27 Nov 2026 15:56:57 GMT`), made once rather than per request.
    public let lastModifiedHTTP: String
    /// Whether this is a departed patient's last calendar: every event cancelled, served until delivered once.
    public let departed: Bool

    /// The body of `bytes`.
    public init(bytes: [UInt8], lastModified: Int64, departed: Bool = false) {
        self.bytes = bytes
        self.etag = "\"" + Base64URL.encode(Array(SHA256.hash(data: bytes))) + "\""
        self.lastModified = lastModified
        self.lastModifiedHTTP = HTTPDate.format(lastModified)
        self.departed = departed
    }
}

/// Everything a server answers from, planned once from one version of the cohort file. Immutable: a re-plan
/// builds a new snapshot and swaps it in whole, so a request sees the old state or the new one, never a mix.
public struct FeedSnapshot: Sendable {
    /// One patient, for their page.
    public struct Patient: Sendable {
        /// The record as read.
        public let record: PatientRecord
        /// Its plan.
        public let plan: PatientPlan
    }

    /// The cohort file.
    public let cohortPath: String
    /// The files it names that were read (protocol, closures, absences): re-planned when they change too.
    public let imports: [String]
    /// The instant plans and DTSTAMPs were made for.
    public let now: Instant
    /// Today at the site.
    public let today: CalendarDate
    /// The site (contacts and name for the pages).
    public let site: Site
    /// Calendars by relative path (`patients/P-0001.ics`, `ward.ics`, `staff/nurse.ics`), with the departed
    /// patients' cancellations not yet delivered.
    public let calendars: [String: FeedBody]
    /// The cohort's patients by pseudonym.
    public let patients: [String: Patient]
    /// The coordinators' HTML report.
    public let report: [UInt8]

    /// The body for `subject`, if it has one now.
    public func calendar(for subject: FeedSubject) -> FeedBody? {
        subject.calendarPath.flatMap { calendars[$0] }
    }

    /// The snapshot without one departed patient's calendar (after it was delivered).
    public func retiring(_ path: String) -> FeedSnapshot {
        var calendars = calendars
        calendars[path] = nil
        return FeedSnapshot(cohortPath: cohortPath, imports: imports, now: now, today: today, site: site,
                            calendars: calendars, patients: patients, report: report)
    }

    init(cohortPath: String, imports: [String], now: Instant, today: CalendarDate, site: Site,
         calendars: [String: FeedBody], patients: [String: Patient], report: [UInt8]) {
        self.cohortPath = cohortPath
        self.imports = imports
        self.now = now
        self.today = today
        self.site = site
        self.calendars = calendars
        self.patients = patients
        self.report = report
    }
}
