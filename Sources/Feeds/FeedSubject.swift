/// Whose calendar (or report) a feed serves: one patient, the ward, one staff role, or the coordinators' report.
///
/// `FeedSubject.patient("P-0001").calendarPath` is `patients/P-0001.ics`, the same relative path `ahsct calendars`
/// writes; the report has no calendar.
public enum FeedSubject: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One patient, by pseudonym.
    case patient(String)
    /// The ward calendar.
    case ward
    /// One staff role's calendar.
    case staff(String)
    /// The coordinators' HTML report.
    case report

    /// The kinds, as written in the registry and in `--format json`.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case patient, ward, staff, report
    }

    /// This subject's kind.
    public var kind: Kind {
        switch self {
        case .patient: .patient
        case .ward: .ward
        case .staff: .staff
        case .report: .report
        }
    }

    /// The pseudonym or role; `nil` for the ward and the report.
    public var id: String? {
        switch self {
        case .patient(let id), .staff(let id): id
        case .ward, .report: nil
        }
    }

    /// The subject of `kind` and `id` (`nil` when a patient or role lacks its id, or the ward/report has one).
    public init?(kind: Kind, id: String?) {
        switch (kind, id) {
        case (.patient, let id?) where !id.isEmpty: self = .patient(id)
        case (.staff, let id?) where !id.isEmpty: self = .staff(id)
        case (.ward, nil): self = .ward
        case (.report, nil): self = .report
        default: return nil
        }
    }

    /// The calendar's path relative to the calendars folder; `nil` for the report.
    public var calendarPath: String? {
        switch self {
        case .patient(let id): "patients/\(id).ics"
        case .ward: "ward.ics"
        case .staff(let role): "staff/\(role).ics"
        case .report: nil
        }
    }

    /// The subject whose calendar is at `path` (``calendarPath`` read back), or `nil`.
    public init?(calendarPath path: String) {
        if path == "ward.ics" {
            self = .ward
        } else if path.hasPrefix("patients/"), path.hasSuffix(".ics"), path.count > 13 {
            self = .patient(String(path.dropFirst(9).dropLast(4)))
        } else if path.hasPrefix("staff/"), path.hasSuffix(".ics"), path.count > 10 {
            self = .staff(String(path.dropFirst(6).dropLast(4)))
        } else {
            return nil
        }
    }

    /// `patient P-0001`, `ward`, `staff nurse`, `report`.
    public var description: String { id.map { "\(kind.rawValue) \($0)" } ?? kind.rawValue }

    private enum CodingKeys: String, CodingKey { case kind, id }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(Kind.self, forKey: .kind)
        let id = try container.decodeIfPresent(String.self, forKey: .id)
        guard let subject = FeedSubject(kind: kind, id: id) else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: container,
                                                   debugDescription: "a \(kind.rawValue) feed \(id == nil ? "needs" : "takes no") id")
        }
        self = subject
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(id, forKey: .id)
    }
}
