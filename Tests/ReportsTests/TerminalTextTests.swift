import Testing
@testable import Reports

@Suite struct TerminalTextTests {
    /// A 90-character line folds at the last space before column 80; the rest keeps the indent plus four.
    @Test func foldsAtSpacesWithIndent() {
        let words = (1...18).map { "w\($0 < 10 ? "0" : "")\($0)" }  // 18 words of 3 letters: 18 × 4 − 1 = 71 …
        let line = "  " + words.joined(separator: " ") + " tail-word-x"  // … + 2 + 12 = 85 characters
        let folded = TerminalText.fit(line).split(separator: "\n").map(String.init)
        #expect(line.count == 85)
        #expect(folded == ["  " + words.joined(separator: " "), "      tail-word-x"])
        #expect(folded.allSatisfy { $0.count <= 80 })
    }

    /// Clean breaks: a separator starts the continuation (not a dangling `·`), a range `a … b` stays whole, a count
    /// stays with what it counts; the indent is kept (+4) and every line fits 80 columns.
    @Test func foldsBetweenPiecesNotInsideThem() {
        let title = "      Pre-treatment evaluation (exam, blood tests, fertility preservation) · outpatient-clinic"
        #expect(TerminalText.fit(title) == """
                  Pre-treatment evaluation (exam, blood tests, fertility preservation)
                      · outpatient-clinic
            """)
        let range = "    P-0009: conditioning on 2026-11-20 is outside its window 2026-10-12 … 2026-11-16 (open≥(a+21) … open≤(a+56))"
        #expect(TerminalText.fit(range) == """
                P-0009: conditioning on 2026-11-20 is outside its window
                    2026-10-12 … 2026-11-16 (open≥(a+21) … open≤(a+56))
            """)
        let counts = "10 conflicts: 4 capacity_exceeded, 1 staff_unavailable, 1 closed_day, 1 window_violated, 2 overdue"
        #expect(TerminalText.fit(counts) == """
            10 conflicts: 4 capacity_exceeded, 1 staff_unavailable, 1 closed_day,
                1 window_violated, 2 overdue
            """)
        let legend = "Status: done, in-progress, confirmed, planned; '!' marks an overdue step: not recorded by the day its rule expected."
        #expect(TerminalText.fit(legend).split(separator: "\n").map(String.init) == [
            "Status: done, in-progress, confirmed, planned; '!' marks an overdue step: not",
            "    recorded by the day its rule expected.",
        ])
        for text in [title, range, counts, legend] {
            #expect(TerminalText.fit(text).split(separator: "\n").allSatisfy { $0.count <= 80 })
        }
    }

    /// A word longer than the width is left whole rather than cut; short lines are untouched.
    @Test func longWordsAndShortLines() {
        let long = String(repeating: "x", count: 90)
        #expect(TerminalText.fit("ab\n" + long) == "ab\n" + long)
    }

    /// Colour wraps the status word only, so the plain text is still there between the escapes.
    @Test func colourKeepsTheText() {
        let line = "  done         second-opinion    Mon 2026-09-07"
        let coloured = TerminalText.coloured(line)
        #expect(coloured == "  \u{1B}[2mdone\u{1B}[0m         second-opinion    Mon 2026-09-07")
        #expect(coloured.replacingOccurrences(of: "\u{1B}[2m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") == line)
        #expect(TerminalText.coloured("  Mon 2026-11-23        2        3    -1      3    -1      2   over")
                .hasSuffix("\u{1B}[1;31mover\u{1B}[0m"))
    }
}
