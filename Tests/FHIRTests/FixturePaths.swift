import FHIR
import Foundation
import Interchange

/// Where the fixtures and the example cohort are (read from the source tree, not bundled).
enum FixturePaths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let exampleCohort = repositoryRoot.appendingPathComponent("calendars/cohort.yaml").path

    /// The bytes of a fixture (`import/encounter_stay.json`).
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// The example cohort, read.
    static func cohort() throws -> Cohort { try CohortReader().read(contentsOf: exampleCohort) }
}

/// The located problems `body` throws, in file order (empty: it threw none; another error is a problem coded `other`).
func problems(_ body: () throws -> Void) -> [InputError] {
    do {
        try body()
        return []
    } catch let error as InputErrors {
        return error.errors
    } catch {
        return [InputError(location: .init(file: "?", line: 0, column: 0), code: InputErrorCode(rawValue: "other"),
                           message: "\(error)")]
    }
}
