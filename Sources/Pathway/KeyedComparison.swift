/// Pairs the items of an old and a new list by a key and says what became of each: added, removed, changed or
/// unchanged. It is the one comparison behind "what changed": calendar events by UID (`ahsct calendars`), patients
/// by pseudonym and their steps by step id (`ahsct changes`, `ahsct record`).
///
/// Worked case: old `[a:1, b:2, c:3]`, new `[b:2, c:4, d:5]`, keyed by letter and compared by number, gives
/// `b` unchanged, `c` changed (3 → 4), `d` added, and then `a` removed — new items in their new order, then the
/// removed ones in their old order.
public struct KeyedComparison<Key: Hashable, Item> {
    /// What became of one key.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Only in the new list.
        case added
        /// Only in the old list.
        case removed
        /// In both, not the same.
        case changed
        /// In both, the same.
        case unchanged
    }

    /// One key's old and new item.
    public struct Pair {
        /// The item in the old list (`nil` when added).
        public var old: Item?
        /// The item in the new list (`nil` when removed).
        public var new: Item?
        /// What became of it.
        public var kind: Kind
    }

    /// The new list's items in its order, then the removed items in the old list's order. Keys are meant to be
    /// unique in each list: a key twice in the old list keeps its last item; twice in the new list, it is paired twice.
    public var pairs: [Pair]

    /// Compares `old` with `new`, pairing items with equal `key` and judging pairs with `same`. Keys are unique
    /// within each list (a later duplicate is treated as the same key's item and wins).
    public init(old: [Item], new: [Item], key: (Item) -> Key, same: (Item, Item) -> Bool) {
        var previous: [Key: Item] = [:]
        for item in old { previous[key(item)] = item }
        var pairs: [Pair] = []
        var seen = Set<Key>()
        for item in new {
            let itemKey = key(item)
            seen.insert(itemKey)
            if let before = previous[itemKey] {
                pairs.append(Pair(old: before, new: item, kind: same(before, item) ? .unchanged : .changed))
            } else {
                pairs.append(Pair(old: nil, new: item, kind: .added))
            }
        }
        var removedSeen = Set<Key>()
        for item in old where !seen.contains(key(item)) && removedSeen.insert(key(item)).inserted {
            pairs.append(Pair(old: previous[key(item)], new: nil, kind: .removed))
        }
        self.pairs = pairs
    }

    /// The pairs of one kind.
    public func pairs(_ kind: Kind) -> [Pair] { pairs.filter { $0.kind == kind } }

    /// Whether anything was added, removed or changed.
    public var hasChanges: Bool { pairs.contains { $0.kind != .unchanged } }
}

extension KeyedComparison: Sendable where Key: Sendable, Item: Sendable {}
extension KeyedComparison.Pair: Sendable where Item: Sendable {}
