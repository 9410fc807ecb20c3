import Reports
import Testing

@Suite struct JSONValueTests {
    @Test func keysKeepTheirOrderAndTextIsEscaped() {
        let value = JSONValue.object([("z", .number(1)), ("a", .string("say \"hi\"\n\u{1}")), ("list", .array([.bool(true), .null]))])
        #expect(value.text() == #"{"z":1,"a":"say \"hi\"\n\u0001","list":[true,null]}"#)
    }

    @Test func indentedOutputNestsTwoSpacesPerLevel() {
        let value = JSONValue.object([("a", .array([.number(1)])), ("b", .object([]))])
        #expect(value.text(indent: 2) == "{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}")
    }
}
