extension StepRule {
    /// The rule in the notation of `docs/clinical-rules.md`, for plans and reports.
    ///
    /// The committee answer of `amsterdam-umc` reads
    /// `earliest open≥(second-opinion+14), expected open≥(second-opinion+21), latest open≤(second-opinion+28); working days`.
    public var formula: String {
        var parts: [String] = []
        switch start {
        case .given:
            parts.append("recorded")
        case let .window(earliest, expected, latest):
            // On a step that runs every day, snapping changes nothing: show plain day arithmetic.
            let texts = [earliest, expected, latest].map { open == .everyDay ? $0.offsetText : $0.formula }
            if texts[0] == texts[1] && texts[1] == texts[2] {
                parts.append(texts[0])
            } else {
                parts.append("earliest \(texts[0]), expected \(texts[1]), latest \(texts[2])")
            }
        case let .firstFit(notBefore, harvest):
            let always = notBefore.filter { !$0.onlyIfRecorded }.map(\.offsetText)
            let recorded = notBefore.filter(\.onlyIfRecorded).map(\.offsetText)
            var text = "first day ≥ \(always.joined(separator: ", "))"
            if !recorded.isEmpty { text += " (and ≥ \(recorded.joined(separator: ", ")) once recorded)" }
            parts.append(text + " whose \(harvest) days are all open")
        case let .dayOf(anchor, first, expected, last, repeats):
            var text = "day \(first)–\(last) of \(anchor) (expected nearest day \(expected))"
            if repeats > 0 { text += ", \(repeats) tentative repeat\(repeats == 1 ? "" : "s")" }
            parts.append(text)
        }
        switch end {
        case .none: break
        case let .lasts(days): parts.append("lasts \(days) day\(days == 1 ? "" : "s")")
        case let .until(anchor): parts.append("until \(anchor)")
        case .lastSession: parts.append("ends with the last session")
        case let .nextDayAbove(bags): parts.append("two days above \(bags) bags")
        case let .monthsAfter(anchor, earliest, expected, latest):
            parts.append("ends \(anchor) + \(earliest)/\(expected)/\(latest) months")
        }
        switch open {
        case .resource: parts.append("open for \(resource ?? "the site")")
        case .workingDays: parts.append("working days")
        case .everyDay: parts.append("every day")
        }
        return parts.joined(separator: "; ")
    }
}

extension Bound {
    /// `apheresis.end+21`, `mobilisation−1`, `reinfusion`: the day before snapping.
    public var offsetText: String {
        days == 0 ? "\(anchor)" : "\(anchor)\(days < 0 ? "−" : "+")\(abs(days))"
    }
}
