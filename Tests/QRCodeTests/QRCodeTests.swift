import QRCode
import Testing

@Suite struct QRCodeTests {
    /// A QR code of version v has 17 + 4v modules per side; a 40-byte feed address at level M needs version 3 (29).
    /// Its three finder patterns sit in the corners: a 7×7 dark ring, a light ring, a 3×3 dark centre.
    @Test func sizeAndFinderPatterns() throws {
        let code = try QRCode("https://planner.example.nl/feeds/abc.ics")
        #expect((code.size - 17) % 4 == 0 && code.size >= 21)
        #expect(code.size == 29)
        for (left, top) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            for offset in 0..<7 {
                // The outer ring: all four sides dark.
                #expect(code.isDark(column: left + offset, row: top) && code.isDark(column: left + offset, row: top + 6))
                #expect(code.isDark(column: left, row: top + offset) && code.isDark(column: left + 6, row: top + offset))
            }
            for offset in 1..<6 {
                #expect(!code.isDark(column: left + offset, row: top + 1))
            }
            #expect(code.isDark(column: left + 3, row: top + 3))
        }
    }

    /// The path covers exactly the dark modules: its run lengths add up to the number of dark modules, and the first
    /// run starts at the quiet zone (4, 4) with the finder pattern's 7 dark modules.
    @Test func pathDataCoversTheDarkModules() throws {
        let code = try QRCode("https://planner.example.nl/feeds/abc.ics")
        #expect(code.pathData.hasPrefix("M4 4h7v1h-7z"))
        let runs = code.pathData.split(separator: "z").compactMap { piece -> Int? in
            guard let h = piece.firstIndex(of: "h"), let v = piece.firstIndex(of: "v") else { return nil }
            return Int(piece[piece.index(after: h)..<v])
        }
        #expect(runs.reduce(0, +) == code.modules.filter { $0 }.count)
        #expect(code.sideWithQuietZone == code.size + 8)
    }

    /// Empty text and text with a NUL byte are refused; so is more than a code can hold.
    @Test func whatCannotBeEncoded() {
        #expect(throws: QRCode.Failure.cannotEncode(length: 0)) { try QRCode("") }
        #expect(throws: QRCode.Failure.cannotEncode(length: 3)) { try QRCode("a\u{0}b") }
        #expect(throws: QRCode.Failure.cannotEncode(length: 4000)) { try QRCode(String(repeating: "x", count: 4000)) }
    }
}
