//! An environment's identity table: the .NET object handle → the receiver key of its
//! wrapper.
//!
//! A handle's low `HANDLE_SLOT_BITS` bits are its slot in the bridge's table plus one, the
//! rest a generation with random bits (`Objects.cs`). The bridge hands out freed slots
//! again before new ones, so the slots in use stay few and close together, and a vector
//! indexed by slot finds an entry with one load. A hash of the whole handle spread the
//! entries of neighbouring slots over the whole table: under `perf`, the probe's cache
//! miss was a quarter of `objects::to_js`, which was the addon's largest share of a
//! construction.

/// How many low bits of a handle hold its slot (plus one). `Objects.SlotBits` in
/// Objects.cs; __test__/shared-tables.test.ts checks that they agree.
pub const HANDLE_SLOT_BITS: u32 = 30;

const SLOT_MASK: i64 = (1 << HANDLE_SLOT_BITS) - 1;

/// The index of a handle's slot, or `None` for a value no handle has (0, negative).
fn slot_of(handle: i64) -> Option<usize> {
    let plus_one = handle & SLOT_MASK;
    (handle > 0 && plus_one > 0).then(|| (plus_one - 1) as usize)
}

#[derive(Clone, Copy, Default)]
struct Entry {
    /// The whole handle (0: no entry), so an older generation of the slot never matches.
    handle: i64,
    key: u32,
}

/// Handle → receiver key, one entry per slot. It grows to the highest slot this
/// environment has seen and keeps that size (16 bytes a slot).
#[derive(Default)]
pub struct Identity {
    entries: Vec<Entry>,
}

impl Identity {
    pub fn get(&self, handle: i64) -> Option<u32> {
        let entry = self.entries.get(slot_of(handle)?)?;
        (entry.handle == handle).then_some(entry.key)
    }

    /// Sets the key of `handle`, replacing whatever its slot held.
    pub fn insert(&mut self, handle: i64, key: u32) {
        let Some(slot) = slot_of(handle) else {
            // The bridge hands out no such handle; if it did, the object would only get
            // a new wrapper each time it crosses.
            return;
        };
        if slot >= self.entries.len() {
            self.entries.resize(slot + 1, Entry::default());
        }
        self.entries[slot] = Entry { handle, key };
    }

    /// Removes `handle`'s entry if it is `key`'s.
    pub fn remove_if(&mut self, handle: i64, key: u32) {
        if self.get(handle) == Some(key) {
            if let Some(slot) = slot_of(handle) {
                self.entries[slot] = Entry::default();
            }
        }
    }

    /// Entries held (diagnostics: a count, not a field kept in step).
    pub fn len(&self) -> usize {
        self.entries.iter().filter(|entry| entry.handle != 0).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handle(slot: i64, generation: i64) -> i64 {
        (generation << HANDLE_SLOT_BITS) | (slot + 1)
    }

    #[test]
    fn finds_a_handle_only_in_its_own_generation() {
        let mut identity = Identity::default();
        identity.insert(handle(3, 77), 10);
        assert_eq!(identity.get(handle(3, 77)), Some(10));
        assert_eq!(identity.get(handle(3, 78)), None);
        assert_eq!(identity.get(handle(4, 77)), None);
        assert_eq!(identity.len(), 1);
        // A newer generation of the slot replaces the entry.
        identity.insert(handle(3, 78), 11);
        assert_eq!(identity.get(handle(3, 77)), None);
        assert_eq!(identity.get(handle(3, 78)), Some(11));
        assert_eq!(identity.len(), 1);
    }

    #[test]
    fn removes_an_entry_only_for_its_key() {
        let mut identity = Identity::default();
        identity.insert(handle(0, 5), 1);
        identity.remove_if(handle(0, 5), 2);
        assert_eq!(identity.get(handle(0, 5)), Some(1));
        identity.remove_if(handle(0, 6), 1);
        assert_eq!(identity.get(handle(0, 5)), Some(1));
        identity.remove_if(handle(0, 5), 1);
        assert_eq!(identity.get(handle(0, 5)), None);
        assert_eq!(identity.len(), 0);
    }

    #[test]
    fn values_no_handle_has_are_never_found_or_stored() {
        let mut identity = Identity::default();
        for value in [0, -1, i64::MIN, 1 << HANDLE_SLOT_BITS] {
            identity.insert(value, 9);
            assert_eq!(identity.get(value), None);
        }
        assert_eq!(identity.len(), 0);
    }
}
