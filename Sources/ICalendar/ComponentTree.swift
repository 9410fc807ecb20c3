internal import CLibical

/// The single owner of a libical component tree: frees it when it goes away.
///
/// Adding a child to a parent hands the child's ownership to the parent; ``release()`` gives the pointer
/// up for exactly that, so a tree is never freed twice. Never stored outside this module.
struct ComponentTree: ~Copyable {
    /// The root `icalcomponent *`.
    let pointer: OpaquePointer

    /// Takes ownership of a freshly made or parsed component.
    init(owning pointer: OpaquePointer) { self.pointer = pointer }

    /// A new empty component of a kind.
    init(kind: icalcomponent_kind) { self.pointer = icalcomponent_new(kind) }

    /// Gives up ownership (for adding to a parent, which then frees it).
    consuming func release() -> OpaquePointer {
        let pointer = self.pointer
        discard self
        return pointer
    }

    deinit { icalcomponent_free(pointer) }
}

/// Copies a libical `_r` string into Swift and frees the buffer.
func takeString(_ buffer: UnsafeMutablePointer<CChar>?) -> String {
    guard let buffer else { return "" }
    defer { icalmemory_free_buffer(buffer) }
    return String(cString: buffer)
}

/// Copies a borrowed C string (owned by a property or value) into Swift.
func copyString(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
}
