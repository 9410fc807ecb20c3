import Calendrical
import Locations
internal import CLibical

/// One reading of a scanned file by libical, and the Swift values made from it while nothing was wrong.
///
/// libical's tree of a file is about ten times the size of its text (a 46 MB file of 75,000 events makes a 440 MB
/// tree), so a calendar is parsed in pieces: first the VCALENDAR without its VEVENTs (its properties, VTIMEZONEs and
/// anything else), then each VEVENT on its own, turned into an ``Event`` and freed (or, for expanding occurrences,
/// added to its calendar, which rebuilds the tree libical makes of the whole text). libical reads each line on its
/// own, the same wherever it stands, so the pieces hold the same components and X-LIC-ERRORs as the whole.
///
/// That rests on libical seeing the components the scanner saw. Where it may not, the text is read whole, at once,
/// which is exactly libical's own parse: when the scanner says so (``ContentLineScanner/canSplit``: a `begın` with a
/// dotless i, `END⏎:VEVENT` with a stray CR, a space-led line after an empty one), and when a piece surprises
/// (libical finds a VEVENT among the calendar's own lines, as it does in `BEGIN:VEVENT,X`, or makes something else or
/// nothing of a VEVENT).
struct LibicalReading: ~Copyable {
    /// The document; only complete when ``isClean`` and ``problems`` is empty.
    private(set) var document: CalendarDocument
    /// VEVENTs without UID or DTSTART, at their BEGIN lines.
    private(set) var problems: [Diagnostic] = []
    /// Whether libical made nothing of a piece (empty, garbage, truncated).
    private(set) var isUnparsable = false
    /// The X-LIC-ERRORs that are real errors, in all pieces.
    private(set) var errorCount = 0
    /// Whether libical saw the components differently from the scanner: then the pieces are not the calendar.
    private(set) var disagrees = false
    /// The calendars with their events, when asked for; owned here.
    private var roots: [OpaquePointer] = []

    var isClean: Bool { !isUnparsable && errorCount == 0 }

    /// The tree libical makes of the whole text (a VCALENDAR, or an XROOT holding several), when `keepingTree`
    /// was asked for and nothing disagreed; owned by this reading.
    var tree: OpaquePointer? { roots.first }

    /// Reads the scanned text in pieces, or `whole`, at once.
    init(_ scanner: ContentLineScanner, whole: Bool, keepingTree: Bool) {
        document = CalendarDocument(productID: "", method: nil)
        document.definedTimeZones = scanner.definedZones
        let layouts = whole ? [ContentLineScanner.CalendarLayout(range: 0..<scanner.bytes.count)] : scanner.calendars
        scanner.bytes.withUnsafeBufferPointer { text in
            for layout in layouts where !disagrees {
                read(layout, in: text, scanner: scanner, whole: whole, keepingTree: keepingTree)
            }
        }
        if roots.count > 1, let container = icalcomponent_new(ICAL_XROOT_COMPONENT) {
            // As libical holds several calendars of one text.
            for root in roots { icalcomponent_add_component(container, root) }
            roots = [container]
        }
    }

    deinit {
        for root in roots { icalcomponent_free(root) }
    }

    private mutating func read(_ layout: ContentLineScanner.CalendarLayout, in text: UnsafeBufferPointer<UInt8>,
                               scanner: ContentLineScanner, whole: Bool, keepingTree: Bool) {
        guard let calendar = parse(text, layout.ownRanges, whole: whole) else { return }
        var kept = false
        defer { if !kept { icalcomponent_free(calendar) } }
        if !whole && (icalcomponent_isa(calendar) != ICAL_VCALENDAR_COMPONENT
                      || icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT) != nil) {
            disagrees = true
            return
        }
        if isClean {
            for calendar in children(of: calendar, kind: ICAL_VCALENDAR_COMPONENT, includingSelf: true) {
                readProperties(of: calendar)
                // Only when read whole: in pieces, the VEVENTs come below.
                for vevent in children(of: calendar, kind: ICAL_VEVENT_COMPONENT, includingSelf: false) {
                    decode(vevent, scanner: scanner)
                }
            }
        }
        for range in layout.events {
            guard let vevent = parse(text, [range], whole: whole) else { return }
            guard icalcomponent_isa(vevent) == ICAL_VEVENT_COMPONENT else {
                icalcomponent_free(vevent)
                disagrees = true
                return
            }
            if isClean { decode(vevent, scanner: scanner) }
            if keepingTree {
                icalcomponent_add_component(calendar, vevent)
            } else {
                icalcomponent_free(vevent)
            }
        }
        if keepingTree {
            roots.append(calendar)
            kept = true
        }
    }

    /// libical's tree of some ranges of the text (owned by the caller), its errors counted; `nil` when libical
    /// makes nothing of them, which in pieces counts as a disagreement.
    private mutating func parse(_ text: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], whole: Bool) -> OpaquePointer? {
        guard let root = LibicalParser.parse(text, ranges: ranges) else {
            if whole { isUnparsable = true } else { disagrees = true }
            return nil
        }
        errorCount += LibicalErrorLocator.significantErrorCount(in: root)
        return root
    }

    /// PRODID, METHOD, X-WR-CALNAME and X-WR-TIMEZONE.
    private mutating func readProperties(of calendar: OpaquePointer) {
        var property = icalcomponent_get_first_property(calendar, ICAL_ANY_PROPERTY)
        while let current = property {
            switch icalproperty_isa(current) {
            case ICAL_PRODID_PROPERTY: document.productID = copyString(icalproperty_get_prodid(current)) ?? ""
            case ICAL_METHOD_PROPERTY: document.method = takeString(icalproperty_get_value_as_string_r(current))
            case ICAL_X_PROPERTY:
                let name = copyString(icalproperty_get_x_name(current))?.uppercased()
                let value = copyString(icalproperty_get_x(current))
                if name == "X-WR-CALNAME" { document.name = value }
                if name == "X-WR-TIMEZONE" { document.timeZone = value }
            default: break
            }
            property = icalcomponent_get_next_property(calendar, ICAL_ANY_PROPERTY)
        }
    }

    /// The next event; one without UID or DTSTART is reported at its BEGIN line and held by a placeholder, so the
    /// events stay in step with the scanner's BEGIN lines.
    private mutating func decode(_ vevent: OpaquePointer, scanner: ContentLineScanner) {
        let index = document.events.count
        let line = index < scanner.eventLines.count ? scanner.eventLines[index] : 1
        do throws(ICalendarParseError) {
            document.events.append(try EventDecoder.event(from: vevent, at: SourceLocation(file: scanner.file, line: line, column: 1)))
        } catch {
            problems += error.diagnostics
            document.events.append(Event(uid: "", summary: "", start: .allDay(CalendarDate(daysSince1970: 0))))
        }
    }
}
