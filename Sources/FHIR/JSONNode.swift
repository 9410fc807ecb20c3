import Locations

/// One JSON value as read, with where it starts in the file: what the bundle reader needs to say
/// `bundle.json:12:7: … at Bundle.entry[3].resource.start` (Foundation's `JSONSerialization` keeps no places).
///
/// Objects keep their members in file order, each with the place of its key. Numbers keep their text, as FHIR
/// decimals keep their precision.
public struct JSONNode: Sendable, Hashable {
    /// The kinds of JSON value.
    public enum Value: Sendable, Hashable {
        /// `{…}`: members in file order.
        case object([Member])
        /// `[…]`.
        case array([JSONNode])
        /// A string, unescaped.
        case string(String)
        /// A number, as written (`12`, `-0.5e3`).
        case number(String)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null
    }

    /// One member of an object.
    public struct Member: Sendable, Hashable {
        /// The key, unescaped.
        public var key: String
        /// Where the key starts (its opening quote).
        public var keyLocation: SourceLocation
        /// The value.
        public var value: JSONNode
    }

    /// The value.
    public var value: Value
    /// Where it starts (its first character).
    public var location: SourceLocation

    /// The member `key` of an object (`nil`: absent, or not an object).
    public subscript(key: String) -> JSONNode? {
        guard case let .object(members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The members of an object (empty for any other value).
    public var members: [Member] {
        if case let .object(members) = value { return members }
        return []
    }

    /// The string, if this is one.
    public var string: String? {
        if case let .string(text) = value { return text }
        return nil
    }

    /// The items, if this is an array.
    public var array: [JSONNode]? {
        if case let .array(items) = value { return items }
        return nil
    }

    /// "a string", "an object", …: what this is, for messages.
    public var kind: String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "null"
        }
    }
}
