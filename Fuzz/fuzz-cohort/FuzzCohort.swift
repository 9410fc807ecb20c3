// libFuzzer target: the cohort and protocol readers must never crash, whatever the bytes (`make fuzz`); every
// problem is a located InputError. Built with `-sanitize=fuzzer,address -DFUZZING` by Fuzz/run.sh; a plain build
// replays files.
import Interchange

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCohort(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        _ = try CohortReader().read(bytes: bytes, file: "fuzz.yaml", directory: "/nonexistent")
    } catch {
        // Every error must carry a location inside the file (or a named file it refers to).
        precondition(error.errors.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
    }
    _ = try? ProtocolReader().read(bytes: bytes, file: "fuzz-protocol.yaml")
    return 0
}

#if !FUZZING
import Foundation

/// Without libFuzzer (a plain `swift build`), the target replays inputs: `fuzz-cohort FILE…` runs each file
/// through the same function, as the fuzz fixtures' regression test does.
@main
struct Replay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            bytes.withUnsafeBufferPointer { buffer in
                _ = fuzzCohort(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            }
        }
    }
}
#endif

#if FUZZING
/// libFuzzer's driver, for a SwiftPM executable (whose entry point is `fuzz_cohort_main`, not `main`).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("fuzz_cohort_main")
func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
        fuzzCohort(data ?? UnsafePointer(bitPattern: 1)!, size)
    }
}
#endif
