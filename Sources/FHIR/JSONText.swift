/// JSON to write, with its keys in the order they were given, and its one spelling: two spaces per level, one
/// member or item per line, `"key": value`, non-ASCII as UTF-8, a newline at the end. The same value always gives
/// the same bytes, so an export can be compared byte for byte.
public indirect enum JSONText: Sendable, Hashable {
    /// An object; members in this order (a `nil` value is left out, as FHIR has no nulls).
    case object([(String, JSONText?)])
    /// An array.
    case array([JSONText])
    /// A string.
    case string(String)
    /// A whole number.
    case integer(Int)
    /// `true` or `false`.
    case bool(Bool)

    public static func == (lhs: JSONText, rhs: JSONText) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The document: the value and a final newline.
    public var text: String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    private func write(into out: inout String, indent: Int) {
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case let .object(members):
            let present = members.compactMap { key, value in value.map { (key, $0) } }
            guard !present.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in present.enumerated() {
                out += inner + Self.quoted(key) + ": "
                value.write(into: &out, indent: indent + 1)
                out += index + 1 < present.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        case let .array(items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: indent + 1)
                out += index + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case let .string(text):
            out += Self.quoted(text)
        case let .integer(number):
            out += String(number)
        case let .bool(value):
            out += value ? "true" : "false"
        }
    }

    /// `text` in double quotes, with `"`, `\` and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
