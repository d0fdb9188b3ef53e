//! Hash maps keyed by values the crate makes itself: ids it counts up, addresses of its own
//! allocations. No caller chooses these keys, so they need no defence against collisions
//! made on purpose (the default SipHash's), whose cost would be paid on every call.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// One wide multiplication, folded, spreads an integer over every bit of the hash: the
/// table indexes by the low bits, which a plain product leaves zero for aligned addresses.
#[derive(Default)]
pub struct IdHasher(u64);

fn spread(id: u64) -> u64 {
    let product = u128::from(id) * 0x9E37_79B9_7F4A_7C15;
    (product as u64) ^ ((product >> 64) as u64)
}

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = spread(self.0.rotate_left(8) ^ u64::from(*byte));
        }
    }

    fn write_i64(&mut self, id: i64) {
        self.0 = spread(id as u64);
    }

    fn write_usize(&mut self, id: usize) {
        self.0 = spread(id as u64);
    }
}

pub type ById<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_ids_and_aligned_addresses_over_the_low_bits() {
        let low_bits = |ids: &mut dyn Iterator<Item = u64>| {
            ids.map(|id| spread(id) & 0xff)
                .collect::<std::collections::HashSet<_>>()
                .len()
        };
        // 256 neighbouring ids, and 256 addresses 16 bytes apart: most of the 256 buckets
        // an index of 8 bits can name are used (a plain product would use 16 for these).
        assert!(low_bits(&mut (1..=256)) > 150);
        assert!(low_bits(&mut (0..256).map(|index| 0x7f00_1234_0000 + index * 16)) > 150);
        let mut map = ById::default();
        map.insert(8usize, "eight");
        assert!(map.get(&8) == Some(&"eight") && !map.contains_key(&16));
    }
}
