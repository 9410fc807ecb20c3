import Dispatch

/// Work started on another thread now, its result waited for later: two parts of one publish side by side.
///
/// ```swift
/// let views = Background { conflictsAndReport(analysis) }   // starts on a global queue
/// let calendars = makeCalendars()                           // meanwhile, on this thread
/// let (console, report) = views.value                       // waits for it, once
/// ```
/// The result is read after the group's wait, which orders the worker's write before the read (ThreadSanitizer
/// sees libdispatch's ordering).
final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = work()
            self.group.leave()
        }
    }

    /// The result, once `work` has finished (waits until then).
    var value: Value {
        group.wait()
        return result!
    }
}
