import Calendrical
/// The value checks: dates and times that must exist, whole numbers, recurrence rules and time zones.
///
/// `DTSTART;TZID=Europe/Amsterdam:20230230T100000` is refused at the `30` (`day 30 does not exist in February
/// 2023`), and its zone is remembered: once the whole file is read, a zone that no VTIMEZONE defines and that is
/// not an IANA zone is reported at the TZID's value.
extension ContentLineScanner {
    /// Checks one line's value (a line with a value; its name may be empty).
    mutating func checkValue(_ line: RawLine, _ bytes: UnsafeBufferPointer<UInt8>, role: Role,
                             name: UnsafeBufferPointer<UInt8>, valueStart: Int) {
        // The parameters that matter here; as in a dictionary by name, the last of a name wins.
        var zone: (value: Range<Int>, offset: Int)?
        var valueType: String?
        let isASCII = name.allSatisfy { $0 < 0x80 }
        let parametersStart = isASCII ? name.count : String(decoding: name, as: UTF8.self).uppercased().utf8.count
        if parametersStart < valueStart - 1 && bytes[parametersStart] == 0x3B {
            Self.forEachParameter(in: bytes, from: parametersStart, valueStart: valueStart) { name, value in
                let parameter = UnsafeBufferPointer(rebasing: bytes[name])
                if Self.isName(parameter, "TZID") {
                    zone = (value, value.lowerBound)
                } else if Self.isName(parameter, "VALUE") {
                    valueType = Self.uppercased(UnsafeBufferPointer(rebasing: bytes[value]))
                }
            }
        }
        if let zone { recordZoneUse(UnsafeBufferPointer(rebasing: bytes[zone.value]), line: line, offset: zone.offset) }
        switch role {
        case .date:
            // Each item of a comma-separated list, up to a `/` for a PERIOD.
            var itemStart = valueStart
            while true {
                var itemEnd = itemStart
                while itemEnd < bytes.count && bytes[itemEnd] != 0x2C { itemEnd += 1 }
                var textEnd = itemEnd
                if valueType == "PERIOD" {
                    textEnd = itemStart
                    while textEnd < itemEnd && bytes[textEnd] != 0x2F { textEnd += 1 }
                }
                checkDateTime(UnsafeBufferPointer(rebasing: bytes[itemStart..<textEnd]), line: line, offset: itemStart,
                              dateOnly: valueType == "DATE")
                if itemEnd == bytes.count { break }
                itemStart = itemEnd + 1
            }
        case .trigger where valueType == "DATE-TIME":
            checkDateTime(UnsafeBufferPointer(rebasing: bytes[valueStart...]), line: line, offset: valueStart, dateOnly: false)
        case .integer:
            let digits = bytes[valueStart...]
            let body = digits.first == 0x2D || digits.first == 0x2B ? digits.dropFirst() : digits[...]
            if body.isEmpty || !body.allSatisfy({ (0x30...0x39).contains($0) }) || body.count > 9 {
                reportValue(.invalidInteger, at: line, offset: valueStart,
                                   "\(String(decoding: name, as: UTF8.self).uppercased()) value '\(String(decoding: digits, as: UTF8.self))' is not a whole number")
            }
        case .rule:
            checkRule(UnsafeBufferPointer(rebasing: bytes[valueStart...]), line: line, valueStart: valueStart)
        default:
            break
        }
    }

    /// Whether a parameter name upper-cases to `expected` (an upper-case ASCII name).
    private static func isName(_ name: UnsafeBufferPointer<UInt8>, _ expected: StaticString) -> Bool {
        guard name.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: name, as: UTF8.self).uppercased() == expected.description
        }
        guard name.count == expected.utf8CodeUnitCount else { return false }
        let upper = UnsafeBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount)
        for (byte, wanted) in zip(name, upper) where ((0x61...0x7A).contains(byte) ? byte - 0x20 : byte) != wanted {
            return false
        }
        return true
    }

    /// An RRULE's UNTIL, COUNT and INTERVAL, and that FREQ is there.
    private mutating func checkRule(_ value: UnsafeBufferPointer<UInt8>, line: RawLine, valueStart: Int) {
        var offset = valueStart
        var hasFrequency = false
        for part in value.split(separator: 0x3B, omittingEmptySubsequences: false) {
            let text = String(decoding: part, as: UTF8.self)
            let pieces = text.split(separator: "=", maxSplits: 1)
            let key = pieces.first.map { $0.uppercased() } ?? ""
            let argument = pieces.count > 1 ? Array(pieces[1].utf8) : []
            let argumentOffset = offset + key.utf8.count + 1
            switch key {
            case "FREQ":
                hasFrequency = true
                let name = String(decoding: argument, as: UTF8.self).uppercased()
                if RecurrenceRule.Frequency(rawValue: name) == nil {
                    reportValue(.invalidRecurrence, at: line, offset: argumentOffset,
                                       "FREQ=\(name) is not a frequency; expected SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY")
                }
            case "UNTIL":
                argument.withUnsafeBufferPointer { checkDateTime($0, line: line, offset: argumentOffset, dateOnly: false) }
            case "COUNT", "INTERVAL":
                if argument.isEmpty || argument.count > 9 || !argument.allSatisfy({ (0x30...0x39).contains($0) }) {
                    reportValue(.invalidRecurrence, at: line, offset: argumentOffset,
                                       "\(key)=\(String(decoding: argument, as: UTF8.self)) is not a positive whole number")
                }
            default: break
            }
            offset += part.count + 1
        }
        if !hasFrequency {
            reportValue(.invalidRecurrence, at: line, offset: valueStart,
                               "the rule has no FREQ; expected FREQ=DAILY, WEEKLY, …")
        }
    }

    /// `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`: shape, then whether the day and time exist.
    private mutating func checkDateTime(_ text: UnsafeBufferPointer<UInt8>, line: RawLine, offset: Int, dateOnly: Bool) {
        func number(_ from: Int, _ length: Int) -> Int? {
            guard from + length <= text.count else { return nil }
            var value = 0
            for byte in text[from..<(from + length)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        var shown: String { String(decoding: text, as: UTF8.self) }
        guard let year = number(0, 4), let month = number(4, 2), let day = number(6, 2),
              text.count == 8 || (!dateOnly && text[8] == 0x54) else {
            let expected = dateOnly ? "YYYYMMDD" : "YYYYMMDD or YYYYMMDDTHHMMSS"
            reportValue(.invalidDate, at: line, offset: offset, "'\(shown)' is not a date; expected \(expected)")
            return
        }
        if year == 0 {
            reportValue(.invalidDate, at: line, offset: offset, "year 0000 does not exist")
        } else if !(1...12).contains(month) {
            reportValue(.invalidDate, at: line, offset: offset + 4,
                               "month \(zeroPadded(month, 2)) does not exist; expected 01–12")
        } else if !(1...CalendarDate.daysInMonth(year: year, month: month)).contains(day) {
            reportValue(.invalidDate, at: line, offset: offset + 6,
                               "day \(zeroPadded(day, 2)) does not exist in \(CalendarDate.monthNames[month - 1]) \(year)")
        }
        guard text.count > 8 else { return }
        guard text.count == 15 || text.count == 16, let hour = number(9, 2), let minute = number(11, 2),
              let second = number(13, 2), text.count == 15 || text[15] == 0x5A else {
            reportValue(.invalidTime, at: line, offset: offset + 8,
                               "'\(shown)' has no valid time; expected THHMMSS or THHMMSSZ")
            return
        }
        if hour > 23 {
            reportValue(.invalidTime, at: line, offset: offset + 9,
                               "hour \(zeroPadded(hour, 2)) does not exist; expected 00–23")
        } else if minute > 59 {
            reportValue(.invalidTime, at: line, offset: offset + 11,
                               "minute \(zeroPadded(minute, 2)) does not exist; expected 00–59")
        } else if second > 60 {
            reportValue(.invalidTime, at: line, offset: offset + 13,
                               "second \(zeroPadded(second, 2)) does not exist; expected 00–60")
        }
    }

    // MARK: Zones

    /// Remembers that a line names a zone (the TZID parameter's value, at `offset` in the unfolded line).
    private mutating func recordZoneUse(_ zone: UnsafeBufferPointer<UInt8>, line: RawLine, offset: Int) {
        let index: Int
        if let last = lastZone, last.bytes.elementsEqual(zone) {
            index = last.index  // most lines name the zone the line before named
        } else {
            let name = String(decoding: zone, as: UTF8.self)
            if let known = zoneIndex[name] {
                index = known
            } else {
                index = zoneNames.count
                zoneIndex[name] = index
                zoneNames.append(name)
                zoneUses.append([])
            }
            lastZone = (Array(zone), index)
        }
        if zoneUses[index].count < Self.maximumDiagnostics {
            zoneUses[index].append((zoneUseCount, line, offset))
        }
        zoneUseCount += 1
    }

    /// Every TZID used must be defined in the file or be an IANA zone.
    mutating func checkZones() {
        let defined = Set(definedZones)
        var unknown: [(order: Int, line: RawLine, offset: Int, zone: String)] = []
        for (index, zone) in zoneNames.enumerated() where !defined.contains(zone) && !TimeZoneLibrary.isKnown(zone) {
            unknown += zoneUses[index].map { ($0.order, $0.line, $0.offset, zone) }
        }
        for use in unknown.sorted(by: { $0.order < $1.order }) {
            reportLate(.unknownTimeZone, at: use.line, offset: use.offset,
                              "TZID '\(use.zone)' is defined by no VTIMEZONE in this file and is not an IANA zone")
        }
    }
}
