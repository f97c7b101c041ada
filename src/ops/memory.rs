//! Memory the process keeps after a burst of allocations it has freed.
//!
//! Each password hash (argon2id) allocates ~19 MiB and frees it. glibc serves an
//! allocation that large by `mmap` and returns it on free, until the first such free:
//! then it raises its mmap threshold to that size (the "dynamic threshold"), and later
//! hashes come from the per-thread arenas, which keep the memory. Hashes run on the
//! blocking pool's many threads, over up to 8 arenas per core: a registration flood left
//! the service at ~410 MB resident (scripts/abuse.sh), and it never went down.
//! Setting the threshold explicitly turns the dynamic adjustment off: allocations of
//! 1 MiB and more are always mapped and always returned.

/// Allocations at least this large are mapped and unmapped on free.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1024 * 1024;

/// Call once, early (the command line does, before anything allocates much).
pub fn return_large_allocations() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes glibc's allocation policy; any value is accepted
    // (it returns 0 when it refuses one, and nothing changes).
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// Gives back to the system what the heap holds free. Each worker builds its app from
/// the handlers' declarations, which assemble that worker's share of the OpenAPI
/// document and drop it once the routes are registered: tens of thousands of small
/// allocations, freed into the worker thread's arena and kept there (about 26 MB of a
/// fresh service's 59 MB, measured with `malloc_trim` called from a debugger). Call it
/// when such a burst is over; it costs a walk of the free lists, nothing on later requests.
pub fn release_free_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages to the system; it touches no live
    // allocation (glibc takes each arena's lock while it walks it).
    unsafe {
        libc::malloc_trim(0);
    }
}
