import Interchange
import Locations

/// A strict JSON reader (RFC 8259) that keeps the line and column of every value.
///
/// Strict where FHIR is: no comments, no trailing commas, no duplicate keys in an object, no control characters in
/// strings, no lone surrogates; a UTF-8 byte-order mark is skipped. Bounded: at most ``maximumSize`` bytes and
/// ``maximumDepth`` nested arrays and objects, so hostile input ends in an error, never a crash or a stack overflow.
/// Columns count Unicode scalars, as every reader of the project does: in `{"a": "é", "b": 1}` the `1` is at
/// column 17.
///
/// The first problem ends the reading (after it the structure is guesswork), with its place and the JSON path of
/// the element it is in, from ``root``:
/// `bundle.json:3:14: error: expected ',' or '}' after a member, found '"' at Bundle.entry[0].resource [invalid_syntax]`.
public struct JSONReader: Sendable {
    /// The largest document read: 50 MB, as for every file the commands read (`CalendarReader.maximumSize`). The
    /// export of a 2,000-patient cohort is about 36 MB (830,000 values); a hospital's bundle of a week's
    /// appointments is far smaller.
    public static let maximumSize = 50 * 1_048_576
    /// The most values read (2,000,000, each kept with its place: about 130 MB in memory): a document of nothing but
    /// tiny values (`[1,1,1,…]`) ends here, not at ``maximumSize``.
    public static let maximumValues = 2_000_000
    /// The deepest nesting of arrays and objects (FHIR resources nest about 8 deep).
    public static let maximumDepth = 64

    /// The file's name, for locations.
    public let file: String
    /// What the paths in messages call the document itself (`Bundle` for a FHIR bundle; `$` by default).
    public let root: String

    /// A reader for `file`, its paths starting at `root`.
    public init(file: String, root: String = "$") {
        self.file = file
        self.root = root
    }

    /// The document in `bytes`, or the first problem, located.
    public func read(_ bytes: [UInt8]) throws(InputErrors) -> JSONNode {
        guard bytes.count <= Self.maximumSize else {
            throw InputErrors([InputError(location: SourceLocation(file: file, line: 1, column: 1), code: .invalidSyntax,
                                          message: "the file is \(bytes.count) bytes; expected at most \(Self.maximumSize) at \(root)")])
        }
        var scanner = Scanner(bytes: bytes, file: file, root: root)
        do throws(JSONStop) {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.offset = 3 }
            scanner.skipSpace()
            guard scanner.offset < bytes.count else { throw scanner.failure("the file is empty; expected a JSON object") }
            let root = try scanner.value(depth: 0)
            scanner.skipSpace()
            guard scanner.offset >= bytes.count else {
                throw scanner.failure("expected the end of the file after the value, found \(scanner.describeNext())")
            }
            return root
        } catch {
            throw InputErrors([error.problem])
        }
    }
}

/// The first problem, which ends the reading.
private struct JSONStop: Error {
    let problem: InputError
}

/// The reader's cursor: the offset in bytes and the line and column it stands for.
private struct Scanner {
    let bytes: [UInt8]
    let file: String
    var offset = 0
    var line = 1
    var column = 1
    /// Where the cursor is in the document: `.entry`, `[3]`, `.resource`, … after the root.
    var path: [String] = []
    /// How many values were read so far.
    var values = 0
    let root: String

    init(bytes: [UInt8], file: String, root: String) {
        self.bytes = bytes
        self.file = file
        self.root = root
    }

    var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// The problem at `place` (the cursor by default), in the element the cursor is in.
    func failure(_ message: String, at place: SourceLocation? = nil) -> JSONStop {
        JSONStop(problem: InputError(location: place ?? location, code: .invalidSyntax,
                                     message: "\(message) at \(root)\(path.joined())"))
    }

    /// The next character, quoted, for messages (`'x'`, `the end of the file`).
    func describeNext() -> String {
        guard offset < bytes.count else { return "the end of the file" }
        let byte = bytes[offset]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    /// Moves past one byte, keeping the line and column (a continuation byte of UTF-8 adds no column).
    mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { advance() }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONStop) {
        guard offset < bytes.count, bytes[offset] == byte else { throw failure("expected \(what), found \(describeNext())") }
        advance()
    }

    mutating func value(depth: Int) throws(JSONStop) -> JSONNode {
        skipSpace()
        let start = location
        guard offset < bytes.count else { throw failure("expected a value, found the end of the file") }
        values += 1
        guard values <= JSONReader.maximumValues else {
            throw failure("more than \(JSONReader.maximumValues) values; expected a smaller document (split the bundle)")
        }
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            guard depth < JSONReader.maximumDepth else {
                throw failure("nested more than \(JSONReader.maximumDepth) deep; expected a flatter document")
            }
            return JSONNode(value: .object(try object(depth: depth + 1)), location: start)
        case UInt8(ascii: "["):
            guard depth < JSONReader.maximumDepth else {
                throw failure("nested more than \(JSONReader.maximumDepth) deep; expected a flatter document")
            }
            return JSONNode(value: .array(try array(depth: depth + 1)), location: start)
        case UInt8(ascii: "\""):
            return JSONNode(value: .string(try string()), location: start)
        case UInt8(ascii: "t"):
            try word("true")
            return JSONNode(value: .bool(true), location: start)
        case UInt8(ascii: "f"):
            try word("false")
            return JSONNode(value: .bool(false), location: start)
        case UInt8(ascii: "n"):
            try word("null")
            return JSONNode(value: .null, location: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(value: .number(try number()), location: start)
        default:
            throw failure("expected a value (an object, array, string, number, true, false or null), found \(describeNext())")
        }
    }

    mutating func object(depth: Int) throws(JSONStop) -> [JSONNode.Member] {
        advance()  // {
        var members: [JSONNode.Member] = []
        var seen: Set<String> = []
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            advance()
            return members
        }
        while true {
            skipSpace()
            let keyLocation = location
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw failure("expected a key in double quotes, found \(describeNext())")
            }
            let key = try string()
            guard seen.insert(key).inserted else {
                throw failure("the key '\(key)' appears twice in this object; expected each key once", at: keyLocation)
            }
            skipSpace()
            try expect(UInt8(ascii: ":"), "':' after the key '\(key)'")
            path.append("." + key)
            let member = try value(depth: depth)
            path.removeLast()
            members.append(JSONNode.Member(key: key, keyLocation: keyLocation, value: member))
            skipSpace()
            guard offset < bytes.count else { throw failure("expected ',' or '}' after a member, found the end of the file") }
            if bytes[offset] == UInt8(ascii: ",") {
                advance()
                skipSpace()
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                    throw failure("a comma before '}' (JSON allows none); remove it")
                }
                continue
            }
            try expect(UInt8(ascii: "}"), "',' or '}' after a member")
            return members
        }
    }

    mutating func array(depth: Int) throws(JSONStop) -> [JSONNode] {
        advance()  // [
        var items: [JSONNode] = []
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            advance()
            return items
        }
        while true {
            path.append("[\(items.count)]")
            items.append(try value(depth: depth))
            path.removeLast()
            skipSpace()
            guard offset < bytes.count else { throw failure("expected ',' or ']' after an item, found the end of the file") }
            if bytes[offset] == UInt8(ascii: ",") {
                advance()
                skipSpace()
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                    throw failure("a comma before ']' (JSON allows none); remove it")
                }
                continue
            }
            try expect(UInt8(ascii: "]"), "',' or ']' after an item")
            return items
        }
    }

    mutating func word(_ text: String) throws(JSONStop) {
        for byte in text.utf8 {
            guard offset < bytes.count, bytes[offset] == byte else {
                throw failure("expected \(text), found \(describeNext())")
            }
            advance()
        }
    }

    mutating func number() throws(JSONStop) -> String {
        let start = offset
        func digits() -> Int {
            var count = 0
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
                advance()
                count += 1
            }
            return count
        }
        if bytes[offset] == UInt8(ascii: "-") { advance() }
        guard offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) else {
            throw failure("expected a digit, found \(describeNext())")
        }
        if bytes[offset] == UInt8(ascii: "0") {
            advance()
            if offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
                throw failure("a number with a leading zero; expected none")
            }
        } else {
            _ = digits()
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            advance()
            guard digits() > 0 else { throw failure("expected a digit after the decimal point, found \(describeNext())") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            advance()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { advance() }
            guard digits() > 0 else { throw failure("expected a digit in the exponent, found \(describeNext())") }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// A string from its opening quote: escapes resolved, UTF-8 checked.
    mutating func string() throws(JSONStop) -> String {
        advance()  // "
        var scalars = String.UnicodeScalarView()
        while true {
            guard offset < bytes.count else { throw failure("a string without its closing quote") }
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(scalars)
            case UInt8(ascii: "\\"):
                let place = location
                advance()
                guard offset < bytes.count else { throw failure("a string without its closing quote") }
                let escape = bytes[offset]
                let simple: [UInt8: Unicode.Scalar] = [
                    UInt8(ascii: "\""): "\"", UInt8(ascii: "\\"): "\\", UInt8(ascii: "/"): "/", UInt8(ascii: "b"): "\u{08}",
                    UInt8(ascii: "f"): "\u{0C}", UInt8(ascii: "n"): "\n", UInt8(ascii: "r"): "\r", UInt8(ascii: "t"): "\t",
                ]
                if let scalar = simple[escape] {
                    advance()
                    scalars.append(scalar)
                } else if escape == UInt8(ascii: "u") {
                    advance()
                    let high = try hex4()
                    var code = high
                    if (0xD800...0xDBFF).contains(high) {
                        guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                            throw failure("a lone surrogate \\u\(String(high, radix: 16)); expected a pair", at: place)
                        }
                        advance()
                        advance()
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw failure("a lone surrogate \\u\(String(high, radix: 16)); expected a pair", at: place)
                        }
                        code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        throw failure("a lone surrogate \\u\(String(code, radix: 16)); expected a pair", at: place)
                    }
                    scalars.append(scalar)
                } else {
                    throw failure("an unknown escape: \(describeNext()) after a backslash; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                }
            case 0x00..<0x20:
                throw failure("a control character (byte 0x\(String(byte, radix: 16, uppercase: true))) in a string; escape it")
            case 0x20..<0x80:
                advance()
                scalars.append(Unicode.Scalar(byte))
            default:
                scalars.append(try utf8Scalar())
            }
        }
    }

    /// Four hexadecimal digits.
    mutating func hex4() throws(JSONStop) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count, let digit = Character(Unicode.Scalar(bytes[offset])).hexDigitValue else {
                throw failure("expected four hexadecimal digits after \\u, found \(describeNext())")
            }
            value = value * 16 + UInt32(digit)
            advance()
        }
        return value
    }

    /// One multi-byte UTF-8 scalar (shortest form, no surrogates).
    mutating func utf8Scalar() throws(JSONStop) -> Unicode.Scalar {
        let lead = bytes[offset]
        let (count, minimum): (Int, UInt32)
        switch lead {
        case 0xC2...0xDF: (count, minimum) = (2, 0x80)
        case 0xE0...0xEF: (count, minimum) = (3, 0x800)
        case 0xF0...0xF4: (count, minimum) = (4, 0x10000)
        default: throw failure("the file is not UTF-8 text (byte 0x\(String(lead, radix: 16, uppercase: true))); save it as UTF-8")
        }
        guard offset + count <= bytes.count else { throw failure("the file is not UTF-8 text (a cut-off character); save it as UTF-8") }
        var value = UInt32(lead) & (0xFF >> (count + 1))
        for index in 1..<count {
            let next = bytes[offset + index]
            guard next & 0xC0 == 0x80 else { throw failure("the file is not UTF-8 text; save it as UTF-8") }
            value = value << 6 | UInt32(next & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else {
            throw failure("the file is not UTF-8 text; save it as UTF-8")
        }
        for _ in 0..<count { advance() }
        return scalar
    }
}
