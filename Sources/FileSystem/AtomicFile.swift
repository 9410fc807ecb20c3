import Foundation

/// The one atomic write every output goes through: a temporary file `.NAME.PID.tmp` beside the target, its mode set
/// whatever the umask, flushed to disk, renamed over the target, and the rename flushed. Readers (a calendar client,
/// a server answering from the file) see the old file or the new one, never half of one.
///
/// `try AtomicFile.write(Array("BEGIN:VCALENDAR…".utf8), to: "out/ward.ics", mode: 0o600)` leaves `out/ward.ics`
/// complete or untouched, and nothing else in `out/` after a failure.
public enum AtomicFile {
    /// A failed write: what failed and why, naming the file as the user gave it.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// `cannot write out/ward.ics: renaming failed (Permission denied)`.
        public var description: String
    }

    /// Rewrites a file the user keeps (a cohort) in place: through its symbolic link to the real file, with the
    /// file's own permissions kept (0600 for a new file). Readers see the old file or the new one, never half of one.
    public static func replace(_ bytes: [UInt8], at path: String) throws(Failure) {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let mode = ((try? FileManager.default.attributesOfItem(atPath: real.path))?[.posixPermissions] as? NSNumber)?
            .uint16Value ?? 0o600
        try write(bytes, to: real.path, shownAs: path, mode: mode)
    }

    /// Writes `bytes` to `target` (through `shownAs` in messages) with permissions `mode`.
    public static func write(_ bytes: [UInt8], to target: String, shownAs path: String? = nil,
                             mode: UInt16 = 0o600) throws(Failure) {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let temporary = "\(folder)/.\(url.lastPathComponent).\(getpid()).tmp"
        func fail(_ what: String) -> Failure {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return Failure(description: "cannot write \(path ?? target): \(what) failed (\(reason))")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode))
        guard descriptor >= 0 else { throw fail("creating \(temporary)") }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { close(descriptor); throw fail("writing") }
            written += count
        }
        // The mode asked for (open's mode is narrowed by the umask).
        guard fchmod(descriptor, mode_t(mode)) == 0, fsync(descriptor) == 0 else { close(descriptor); throw fail("flushing") }
        close(descriptor)
        guard rename(temporary, target) == 0 else { throw fail("renaming") }
        let directory = open(folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }
}
