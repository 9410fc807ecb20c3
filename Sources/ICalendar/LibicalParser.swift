import Foundation
internal import CLibical

/// libical's parser run over pieces of a text in place: no copy of the text, no terminating NUL.
///
/// `icalparser_parse_string` hands its parser one line at a time from a C string (`icalparser_string_line_generator`:
/// up to and including the next LF, at most the size the parser asks for). This feeds the parser the same way from
/// byte ranges of the text instead, one after the other, so a VCALENDAR can be parsed without its VEVENTs and each
/// VEVENT on its own: with the lines 1–9 and 20–23 of
///
/// ```
///  1 BEGIN:VCALENDAR            10 BEGIN:VEVENT … 19 END:VEVENT
///  …                            20 BEGIN:VTIMEZONE … 22 END:VTIMEZONE
///  9 X-WR-TIMEZONE:Europe/…     23 END:VCALENDAR
/// ```
///
/// libical builds the calendar with its properties and its VTIMEZONE, and with lines 10–19 the VEVENT alone.
/// Every range must start at the start of a line and end past an LF (or at the end of the text).
enum LibicalParser {
    /// The component(s) libical makes of the ranges, as `icalparser_parse_string` would of their text laid end to end
    /// (an XROOT holding them when there are several); `nil` when it makes none. The caller owns the result.
    static func parse(_ text: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) -> OpaquePointer? {
        guard let base = text.baseAddress, let parser = icalparser_new() else { return nil }
        defer { icalparser_free(parser) }
        return ranges.withUnsafeBufferPointer { ranges in
            var feed = Feed(base: base, ranges: ranges)
            return withUnsafeMutablePointer(to: &feed) { pointer in
                icalparser_set_gen_data(parser, pointer)
                return icalparser_parse(parser, feedLine)
            }
        }
    }

}

/// Where the feed is: the text, the ranges, the current one and the position in it.
private struct Feed {
    let base: UnsafePointer<UInt8>
    let ranges: UnsafeBufferPointer<Range<Int>>
    var range = 0
    var position: Int

    init(base: UnsafePointer<UInt8>, ranges: UnsafeBufferPointer<Range<Int>>) {
        self.base = base
        self.ranges = ranges
        self.position = ranges.first?.lowerBound ?? 0
    }

    /// Copies the next line (up to and including its LF, at most `size - 1` bytes) into `out`, NUL-terminated, as
    /// `icalparser_string_line_generator` does; `nil` when the ranges are used up.
    mutating func next(into out: UnsafeMutablePointer<CChar>, size: Int) -> UnsafeMutablePointer<CChar>? {
        while range < ranges.count && position >= ranges[range].upperBound {
            range += 1
            if range < ranges.count { position = ranges[range].lowerBound }
        }
        guard range < ranges.count else { return nil }
        let available = min(ranges[range].upperBound - position, size - 1)
        var length = available
        if let feed = memchr(base + position, 0x0A, available) {
            length = (base + position).distance(to: feed.assumingMemoryBound(to: UInt8.self)) + 1
        }
        UnsafeMutableRawPointer(out).copyMemory(from: base + position, byteCount: length)
        out[length] = 0
        position += length
        return out
    }
}

/// The line generator libical calls; `data` is the ``Feed``.
private func feedLine(_ out: UnsafeMutablePointer<CChar>?, _ size: Int, _ data: UnsafeMutableRawPointer?)
    -> UnsafeMutablePointer<CChar>?
{
    guard let out, let data, size > 1 else { return nil }
    return data.assumingMemoryBound(to: Feed.self).pointee.next(into: out, size: size)
}
