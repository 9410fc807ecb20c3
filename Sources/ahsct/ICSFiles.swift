import Calendrical
import ArgumentParser
import Foundation
import ICalendar
import Interchange

/// A file that could not be written: an I/O failure, not a usage error, so the command exits 1 (ArgumentParser's
/// failure status) with this message instead of 64 with the usage text.
struct OutputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// File output for the commands: atomic writes.
enum ICSFiles {
    /// Writes `text` to `path` through a temporary file in the same folder and a rename, so readers see the
    /// old file or the new one, never half of one. The file is readable by its owner only (it may hold
    /// patient data).
    static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError("cannot write \(path): folder \(folder.path) does not exist")
        }
        try writeFile(text, to: url, shownAs: path, mode: 0o600)
    }

    /// The shared atomic write (Interchange's ``AtomicFile``), failing as an ``OutputError`` (exit 1).
    private static func writeFile(_ text: String, to target: URL, shownAs path: String, mode: UInt16) throws {
        do {
            try AtomicFile.write(Array(text.utf8), to: target.path, shownAs: path, mode: mode)
        } catch {
            throw OutputError(error.description)
        }
    }
}

/// Reads a cohort file; on errors prints every one (`FILE:LINE:COL: error: … [code]`) and exits 1.
func readCohort(_ path: String) throws -> Cohort {
    do {
        return try CohortReader().read(contentsOf: path)
    } catch {
        for problem in error.errors { printError(problem.description) }
        throw ExitCode.inputRefused
    }
}

/// Prints one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// `YYYY-MM-DD` as a date, for options.
func parseCalendarDate(_ text: String) throws -> CalendarDate {
    guard let date = CalendarDate(iso: text) else {
        throw ValidationError("'\(text)' is not a date; expected YYYY-MM-DD, e.g. 2026-11-22")
    }
    return date
}

/// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ` as an instant, for `--now`.
func parseInstant(_ text: String) throws -> Instant {
    if text.count == 10 { return Instant(utc: LocalDateTime(clamping: try parseCalendarDate(text), hour: 0, minute: 0)) }
    let pieces = text.split(separator: "T")
    guard pieces.count == 2, pieces[1].hasSuffix("Z") else {
        throw ValidationError("'\(text)' is not a time; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
    }
    let clock = pieces[1].dropLast().split(separator: ":")
    guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
          let time = LocalDateTime(date: try parseCalendarDate(String(pieces[0])), hour: hour, minute: minute, second: second) else {
        throw ValidationError("'\(text)' is not a time; expected YYYY-MM-DDTHH:MM:SSZ")
    }
    return Instant(utc: time)
}

extension Instant {
    /// The system clock, to the second (only the command line reads it; the library never does).
    static var current: Instant { Instant(secondsSince1970: Int64(Date().timeIntervalSince1970)) }

    /// The civil date of this instant in `zone` (the UTC date if the zone is unknown).
    func civilDate(in zone: String) -> CalendarDate {
        TimeZoneLibrary.localTime(at: self, in: zone)?.date ?? CalendarDate(daysSince1970: Int(secondsSince1970 / 86_400))
    }
}
