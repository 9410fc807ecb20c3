/// The `Cookie` request header, read strictly for one cookie: the console's session.
///
/// `CookieHeader.value(of: "ahsct_session", in: "theme=dark; ahsct_session=Zx3-_q")` is `"Zx3-_q"`. A cookie sent
/// twice under that name gives `nil` (a planted second cookie cannot choose the session), and so does a value
/// with characters outside base64url (`A–Z a–z 0–9 - _`) or longer than `maximumLength`.
public enum CookieHeader {
    /// The value of the cookie `name` in the header `header`, or `nil`.
    public static func value(of name: String, in header: String, maximumLength: Int = 128) -> String? {
        var found: String?
        for piece in header.split(separator: ";") {
            let pair = piece.drop { $0 == " " || $0 == "\t" }
            guard let equals = pair.firstIndex(of: "="), pair[pair.startIndex..<equals] == Substring(name) else { continue }
            guard found == nil else { return nil }
            var value = pair[pair.index(after: equals)...]
            while value.last == " " || value.last == "\t" { value = value.dropLast() }
            found = String(value)
        }
        guard let found, !found.isEmpty, found.count <= maximumLength,
              found.unicodeScalars.allSatisfy(base64url.contains) else { return nil }
        return found
    }

    private static let base64url = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".unicodeScalars)
}
