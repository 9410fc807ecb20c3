import Foundation

/// What both fuzz targets share: libFuzzer's driver for a SwiftPM executable, and a replayer for a plain build.
///
/// A SwiftPM executable's entry point is `<target>_main`, not `main`, so libFuzzer's own `main` is never used: each
/// target exports its entry point and calls ``runFuzzer(_:_:_:)``. Without `-DFUZZING` the target is a small tool
/// that runs files through the same function (``replay(_:)``), which is how a finding is reproduced.
public enum FuzzSupport {
    /// The function libFuzzer calls with each input.
    public typealias Input = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    #if FUZZING
    /// Runs libFuzzer with the process's arguments (a build with `-sanitize=fuzzer -DFUZZING`).
    public static func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                 _ input: Input) -> CInt {
        var count = argc
        var arguments = argv
        return fuzzerDriver(&count, &arguments, input)
    }
    #endif

    /// Runs every file named on the command line through `input`.
    public static func replay(_ input: Input) throws {
        for path in CommandLine.arguments.dropFirst() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            _ = bytes.withUnsafeBufferPointer { input($0.baseAddress, $0.count) }
        }
    }
}

#if FUZZING
/// libFuzzer's driver, linked in with `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
func fuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                  _ callback: FuzzSupport.Input) -> CInt
#endif
