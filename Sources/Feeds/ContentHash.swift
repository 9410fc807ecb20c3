import Crypto
import Foundation

/// The SHA-256 of some bytes: what tells two versions of a feed body (or of a watched file) apart without keeping
/// both. A plain value; the server spells it as a strong `ETag`, Feeds knows nothing of HTTP.
///
/// FIPS 180-2's first example, the three bytes `abc`:
///
/// ```swift
/// ContentHash(of: Array("abc".utf8)).hex        // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ContentHash(of: Array("abc".utf8)).base64URL  // "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0"
/// ```
public struct ContentHash: Sendable, Hashable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// The hash of `data`.
    public init(of data: some DataProtocol) {
        bytes = Array(SHA256.hash(data: data))
    }

    /// Lowercase hexadecimal, 64 characters.
    public var hex: String { FeedDigest(bytes: bytes).hex }

    /// RFC 4648 §5 base64url without padding, 43 characters (safe in a header, a path or a quoted string).
    public var base64URL: String { Base64URL.encode(bytes) }

    /// The hexadecimal form.
    public var description: String { hex }
}
