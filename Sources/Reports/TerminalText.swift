/// Text reports on a terminal: lines folded to 80 columns, and colour for the words that matter when the output
/// is a terminal (the CLI decides: not when piped, not with `NO_COLOR` set).
///
/// Folding keeps a long line's indent and adds four spaces to the continuation, breaking at the last space that fits
/// and that does not split what reads as one piece:
/// - a range or a move stays whole: no break next to a lone `…` or `→` (`2026-10-12 … 2026-11-16`);
/// - a separator starts the next line rather than ending this one: no break right after a lone `·` or `—`
///   (`Pre-treatment evaluation (…)` / `    · outpatient-clinic`);
/// - a count stays with what it counts: no break right after a bare number (`1 window_violated`, `(14 days)`).
///
/// When no such space fits, the last space that fits is used all the same.
/// ```
///     P-0009: conditioning on 2026-11-20 is outside its window
///         2026-10-12 … 2026-11-16
///         (open≥(apheresis.end+21) … open≤(apheresis.end+56))
/// ```
public enum TerminalText {
    /// `text` with every line longer than `width` folded at spaces.
    public static func fit(_ text: String, width: Int = 80) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Substring(line)
            let indent = String(repeating: " ", count: rest.prefix { $0 == " " }.count + 4)
            var first = true
            while rest.count > width - (first ? 0 : indent.count) {
                let room = width - (first ? 0 : indent.count)
                let spaces = rest.prefix(room + 1).indices.filter { index in
                    // A break needs words before it (not just the indent).
                    rest[index] == " " && index > rest.startIndex && rest[..<index].contains { $0 != " " }
                }
                guard let cut = spaces.last(where: { isBreak(rest, at: $0) }) ?? spaces.last else { break }
                out += (first ? "" : indent) + rest[rest.startIndex..<cut] + "\n"
                rest = rest[rest.index(after: cut)...].drop { $0 == " " }
                first = false
            }
            out += (first ? "" : indent) + rest + "\n"
        }
        return String(out.dropLast())
    }

    /// Whether the space at `index` in `line` is a clean place to break (see the rules above).
    private static func isBreak(_ line: Substring, at index: Substring.Index) -> Bool {
        let before = line[(line[..<index].lastIndex(of: " ").map { line.index(after: $0) } ?? line.startIndex)..<index]
        let after = line[line.index(after: index)...].prefix { $0 != " " }
        if ["…", "→"].contains(before) || ["…", "→"].contains(after) { return false }
        if ["·", "—"].contains(before) { return false }
        let count = before.drop { $0 == "(" }
        return !(count.first?.isNumber == true && count.allSatisfy(\.isNumber))
    }

    private static let reset = "\u{1B}[0m"

    /// ANSI colours for statuses, conflicts and over-full rows, on top of the plain text (widths are unchanged).
    public static func coloured(_ text: String) -> String {
        let styles: [(prefix: String, code: String)] = [
            ("  done ", "\u{1B}[2m"), ("  in-progress", "\u{1B}[1;34m"), ("  confirmed", "\u{1B}[36m"),
            ("  planned!", "\u{1B}[33m"), ("  conflict ", "\u{1B}[1;31m"),
        ]
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let line = String(line)
            if let style = styles.first(where: { line.hasPrefix($0.prefix) }) {
                let word = line.dropFirst(2).prefix { $0 != " " }
                return "  " + style.code + word + reset + line.dropFirst(2 + word.count)
            }
            if line.hasSuffix("   over (worst case)") {
                return String(line.dropLast(17)) + "\u{1B}[33m" + "over (worst case)" + reset
            }
            if line.hasSuffix("   over") { return String(line.dropLast(4)) + "\u{1B}[1;31mover" + reset }
            if let first = line.first, first != " ", !line.isEmpty { return "\u{1B}[1m" + line + reset }
            return line
        }.joined(separator: "\n")
    }
}
