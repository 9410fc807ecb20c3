import FHIR
import Foundation
import Interchange
import Testing

/// One malformed bundle per kind of error, with the place, code and JSON path written next to it.
@Suite struct FHIRBundleReaderTests {
    struct Expected: Sendable, CustomStringConvertible {
        var fixture: String
        var line: Int
        var column: Int
        var code: String
        var path: String
        var description: String { fixture }
    }

    @Test(arguments: [
        // `]` after `{…},` on line 6: JSON allows no comma before it.
        Expected(fixture: "not_json_trailing_comma.json", line: 6, column: 3, code: "invalid_syntax", path: "Bundle.entry"),
        // A Patient alone, not a Bundle: its resourceType's value on line 2.
        Expected(fixture: "not_a_bundle_patient.json", line: 2, column: 19, code: "not_a_bundle", path: "resourceType"),
        // `"start": 20261124`: an instant is a JSON string.
        Expected(fixture: "appointment_start_not_string.json", line: 9, column: 18, code: "wrong_type",
                 path: "Bundle.entry[0].resource.start"),
        // `confirmed` is no AppointmentStatus of R4.
        Expected(fixture: "appointment_unknown_status.json", line: 8, column: 19, code: "invalid_value",
                 path: "Bundle.entry[0].resource.status"),
        // No status and no participant (both required), located at the resource's `{`.
        Expected(fixture: "appointment_missing_status_and_participant.json", line: 6, column: 19, code: "missing_key",
                 path: "Bundle.entry[0].resource.status"),
        // 30 February 2027 does not exist.
        Expected(fixture: "encounter_date_does_not_exist.json", line: 11, column: 29, code: "invalid_date",
                 path: "Bundle.entry[0].resource.period.start"),
    ])
    func malformedBundleIsLocated(_ expected: Expected) throws {
        let name = "invalid/\(expected.fixture)"
        let bytes = try FixturePaths.bytes(name)
        let first = try #require(problems { _ = try FHIRBundleReader(file: name, zone: "Europe/Amsterdam").read(bytes) }.first)
        #expect(first.location.file == name)
        #expect(first.location.line == expected.line, "\(first)")
        #expect(first.location.column == expected.column, "\(first)")
        #expect(first.code.rawValue == expected.code, "\(first)")
        if !expected.path.isEmpty { #expect(first.message.hasSuffix(" at \(expected.path)"), "\(first)") }
    }

    /// Both missing elements are reported, not only the first.
    @Test func everyProblemIsReported() throws {
        let name = "invalid/appointment_missing_status_and_participant.json"
        let bytes = try FixturePaths.bytes(name)
        let errors = problems { _ = try FHIRBundleReader(file: name, zone: "Europe/Amsterdam").read(bytes) }
        #expect(errors.map(\.message) == [
            "'status' is missing; R4 requires it at Bundle.entry[0].resource.status",
            "'participant' is missing; R4 requires it (at least one) at Bundle.entry[0].resource.participant",
        ])
    }

    /// A booked appointment needs start and end (R4's app-3), and an appointment that ends before it starts is refused.
    @Test func bookedAppointmentNeedsItsTimes() {
        let text = """
            {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Appointment",
             "status": "booked", "start": "2026-11-24T10:00:00+01:00", "end": "2026-11-24T09:00:00+01:00",
             "participant": [{"actor": {"reference": "Patient/1"}, "status": "accepted"}]}},
             {"resource": {"resourceType": "Appointment", "status": "fulfilled",
             "participant": [{"actor": {"reference": "Patient/1"}, "status": "accepted"}]}}]}
            """
        let errors = problems { _ = try FHIRBundleReader(file: "b.json", zone: "Europe/Amsterdam").read(Array(text.utf8)) }
        #expect(errors.map(\.code.rawValue) == ["invalid_value", "missing_key", "missing_key"])
        #expect(errors.first?.location.line == 2)
        #expect(errors.first?.location.column == 67)
        #expect(errors.map { $0.message.components(separatedBy: " at ").last ?? "" } == [
            "Bundle.entry[0].resource.end", "Bundle.entry[1].resource.start", "Bundle.entry[1].resource.end",
        ])
    }
}
