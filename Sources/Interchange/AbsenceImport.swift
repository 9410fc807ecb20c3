import Calendrical
import Capacity
import Foundation

/// Staff absences from an iCalendar file (a team's leave calendar): each occurrence is one person of a role away
/// on every day it touches.
///
/// The role is the event's CATEGORIES (`CATEGORIES:apheresis-nurses`), or, when the site file names one for the
/// whole file (`{file: leave.ics, role: apheresis-nurses}`), that role. An event naming no known role is an error
/// at its UID line. Summaries are kept as the reason but never shown to patients.
public enum AbsenceImport {
    /// The absences in the `.ics` file at `path`.
    public static func absences(fromICS path: String, roles: [String], role fileRole: String? = nil)
        throws(InputErrors) -> [CapacitySchedule.Absence] {
        let (spans, bytes) = try CalendarSpans.spans(fromICS: path)
        var errors: [InputError] = []
        var result: [CapacitySchedule.Absence] = []
        var reported: Set<String> = []
        for span in spans {
            guard let role = fileRole ?? span.category, roles.contains(role) else {
                if reported.insert(span.uid).inserted {
                    let named = span.category.map { "names '\($0)', not a staff role" } ?? "names no staff role"
                    errors.append(InputError(
                        location: .init(file: path, line: CalendarSpans.line(ofUID: span.uid, in: bytes), column: 1),
                        code: .unknownResource,
                        message: "the absence '\(span.summary)' \(named); expected CATEGORIES with one of: \(roles.joined(separator: ", "))"))
                }
                continue
            }
            result.append(.init(role: role, from: span.from, to: span.to, reason: span.summary.isEmpty ? nil : span.summary))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return result
    }
}
