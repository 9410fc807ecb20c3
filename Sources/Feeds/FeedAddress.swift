/// Where a feed is reached on the server: the one place the shape of the capability addresses is spelled, for
/// `ahsct feeds issue` (which prints them), the server's router (which reads them) and the patient page's subscribe
/// links (which point at them).
///
/// | kind | path | opens |
/// |---|---|---|
/// | ``Kind/calendar`` | `/feeds/<secret>.ics` | a patient's, the ward's or a staff role's calendar |
/// | ``Kind/page`` | `/feeds/<secret>.html` | a patient's own page |
/// | ``Kind/report`` | `/report/<secret>.html` | the coordinators' report |
///
/// Reading a path checks its shape only: the part between the prefix and the suffix is kept as it stands (it may be
/// empty, or not a secret at all), and ``secret`` checks it. The server can so tell "a secret route with a wrong
/// secret" (rate-limited) from "no route at all".
///
/// ```swift
/// let address = FeedAddress(.calendar, secret: secret)   // path "/feeds/q3Zr….ics"
/// FeedAddress(path: "/feeds/q3Zr….html")?.kind           // .page
/// FeedAddress(path: "/feeds/a/b.ics")                    // nil: a secret never holds a slash
/// FeedAddress.Kind.page.template                          // "/feeds/{secret}.html", for the access log
/// ```
public struct FeedAddress: Sendable, Hashable, CustomStringConvertible {
    /// The three kinds of address.
    public enum Kind: Sendable, Hashable, CaseIterable {
        /// `/feeds/<secret>.ics`: a calendar.
        case calendar
        /// `/feeds/<secret>.html`: a patient's page.
        case page
        /// `/report/<secret>.html`: the coordinators' report.
        case report

        /// What comes before the secret.
        public var prefix: String {
            switch self {
            case .calendar, .page: "/feeds/"
            case .report: "/report/"
            }
        }

        /// What comes after it.
        public var suffix: String {
            switch self {
            case .calendar: ".ics"
            case .page, .report: ".html"
            }
        }

        /// The path with `{secret}` for the secret (`/feeds/{secret}.ics`): what logs write, never the secret.
        public var template: String { prefix + "{secret}" + suffix }

        /// Whether an address of this kind opens `subject`'s feed (a patient's secret opens their calendar and their
        /// page, never the report; the report's secret opens the report only).
        public func opens(_ subject: FeedSubject) -> Bool {
            switch (self, subject) {
            case (.calendar, .patient), (.calendar, .ward), (.calendar, .staff), (.page, .patient), (.report, .report): true
            default: false
            }
        }
    }

    /// Which kind.
    public let kind: Kind
    /// The secret's text as it stands in the path; ``secret`` checks it.
    public let secretText: String

    /// The address of `kind` for `secret`.
    public init(_ kind: Kind, secret: FeedSecret) {
        self.kind = kind
        self.secretText = secret.text
    }

    /// The address `subject`'s feed is issued at: the report's page for the report, the calendar for everyone else.
    public init(issuedFor subject: FeedSubject, secret: FeedSecret) {
        self.init(subject == .report ? .report : .calendar, secret: secret)
    }

    /// The address a raw (undecoded) path has the shape of, or `nil`: one of the prefixes, then text without a slash,
    /// then the kind's suffix. `%2e%2e%2f` stays what it is and can never be a secret.
    public init?(path: some StringProtocol) {
        let bytes = Array(path.utf8)
        for kind in Kind.allCases {
            let prefix = kind.prefix.utf8, suffix = kind.suffix.utf8
            guard bytes.count >= prefix.count + suffix.count, bytes.starts(with: prefix),
                  bytes[(bytes.count - suffix.count)...].elementsEqual(suffix) else { continue }
            let middle = bytes[prefix.count..<(bytes.count - suffix.count)]
            // "/feeds/a/b.ics" has no secret's shape; nor has "/feeds/x.ics/y.html" (kept from matching as a page).
            guard !middle.contains(UInt8(ascii: "/")) else { return nil }
            self.kind = kind
            self.secretText = String(decoding: middle, as: UTF8.self)
            return
        }
        return nil
    }

    /// The path, `/feeds/<secret>.ics`.
    public var path: String { kind.prefix + secretText + kind.suffix }

    /// The last part of the path, `<secret>.ics` (a download's file name).
    public var fileName: String { secretText + kind.suffix }

    /// The secret, if the text in the path is one.
    public var secret: FeedSecret? { FeedSecret(text: secretText) }

    /// The same secret's address of another kind (the calendar behind a patient's page).
    public func with(_ kind: Kind) -> FeedAddress { FeedAddress(kind: kind, secretText: secretText) }

    /// The path.
    public var description: String { path }

    private init(kind: Kind, secretText: String) {
        self.kind = kind
        self.secretText = secretText
    }
}
