import Calendrical
import Pathway

/// How every report and patient text writes numbers, days and escaped text: the one place where a number becomes
/// characters for a reader.
///
/// A decimal number is written the way its reader writes it: a Dutch reader gets a decimal comma, an English one a
/// point. A worked case, a chance of 1 in 8 (0.125): ``percent(_:_:)`` multiplies by 1,000 and rounds half away
/// from zero (125), then divides by 10 — one decimal — so English reads `12.5 %` and Dutch `12,5 %`; 13 in 15
/// (0.8666…) is 866.6… → 867 → `86.7 %` / `86,7 %`. Programs get the point whatever the language: JSON and CSV
/// write the full double themselves and never come here, and neither does a command to type (`--max-risk 0.1`).
///
/// Days come in three forms: ISO (`2027-01-04`, `CalendarDate`'s own description, for tables and programs), short
/// with the weekday (``day(_:_:)``: `Mon 2027-01-04` / `ma 2027-01-04`) and in words (``spelledOut(_:_:)``:
/// `Monday 4 January 2027` / `maandag 4 januari 2027`).
public enum Format {
    // MARK: Numbers

    /// A chance as a percentage with one decimal: `12.5 %` / `12,5 %` for 0.125 (the one rounding every report of
    /// the risk view uses); 0 is `0.0 %`, 1 is `100.0 %`.
    public static func percent(_ chance: Double, _ language: PatientRecord.Language = .en) -> String {
        decimalComma("\((chance * 1000).rounded() / 10)", language) + " %"
    }

    /// A chance as a whole percentage, for round marks on a scale: 0.25 is `25 %` (in both languages).
    public static func wholePercent(_ chance: Double) -> String { "\(Int((chance * 100).rounded())) %" }

    /// Two decimals, rounded: `2.77` / `2,77` for 2.7681; 3 is `3.00`.
    public static func decimal(_ value: Double, _ language: PatientRecord.Language = .en) -> String {
        let hundredths = Int((value * 100).rounded())
        return decimalComma("\(hundredths / 100).\(zeroPadded(hundredths % 100, 2))", language)
    }

    /// A number as Swift writes it at its shortest, with the reader's decimal mark: `0.77` / `0,77`; `2` for 2 only
    /// when it is an integer (`2.0` is a double and reads `2.0` / `2,0`).
    public static func number(_ value: Double, _ language: PatientRecord.Language = .en) -> String {
        decimalComma("\(value)", language)
    }

    /// `text` (digits with a point) with the decimal comma in Dutch.
    private static func decimalComma(_ text: String, _ language: PatientRecord.Language) -> String {
        language == .nl ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    // MARK: Padding

    /// A non-negative number left-padded with zeros to `width` digits: `zeroPadded(7, 2)` is `07`.
    public static func zeroPadded(_ value: Int, _ width: Int) -> String { Calendrical.zeroPadded(value, width) }

    /// Left-aligned in a column of `width` characters, with at least one space after it: `padded("day", 6)` is
    /// `"day   "`, and `padded("isolation-beds", 6)` is `"isolation-beds "` (a long value never runs into the next).
    public static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// Right-aligned in a column of `width` characters: `rightAligned("12", 6)` is `"    12"`. With `gap` (the
    /// default) a value as wide as its column or wider gets one space before it; without, it is written as it is.
    public static func rightAligned(_ text: String, _ width: Int, gap: Bool = true) -> String {
        if gap && text.count >= width { return " " + text }
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    // MARK: Days and times

    /// A day with its weekday, short: `Mon 2027-01-04` / `ma 2027-01-04`.
    public static func day(_ date: CalendarDate, _ language: PatientRecord.Language = .en) -> String {
        language == .nl ? "\(Weekday.dutchNames[date.weekday.isoNumber - 1].prefix(2)) \(date)"
                        : "\(date.weekday.name.prefix(3)) \(date)"
    }

    /// A day in words: `Monday 4 January 2027` / `maandag 4 januari 2027`.
    public static func spelledOut(_ date: CalendarDate, _ language: PatientRecord.Language) -> String {
        date.spelledOut(dutch: language == .nl)
    }

    /// A clock time or span for people, on a 24-hour clock in both languages, with an en dash: `09:30–10:15`, or
    /// `09:30` for a start alone (the files' own form, `09:30-10:15`, is `ClockSpan`'s description).
    public static func clock(_ span: ClockSpan) -> String {
        func clock(_ minutes: Int) -> String { "\(zeroPadded(minutes / 60, 2)):\(zeroPadded(minutes % 60, 2))" }
        return clock(span.fromMinutes) + (span.toMinutes.map { "–" + clock($0) } ?? "")
    }

    // MARK: Escaping

    /// Text for HTML and SVG, in text and attribute values alike: `&`, `<`, `>`, `"` and `'` as entities, so
    /// `html("a < b & \"c\"")` is `a &lt; b &amp; &quot;c&quot;`. The package's one HTML escaper (the cohort report
    /// and the patient page).
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Text for Markdown, so that a message cannot start a list, a heading or a table cell, nor turn code or
    /// emphasis on: each of `` \ ` * _ [ ] < > | # `` gets a backslash, so `a_b|c` is `a\_b\|c`.
    public static func markdown(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
