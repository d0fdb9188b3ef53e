//! Function pointers already handed out, so the same method is never asked of .NET twice.
//!
//! .NET's component activator keeps every delegate it creates for a function pointer alive
//! for the rest of the process (about 1 KB each), so binding the same method over and over
//! grew without bound. A pointer stays valid for the process lifetime and the same
//! (loader, assembly, type, method, delegate type) always resolves to the same method (an
//! assembly path gets one load context; the default context never unloads), so the first
//! answer can be given again. Only successes are kept.

use std::collections::HashMap;
use std::sync::Mutex;

use super::function_pointer::DelegateType;

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub loader: &'static str,
    pub assembly_path: Option<String>,
    pub type_name: String,
    pub method: String,
    pub delegate_type: DelegateType,
}

static CACHE: Mutex<Option<HashMap<Key, usize>>> = Mutex::new(None);

pub fn get(key: &Key) -> Option<usize> {
    let cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.as_ref().and_then(|cache| cache.get(key).copied())
}

pub fn insert(key: Key, address: usize) {
    let mut cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.get_or_insert_with(HashMap::new).insert(key, address);
}
