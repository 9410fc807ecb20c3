import Calendrical
import Capacity
import ICalendar
import Interchange
import Pathway
import Reports
import Synchronization

/// One feed's body: the bytes, their hash and the instant they last changed. Plain values; the server turns them
/// into its answers (a shared buffer, a strong `ETag`, an HTTP `Last-Modified`) once per snapshot.
public struct FeedBody: Sendable, Hashable {
    /// The iCalendar text as UTF-8.
    public let bytes: [UInt8]
    /// SHA-256 of the bytes: equal only for equal bytes (the server's strong validator).
    public let sha256: ContentHash
    /// When these bytes were first handed out (the served file's modification time, in whole seconds).
    public let lastModified: Instant
    /// Whether this is a departed patient's last calendar: every event cancelled, served until delivered once.
    public let departed: Bool

    /// The body of `bytes`.
    public init(bytes: [UInt8], lastModified: Instant, departed: Bool = false) {
        self.bytes = bytes
        self.sha256 = ContentHash(of: bytes)
        self.lastModified = lastModified
        self.departed = departed
    }
}

/// Everything a server answers from, planned once from one version of the cohort file. Immutable: a re-plan
/// builds a new snapshot and swaps it in whole, so a request sees the old state or the new one, never a mix.
///
/// A departed patient's cancellations stay in the snapshot they were published in; once a client has fetched
/// them, the server stops answering with them and the next publish (after ``FeedPublisher/retire(_:)``) leaves them
/// out.
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
    /// The ward's and staff's calendars as merged for this snapshot (`ward.ics`, `staff/<role>.ics`): the next
    /// publish merges against them instead of reading them back from their files (the neurology staff's calendar
    /// of a 2,000-patient cohort takes libical a fifth of a second to read).
    let documents: [String: CalendarDocument]
    /// Patients' calendars (paths) whose merged events hold no cancellation: merged again with the same record and
    /// plan they would come out the same, so the next publish keeps them as they are.
    let settled: Set<String>
    /// The cohort's patients by pseudonym.
    public let patients: [String: Patient]

    /// What the coordinators' console shows, worked out once per snapshot (never per request).
    public struct Console: Sendable {
        /// The cohort planned: records and plans in file order, the planner, the capacity.
        public let analysis: CohortAnalysis
        /// Every conflict, in report order.
        public let conflicts: [CohortConflict]
        /// The next eight weeks, a row per resource and week (highest expected demand, 90th percentile, chance of
        /// running over).
        public let weeks: [RiskView.Day]
        /// The report: its timeline is drawn on the overview, and its page is served at the report's secret address.
        public let report: HTMLReport
    }

    /// The console's view of this version.
    public let console: Console

    /// Which snapshot this is: a number no other snapshot of this process has (caches key on it).
    public let generation: UInt64

    private static let counter = Mutex<UInt64>(0)

    /// The body for `subject`, if it has one now.
    public func calendar(for subject: FeedSubject) -> FeedBody? {
        subject.calendarPath.flatMap { calendars[$0] }
    }

    init(cohortPath: String, imports: [String], now: Instant, today: CalendarDate, site: Site,
         calendars: [String: FeedBody], documents: [String: CalendarDocument], settled: Set<String>,
         patients: [String: Patient],
         console: Console) {
        self.cohortPath = cohortPath
        self.imports = imports
        self.now = now
        self.today = today
        self.site = site
        self.calendars = calendars
        self.documents = documents
        self.settled = settled
        self.patients = patients
        self.console = console
        self.generation = Self.counter.withLock { value in
            value += 1
            return value
        }
    }
}
