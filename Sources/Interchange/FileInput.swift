import Foundation
import ICalendar

/// Reading input files as bytes, with a located error when that fails.
enum FileInput {
    /// The bytes of `path`, or an `unreadable_file` error located at its first line.
    static func bytes(of path: String) throws(InputErrors) -> [UInt8] {
        do {
            return try CalendarReader.contents(of: path, expected: "a file")
        } catch {
            throw InputErrors(error.diagnostics.map {
                InputError(location: $0.location, code: .unreadableFile, message: $0.message)
            })
        }
    }

    /// `path` resolved against `directory` unless it is absolute.
    static func resolve(_ path: String, against directory: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty || directory == "." { return path }
        return (directory as NSString).appendingPathComponent(path)
    }
}
