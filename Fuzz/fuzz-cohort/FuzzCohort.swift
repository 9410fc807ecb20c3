// libFuzzer target: the cohort and protocol readers must never crash, whatever the bytes (`make fuzz`); every
// problem is a located InputError. Built with `-sanitize=fuzzer,address -DFUZZING` by Fuzz/run.sh; a plain build
// replays files (`fuzz-cohort FILE…`).
import FuzzSupport
import Interchange

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCohort(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        _ = try CohortReader().read(bytes: bytes, file: "fuzz.yaml", directory: "/nonexistent")
    } catch {
        // Every error must carry a location inside the file (or a named file it refers to).
        precondition(error.errors.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
    }
    _ = try? ProtocolReader().read(bytes: bytes, file: "fuzz-protocol.yaml")
    return 0
}

#if FUZZING
@_cdecl("fuzz_cohort_main")
func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.runFuzzer(argc, argv) { fuzzCohort($0, $1) }
}
#else
@main
struct Replay {
    static func main() throws { try FuzzSupport.replay { fuzzCohort($0, $1) } }
}
#endif
