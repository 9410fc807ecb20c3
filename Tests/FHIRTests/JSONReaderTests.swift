import FHIR
import Foundation
import Interchange
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

    /// The writer's one spelling, and the reader reads it back.
    @Test func writtenTextReadsBack() throws {
        let text = JSONText.object([("b", .string("x\"y\n")), ("a", .array([.integer(1), .bool(false)])), ("none", nil),
                                    ("o", .object([]))]).text
        #expect(text == "{\n  \"b\": \"x\\\"y\\n\",\n  \"a\": [\n    1,\n    false\n  ],\n  \"o\": {}\n}\n")
        let root = try read(text)
        #expect(root.members.map(\.key) == ["b", "a", "o"])
        #expect(root["b"]?.string == "x\"y\n")
    }
}
