//! Memory that a flood leaves behind (issue 10, item 1).
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
