import Calendrical
import Capacity

/// The answer to "when is the earliest start that fits?" for one patient, and why earlier days do not.
///
/// ```
/// P-0002 — earliest dates that fit (expected view), as of Sun 2026-11-22
///   mobilisation day 1  Mon 2027-01-04
///   apheresis           Sat 2027-01-09
///   admission           Mon 2027-02-01
///   discharge           Sat 2027-02-27  (the bed is checked up to here)
/// Earlier days that do not fit:
///   mobilisation  Mon 2026-12-28 … Tue 2026-12-29   closed for daycare-chairs (closure …)
/// ```
public struct SlotReport: Sendable {
    /// The slot.
    public var slot: Slot
    /// The view the others' plans were read in.
    public var view: DemandView
    /// The day the search starts after.
    public var now: CalendarDate

    /// A report.
    public init(slot: Slot, view: DemandView, now: CalendarDate) {
        self.slot = slot
        self.view = view
        self.now = now
    }

    private func lines() -> [(String, String, String)] {
        [("mobilisation day 1", Format.day(slot.mobilisation), slot.mobilisationRecorded ? "recorded" : ""),
         ("apheresis", Format.day(slot.apheresis), ""),
         ("admission", Format.day(slot.admission), slot.admissionRecorded ? "recorded" : ""),
         ("discharge", Format.day(slot.discharge),
          view == .expected ? "expected; the bed is checked up to here" : "latest; the bed is checked up to here")]
    }

    private static func span(_ rejection: Slot.Rejection) -> String {
        rejection.from == rejection.to ? Format.day(rejection.from)
            : "\(Format.day(rejection.from)) … \(Format.day(rejection.to))"
    }

    /// For people.
    public func text() -> String {
        var out = "\(slot.patient) — earliest dates that fit (\(view.rawValue) view), as of \(Format.day(now))\n"
        for (what, day, note) in lines() {
            out += "  " + Format.padded(what, 20) + day + (note.isEmpty ? "" : "  (\(note))") + "\n"
        }
        if slot.rejections.isEmpty {
            out += "No earlier day was turned down.\n"
        } else {
            out += "Earlier days that do not fit:\n"
            for rejection in slot.rejections {
                out += "  " + Format.padded(rejection.step.rawValue, 14) + Format.padded(Self.span(rejection), 34)
                    + Words(.en).rejection(rejection.reason) + "\n"
            }
        }
        return TerminalText.fit(out)
    }

    /// For notes.
    public func markdown() -> String {
        var out = "# \(slot.patient): earliest dates that fit\n\n\(view.rawValue) view, as of \(Format.day(now)).\n\n"
        out += "| | date | |\n|---|---|---|\n"
        for (what, day, note) in lines() { out += "| \(what) | \(day) | \(note) |\n" }
        if !slot.rejections.isEmpty {
            out += "\n## Earlier days that do not fit\n\n| step | days | why |\n|---|---|---|\n"
            for rejection in slot.rejections {
                out += "| \(rejection.step.rawValue) | \(Self.span(rejection)) | \(Format.markdown(Words(.en).rejection(rejection.reason))) |\n"
            }
        }
        return out
    }

    /// For programs.
    public func json() -> String {
        JSONValue.object([
            ("patient", .string(slot.patient)),
            ("now", .string(now.description)),
            ("view", .string(view.rawValue)),
            ("mobilisation", .string(slot.mobilisation.description)),
            ("mobilisation-recorded", .bool(slot.mobilisationRecorded)),
            ("apheresis", .string(slot.apheresis.description)),
            ("admission", .string(slot.admission.description)),
            ("admission-recorded", .bool(slot.admissionRecorded)),
            ("discharge", .string(slot.discharge.description)),
            ("rejected", .array(slot.rejections.map { rejection in
                .object([
                    ("step", .string(rejection.step.rawValue)),
                    ("from", .string(rejection.from.description)),
                    ("to", .string(rejection.to.description)),
                    ("reason", .string(Words(.en).rejection(rejection.reason))),
                ])
            })),
        ]).text(indent: 2) + "\n"
    }
}
