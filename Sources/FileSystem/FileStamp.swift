import Foundation

/// What identifies a version of a file without reading it: inode, size and modification time to the nanosecond
/// (an editor that saves by renaming a new file over the old changes the inode even within one second).
///
/// A watcher keeps the stamp it last read and reads the file again only when `FileStamp("cohort.yaml")` differs;
/// `nil` means the file is gone.
public struct FileStamp: Hashable, Sendable {
    /// The file's inode number.
    public let inode: UInt64
    /// Its size in bytes.
    public let size: Int64
    /// Its modification time: whole seconds since 1970 …
    public let seconds: Int
    /// … and the nanoseconds within that second.
    public let nanoseconds: Int

    /// The stamp of `path`, or `nil` when it does not exist.
    public init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        seconds = status.st_mtim.tv_sec
        nanoseconds = status.st_mtim.tv_nsec
    }
}
