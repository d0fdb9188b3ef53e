//! Takes a sleep in the kernel off .NET's start-up. When the runtime starts it registers the
//! process for private expedited `membarrier(2)` (CoreCLR's
//! `InitializeFlushProcessWriteBuffers`, which the GC uses to suspend threads). In a process
//! with more than one thread, as Node always is, the kernel makes that registration wait for
//! an RCU grace period (`synchronize_rcu` in `sync_runqueues_membarrier_state`): 10–15 ms
//! asleep on this 2-core machine, where a single-threaded host pays nothing (bench/PROFILE.md).
//!
//! The registration belongs to the process and is made once, so the addon makes it on a
//! thread of its own when it loads, while Node goes on with the program, and waits for that
//! thread before it starts the runtime: the runtime's own call then finds the registration
//! made and returns at once. (Left to race, the runtime's call would arrive during ours and
//! wait for a grace period of its own, the next one.) What registering changes: the kernel adds a
//! memory barrier when it switches to this process's threads, which the runtime asks for
//! anyway as soon as it starts. A kernel without the command, or a sandbox that refuses it,
//! fails the call; the failure is ignored, and the runtime decides as it would have.

use std::sync::{Mutex, MutexGuard, Once};
use std::thread::JoinHandle;

/// The registering thread, until someone waits for it.
static REGISTERING: Mutex<Option<JoinHandle<()>>> = Mutex::new(None);

fn registering() -> MutexGuard<'static, Option<JoinHandle<()>>> {
    REGISTERING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Registers the process, once, on a short-lived thread; returns at once. Elsewhere than
/// Linux (Windows has `FlushProcessWriteBuffers`) there is nothing to register.
pub fn register_in_background() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        if cfg!(all(
            target_os = "linux",
            any(target_arch = "x86_64", target_arch = "aarch64")
        )) {
            // No thread (out of resources): the runtime registers when it starts, as it
            // would without us.
            if let Ok(thread) = std::thread::Builder::new()
                .name("dotnet-host membarrier".into())
                .spawn(platform::register)
            {
                *registering() = Some(thread);
            }
        }
    });
}

/// Waits until the registration [`register_in_background`] started is made; at once if it
/// is (or was never started). Called before anything that may start the runtime.
pub fn wait_until_registered() {
    let thread = registering().take();
    if let Some(thread) = thread {
        // The thread only makes one system call; it cannot panic.
        let _ = thread.join();
    }
}

#[cfg(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64")))]
mod platform {
    use std::ffi::c_long;

    extern "C" {
        /// glibc's and musl's `syscall(2)` wrapper.
        fn syscall(number: c_long, ...) -> c_long;
    }

    /// `__NR_membarrier` (arch/x86/entry/syscalls/syscall_64.tbl).
    #[cfg(target_arch = "x86_64")]
    const SYS_MEMBARRIER: c_long = 324;
    /// `__NR_membarrier` (include/uapi/asm-generic/unistd.h).
    #[cfg(target_arch = "aarch64")]
    const SYS_MEMBARRIER: c_long = 283;
    /// `MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED` (include/uapi/linux/membarrier.h).
    const MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED: c_long = 1 << 4;

    pub fn register() {
        // SAFETY: membarrier(cmd, flags) takes two integers and reads or writes no memory of
        // the caller's; its result (0, or -1 with errno) is deliberately ignored (module docs).
        unsafe {
            syscall(
                SYS_MEMBARRIER,
                MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED,
                0 as c_long,
            )
        };
    }

    /// `MEMBARRIER_CMD_PRIVATE_EXPEDITED`: 0 once the process is registered, -1 (EPERM)
    /// before.
    #[cfg(test)]
    pub fn private_expedited() -> c_long {
        // SAFETY: as in `register`.
        unsafe { syscall(SYS_MEMBARRIER, 1 << 3, 0 as c_long) }
    }
}

#[cfg(not(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64"))))]
mod platform {
    pub fn register() {}
}

#[cfg(all(
    test,
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
mod tests {
    use super::*;

    #[test]
    fn registers_the_process_before_the_runtime_would() {
        // Nothing else in the test binary registers (no runtime starts in unit tests).
        assert_eq!(platform::private_expedited(), -1, "registered before the test");
        register_in_background();
        wait_until_registered();
        assert_eq!(platform::private_expedited(), 0);
        // Once per process: a second call starts nothing and waits for nothing.
        register_in_background();
        assert!(registering().is_none());
        wait_until_registered();
    }
}
