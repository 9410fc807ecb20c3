import Capacity
import Pathway

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
