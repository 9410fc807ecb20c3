import Calendrical
import ICalendar
import Pathway

/// One fact a coordinator records about a patient, and the cohort-file edits that write it.
///
/// Facts come from the command line (`ahsct record COHORT --patient P-0001 apheresis 2026-11-12`) and are checked
/// word by word before anything is written: dates must be real, steps and checklist items known, numbers in range.
/// Each fact becomes one or more ``CohortEditor/Edit``s whose values are built here from checked parts only.
///
/// | words after STEP | fact | written as |
/// |---|---|---|
/// | `conditioning 2027-01-04 --confirmed` | a step's date | `conditioning: {date: 2027-01-04, confirmed: true}` |
/// | `evaluation 2027-01-12 --time 09:30-10:15` | a booked time | `evaluation: {date: 2027-01-12, time: "09:30-10:15"}` |
/// | `committee-answer 2026-12-01 --outcome declined` | the answer | `committee-answer: {date: 2026-12-01, outcome: declined}` |
/// | `apheresis 2026-11-12` | a session (appended) | `apheresis: [2026-11-10, 2026-11-11, 2026-11-12]` |
/// | `fertility-preservation 2026-10-20` | preservation done | `fertility-preservation: {wanted: true, done: 2026-10-20}` |
/// | `fertility-preservation wanted no` | whether it is wanted | `fertility-preservation: {wanted: false}` |
/// | `unavailable 2027-01-18 2027-01-22` | a period away (appended) | `unavailable: [{from: 2027-01-18, to: 2027-01-22}]` |
/// | `bags 12` | the number of bags | `bags: 12` |
/// | `eligibility new-mri-lesions yes` | a checklist answer | `eligibility: {…, new-mri-lesions: true}` |
public enum CohortFact: Sendable, Hashable {
    /// The date of a single-date step (all recordable steps but apheresis), confirmed or not, with the clock time
    /// booked for it when one is given; the committee's answer may carry its outcome.
    case date(StepID, CalendarDate, confirmed: Bool, outcome: PatientRecord.Outcome?, time: ClockSpan? = nil)
    /// Apheresis sessions, appended to those recorded.
    case sessions([CalendarDate])
    /// Every apheresis session, in date order, in place of those recorded: for a session that comes before the last
    /// one recorded (the FHIR import learns of sessions in any order; appending keeps the order checked).
    case sessionList([CalendarDate])
    /// Fertility preservation done on a day.
    case fertilityDone(CalendarDate)
    /// Whether fertility preservation is wanted.
    case fertilityWanted(Bool)
    /// A period the patient is away (both ends included).
    case unavailable(from: CalendarDate, to: CalendarDate)
    /// The number of stem-cell bags.
    case bags(Int)
    /// One answer of the eligibility checklist.
    case eligibility(item: String, answer: Bool)

    /// A command-line word that is not what was expected; `argument` is its position among the fact's words
    /// (0 for STEP).
    public struct ArgumentError: Error, Sendable, Hashable, CustomStringConvertible {
        /// Which word (0: STEP, 1: the first value, …), or `nil` for an option.
        public var argument: Int?
        /// The word itself.
        public var word: String
        /// A stable code (`invalid_date`, `invalid_argument`).
        public var code: InputErrorCode
        /// What is wrong and what was expected.
        public var message: String

        public var description: String {
            "argument '\(word)': error: \(message) [\(code.rawValue)]"
        }
    }

    /// What may follow `ahsct record … --patient ID`: the recordable steps and the other fields.
    public static let fields: [String] = StepID.allCases.filter(\.isRecordable).map(\.rawValue)
        + ["fertility-preservation", "unavailable", "bags", "eligibility"]

    /// The facts that `STEP VALUE…` and the options say.
    ///
    /// `--bags` may go with any step (a harvest and its bag count together); `--confirmed` and `--time`
    /// (`HH:MM` or `HH:MM-HH:MM`) only with a single-date step; `--outcome` only with `committee-answer`;
    /// `--from/--to` stand for the two dates of `unavailable`.
    public static func parse(step: String, values: [String], confirmed: Bool = false,
                             outcome: PatientRecord.Outcome? = nil, bags: Int? = nil, from: String? = nil,
                             to: String? = nil, time: String? = nil) throws(ArgumentError) -> [CohortFact] {
        func fail(_ index: Int?, _ word: String, _ message: String,
                  _ code: InputErrorCode = .invalidArgument) -> ArgumentError {
            ArgumentError(argument: index, word: word, code: code, message: message)
        }
        func date(_ index: Int) throws(ArgumentError) -> CalendarDate {
            try Self.date(values[index], argument: index + 1)
        }
        func count(_ expected: Int, _ what: String) throws(ArgumentError) {
            guard values.count == expected else {
                let word = values.count > expected ? values[expected] : step
                throw fail(values.count > expected ? expected + 1 : 0, word,
                           "\(step) takes \(what); got \(values.count) value\(values.count == 1 ? "" : "s")")
            }
        }
        guard fields.contains(step) else {
            let hint = YAMLReader.nearest(step, in: fields).map { " (did you mean '\($0)'?)" } ?? ""
            throw fail(0, step, "unknown field\(hint); expected one of \(fields.joined(separator: ", "))")
        }
        let single = StepID(rawValue: step).flatMap { $0 == .apheresis ? nil : $0 }
        if confirmed, single == nil { throw fail(nil, "--confirmed", "only a step's single date can be confirmed, not \(step)") }
        if time != nil, single == nil {
            throw fail(nil, "--time", "only a step's single date can have a booked time, not \(step) (apheresis sessions take the site's times: {apheresis: …})")
        }
        if outcome != nil, single != .committeeAnswer {
            throw fail(nil, "--outcome", "the outcome belongs to committee-answer, not \(step)")
        }
        if (from != nil || to != nil), step != "unavailable" {
            throw fail(nil, from != nil ? "--from" : "--to", "--from and --to belong to unavailable, not \(step)")
        }
        var facts: [CohortFact] = []
        if let single {
            try count(1, "one date (YYYY-MM-DD)")
            let day = try date(0)
            var span: ClockSpan?
            if let time { span = try clockSpan(time) }
            facts = [.date(single, day, confirmed: confirmed, outcome: outcome, time: span)]
        } else {
            switch step {
            case StepID.apheresis.rawValue:
                guard !values.isEmpty else { throw fail(0, step, "apheresis takes one or more session dates") }
                var sessions: [CalendarDate] = []
                for index in values.indices { sessions.append(try date(index)) }
                facts = [.sessions(sessions)]
            case "fertility-preservation":
                if values.count == 1 {
                    facts = [.fertilityDone(try date(0))]
                } else if values.count == 2, values[0] == "done" {
                    facts = [.fertilityDone(try date(1))]
                } else if values.count == 2, values[0] == "wanted" {
                    facts = [.fertilityWanted(try answer(values[1], argument: 2))]
                } else {
                    throw fail(values.isEmpty ? 0 : 1, values.first ?? step,
                               "fertility-preservation takes DATE, 'done DATE' or 'wanted yes|no'")
                }
            case "unavailable":
                let words = values + [from, to].compactMap { $0 }
                guard words.count == 2 else {
                    throw fail(0, step, "unavailable takes two dates, FROM and TO (or --from and --to)")
                }
                let first = try Self.date(words[0], argument: values.count > 0 ? 1 : nil)
                let last = try Self.date(words[1], argument: values.count > 1 ? 2 : nil)
                guard first <= last else {
                    throw fail(values.count > 1 ? 2 : nil, words[1], "the period ends (\(last)) before it starts (\(first))")
                }
                facts = [.unavailable(from: first, to: last)]
            case "bags":
                try count(1, "one number")
                facts = [.bags(try number(values[0], argument: 1))]
            case "eligibility":
                try count(2, "an item and yes or no")
                let items = Eligibility.items.map(\.key)
                guard items.contains(values[0]) else {
                    throw fail(1, values[0], "unknown checklist item; expected one of \(items.joined(separator: ", "))")
                }
                facts = [.eligibility(item: values[0], answer: try answer(values[1], argument: 2))]
            default:
                throw fail(0, step, "unknown field")
            }
        }
        if let bags {
            guard (1...1000).contains(bags) else { throw fail(nil, String(bags), "--bags takes a number from 1 to 1000") }
            if step != "bags" { facts.append(.bags(bags)) }
        }
        return facts
    }

    /// A real date in `YYYY-MM-DD`.
    static func date(_ word: String, argument: Int?) throws(ArgumentError) -> CalendarDate {
        guard let (year, month, day) = CalendarDate.isoParts(word) else {
            throw ArgumentError(argument: argument, word: word, code: .invalidDate,
                                message: "not a date; expected YYYY-MM-DD, e.g. 2027-01-04")
        }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            let what = (1...12).contains(month) ? "day \(day) does not exist in \(CalendarDate.monthNames[month - 1]) \(year)"
                : "there is no month \(month)"
            throw ArgumentError(argument: argument, word: word, code: .invalidDate,
                                message: "\(what); expected a real date YYYY-MM-DD")
        }
        guard (1900...2200).contains(year) else {
            throw ArgumentError(argument: argument, word: word, code: .dateOutOfRange,
                                message: "the year \(year) is outside 1900–2200, the years the working calendar knows")
        }
        return date
    }

    /// `HH:MM` or `HH:MM-HH:MM` on a 24-hour clock, ending after it starts and not in 02:00–03:00 (the hour that
    /// is missing or doubled when the clocks change), as the cohort reader takes a recorded time.
    static func clockSpan(_ word: String) throws(ArgumentError) -> ClockSpan {
        let message: String
        switch ClockSpan.checked(word, needsEnd: false) {
        case let .success(span):
            return span
        case .failure(.notATime):
            message = "--time takes HH:MM or HH:MM-HH:MM on a 24-hour clock, e.g. 09:30 or 09:30-10:15"
        case let .failure(.endsBeforeItStarts(end, atTheStart)):
            message = "the time ends (\(end)) \(atTheStart ? "as" : "before") it starts; expected an end after the start"
        case .failure(.clockChangeHour):
            message = "the time touches 02:00–03:00, the hour that is missing or doubled when the clocks change; choose another time"
        }
        throw ArgumentError(argument: nil, word: word, code: .invalidArgument, message: message)
    }

    static func answer(_ word: String, argument: Int) throws(ArgumentError) -> Bool {
        switch word.lowercased() {
        case "yes", "true", "ja": return true
        case "no", "false", "nee": return false
        default:
            throw ArgumentError(argument: argument, word: word, code: .invalidArgument, message: "expected yes or no")
        }
    }

    static func number(_ word: String, argument: Int) throws(ArgumentError) -> Int {
        guard let value = Int(word), (1...1000).contains(value) else {
            throw ArgumentError(argument: argument, word: word, code: .invalidArgument,
                                message: "expected a number of bags from 1 to 1000")
        }
        return value
    }

    // MARK: Edits

    /// The edits that write this fact into a cohort file, given the value already at a path (`current`).
    public func edits(current: ([String]) -> String?) -> [CohortEditor.Edit] {
        func before(_ step: StepID) -> [String] {
            ["id", "name", "language"] + StepID.allCases.filter { $0 < step && $0.isRecordable }.map(\.rawValue)
        }
        switch self {
        case let .date(step, day, confirmed, outcome, time):
            var parts = ["date: \(day)"]
            // A moved appointment has no booked time until one is given; the same date again keeps its time.
            let sameDay = current([step.rawValue, "date"]) == day.description
            let keptTime = sameDay ? current([step.rawValue, "time"]).flatMap(ClockSpan.init(text:)) : nil
            if let time = time ?? keptTime { parts.append("time: \"\(time)\"") }
            if confirmed { parts.append("confirmed: true") }
            // A new date for the answer keeps a recorded outcome unless another is given: moving a declined answer's
            // date must not silently make it approved.
            let kept = current([step.rawValue, "outcome"]).flatMap(PatientRecord.Outcome.init(rawValue:))
            if let outcome = outcome ?? (step == .committeeAnswer ? kept : nil) { parts.append("outcome: \(outcome.rawValue)") }
            let value = parts.count == 1 ? day.description : "{\(parts.joined(separator: ", "))}"
            return [.set([step.rawValue], value, after: before(step))]
        case let .sessions(days):
            return days.map { .append([StepID.apheresis.rawValue], $0.description, after: before(.apheresis)) }
        case let .sessionList(days):
            return [.set([StepID.apheresis.rawValue], "[\(days.map(\.description).joined(separator: ", "))]",
                         after: before(.apheresis))]
        case let .fertilityDone(day):
            guard current(["fertility-preservation"]) != nil else {
                return [.set(["fertility-preservation"], "{wanted: true, done: \(day)}", after: before(.mobilisation))]
            }
            var edits: [CohortEditor.Edit] = [.set(["fertility-preservation", "done"], day.description)]
            if current(["fertility-preservation", "wanted"]) != "true" {
                edits.append(.set(["fertility-preservation", "wanted"], "true"))
            }
            return edits
        case let .fertilityWanted(wanted):
            return [.set(["fertility-preservation", "wanted"], String(wanted), after: before(.mobilisation))]
        case let .unavailable(from, to):
            return [.append(["unavailable"], "{from: \(from), to: \(to)}")]
        case let .bags(count):
            return [.set(["bags"], String(count), after: before(.reinfusion))]
        case let .eligibility(item, answer):
            return [.set(["eligibility", item], String(answer))]
        }
    }
}
