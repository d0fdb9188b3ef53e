//! .NET objects held by JavaScript. Each environment has at most one wrapper per .NET
//! object (identity survives round trips); the wrapper owns one reference to the object's
//! handle and gives it back when it is collected, disposed or its environment ends. The
//! wrapper itself is made by the TypeScript layer's factory, as an instance of the class
//! generated for the object's run-time type.
//!
//! Node runs `napi_wrap` finalizers only when its event loop turns, so a long synchronous
//! loop would keep every .NET object it ever wrapped until it ends. The identity table's
//! weak references, though, read empty as soon as V8 has collected a wrapper: while
//! wrappers are being created, the table is swept for those and their objects released at
//! once. The finalizer, which still runs later, then finds nothing left to give back.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::api::{bridge, Bridge, Slot};
use super::kind::OBJECT_MARKER;
use super::results::Text;
use crate::ids::ById;
use crate::napi::{self, Env, JsError, Prop, Reference, Result, TypeTag, Value};

/// What one wrapper keeps alive outside V8's heap, roughly: its references and table
/// entries here, the GCHandle and table entries in .NET, and the .NET object itself.
/// Reported to V8 so that dropped wrappers are collected before they pile up.
const EXTERNAL_BYTES: i64 = 1024;

static OBJECT_TAG: TypeTag = TypeTag {
    tag: napi::sys::napi_type_tag {
        lower: 0x6474_6e68_6f62_6a65,
        upper: 0x9c41_07d2_5be8_33a1,
    },
    name: ".NET object",
};

/// What a wrapper shares with its entries in the identity and receiver tables.
struct Shared {
    /// Its reference to its object's handle, 0 once released: whichever lets go first (a
    /// sweep, `dispose()`, the finalizer) gives it back.
    handle: Cell<i64>,
    /// The weak reference `napi_wrap` made for the wrapper. Only the wrapper's finalizer
    /// deletes it (see `Env::wrap_referenced`); sweeps, `dispose()` and teardown only drop
    /// their share.
    wrapper: OnceCell<Reference>,
}

type Held = Rc<Shared>;

/// What a wrapper owns: a reference to a .NET object's handle.
pub struct ObjectRef {
    shared: Held,
    /// The handle it was created with, which keys the environment's table.
    key: i64,
    type_id: i32,
    /// Tells this wrapper's table entry from a newer wrapper's for the same object.
    generation: u64,
    /// Its key in the environment's receiver table (see `Receivers`).
    receiver: u32,
}

impl ObjectRef {
    /// The live handle, or the error for a disposed wrapper.
    pub fn handle(&self) -> Result<i64> {
        match self.shared.handle.get() {
            0 => Err(disposed()),
            handle => Ok(handle),
        }
    }
}

fn disposed() -> napi::Error {
    JsError::new(
        "HostStateError",
        "the .NET object was disposed: dispose() released it, so it cannot be used any more",
    )
    .prop("code", Prop::Str("ObjectDisposed".into()))
    .into()
}

struct Entry {
    generation: u64,
    shared: Held,
}

/// Gives back the reference `held` owns, if it still owns one.
fn release(env: Env, bridge: &Bridge, held: &Held) {
    let handle = held.handle.replace(0);
    if handle != 0 {
        env.adjust_external_memory(-EXTERNAL_BYTES);
        bridge.release_object(handle);
    }
}

/// Each wrapper keeps a token, its key in this table, in a private field that its methods
/// and accessors pass to the native call first (lib/objects/base.ts `receiverOf`). Reading
/// it is one Node-API call and a bounds check, where `napi_unwrap` is a private-property
/// lookup and a table lookup (`Env::unwrap`) on every call. The key is a small integer, so the
/// field holds it without an allocation (an external per wrapper cost 160 bytes).
///
/// A key is only ever read from a live wrapper's private field: `receiverOf` boxes any
/// other number, so a number that reaches the native call is a key the TypeScript layer
/// took from a wrapper. An entry is freed when its wrapper is finalized.
#[derive(Default)]
struct Receivers {
    entries: Vec<Option<(Held, i32)>>,
    free: Vec<u32>,
}

/// Keys stay small integers (V8 stores them in place): about a billion live wrappers.
const MAX_RECEIVERS: usize = 1 << 30;

impl Receivers {
    fn insert(&mut self, held: Held, type_id: i32) -> Result<u32> {
        let index = match self.free.pop() {
            Some(index) => index as usize,
            None if self.entries.len() < MAX_RECEIVERS => {
                self.entries.push(None);
                self.entries.len() - 1
            }
            None => {
                return Err(JsError::new(
                    "HostStateError",
                    "too many live .NET objects in this environment (2^30 wrappers)",
                )
                .into())
            }
        };
        self.entries[index] = Some((held, type_id));
        Ok(index as u32)
    }

    fn remove(&mut self, key: u32) {
        if let Some(entry) = self.entries.get_mut(key as usize) {
            if entry.take().is_some() {
                self.free.push(key);
            }
        }
    }

    /// The handle (0 once released) and run-time type of the wrapper with this key.
    fn get(&self, key: u32) -> Option<(i64, i32)> {
        let (held, type_id) = self.entries.get(key as usize)?.as_ref()?;
        Some((held.handle.get(), *type_id))
    }
}

/// The table is swept when it holds this many more entries than after the last sweep.
const SWEEP_MINIMUM: usize = 1024;

/// This environment's wrappers and the JavaScript functions the table works with. One
/// Node environment runs on one thread, so a thread-local is per environment.
#[derive(Default)]
struct EnvObjects {
    /// By handle (an address the bridge hands out).
    entries: ById<i64, Entry>,
    next_generation: u64,
    /// The table size at which the next sweep runs.
    sweep_at: usize,
    /// `(typeId) => wrapper`, from the TypeScript layer.
    factory: Option<Reference>,
    json_parse: Option<Reference>,
    /// `(value) => JSON text` for arguments, from the TypeScript layer: wrappers as
    /// `{"$dotnet": handle}` (their toJSON is not run), bigints, Dates and numbers JSON
    /// cannot hold as markers.
    stringify: Option<Reference>,
    /// `JSON.parse`'s reviver that turns the markers back into wrappers, bigints and Dates.
    reviver: Option<Reference>,
    /// The symbol under which a Date from .NET keeps what its milliseconds leave out of
    /// the .NET value (`Times.cs`), as `"milliseconds:exact"`.
    exact_time: Option<Reference>,
    /// (declared type, run-time type) → assignable, answered once by .NET.
    assignable: HashMap<(i32, i32), bool>,
    receivers: Receivers,
}

thread_local! {
    static OBJECTS: RefCell<EnvObjects> = RefCell::new(EnvObjects::default());
}

/// Installs this environment's wrapper factory, argument stringifier, JSON reviver and
/// exact time symbol (and looks up `JSON.parse`).
pub fn set_factory(
    env: Env,
    factory: Value,
    stringify: Value,
    reviver: Value,
    exact_time: Value,
) -> Result<()> {
    let json = env.get(env.global()?, "JSON")?;
    let references = (
        env.reference(factory, true)?,
        env.reference(env.get(json, "parse")?, true)?,
        env.reference(stringify, true)?,
        env.reference(reviver, true)?,
        env.reference(exact_time, true)?,
    );
    let previous = OBJECTS.with(|objects| {
        let mut objects = objects.borrow_mut();
        [
            objects.factory.replace(references.0),
            objects.json_parse.replace(references.1),
            objects.stringify.replace(references.2),
            objects.reviver.replace(references.3),
            objects.exact_time.replace(references.4),
        ]
    });
    for reference in previous.into_iter().flatten() {
        reference.delete(env);
    }
    Ok(())
}

fn function(env: Env, pick: fn(&EnvObjects) -> &Option<Reference>) -> Result<Value> {
    let value = OBJECTS.with(|objects| {
        let objects = objects.borrow();
        pick(&objects)
            .as_ref()
            .map(|reference| env.reference_value(reference))
    });
    match value {
        Some(Ok(Some(value))) => Ok(value),
        Some(Err(error)) => Err(error),
        _ => Err(JsError::new(
            "DotnetHostError",
            "internal error: the object factory is not installed in this environment",
        )
        .into()),
    }
}

/// The wrapper for a handle the bridge just returned, which comes with one reference that
/// this takes over: the existing wrapper (the reference is given back), or a new one.
pub fn to_js(env: Env, bridge: &Bridge, handle: i64, type_id: i32) -> Result<Value> {
    let existing = OBJECTS.with(|objects| {
        objects.borrow().entries.get(&handle).and_then(|entry| {
            entry
                .shared
                .wrapper
                .get()
                .map(|wrapper| env.reference_value(wrapper))
        })
    });
    if let Some(found) = existing {
        match found {
            Ok(Some(wrapper)) => {
                bridge.release_object(handle);
                return Ok(wrapper);
            }
            // Collected, not yet finalized: a new wrapper replaces the entry below.
            Ok(None) => {}
            Err(error) => {
                bridge.release_object(handle);
                return Err(error);
            }
        }
    }
    match create(env, handle, type_id) {
        Ok(wrapper) => Ok(wrapper),
        Err(error) => {
            bridge.release_object(handle);
            Err(error)
        }
    }
}

fn create(env: Env, handle: i64, type_id: i32) -> Result<Value> {
    sweep_if_due(env);
    let factory = function(env, |objects| &objects.factory)?;
    let held: Held = Rc::new(Shared {
        handle: Cell::new(handle),
        wrapper: OnceCell::new(),
    });
    let (generation, receiver) = OBJECTS.with(|objects| {
        let mut objects = objects.borrow_mut();
        objects.next_generation += 1;
        let receiver = objects.receivers.insert(held.clone(), type_id)?;
        Ok::<_, napi::Error>((objects.next_generation, receiver))
    })?;
    let owned = ObjectRef {
        shared: held.clone(),
        key: handle,
        type_id,
        generation,
        receiver,
    };
    // Until `wrap` owns it, the receiver entry is this function's to give back.
    let wrapped = env
        .uint32(receiver)
        .and_then(|token| env.call(factory, &[env.int32(type_id)?, token]))
        .and_then(|wrapper| {
            env.wrap_referenced(wrapper, owned, &OBJECT_TAG, finalize, &held.wrapper)
                .map(|()| wrapper)
        });
    let wrapper = match wrapped {
        Ok(wrapper) => wrapper,
        Err(error) => {
            OBJECTS.with(|objects| objects.borrow_mut().receivers.remove(receiver));
            return Err(error);
        }
    };
    env.adjust_external_memory(EXTERNAL_BYTES);
    let replaced = OBJECTS.with(|objects| {
        objects.borrow_mut().entries.insert(
            handle,
            Entry {
                generation,
                shared: held,
            },
        )
    });
    if let Some(stale) = replaced {
        // A wrapper collected but not yet swept or finalized: its object goes now (its
        // finalizer deletes its reference).
        if let Some(bridge) = bridge() {
            release(env, bridge, &stale.shared);
        }
    }
    Ok(wrapper)
}

/// Releases the objects of wrappers V8 has already collected, once the table has grown
/// enough since the last sweep that the work stays proportional to the wrappers made.
fn sweep_if_due(env: Env) {
    let due = OBJECTS.with(|objects| {
        let objects = objects.borrow();
        objects.entries.len() >= objects.sweep_at.max(SWEEP_MINIMUM)
    });
    if !due {
        return;
    }
    let Some(bridge) = bridge() else { return };
    let collected = OBJECTS.with(|objects| {
        let mut objects = objects.borrow_mut();
        let collected: Vec<Entry> = objects
            .entries
            .extract_if(|_, entry| {
                entry
                    .shared
                    .wrapper
                    .get()
                    .is_some_and(|wrapper| matches!(env.reference_value(wrapper), Ok(None)))
            })
            .map(|(_, entry)| entry)
            .collect();
        objects.sweep_at = objects.entries.len() * 2;
        collected
    });
    for entry in collected {
        release(env, bridge, &entry.shared);
    }
}

/// Removes the table entry of `object` if it is still that wrapper's.
fn forget(object: &ObjectRef) {
    OBJECTS.with(|objects| {
        let Ok(mut objects) = objects.try_borrow_mut() else {
            return;
        };
        if objects
            .entries
            .get(&object.key)
            .is_some_and(|entry| entry.generation == object.generation)
        {
            objects.entries.remove(&object.key);
        }
    });
}

/// The wrapper was collected, or its environment is ending: give the reference back
/// unless a sweep or `dispose()` already did, and delete the wrapper's weak reference
/// (its table entry, now gone, held the only other share).
fn finalize(env: Env, object: Box<ObjectRef>) {
    forget(&object);
    let ObjectRef { shared, receiver, .. } = *object;
    OBJECTS.with(|objects| {
        if let Ok(mut objects) = objects.try_borrow_mut() {
            objects.receivers.remove(receiver);
        }
    });
    if let Some(bridge) = bridge() {
        release(env, bridge, &shared);
    }
    // Both tables have let go now, unless one was borrowed elsewhere: the reference then
    // stays with the environment, which frees it at its end.
    if let Some(reference) = Rc::try_unwrap(shared)
        .ok()
        .and_then(|shared| shared.wrapper.into_inner())
    {
        reference.delete(env);
    }
}

/// The handle (0 once released) and run-time type named by a wrapper's receiver key, or
/// `None` when `value` is no key of a live wrapper of this environment.
pub fn by_token(env: Env, value: Value) -> Result<Option<(i64, i32)>> {
    let Some(number) = env.try_double(value)? else {
        return Ok(None);
    };
    if !(0.0..MAX_RECEIVERS as f64).contains(&number) || number.fract() != 0.0 {
        return Ok(None);
    }
    Ok(OBJECTS.with(|objects| objects.borrow().receivers.get(number as u32)))
}

/// The object a wrapper owns, or `None` when `value` is not a wrapper.
pub fn unwrap<'a>(env: Env, value: Value) -> Result<Option<&'a ObjectRef>> {
    env.unwrap::<ObjectRef>(value, &OBJECT_TAG)
}

/// `dispose()`: IDisposable.Dispose and the release, at once. Disposing twice does nothing.
pub fn dispose(env: Env, bridge: &Bridge, value: Value) -> Result<()> {
    let object = unwrap(env, value)?
        .ok_or_else(|| JsError::invalid_argument("dispose() must be called on a .NET object"))?;
    let handle = object.shared.handle.replace(0);
    if handle == 0 {
        return Ok(());
    }
    env.adjust_external_memory(-EXTERNAL_BYTES);
    forget(object);
    bridge.dispose_object(handle).map_err(|details| {
        JsError::new("DotnetException", "a .NET exception was thrown")
            .prop("details", Prop::Str(details))
            .into()
    })
}

/// Whether an object of run-time type `from` can be passed where `to` is declared.
pub fn assignable(bridge: &Bridge, to: i32, from: i32) -> bool {
    if to == from {
        return true;
    }
    if let Some(known) = OBJECTS.with(|objects| objects.borrow().assignable.get(&(to, from)).copied()) {
        return known;
    }
    let answer = bridge.is_assignable(to, from);
    OBJECTS.with(|objects| objects.borrow_mut().assignable.insert((to, from), answer));
    answer
}

/// The slot for a wrapper passed where type `declared` is expected (0: any object).
pub fn argument_slot(bridge: &Bridge, object: &ObjectRef, declared: i32) -> Result<Option<Slot>> {
    slot_of(bridge, object.handle()?, object.type_id, declared)
}

/// The slot for the live handle of an object of run-time type `type_id`, or `None` when
/// `declared` does not take that type.
pub fn slot_of(bridge: &Bridge, handle: i64, type_id: i32, declared: i32) -> Result<Option<Slot>> {
    if handle == 0 {
        return Err(disposed());
    }
    if declared != 0 && !assignable(bridge, declared, type_id) {
        return Ok(None);
    }
    Ok(Some(Slot {
        a: handle,
        b: OBJECT_MARKER,
        c: 0,
    }))
}

/// An argument as JSON with wrappers inside as references, or `None` where JSON has no
/// value (undefined, functions).
pub fn stringify(env: Env, value: Value) -> Result<Option<Vec<u16>>> {
    let stringify = function(env, |objects| &objects.stringify)?;
    let text = env.call(stringify, &[value])?;
    if env.is_nullish(text)? {
        return Ok(None);
    }
    env.get_string_utf16(text).map(Some)
}

/// A Date for a .NET date: `milliseconds`, and what they leave out of the .NET value
/// (`exact`, 0 for nothing) kept on it. Without the object factory (the low-level API) a
/// plain Date.
pub fn date(env: Env, milliseconds: f64, exact: i64) -> Result<Value> {
    let date = env.date(milliseconds)?;
    if exact != 0 {
        if let Ok(symbol) = function(env, |objects| &objects.exact_time) {
            let hidden = env.string(&format!("{milliseconds}:{exact}"))?;
            env.set_property(date, symbol, hidden)?;
        }
    }
    Ok(date)
}

/// What a Date from .NET keeps of its .NET value beyond `milliseconds`, if it still holds
/// those milliseconds (a Date changed since is only its milliseconds); else 0.
pub fn exact_of(env: Env, date: Value, milliseconds: f64) -> Result<i64> {
    let Ok(symbol) = function(env, |objects| &objects.exact_time) else {
        return Ok(0);
    };
    let hidden = env.get_property(date, symbol)?;
    if env.type_of(hidden)? != napi::ValueType::String {
        return Ok(0);
    }
    let text = env.get_string(hidden, "")?;
    Ok(match text.split_once(':') {
        // Anything else is not what the bridge wrote (Times.cs checks the fields too).
        Some((kept, exact)) if kept.parse::<f64>().ok() == Some(milliseconds) => exact
            .parse::<i64>()
            .ok()
            .filter(|exact| (2..1 << 29).contains(exact))
            .unwrap_or(0),
        _ => 0,
    })
}

/// JSON the bridge wrote, parsed; marker objects (`"$dotnet"`, `"$bigint"`, `"$date"`)
/// become wrappers, bigints and Dates. The reviver runs only when there are markers.
pub fn parse(env: Env, text: Text) -> Result<Value> {
    let json = text.to_js(env)?;
    let parse = function(env, |objects| &objects.json_parse)?;
    if !text.has_marker() {
        return env.call(parse, &[json]);
    }
    let reviver = function(env, |objects| &objects.reviver)?;
    env.call(parse, &[json, reviver])
}

/// The wrapper for an object reference token found in JSON the bridge wrote. A token the
/// bridge does not know is refused; nothing is dereferenced before it answers.
pub fn revive(env: Env, bridge: &Bridge, token: &str) -> Result<Value> {
    match bridge.claim_reference(token) {
        Ok(Some((handle, type_id))) => to_js(env, bridge, handle, type_id),
        Ok(None) => Err(JsError::new(
            "DotnetHostError",
            format!("internal error: {token} is no .NET object reference the bridge handed out"),
        )
        .into()),
        Err(details) => Err(JsError::new("DotnetException", "a .NET exception was thrown")
            .prop("details", Prop::Str(details))
            .into()),
    }
}

/// The wrapped object's handle, for `toJSON` and similar calls on one object.
pub fn handle_of(env: Env, value: Value) -> Result<i64> {
    unwrap(env, value)?
        .ok_or_else(|| JsError::invalid_argument("expected a .NET object"))?
        .handle()
}

/// How many wrappers this environment has in its table (diagnostics).
pub fn live_wrappers() -> usize {
    OBJECTS.with(|objects| objects.borrow().entries.len())
}

/// At environment teardown: forget every wrapper (their finalizers still run and give
/// the references back) and the factory.
pub fn cleanup_environment(env: Env) {
    let state = OBJECTS.with(|objects| std::mem::take(&mut *objects.borrow_mut()));
    // The wrappers' references are their finalizers' to delete.
    drop(state.entries);
    for reference in [
        state.factory,
        state.json_parse,
        state.stringify,
        state.reviver,
        state.exact_time,
    ]
    .into_iter()
    .flatten()
    {
        reference.delete(env);
    }
}
