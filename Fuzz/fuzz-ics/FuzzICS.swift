// libFuzzer target: the iCalendar reader must never crash, whatever the bytes (`make fuzz`).
// Built with `-sanitize=fuzzer,address -DFUZZING` by Fuzz/run.sh (libFuzzer provides main); a plain build replays files.
import ICalendar

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzICalendar(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reader = CalendarReader()
    if let document = try? reader.read(bytes: bytes, file: "fuzz.ics") {
        _ = document.events.count
        _ = try? reader.occurrences(bytes: bytes, file: "fuzz.ics",
                                    from: CalendarDate(year: 2026, month: 1, day: 1)!,
                                    to: CalendarDate(year: 2027, month: 12, day: 31)!)
    }
    return 0
}

#if !FUZZING
import Foundation

/// Without libFuzzer (a plain `swift build`), the target replays inputs: `fuzz-ics FILE…` runs each file
/// through the same function, as the fuzz fixtures' regression test does.
@main
struct Replay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            bytes.withUnsafeBufferPointer { buffer in
                _ = fuzzICalendar(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            }
        }
    }
}
#endif

#if FUZZING
/// libFuzzer's driver, for a SwiftPM executable (whose entry point is `fuzz_ics_main`, not `main`).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("fuzz_ics_main")
func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
        fuzzICalendar(data ?? UnsafePointer(bitPattern: 1)!, size)
    }
}
#endif
