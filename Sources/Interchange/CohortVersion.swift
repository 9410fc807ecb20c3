/// Which version of a cohort file a form was made on: its length and a 64-bit FNV-1a hash of its bytes, as text
/// (`"8153-9f3c…"`). The console puts it in every form; ``CohortRecorder`` refuses a change made on another version
/// (``CohortRecorder/Refusal/stale(current:)``), so nobody confirms a preview of a file that has changed since.
///
/// It tells versions apart; it is not a secret and not a defence against someone crafting a collision (whoever can
/// post the form can change the cohort anyway).
public enum CohortVersion {
    /// The version of `bytes`: `CohortVersion.of(Array("a".utf8))` is `"1-af63dc4c8601ec8c"`.
    public static func of(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\(bytes.count)-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
