// libFuzzer target: the FHIR bundle reader (its own JSON reader, then R4's structure) must never crash, whatever the
// bytes (`make fuzz`); every problem is a located InputError whose message names a JSON path. Built with
// `-sanitize=fuzzer,address -DFUZZING` by Fuzz/run.sh; a plain build replays files (`fuzz-fhir FILE…`).
import Calendrical
import Capacity
import FHIR
import FuzzSupport
import Pathway

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFHIR(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let entries = try FHIRBundleReader(file: "fuzz.json", zone: "Europe/Amsterdam").read(bytes)
        precondition(entries.allSatisfy { !$0.resourceType.isEmpty })
        // The mapping of what was read must not crash either. A resource is skipped once at most, but for a stay:
        // its start and its end each.
        let result = FHIRImport(site: site).map(entries, patients: patients, today: CalendarDate(daysSince1970: 20_400))
        precondition(result.skipped.count <= 2 * entries.count)
    } catch {
        precondition(!error.errors.isEmpty)
        precondition(error.errors.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
    }
    return 0
}

/// A site and one patient for the mapping (the import fixtures name P-0001 of this site's identifier system).
private let site = Site(name: "Amsterdam UMC, locatie VUmc")
private let patients = [PatientRecord(id: "P-0001", secondOpinion: CalendarDate(daysSince1970: 20_000))]

#if FUZZING
@_cdecl("fuzz_fhir_main")
func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.runFuzzer(argc, argv) { fuzzFHIR($0, $1) }
}
#else
@main
struct Replay {
    static func main() throws { try FuzzSupport.replay { fuzzFHIR($0, $1) } }
}
#endif
