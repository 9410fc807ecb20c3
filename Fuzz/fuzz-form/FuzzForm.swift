// libFuzzer target: what the console parses from a request (form bodies, the Cookie header) must never crash,
// whatever the bytes (`make fuzz`); a body is either fields of valid text or a refusal with a code. Built with
// `-sanitize=fuzzer,address -DFUZZING` by Fuzz/run.sh; a plain build replays files (`fuzz-form FILE…`).
import FuzzSupport
import WebForm

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForm(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let body = try FormBody(bytes: bytes, limit: 16_384)
        // Every field read is text without NULs.
        precondition(body.fields.allSatisfy { !$0.key.isEmpty && !$0.key.contains("\u{0}") && !$0.value.contains("\u{0}") })
    } catch {
        precondition(!error.code.isEmpty)
    }
    let header = String(decoding: bytes, as: UTF8.self)
    if let value = CookieHeader.value(of: "ahsct_session", in: header) {
        precondition(!value.isEmpty && value.count <= 128)
    }
    return 0
}

#if FUZZING
@_cdecl("fuzz_form_main")
func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.runFuzzer(argc, argv) { fuzzForm($0, $1) }
}
#else
@main
struct Replay {
    static func main() throws { try FuzzSupport.replay { fuzzForm($0, $1) } }
}
#endif
