@testable import FHIR
import Foundation
import Interchange
import Reports
import Testing

/// The strict JSON reader: every value's place, and a located error (never a crash) for every malformed input.
@Suite struct JSONReaderTests {
    private func read(_ text: String) throws(InputErrors) -> JSONNode {
        try JSONReader(file: "t.json").read(Array(text.utf8))
    }

    private func failure(_ text: String) -> InputError? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error.errors.first
        }
    }

    /// Columns count Unicode scalars: `é` is two bytes but one column, so the `1` is at column 17.
    @Test func valuesKeepLineAndColumn() throws {
        let root = try read("{\"a\": \"é\", \"b\": 1,\n \"c\": [true, null]}")
        #expect(root["b"]?.location.column == 17)
        #expect(root["b"]?.value == .number("1"))
        #expect(root["c"]?.location.line == 2)
        #expect(root["c"]?.location.column == 7)
        #expect(root["c"]?.array?[1].location.column == 14)
        #expect(root.members.map(\.key) == ["a", "b", "c"])
        #expect(root["a"]?.string == "é")
    }

    @Test func escapesAreResolved() throws {
        let root = try read(#"{"s": "a\"b\\c\/d\n\u00e9\ud83d\ude00"}"#)
        #expect(root["s"]?.string == "a\"b\\c/d\né😀")
    }

    /// Each malformed input, the place of its error (line, column) and the start of its message.
    @Test(arguments: [
        ("", 1, 1, "the file is empty"),
        ("{\"a\": 1,}", 1, 9, "a comma before '}'"),
        ("[1, 2,\n]", 2, 1, "a comma before ']'"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "the key 'a' appears twice"),
        ("{\"a\": 01}", 1, 8, "a number with a leading zero"),
        ("{\"a\": \"x\ty\"}", 1, 9, "a control character"),
        ("{\"a\": \"\\ud800\"}", 1, 8, "a lone surrogate"),
        ("{\"a\": tru}", 1, 10, "expected true"),
        ("{\"a\": 1} x", 1, 10, "expected the end of the file"),
        ("{'a': 1}", 1, 2, "expected a key in double quotes"),
        ("resourceType: Bundle", 1, 1, "expected a value"),
    ])
    func malformedInputIsLocated(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        let error = failure(text)
        #expect(error?.code == .invalidSyntax)
        #expect(error?.location.line == line, "\(error?.description ?? "no error")")
        #expect(error?.location.column == column, "\(error?.description ?? "no error")")
        #expect(error?.message.hasPrefix(message) == true, "\(error?.description ?? "no error")")
    }

    /// A syntax error names the element it is in, from the root: its key path and item numbers.
    @Test(arguments: [
        ("{\"a\": [1, {\"b\": tru}]}", "expected true, found '}' at $.a[1].b"),
        ("{\"a\": [1, 2,]}", "a comma before ']' (JSON allows none); remove it at $.a"),
        ("{\"a\": {\"b\": 1 \"c\": 2}}", "expected ',' or '}' after a member, found '\"' at $.a"),
        ("{\"a\": \"\\x\"}", "an unknown escape: 'x' after a backslash; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX at $.a"),
        ("", "the file is empty; expected a JSON object at $"),
    ])
    func syntaxErrorsNameTheirElement(_ text: String, _ message: String) {
        #expect(failure(text)?.message == message)
    }

    /// More of what RFC 8259 refuses, each located: a lone low surrogate, a high surrogate with no low one after it,
    /// an escaped key that repeats another, an overlong encoding of '/', UTF-8 of a surrogate, numbers cut short, a
    /// NUL after the document; and what it allows: one byte-order mark (skipped), not two.
    @Test func moreOfTheGrammar() throws {
        let refused: [(String, Int)] = [
            ("{\"a\": \"\\udc00\"}", 8), ("{\"a\": \"\\ud800\\u0041\"}", 8), ("{\"type\": 1, \"\\u0074ype\": 2}", 13),
            ("{\"a\": -}", 8), ("{\"a\": 1.}", 9), ("{\"a\": 1e}", 9), ("{\"a\": 1}\u{0}", 9),
        ]
        for (text, column) in refused {
            let error = failure(text)
            #expect(error?.code == .invalidSyntax && error?.location.column == column, "\(text): \(error?.description ?? "no error")")
        }
        for bytes: [UInt8] in [[0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D],
                               [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D]] {
            #expect(throws: InputErrors.self) { try JSONReader(file: "t.json").read(bytes) }
        }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(try JSONReader(file: "t.json").read(bom + Array("{\"a\": 1}".utf8))["a"]?.value == .number("1"))
        #expect(throws: InputErrors.self) { try JSONReader(file: "t.json").read(bom + bom + Array("{}".utf8)) }
    }

    /// A document of tiny values ends at the value limit, located at the first value too many, not after hundreds of
    /// megabytes: `[` then 2,000,001 `1,` (the array is value 1, so its 2,000,000th item is one too many), a 4 MB
    /// file.
    @Test func tooManyValuesAreRefused() {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes += [UInt8](repeating: 0, count: 2 * (JSONReader.maximumValues + 1))
        for index in 0...JSONReader.maximumValues {
            bytes[1 + 2 * index] = UInt8(ascii: "1")
            bytes[2 + 2 * index] = UInt8(ascii: ",")
        }
        let error = problems { _ = try JSONReader(file: "t.json").read(bytes) }.first
        #expect(error?.message.hasPrefix("more than 2000000 values") == true, "\(error?.description ?? "no error")")
        // Item 1,999,999 (counting from 0) starts at column 1 + 2 × 1,999,999 + 1.
        #expect(error?.location.column == 2 + 2 * (JSONReader.maximumValues - 1))
        #expect(error?.message.hasSuffix("at $[1999999]") == true)
    }

    /// Nesting deeper than the limit is an error at the first bracket too many, not a stack overflow.
    @Test func deepNestingIsRefused() {
        let depth = JSONReader.maximumDepth + 1
        let error = failure(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(error?.location.column == depth)
        #expect(error?.message.hasPrefix("nested more than 64 deep") == true)
    }

    /// Bytes that are not UTF-8 inside a string.
    @Test func invalidUTF8IsRefused() {
        let error = problems {
            _ = try JSONReader(file: "t.json").read([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D])
        }.first
        #expect(error?.message.hasPrefix("the file is not UTF-8") == true)
        #expect(error?.location.column == 7)
    }

    /// The export's one spelling (Reports' JSON writer, two spaces a level, an absent member left out), and the
    /// reader reads it back.
    @Test func writtenTextReadsBack() throws {
        let text = FHIRExport.object([("b", .string("x\"y\n")), ("a", .array([.number(1), .bool(false)])), ("none", nil),
                                      ("o", .object([]))]).text(indent: 2)
        #expect(text == "{\n  \"b\": \"x\\\"y\\n\",\n  \"a\": [\n    1,\n    false\n  ],\n  \"o\": {}\n}")
        let root = try read(text)
        #expect(root.members.map(\.key) == ["b", "a", "o"])
        #expect(root["b"]?.string == "x\"y\n")
    }
}
