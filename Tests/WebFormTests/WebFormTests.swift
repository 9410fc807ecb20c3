import Testing
import WebForm

/// Reads `text` as a form body of at most `limit` bytes.
private func form(_ text: String, limit: Int = 1_024) throws(FormBody.Failure) -> FormBody {
    try FormBody(bytes: Array(text.utf8), limit: limit)
}

/// The failure reading `bytes` gives, or `nil`.
private func refusal(_ bytes: [UInt8], limit: Int = 1_024) -> FormBody.Failure? {
    do { _ = try FormBody(bytes: bytes, limit: limit) } catch { return error }
    return nil
}

@Suite struct FormBodyTests {
    /// What a browser sends: `+` for spaces, `%XX` for the rest (é is C3 A9 in UTF-8), empty values kept.
    @Test func whatABrowserSends() throws {
        let body = try form("field=unavailable&value=2027-01-04+2027-01-05&note=caf%C3%A9+%26+co&confirmed=")
        #expect(body.fields == ["field": "unavailable", "value": "2027-01-04 2027-01-05", "note": "café & co", "confirmed": ""])
        #expect(body["missing"] == nil)
        #expect(try form("").fields.isEmpty)
    }

    /// Each refusal with its code: a repeated field, a broken escape (also at the very end), bytes that are not
    /// UTF-8 (a lone 0xFF, escaped or raw), a NUL, a piece without `=`, an empty name, one byte over the limit.
    @Test func refusals() {
        #expect(refusal(Array("a=1&a=2".utf8)) == .repeated(name: "a"))
        #expect(refusal(Array("a=%G1".utf8))?.code == "form_bad_escape")
        #expect(refusal(Array("a=%4".utf8))?.code == "form_bad_escape")
        #expect(refusal(Array("a=%".utf8))?.code == "form_bad_escape")
        #expect(refusal(Array("a=%FF".utf8)) == .notText)
        #expect(refusal([0x61, 0x3d, 0xff]) == .notText)
        #expect(refusal(Array("a=%00".utf8)) == .notText)
        #expect(refusal(Array("a".utf8)) == .malformed)
        #expect(refusal(Array("=1".utf8)) == .malformed)
        #expect(refusal(Array(repeating: 0x61, count: 1_025) + []) == .tooLong(limit: 1_024))
        #expect(refusal(Array("a=".utf8) + Array(repeating: 0x62, count: 1_022)) == nil)
    }
}

@Suite struct CookieHeaderTests {
    /// The session cookie among others, with spaces as browsers put them; absent, twice, odd characters or too long:
    /// none.
    @Test func theSessionCookie() {
        #expect(CookieHeader.value(of: "ahsct_session", in: "theme=dark; ahsct_session=Zx3-_q") == "Zx3-_q")
        #expect(CookieHeader.value(of: "ahsct_session", in: "ahsct_session=abc") == "abc")
        #expect(CookieHeader.value(of: "ahsct_session", in: "theme=dark") == nil)
        #expect(CookieHeader.value(of: "ahsct_session", in: "ahsct_session=abc; ahsct_session=def") == nil)
        #expect(CookieHeader.value(of: "ahsct_session", in: "ahsct_session=a\"b") == nil)
        #expect(CookieHeader.value(of: "ahsct_session", in: "ahsct_session=") == nil)
        #expect(CookieHeader.value(of: "ahsct_session", in: "x_ahsct_session=abc") == nil)
        #expect(CookieHeader.value(of: "ahsct_session", in: "ahsct_session=" + String(repeating: "a", count: 129)) == nil)
    }
}
