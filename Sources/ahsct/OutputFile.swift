import FileSystem
import Foundation

/// A file that could not be written: an I/O failure, not a usage error, so the command exits 1 (ArgumentParser's
/// failure status) with this message instead of 64 with the usage text.
struct OutputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The commands' output files.
enum OutputFile {
    /// Writes `text` to `path` through FileSystem's ``AtomicFile`` (readers see the old file or the new one, never
    /// half of one), readable by its owner only (it may hold patient data). A missing folder or a failed write is an
    /// ``OutputError``: `ahsct plan … --out missing/plan.txt` says `cannot write missing/plan.txt: folder missing does
    /// not exist` and exits 1.
    static func write(_ text: String, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError("cannot write \(path): folder \(folder.path) does not exist")
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: target.path, shownAs: path, mode: 0o600)
        } catch {
            throw OutputError(error.description)
        }
    }
}
