import CQRencode

/// A QR code, made by libqrencode (Debian: libqrencode-dev) and drawn as SVG: what a patient scans with a phone to
/// subscribe to their calendar.
///
/// ```swift
/// let code = try QRCode("https://planner.example.nl/feeds/abc.ics")
/// code.size            // 33: modules per side (version 4 at level M)
/// code.pathData       // "M4 4h7v1h-7z…": the dark modules, for an SVG `<path>` in a 41-unit `viewBox`
/// ```
///
/// The bytes are encoded as they are (8-bit mode) at error correction level M (15 % of the code may be damaged or
/// covered and it still reads). The libqrencode pointer is owned here alone: read into `modules` and freed in the
/// initialiser.
public struct QRCode: Sendable, Hashable {
    /// Why no code was made.
    public enum Failure: Error, Sendable, Hashable {
        /// Empty text, a NUL byte, or more than a QR code holds (about 2,300 bytes at level M).
        case cannotEncode(length: Int)
    }

    /// Modules per side.
    public let size: Int
    /// Row by row, `true` for a dark module.
    public let modules: [Bool]

    /// Encodes `text` (UTF-8, no NUL).
    public init(_ text: String) throws(Failure) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, !bytes.contains(0) else { throw .cannotEncode(length: bytes.count) }
        guard let code = QRcode_encodeData(Int32(bytes.count), bytes, 0, QR_ECLEVEL_M) else {
            throw .cannotEncode(length: bytes.count)
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        // The low bit of each byte is the module's colour; the other bits say what kind of module it is.
        modules = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// Whether the module at (`column`, `row`) is dark.
    public func isDark(column: Int, row: Int) -> Bool { modules[row * size + column] }

    /// Modules per side with the quiet zone of four light modules around the code: the SVG's `viewBox` side.
    public var sideWithQuietZone: Int { size + 8 }

    /// The dark modules as SVG path data, one unit per module, offset by the quiet zone. Each row's dark runs are
    /// one subpath (`M x y h n v 1 h -n z`), so a 33-module code is a few kilobytes. Reports draws the image around
    /// it (with its accessible name, escaped there).
    public var pathData: String {
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(column: column, row: row) else { column += 1; continue }
                let start = column
                while column < size, isDark(column: column, row: row) { column += 1 }
                path += "M\(start + 4) \(row + 4)h\(column - start)v1h-\(column - start)z"
            }
        }
        return path
    }
}
