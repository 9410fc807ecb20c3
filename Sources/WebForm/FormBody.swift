/// An `application/x-www-form-urlencoded` body, read strictly: what a console form posts.
///
/// `FormBody(bytes: Array("field=apheresis&value=2026-12-15&csrf=Zx3".utf8), limit: 16_384)` gives
/// `["field": "apheresis", "value": "2026-12-15", "csrf": "Zx3"]`. A body is refused (``Failure``) when it is longer
/// than `limit`, names a field twice, has a broken `%` escape, or decodes to bytes that are not UTF-8: the server
/// answers 400 and changes nothing. `+` is a space, as browsers send it.
public struct FormBody: Sendable, Equatable {
    /// Why a body was refused, with a stable code the server logs (never the values).
    public enum Failure: Error, Sendable, Equatable {
        /// More bytes than the limit.
        case tooLong(limit: Int)
        /// A field named twice.
        case repeated(name: String)
        /// A `%` not followed by two hexadecimal digits.
        case badEscape
        /// Bytes that are not UTF-8 (or a NUL or other control character other than tab, CR and LF).
        case notText
        /// A piece without `=`, or an empty name.
        case malformed

        /// `form_too_long`, `form_repeated_field`, `form_bad_escape`, `form_not_text`, `form_malformed`.
        public var code: String {
            switch self {
            case .tooLong: return "form_too_long"
            case .repeated: return "form_repeated_field"
            case .badEscape: return "form_bad_escape"
            case .notText: return "form_not_text"
            case .malformed: return "form_malformed"
            }
        }
    }

    /// The fields by name.
    public let fields: [String: String]

    /// The value of `name`, or `nil`.
    public subscript(_ name: String) -> String? { fields[name] }

    /// Reads `bytes` (at most `limit` of them).
    public init(bytes: [UInt8], limit: Int) throws(Failure) {
        guard bytes.count <= limit else { throw .tooLong(limit: limit) }
        var fields: [String: String] = [:]
        for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard let equals = piece.firstIndex(of: UInt8(ascii: "=")) else { throw .malformed }
            let name = try Self.decode(piece[piece.startIndex..<equals])
            let value = try Self.decode(piece[piece.index(after: equals)...])
            guard !name.isEmpty else { throw .malformed }
            guard fields[name] == nil else { throw .repeated(name: String(name.prefix(40))) }
            fields[name] = value
        }
        self.fields = fields
    }

    /// Percent- and plus-decoding, then strict UTF-8 without control characters (tab, CR and LF allowed).
    static func decode(_ raw: ArraySlice<UInt8>) throws(Failure) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "+") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "%") {
                guard raw.endIndex - index > 2, let high = hex(raw[index + 1]), let low = hex(raw[index + 2]) else {
                    throw .badEscape
                }
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw .notText }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !["\t", "\r", "\n"].contains($0) })
        else { throw .notText }
        return text
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
