// libFuzzer target: the iCalendar reader must never crash, whatever the bytes (`make fuzz`).
// Built with `-sanitize=fuzzer,address -DFUZZING` by Fuzz/run.sh; a plain build replays files (`fuzz-ics FILE…`).
import FuzzSupport
import ICalendar
import Calendrical

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzICalendar(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let reader = CalendarReader()
    if let document = try? reader.read(bytes: bytes, file: "fuzz.ics") {
        _ = document.events.count
        _ = try? reader.occurrences(bytes: bytes, file: "fuzz.ics",
                                    from: CalendarDate(year: 2026, month: 1, day: 1)!,
                                    to: CalendarDate(year: 2027, month: 12, day: 31)!)
    }
    return 0
}

#if FUZZING
@_cdecl("fuzz_ics_main")
func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.runFuzzer(argc, argv) { fuzzICalendar($0, $1) }
}
#else
@main
struct Replay {
    static func main() throws { try FuzzSupport.replay { fuzzICalendar($0, $1) } }
}
#endif
