import Locations

/// The parts of FHIR R4 resources the import reads, checked against R4's structure by ``FHIRBundleReader``.
///
/// Only the elements the import uses are kept; every one of them was checked for its type, cardinality and (for
/// statuses) its value set, with the place it came from for later messages.
public enum FHIRResource: Sendable, Hashable {
    /// A `Coding` (system and code; either may be absent).
    public struct Coding: Sendable, Hashable {
        /// The code system URI.
        public var system: String?
        /// The code.
        public var code: String?
    }

    /// A `Reference`: a literal `reference` (a `urn:uuid:` full URL, or `Patient/123`) or a logical `identifier`.
    public struct Reference: Sendable, Hashable {
        /// The literal reference.
        public var reference: String?
        /// The logical reference.
        public var identifier: Identifier?
    }

    /// An `Identifier` (system and value).
    public struct Identifier: Sendable, Hashable {
        /// The identifier system URI.
        public var system: String?
        /// The value (a pseudonym, for the site's system).
        public var value: String?
    }

    /// A date or time value with where it stands.
    public struct Time: Sendable, Hashable {
        /// The value, read in the site's zone.
        public var value: FHIRTime.Value
        /// Its JSON path (`Bundle.entry[2].resource.start`).
        public var path: String
        /// Where it is.
        public var location: SourceLocation
    }

    /// An `Appointment`.
    public struct Appointment: Sendable, Hashable {
        /// `status`, from its R4 value set.
        public var status: String
        /// The codings of `serviceType`, `appointmentType` and `reasonCode`, in that order.
        public var codings: [Coding]
        /// `start`.
        public var start: Time?
        /// `end`.
        public var end: Time?
        /// The participants.
        public var participants: [Participant]
    }

    /// A participant of an appointment: its actor (if any) and its status.
    public struct Participant: Sendable, Hashable {
        /// `actor`, when given.
        public var actor: Reference?
        /// `status`, from its R4 value set.
        public var status: String
    }

    /// An `Encounter`.
    public struct Encounter: Sendable, Hashable {
        /// `status`, from its R4 value set.
        public var status: String
        /// The codings of `type` and `serviceType`.
        public var codings: [Coding]
        /// `subject`, when given.
        public var subject: Reference?
        /// `period.start`.
        public var start: Time?
        /// `period.end`.
        public var end: Time?
    }

    /// A `Procedure`.
    public struct Procedure: Sendable, Hashable {
        /// `status`, from its R4 value set.
        public var status: String
        /// The codings of `code`.
        public var codings: [Coding]
        /// `subject` (required in R4).
        public var subject: Reference
        /// `performedDateTime`, or the start of `performedPeriod`.
        public var performed: Time?
    }

    /// A `Patient`.
    public struct Patient: Sendable, Hashable {
        /// `id`, when given.
        public var id: String?
        /// `identifier`.
        public var identifiers: [Identifier]
    }

    /// An appointment.
    case appointment(Appointment)
    /// An encounter.
    case encounter(Encounter)
    /// A procedure.
    case procedure(Procedure)
    /// A patient.
    case patient(Patient)
    /// Any other resource: its type only.
    case other(String)
}

/// One entry of a bundle as read.
public struct FHIRBundleEntry: Sendable, Hashable {
    /// Its index in `Bundle.entry` (0-based, as in the JSON path).
    public var index: Int
    /// `fullUrl`, when given.
    public var fullURL: String?
    /// The resource's `resourceType`.
    public var resourceType: String
    /// The resource's `id`, when given.
    public var id: String?
    /// What was read of it.
    public var resource: FHIRResource
    /// Where the resource starts.
    public var location: SourceLocation

    /// `Bundle.entry[3].resource`.
    public var path: String { "Bundle.entry[\(index)].resource" }
}
