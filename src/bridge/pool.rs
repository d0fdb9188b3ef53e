//! Threads for callAsync. Not libuv's pool: Node joins those threads at exit, so a .NET
//! call blocked in one would hang `process.exit()`. These threads are detached and
//! simply end with the process.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};

type Job = Box<dyn FnOnce() + Send>;

struct Pool {
    queue: VecDeque<Job>,
    threads: usize,
    idle: usize,
}

static POOL: Mutex<Pool> = Mutex::new(Pool {
    queue: VecDeque::new(),
    threads: 0,
    idle: 0,
});
static WORK: Condvar = Condvar::new();

fn max_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(4, |cores| cores.get())
        .max(4)
}

/// Runs `job` on a pool thread, starting one if all are busy and there is room.
pub fn spawn(job: impl FnOnce() + Send + 'static) -> Result<(), String> {
    let mut pool = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    pool.queue.push_back(Box::new(job));
    if pool.idle == 0 && pool.threads < max_threads() {
        std::thread::Builder::new()
            .name("dotnet-host-call".into())
            .spawn(work)
            .map_err(|error| format!("could not start a thread for callAsync: {error}"))?;
        pool.threads += 1;
    }
    drop(pool);
    WORK.notify_one();
    Ok(())
}

fn work() {
    let mut pool = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    loop {
        if let Some(job) = pool.queue.pop_front() {
            drop(pool);
            // A job never unwinds (it catches), but a panic must not kill the thread.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            pool = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        } else {
            pool.idle += 1;
            pool = WORK.wait(pool).unwrap_or_else(|poisoned| poisoned.into_inner());
            pool.idle -= 1;
        }
    }
}
