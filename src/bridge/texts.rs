//! The UTF-16 copies of a call's string arguments, in buffers reused from call to call on
//! each thread: once warm, a string argument costs one Node-API call (see
//! `Env::read_string_utf16`) and no allocation.

use std::cell::RefCell;

/// Room a new buffer starts with, in code units: most strings passed fit at once.
const FIRST: usize = 256;
/// What the spares keep at most (so at most 1 MiB a thread): sets, one per call in
/// progress, as callbacks' calls nest; buffers a set; code units a buffer.
const SETS: usize = 8;
const BUFFERS: usize = 4;
const LARGEST: usize = 1 << 14;

thread_local! {
    static SPARE: RefCell<Vec<Texts>> = const { RefCell::new(Vec::new()) };
}

/// The buffers of one call: `used` of them hold its texts, the rest are spare room.
#[derive(Default)]
pub struct Texts {
    buffers: Vec<Vec<u16>>,
    used: usize,
}

impl Texts {
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// An empty buffer for the next text. Its units stay where they are written until this
    /// set is dropped: later texts move only the `Vec`s, not the memory they own.
    pub fn next(&mut self) -> &mut Vec<u16> {
        if self.buffers.capacity() == 0 {
            let spare = SPARE.try_with(|spare| spare.try_borrow_mut().ok()?.pop());
            if let Ok(Some(spare)) = spare {
                *self = spare;
            }
        }
        if self.used == self.buffers.len() {
            self.buffers.push(Vec::with_capacity(FIRST));
        }
        let buffer = &mut self.buffers[self.used];
        self.used += 1;
        buffer.clear();
        buffer
    }

    /// Keeps `units`, made elsewhere, as the next text.
    pub fn keep(&mut self, units: Vec<u16>) -> &Vec<u16> {
        let buffer = self.next();
        *buffer = units;
        buffer
    }
}

impl Drop for Texts {
    fn drop(&mut self) {
        if self.buffers.capacity() == 0 {
            return;
        }
        let mut buffers = std::mem::take(&mut self.buffers);
        buffers.retain(|buffer| buffer.capacity() <= LARGEST);
        buffers.truncate(BUFFERS);
        // At thread exit the spares may already be gone: the buffers are then freed.
        let _ = SPARE.try_with(|spare| {
            if let Ok(mut spare) = spare.try_borrow_mut() {
                if spare.len() < SETS {
                    spare.push(Texts { buffers, used: 0 });
                }
            }
        });
    }
}
