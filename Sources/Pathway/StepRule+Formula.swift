extension StepRule {
    /// The rule in the notation of `CLINICAL-RULES.md`, for plans and reports.
    ///
    /// The committee answer of `amsterdam-umc` reads
    /// `earliest open≥(second-opinion+14), expected open≥(second-opinion+21), latest open≤(second-opinion+28); working days`.
    public var formula: String {
        var parts: [String] = []
        switch start {
        case .given:
            parts.append("recorded")
        case let .window(earliest, expected, latest):
            if earliest == expected && expected == latest {
                parts.append(earliest.formula)
            } else {
                parts.append("earliest \(earliest.formula), expected \(expected.formula), latest \(latest.formula)")
            }
        case let .firstFit(notBefore, harvest):
            let bounds = notBefore.map { bound in
                let day = bound.days == 0 ? "\(bound.anchor)" : "\(bound.anchor)\(bound.days < 0 ? "−" : "+")\(abs(bound.days))"
                return bound.onlyIfRecorded ? "\(day) if recorded" : day
            }
            parts.append("first day ≥ \(bounds.joined(separator: ", ")) whose \(harvest) days are all open")
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
