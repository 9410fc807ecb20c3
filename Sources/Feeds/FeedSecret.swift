import Crypto

/// The secret part of a feed's address (a *capability URL*: calendar clients cannot send a password, so the
/// address itself is the key): 256 bits from the system's cryptographic random source, written as 43 characters of
/// base64url without padding.
///
/// Only its SHA-256 ``digest`` is ever stored. A request's secret is hashed and compared with every stored digest
/// in constant time (``FeedDigest/matches(_:)``), so neither the registry file nor response times give it away.
///
/// ```swift
/// let secret = FeedSecret.generate()        // e.g. "q3Zr…" (43 characters)
/// let path = FeedAddress(.calendar, secret: secret).path   // "/feeds/q3Zr….ics", printed once
/// let stored = secret.digest.hex            // what the registry keeps
/// ```
public struct FeedSecret: Sendable {
    /// The 43-character base64url text.
    public let text: String

    /// The number of characters of a secret.
    public static let length = 43

    /// A new secret: 32 random bytes from BoringSSL's CSPRNG (seeded by the kernel's `getrandom`).
    public static func generate() -> FeedSecret {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        return FeedSecret(checked: Base64URL.encode(bytes))
    }

    /// The secret in `text`, or `nil` unless it is exactly 43 base64url characters (so `..`, `%2e` or a slash can
    /// never reach a lookup, let alone a file).
    public init?(text: some StringProtocol) {
        guard text.utf8.count == Self.length, text.utf8.allSatisfy(Base64URL.isAlphabet) else { return nil }
        self.text = String(text)
    }

    private init(checked text: String) { self.text = text }

    /// SHA-256 of the text's bytes.
    public var digest: FeedDigest { FeedDigest(bytes: Array(SHA256.hash(data: Array(text.utf8)))) }
}

/// A SHA-256 digest of a feed secret: what the registry stores.
public struct FeedDigest: Sendable, Hashable {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// Lowercase hexadecimal, 64 characters.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of 64 hexadecimal digits, or `nil`.
    public init?(hex: String) {
        let text = Array(hex.utf8)
        guard text.count == 64 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(text[index]), let low = Self.nibble(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Whether both digests are equal, in time that does not depend on where they differ (every byte is looked at).
    public func matches(_ other: FeedDigest) -> Bool {
        guard bytes.count == other.bytes.count else { return false }
        var difference: UInt8 = 0
        for index in bytes.indices { difference |= bytes[index] ^ other.bytes[index] }
        return difference == 0
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// RFC 4648 §5 base64url, without padding.
enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var chunk = UInt32(bytes[index]) << 16
            if count > 1 { chunk |= UInt32(bytes[index + 1]) << 8 }
            if count > 2 { chunk |= UInt32(bytes[index + 2]) }
            for position in 0...count { out.append(alphabet[Int((chunk >> (18 - 6 * UInt32(position))) & 0x3f)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
