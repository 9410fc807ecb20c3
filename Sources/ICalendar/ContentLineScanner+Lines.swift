import Locations
import Foundation

/// Content lines as positions in the text: unfolding (RFC 5545 §3.1), names, values, parameters and locations.
///
/// Nothing here copies the text. A line without folds is a view of the bytes it sits in; only a folded line is put
/// together in a scratch buffer, since a fold may split a UTF-8 character and the checks want it whole. A line's
/// physical pieces are found again from its positions when an error must be located, which is rare, so the scan
/// keeps no table of them.
///
/// ```
/// DESCRIPTION:Afspraak 0 in het kader van de stamceltransplantatie\, graag ⏎
///  15 minuten eerder aanwezig.⏎
/// ```
/// is one line of two pieces: the second starts one byte into its physical line (after the space), and a byte of
/// it at unfolded offset 80 sits at column 2 + (80 − 73) = 9 of that line.
extension ContentLineScanner {
    /// One unfolded content line, as positions in the text.
    struct RawLine {
        /// Offset of the line's first byte.
        var start: Int
        /// Offset just past its content on its last physical line (before CR LF or LF).
        var contentEnd: Int
        /// Offset of what follows the line (past its last LF).
        var next: Int
        /// The physical line (1-based) it starts on.
        var line: Int
        /// How many continuation lines were folded into it.
        var folds: Int
        /// The unfolded length in bytes.
        var count: Int
    }

    /// One unfolded content line with its bytes copied out, for the rare paths that want them (locating libical's
    /// errors).
    struct Line {
        /// Where the line is in the text.
        var raw: RawLine
        /// The unfolded bytes (folds removed).
        var bytes: [UInt8]
        /// Byte offset of the value (after the first `:` outside quotes), if any.
        var valueStart: Int?
        /// The upper-cased property name.
        var name: String
    }

    /// Walks the physical lines of a text (split on LF, a CR before it dropped) and joins continuation lines
    /// (those starting with a space or tab) to the line they continue. An empty physical line ends a line and is
    /// no line itself; a space-led line right after it starts a new line.
    struct LineWalker {
        let text: UnsafeBufferPointer<UInt8>
        private(set) var position = 0
        /// Physical lines seen so far, and where the last one starts (for "the file ends here" locations).
        private(set) var physicalLines = 0
        private(set) var lastLineStart = 0

        init(_ text: UnsafeBufferPointer<UInt8>) { self.text = text }

        /// The end of the physical line starting at `start`: its LF, or the end of the text.
        private func lineFeed(from start: Int) -> Int {
            guard start < text.count, let base = text.baseAddress else { return text.count }
            guard let found = memchr(base + start, 0x0A, text.count - start) else { return text.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }

        /// Where the content of the physical line `start..<end` ends: before one CR ending it.
        private func contentEnd(_ start: Int, _ end: Int) -> Int {
            end > start && text[end - 1] == 0x0D ? end - 1 : end
        }

        mutating func next() -> RawLine? {
            while position < text.count {
                let start = position
                let end = lineFeed(from: start)
                let content = contentEnd(start, end)
                physicalLines += 1
                lastLineStart = start
                position = end + 1
                if content == start { continue }  // an empty line
                var line = RawLine(start: start, contentEnd: content, next: 0, line: physicalLines, folds: 0,
                                   count: content - start)
                while position < text.count && (text[position] == 0x20 || text[position] == 0x09) {
                    let pieceStart = position
                    let pieceEnd = lineFeed(from: pieceStart)
                    let pieceContent = contentEnd(pieceStart, pieceEnd)
                    physicalLines += 1
                    lastLineStart = pieceStart
                    position = pieceEnd + 1
                    line.folds += 1
                    line.count += pieceContent - (pieceStart + 1)
                    line.contentEnd = pieceContent
                }
                line.next = min(position, text.count)
                return line
            }
            return nil
        }
    }

    /// Calls `body` with each physical piece of a line: the range of its content in the text (the fold's space or tab
    /// left out), the physical line's number and start, how far into that line the content starts (0 or 1), and the
    /// piece's offset in the unfolded line.
    static func forEachPiece(of line: RawLine, in text: UnsafeBufferPointer<UInt8>,
                             _ body: (_ content: Range<Int>, _ line: Int, _ lineStart: Int, _ byteColumn: Int, _ offset: Int) -> Void) {
        var lineStart = line.start
        var contentStart = line.start
        var number = line.line
        var offset = 0
        for piece in 0...line.folds {
            var end = contentStart
            if piece == line.folds {
                end = line.contentEnd
            } else {
                while text[end] != 0x0A { end += 1 }
            }
            let feed = end
            if piece < line.folds && end > contentStart && text[end - 1] == 0x0D { end -= 1 }
            // A continuation piece may be just the fold character: its content is empty.
            let content = contentStart..<max(contentStart, end)
            body(content, number, lineStart, contentStart - lineStart, offset)
            offset += content.count
            lineStart = feed + 1
            contentStart = lineStart + 1
            number += 1
        }
    }

    /// The unfolded bytes of a folded line, into `scratch` (emptied first).
    static func unfold(_ line: RawLine, in text: UnsafeBufferPointer<UInt8>, into scratch: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        forEachPiece(of: line, in: text) { content, _, _, _, _ in
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[content]))
        }
    }

    /// Every line of the text, its bytes copied out, in order, until `body` returns `false`.
    func forEachLine(_ body: (Line) -> Bool) {
        bytes.withUnsafeBufferPointer { text in
            var walker = LineWalker(text)
            var scratch: [UInt8] = []
            while let raw = walker.next() {
                let unfolded: [UInt8]
                if raw.folds == 0 {
                    unfolded = Array(text[raw.start..<raw.contentEnd])
                } else {
                    Self.unfold(raw, in: text, into: &scratch)
                    unfolded = scratch
                }
                let (nameEnd, valueStart) = unfolded.withUnsafeBufferPointer(Self.nameAndValue)
                let name = String(decoding: unfolded[0..<nameEnd], as: UTF8.self).uppercased()
                if !body(Line(raw: raw, bytes: unfolded, valueStart: valueStart, name: name)) { return }
            }
        }
    }

    /// Where a line's property name ends (its first `:` or `;`) and its value starts (after the first `:` outside
    /// double quotes), if it has one.
    static func nameAndValue(_ bytes: UnsafeBufferPointer<UInt8>) -> (nameEnd: Int, valueStart: Int?) {
        var index = 0
        while index < bytes.count && bytes[index] != 0x3A && bytes[index] != 0x3B { index += 1 }
        let nameEnd = index
        var quoted = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 { quoted.toggle() }
            if byte == 0x3A && !quoted { return (nameEnd, index + 1) }
            index += 1
        }
        return (nameEnd, nil)
    }

    /// Calls `body` with each parameter of a line: the range of its name and of its value (double quotes around the
    /// value left out). `index` is where the parameters start: the length of the upper-cased property name.
    static func forEachParameter(in bytes: UnsafeBufferPointer<UInt8>, from index: Int, valueStart: Int,
                                 _ body: (_ name: Range<Int>, _ value: Range<Int>) -> Void) {
        var index = index
        while index < valueStart - 1 && bytes[index] == 0x3B {
            let nameStart = index + 1
            var equals = nameStart
            while equals < valueStart - 1 && bytes[equals] != 0x3D { equals += 1 }
            var end = equals + 1
            var quoted = false
            while end < valueStart - 1 && (quoted || bytes[end] != 0x3B) {
                if bytes[end] == 0x22 { quoted.toggle() }
                end += 1
            }
            var valueFrom = min(equals + 1, end)
            var valueTo = end
            if valueTo - valueFrom >= 2 && bytes[valueFrom] == 0x22 && bytes[valueTo - 1] == 0x22 {
                valueFrom += 1
                valueTo -= 1
            }
            body(nameStart..<equals, valueFrom..<valueTo)
            index = end
        }
    }

    /// The parameters of a line, by upper-cased name, with the byte offset of each value (the last one of a name
    /// wins).
    func parameters(of line: Line) -> [String: (value: String, offset: Int)] {
        var result: [String: (value: String, offset: Int)] = [:]
        guard let valueStart = line.valueStart else { return result }
        line.bytes.withUnsafeBufferPointer { bytes in
            Self.forEachParameter(in: bytes, from: line.name.utf8.count, valueStart: valueStart) { name, value in
                let key = String(decoding: bytes[name], as: UTF8.self).uppercased()
                result[key] = (String(decoding: bytes[value], as: UTF8.self), value.lowerBound)
            }
        }
        return result
    }

    /// The value text of a line.
    func value(of line: Line) -> String {
        guard let start = line.valueStart else { return "" }
        return String(decoding: line.bytes[start...], as: UTF8.self)
    }

    /// The physical location of a byte offset in an unfolded line: the last piece starting at or before it.
    func location(in line: Line, offset: Int) -> SourceLocation { location(in: line.raw, offset: offset) }

    func location(in line: RawLine, offset: Int) -> SourceLocation {
        bytes.withUnsafeBufferPointer { text in
            var found = (line: line.line, lineStart: line.start, byteColumn: 0, offset: 0)
            Self.forEachPiece(of: line, in: text) { _, number, lineStart, byteColumn, pieceOffset in
                if pieceOffset <= offset { found = (number, lineStart, byteColumn, pieceOffset) }
            }
            let byte = found.lineStart + found.byteColumn + (offset - found.offset)
            return SourceLocation(file: file, line: found.line,
                                  column: Self.column(of: byte, lineStart: found.lineStart, in: text))
        }
    }

    /// 1-based column of a byte offset: Unicode scalars from the line start, plus one.
    static func column(of offset: Int, lineStart: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        var index = lineStart
        while index < offset && index < text.count {
            if text[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }
}
