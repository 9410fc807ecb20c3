#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator, set for a server that re-plans a large cohort now and then and answers small requests in
/// between. Two calls of glibc's own (`malloc.h`, which Swift's Glibc module leaves out), looked up by name; on
/// another C library both do nothing.
///
/// On a 2,000-patient cohort a re-plan allocates about 100 MB for a second (the ward's and staff's calendars as
/// text, the report's figures) and frees it. With glibc's default of up to eight arenas per core, each thread that
/// took part keeps its share, and the server's resident size grows with every re-plan; measured with
/// `make bench-console`, two arenas and a trim after each re-plan brought the peak from 274 MB to 236 MB.
enum SystemMemory {
    /// At most two arenas (`mallopt(M_ARENA_MAX, 2)`): call once, before the server starts its threads.
    static func limitArenas() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let arenaMax: Int32 = -8  // M_ARENA_MAX
        if let symbol = dlsym(nil, "mallopt") { _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, 2) }
        #endif
    }

    /// Gives the memory freed since the last call back to the system (`malloc_trim(0)`): after a re-plan, when the
    /// replaced snapshot and the re-plan's scratch are gone.
    static func returnFreed() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
        #endif
    }
}
