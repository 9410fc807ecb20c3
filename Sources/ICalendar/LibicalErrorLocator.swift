internal import CLibical
import Locations

/// Finds the lines behind libical's X-LIC-ERROR properties.
///
/// libical reports a bad property by replacing it with `X-LIC-ERROR` and keeps no line numbers. Only when
/// the parse found errors, each unfolded line is parsed again on its own inside a minimal
/// VCALENDAR; the lines that produce an X-LIC-ERROR there are the culprits, and libical's own message is
/// kept: `bad.ics:9:1: error: Parse error in property name: DTSTRAT [invalid_value]`.
///
/// One X-LIC-ERROR is not an error: `No value for DESCRIPTION property` comes from an empty value
/// (`DESCRIPTION:`), which Google Calendar exports write and RFC 5545 allows for TEXT; libical drops the
/// property, which reads the same as an absent one.
struct LibicalErrorLocator {
    let scanner: ContentLineScanner

    /// The X-LIC-ERRORs in a tree that are real errors.
    static func significantErrorCount(in component: OpaquePointer) -> Int {
        var count = 0
        var property = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY)
        while let current = property {
            if !isHarmless(copyString(icalproperty_get_xlicerror(current)) ?? "") { count += 1 }
            property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)
        }
        var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
        while let current = child {
            count += significantErrorCount(in: current)
            child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
        }
        return count
    }

    /// Whether an X-LIC-ERROR message only says a free-text value was empty (`No value for DESCRIPTION
    /// property`). An empty DURATION, TZOFFSETFROM or TRIGGER stays an error: dropping it changes times.
    static func isHarmless(_ message: String) -> Bool {
        guard message.hasPrefix("No value for ") else { return false }
        let name = message.dropFirst("No value for ".count).prefix { $0 != " " }.uppercased()
        return textProperties.contains(name) || name.hasPrefix("X-")
    }

    /// Properties whose value is free text, for which an empty value means "nothing to say".
    static let textProperties: Set<String> = [
        "DESCRIPTION", "LOCATION", "SUMMARY", "COMMENT", "CONTACT", "CATEGORIES", "RESOURCES", "TZNAME",
    ]

    /// Diagnostics for up to `expected` errors, in file order; one unlocated diagnostic if none is found.
    func locate(expected: Int) -> [Diagnostic] {
        var found: [Diagnostic] = []
        scanner.forEachLine { line in
            guard line.name != "END" else { return true }
            let text = String(decoding: line.bytes, as: UTF8.self)
            let wrapped: String
            if line.name == "BEGIN" {
                wrapped = "BEGIN:VCALENDAR\r\n\(text)\r\nEND:\(scanner.value(of: line))\r\nEND:VCALENDAR\r\n"
            } else {
                wrapped = "BEGIN:VCALENDAR\r\n\(text)\r\nEND:VCALENDAR\r\n"
            }
            guard let message = errorMessage(parsing: wrapped), !Self.isHarmless(message.text) else { return true }
            var offset = message.isAboutValue && !message.isAboutParameter ? (line.valueStart ?? 0) : 0
            // A complaint that names a parameter (`VALUE=BOGUS`) points at that parameter's value.
            // Only for parameter errors, or a bad VALUE type: a bad property value may echo `NAME=…` text too.
            for (name, parameter) in scanner.parameters(of: line)
            where (message.isAboutParameter || name == "VALUE")
                && (message.text.contains("\(name)=\(parameter.value)") || message.text.contains("\(name)=\"\(parameter.value)\"")) {
                offset = parameter.offset
            }
            // libical's "No value for UID property. Removing entire property" says more than the user needs.
            let shown = message.text.hasPrefix("No value for ")
                ? "\(line.name) has an empty value; expected a value" : message.text
            found.append(Diagnostic(location: scanner.location(in: line, offset: offset), code: .invalidValue,
                                    message: shown))
            return found.count < min(expected, ContentLineScanner.maximumDiagnostics)
        }
        if found.isEmpty {
            found.append(Diagnostic(location: SourceLocation(file: scanner.file, line: 1, column: 1), code: .invalidValue,
                                    message: "libical reported \(expected) error(s) it could not tie to a line"))
        }
        return found
    }

    /// libical's first X-LIC-ERROR message for a small text, or `nil` when it parses cleanly.
    private func errorMessage(parsing text: String) -> (text: String, isAboutValue: Bool, isAboutParameter: Bool)? {
        guard let root = icalparser_parse_string(text) else { return nil }
        let tree = ComponentTree(owning: root)
        guard icalcomponent_count_errors(tree.pointer) > 0 else { return nil }
        return firstError(in: tree.pointer)
    }

    private func firstError(in component: OpaquePointer) -> (text: String, isAboutValue: Bool, isAboutParameter: Bool)? {
        if let property = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY) {
            let message = copyString(icalproperty_get_xlicerror(property)) ?? "libical could not parse this line"
            var kind = ""
            if let parameter = icalproperty_get_first_parameter(property, ICAL_XLICERRORTYPE_PARAMETER) {
                kind = takeString(icalparameter_as_ical_string_r(parameter))
            }
            let trimmed = message.hasSuffix(":") ? String(message.dropLast()) : message
            return (trimmed.trimmingSpaces, kind.contains("VALUE"), kind.contains("PARAMETER"))
        }
        for child in children(of: component, kind: ICAL_ANY_COMPONENT, includingSelf: false) {
            if let found = firstError(in: child) { return found }
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}
