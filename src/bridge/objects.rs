//! .NET objects held by JavaScript. Each environment has at most one wrapper per .NET
//! object (identity survives round trips); the wrapper owns one reference to the object's
//! handle and gives it back when it is collected, disposed or its environment ends. The
//! wrapper itself is made by the TypeScript layer's factory, as an instance of the class
//! generated for the object's run-time type.
//!
//! How a collected wrapper is noticed. A `napi_wrap` with a finalizer per wrapper cost
//! more than everything else in a construction together (a private property set from C++,
//! and a finalizer Node queues and runs for each object), and most wrappers live for one
//! statement. So a wrapper starts with a weak reference only, which reads empty once V8
//! has collected it, and the environment's table is swept for those:
//!
//! - while wrappers are being created, once the table has doubled since the last sweep
//!   (so the work stays proportional to the wrappers made, and a long synchronous loop,
//!   in which Node runs no finalizer, does not keep every object it ever wrapped);
//! - after each garbage collection, for the wrappers made since the last one: a canary
//!   object, weakly held and with a finalizer, dies in the first collection after it is
//!   made, and its finalizer sweeps them.
//!
//! A wrapper still alive after a collection is likely to live long: it gets a finalizer
//! of its own then (`napi_add_finalizer`), and later sweeps after collections skip it.

use std::cell::RefCell;
use std::collections::HashMap;

use super::api::{bridge, Bridge, Slot};
use super::identity::Identity;
use super::kind::OBJECT_MARKER;
use super::results::Text;
use crate::napi::{self, Env, JsError, Mailbox, Prop, Reference, Result, Value, ValueType, WordFinalizer};

/// What one wrapper keeps alive outside V8's heap, roughly: its reference and table
/// entries here, the table slot in .NET, and the .NET object itself. Reported to V8 so
/// that dropped wrappers are collected before they pile up.
const EXTERNAL_BYTES: i64 = 1024;

/// Reports go to V8 in steps of this many bytes (64 wrappers), not one per wrapper: each
/// is a call into V8, and V8 only compares the total with its limits.
const EXTERNAL_STEP: i64 = 64 * EXTERNAL_BYTES;

/// Counts `change` bytes of memory outside V8's heap, reporting it once a step's worth
/// has built up.
fn external_memory(env: Env, change: i64) {
    let due = OBJECTS.with(|objects| {
        let Ok(mut objects) = objects.try_borrow_mut() else {
            return change;
        };
        objects.unreported_bytes += change;
        if objects.unreported_bytes.abs() < EXTERNAL_STEP {
            return 0;
        }
        std::mem::take(&mut objects.unreported_bytes)
    });
    if due != 0 {
        env.adjust_external_memory(due);
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

/// A wrapper as its environment knows it.
struct Wrapper {
    /// Its reference to its object's handle, 0 once released (by `dispose()`).
    handle: i64,
    type_id: i32,
    /// The handle it was created with, which keys the identity table.
    key: i64,
    /// Weak: reads empty once V8 has collected the wrapper.
    weak: Reference,
    /// Tells this entry from a later one under the same receiver key: a finalizer names
    /// the entry by both.
    serial: u64,
    /// The collection count when it was made; `None` once it has a finalizer of its own.
    epoch: Option<u64>,
}

/// Each wrapper keeps a token, its key in this table, in a private field that its methods
/// and accessors pass to the native call first (lib/objects/base.ts `receiverOf`). Reading
/// it is one Node-API call and a bounds check. The key is a small integer, so the field
/// holds it without an allocation.
///
/// A key is only ever read from a live wrapper's private field: `receiverOf` boxes any
/// other number, so a number that reaches the native call is a key the TypeScript layer
/// took from a wrapper. (A wrapper passed as an argument is found by the copy of its key
/// under the receiver symbol, checked against the entry: see `find_object`.) An entry
/// goes when a sweep or its finalizer finds its wrapper collected.
#[derive(Default)]
struct Receivers {
    entries: Vec<Option<Wrapper>>,
    free: Vec<u32>,
}

/// Keys stay small integers (V8 stores them in place): about a billion live wrappers.
const MAX_RECEIVERS: usize = 1 << 30;

impl Receivers {
    /// A key for a wrapper about to be made: its entry stays empty (and the key taken)
    /// until `fill` or `unreserve`.
    fn reserve(&mut self) -> Result<u32> {
        if let Some(key) = self.free.pop() {
            return Ok(key);
        }
        if self.entries.len() >= MAX_RECEIVERS {
            return Err(JsError::new(
                "HostStateError",
                "too many live .NET objects in this environment (2^30 wrappers)",
            )
            .into());
        }
        self.entries.push(None);
        Ok((self.entries.len() - 1) as u32)
    }

    fn unreserve(&mut self, key: u32) {
        self.free.push(key);
    }

    fn fill(&mut self, key: u32, wrapper: Wrapper) {
        self.entries[key as usize] = Some(wrapper);
    }

    fn get(&self, key: u32) -> Option<&Wrapper> {
        self.entries.get(key as usize)?.as_ref()
    }

    fn get_mut(&mut self, key: u32) -> Option<&mut Wrapper> {
        self.entries.get_mut(key as usize)?.as_mut()
    }

    /// Entries filled or reserved: disposed wrappers count until they are collected.
    fn live(&self) -> usize {
        self.entries.len() - self.free.len()
    }

    fn take(&mut self, key: u32) -> Option<Wrapper> {
        let wrapper = self.entries.get_mut(key as usize)?.take()?;
        self.free.push(key);
        Some(wrapper)
    }
}

/// The table is swept when it holds this many more entries than after the last sweep.
const SWEEP_MINIMUM: usize = 1024;

/// This environment's wrappers and the JavaScript functions the table works with. One
/// Node environment runs on one thread, so a thread-local is per environment.
#[derive(Default)]
struct EnvObjects {
    /// Handle → receiver key.
    identity: Identity,
    receivers: Receivers,
    /// Wrappers with no finalizer yet (receiver key, serial), swept after each collection.
    young: Vec<(u32, u64)>,
    /// Collections seen (canaries found dead).
    epoch: u64,
    /// A weak reference to this epoch's canary, while one is out.
    canary: Option<Reference>,
    next_serial: u64,
    /// Memory outside V8's heap counted but not reported yet (see `external_memory`).
    unreported_bytes: i64,
    /// The table size at which the next sweep of all of it runs.
    sweep_at: usize,
    /// Set at teardown: nothing new is made after it.
    closed: bool,
    /// `(typeId, receiver) => wrapper`, from the TypeScript layer.
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
    /// `(size) => Buffer.allocUnsafe(size)`, from the TypeScript layer (see `buffer`).
    allocate: Option<Reference>,
    /// The symbol under which a wrapper keeps its receiver key for the addon to read when
    /// the wrapper itself is passed (as an argument): the TypeScript layer's private field
    /// cannot be read through Node-API. Anyone can copy or write it, so a key read there
    /// counts only if the key's entry holds that very object.
    receiver_key: Option<Reference>,
    /// Where `to_js_adopting` posts the receiver key of a wrapper it adopted, for `new` to
    /// read (`Int32Array` of one element, returned by `set_factory`). Without it (a runtime
    /// without external ArrayBuffers) nothing is adopted: the factory makes every wrapper.
    adopted: Option<Mailbox>,
    /// (declared type, run-time type) → assignable, answered once by .NET.
    assignable: HashMap<(i32, i32), bool>,
}

thread_local! {
    static OBJECTS: RefCell<EnvObjects> = RefCell::new(EnvObjects::default());
}

/// What the TypeScript layer installs in an environment (`bridgeSetObjectFactory`).
pub struct Factory {
    /// `(typeId, receiver) => wrapper`.
    pub factory: Value,
    pub stringify: Value,
    pub reviver: Value,
    /// The symbols for a Date's exact .NET value and for a wrapper's receiver key.
    pub exact_time: Value,
    pub receiver_key: Value,
    /// `(size) => Buffer.allocUnsafe(size)`: Node's own small Buffers, from its pool.
    pub allocate: Value,
}

/// Installs this environment's wrapper factory, argument stringifier, JSON reviver and
/// symbols (and looks up `JSON.parse`); returns the `Int32Array` in which adopted wrappers'
/// receiver keys are posted (see `to_js_adopting`), or undefined when there is none.
pub fn set_factory(env: Env, installed: Factory) -> Result<Value> {
    let (mailbox, view) = match env.mailbox()? {
        Some((mailbox, view)) => (Some(mailbox), view),
        None => (None, env.undefined()?),
    };
    let json = env.get(env.global()?, "JSON")?;
    let references = (
        env.reference(installed.factory, true)?,
        env.reference(env.get(json, "parse")?, true)?,
        env.reference(installed.stringify, true)?,
        env.reference(installed.reviver, true)?,
        env.reference(installed.exact_time, true)?,
        env.reference(installed.receiver_key, true)?,
        env.reference(installed.allocate, true)?,
    );
    let previous = OBJECTS.with(|objects| {
        let mut objects = objects.borrow_mut();
        let previous = [
            objects.factory.replace(references.0),
            objects.json_parse.replace(references.1),
            objects.stringify.replace(references.2),
            objects.reviver.replace(references.3),
            objects.exact_time.replace(references.4),
            objects.receiver_key.replace(references.5),
            objects.allocate.replace(references.6),
        ];
        objects.adopted = mailbox;
        previous
    });
    for reference in previous.into_iter().flatten() {
        reference.delete(env);
    }
    Ok(view)
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

/// Gives back what a wrapper's entry held: its reference to the handle (unless
/// `dispose()` did) and its weak reference. Called with the entry out of the table.
fn discard(env: Env, bridge: Option<&Bridge>, wrapper: Wrapper) {
    if wrapper.handle != 0 {
        external_memory(env, -EXTERNAL_BYTES);
        if let Some(bridge) = bridge {
            bridge.release_object(wrapper.handle);
        }
    }
    wrapper.weak.delete(env);
}

/// [`discard`] for what a sweep took out: the handles go back in one call into .NET.
fn discard_all(env: Env, bridge: Option<&Bridge>, wrappers: Vec<Wrapper>) {
    let mut handles = Vec::with_capacity(wrappers.len());
    for wrapper in wrappers {
        if wrapper.handle != 0 {
            handles.push(wrapper.handle);
        }
        wrapper.weak.delete(env);
    }
    if handles.is_empty() {
        return;
    }
    external_memory(env, -EXTERNAL_BYTES * handles.len() as i64);
    if let Some(bridge) = bridge {
        bridge.release_objects(&handles);
    }
}

/// Takes entry `key` out of the tables (the identity entry only if it is still this
/// wrapper's).
fn remove(objects: &mut EnvObjects, key: u32) -> Option<Wrapper> {
    let wrapper = objects.receivers.take(key)?;
    objects.identity.remove_if(wrapper.key, key);
    Some(wrapper)
}

/// The wrapper for a handle the bridge just returned, which comes with one reference that
/// this takes over: the existing wrapper (the reference is given back), or a new one.
pub fn to_js(env: Env, bridge: &Bridge, handle: i64, type_id: i32) -> Result<Value> {
    to_js_adopting(env, bridge, handle, type_id, None)
}

/// [`to_js`], where a new wrapper is `adoptee` instead of one the factory makes: the object
/// a JavaScript class's `new` made before it called the constructor (lib/objects/classes.ts).
/// Its receiver key is then posted in the mailbox `set_factory` returned, for `new` to read
/// (a call back into JavaScript to make the wrapper cost more than the rest of `create`).
pub fn to_js_adopting(
    env: Env,
    bridge: &Bridge,
    handle: i64,
    type_id: i32,
    adoptee: Option<Value>,
) -> Result<Value> {
    let existing = OBJECTS.with(|objects| {
        let objects = objects.borrow();
        let key = objects.identity.get(handle)?;
        let wrapper = objects.receivers.get(key)?;
        Some((key, env.reference_value(&wrapper.weak)))
    });
    if let Some((key, found)) = existing {
        match found {
            Ok(Some(wrapper)) => {
                bridge.release_object(handle);
                return Ok(wrapper);
            }
            // Collected, not yet swept: its entry goes, and a new wrapper replaces it.
            Ok(None) => {
                let stale = OBJECTS.with(|objects| remove(&mut objects.borrow_mut(), key));
                if let Some(stale) = stale {
                    discard(env, Some(bridge), stale);
                }
            }
            Err(error) => {
                bridge.release_object(handle);
                return Err(error);
            }
        }
    }
    match create(env, bridge, handle, type_id, adoptee) {
        Ok(wrapper) => Ok(wrapper),
        Err(error) => {
            bridge.release_object(handle);
            Err(error)
        }
    }
}

fn create(env: Env, bridge: &Bridge, handle: i64, type_id: i32, adoptee: Option<Value>) -> Result<Value> {
    sweep_if_due(env, bridge);
    let receiver = OBJECTS.with(|objects| objects.borrow_mut().receivers.reserve())?;
    // Until the entry is filled, the reserved key is this function's to give back.
    let adoptee = adoptee.filter(|_| post_adopted(receiver));
    let made = match adoptee {
        Some(adoptee) => Ok(adoptee),
        None => function(env, |objects| &objects.factory).and_then(|factory| {
            env.uint32(receiver)
                .and_then(|token| env.call(factory, &[env.int32(type_id)?, token]))
        }),
    }
    .and_then(|wrapper| Ok((wrapper, env.reference(wrapper, false)?)));
    let (wrapper, weak) = match made {
        Ok(made) => made,
        Err(error) => {
            OBJECTS.with(|objects| objects.borrow_mut().receivers.unreserve(receiver));
            return Err(error);
        }
    };
    external_memory(env, EXTERNAL_BYTES);
    let needs_canary = OBJECTS.with(|objects| {
        let mut objects = objects.borrow_mut();
        let objects = &mut *objects;
        // Checked on every creation, so that a wrapper's epoch says whether a collection
        // has run since it was made: a sweep gives finalizers only to wrappers that have
        // outlived one.
        observe_collection(env, objects);
        objects.next_serial += 1;
        let serial = objects.next_serial;
        objects.receivers.fill(
            receiver,
            Wrapper {
                handle,
                type_id,
                key: handle,
                weak,
                serial,
                epoch: Some(objects.epoch),
            },
        );
        objects.young.push((receiver, serial));
        // No other entry holds this handle: `to_js` found none, or took the stale one out.
        objects.identity.insert(handle, receiver);
        objects.canary.is_none() && !objects.closed
    });
    if needs_canary {
        // Without it, wrappers dropped after the last sweep would wait for the next one.
        // A canary that cannot be made leaves them to the sweeps while wrappers are created.
        let _ = release_canary(env);
    }
    Ok(wrapper)
}

/// Tells `new` the key of the wrapper it made; false when there is no mailbox to post it in
/// (the factory makes the wrapper then).
fn post_adopted(receiver: u32) -> bool {
    OBJECTS
        .with(|objects| {
            objects.borrow().adopted.as_ref().map(|mailbox| {
                // Keys stay below 2^30 (`MAX_RECEIVERS`).
                mailbox.post(receiver as i32);
            })
        })
        .is_some()
}

/// Sends out a canary: an object nothing holds, which dies in the next collection, whose
/// finalizer then sweeps the wrappers made before it.
fn release_canary(env: Env) -> Result<()> {
    let canary = env.object()?;
    let weak = env.reference(canary, false)?;
    let previous = OBJECTS.with(|objects| objects.borrow_mut().canary.replace(weak));
    if let Some(previous) = previous {
        previous.delete(env);
    }
    env.add_finalizer::<Canary>(canary, 0, 0)
}

/// If this epoch's canary is gone, a collection has run since it was made: the epoch ends.
fn observe_collection(env: Env, objects: &mut EnvObjects) {
    let collected = objects
        .canary
        .as_ref()
        .is_some_and(|canary| matches!(env.reference_value(canary), Ok(None)));
    if collected {
        if let Some(canary) = objects.canary.take() {
            canary.delete(env);
        }
        objects.epoch += 1;
    }
}

/// What a sweep does with one entry: `Some(key)` if its wrapper was collected (the caller
/// takes it out), and a finalizer for a wrapper that has outlived a collection.
fn check(env: Env, epoch: u64, key: u32, wrapper: &mut Wrapper) -> Option<u32> {
    match env.reference_value(&wrapper.weak) {
        Ok(None) => Some(key),
        Ok(Some(object)) => {
            if wrapper.epoch.is_some_and(|made| made < epoch)
                && env
                    .add_finalizer::<Finalize>(object, key as usize, wrapper.serial as usize)
                    .is_ok()
            {
                wrapper.epoch = None;
            }
            None
        }
        Err(_) => None,
    }
}

/// Releases the objects of wrappers V8 has already collected, once the table has grown
/// enough since the last sweep that the work stays proportional to the wrappers made.
fn sweep_if_due(env: Env, bridge: &Bridge) {
    let collected = OBJECTS.with(|objects| {
        let mut objects = objects.borrow_mut();
        let objects = &mut *objects;
        if objects.receivers.live() < objects.sweep_at.max(SWEEP_MINIMUM) {
            return Vec::new();
        }
        observe_collection(env, objects);
        let epoch = objects.epoch;
        let dead: Vec<u32> = (0..objects.receivers.entries.len() as u32)
            .filter_map(|key| check(env, epoch, key, objects.receivers.get_mut(key)?))
            .collect();
        let collected: Vec<Wrapper> = dead.into_iter().filter_map(|key| remove(objects, key)).collect();
        let receivers = &objects.receivers;
        objects.young.retain(|&(key, serial)| {
            receivers
                .get(key)
                .is_some_and(|wrapper| wrapper.serial == serial && wrapper.epoch.is_some())
        });
        objects.sweep_at = objects.receivers.live() * 2;
        collected
    });
    discard_all(env, Some(bridge), collected);
}

/// After a collection: the wrappers made since the last one that it collected go, and
/// the survivors get finalizers.
fn sweep_young(env: Env) {
    let (collected, again) = OBJECTS.with(|objects| {
        let Ok(mut objects) = objects.try_borrow_mut() else {
            return (Vec::new(), false);
        };
        let objects = &mut *objects;
        if objects.closed {
            return (Vec::new(), false);
        }
        observe_collection(env, objects);
        let epoch = objects.epoch;
        let mut dead = Vec::new();
        let mut young = std::mem::take(&mut objects.young);
        young.retain(|&(key, serial)| {
            let Some(wrapper) = objects
                .receivers
                .get_mut(key)
                .filter(|wrapper| wrapper.serial == serial && wrapper.epoch.is_some())
            else {
                return false;
            };
            match check(env, epoch, key, wrapper) {
                Some(key) => {
                    dead.push(key);
                    false
                }
                None => wrapper.epoch.is_some(),
            }
        });
        objects.young = young;
        let collected: Vec<Wrapper> = dead.into_iter().filter_map(|key| remove(objects, key)).collect();
        (collected, !objects.young.is_empty() && objects.canary.is_none())
    });
    discard_all(env, bridge(), collected);
    if again {
        let _ = release_canary(env);
    }
}

/// A canary's finalizer: a collection ran.
struct Canary;

impl WordFinalizer for Canary {
    fn finalize(env: Env, _: usize, _: usize) {
        sweep_young(env);
    }
}

/// The finalizer of a wrapper that outlived a collection: its entry goes, unless a sweep
/// took it already (the key may name a newer wrapper by then: the serial tells).
struct Finalize;

impl WordFinalizer for Finalize {
    fn finalize(env: Env, key: usize, serial: usize) {
        let taken = OBJECTS.try_with(|objects| {
            let mut objects = objects.try_borrow_mut().ok()?;
            let key = u32::try_from(key).ok()?;
            if objects.receivers.get(key)?.serial as usize != serial {
                return None;
            }
            remove(&mut objects, key)
        });
        if let Ok(Some(wrapper)) = taken {
            discard(env, bridge(), wrapper);
        }
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
    Ok(OBJECTS.with(|objects| {
        let objects = objects.borrow();
        let wrapper = objects.receivers.get(number as u32)?;
        Some((wrapper.handle, wrapper.type_id))
    }))
}

/// A wrapper passed as itself, not as its token: what its entry says.
struct Found {
    key: u32,
    handle: i64,
    type_id: i32,
}

/// The wrapper `value` is, found by the receiver key it keeps under the receiver symbol,
/// or `None` when `value` is not a wrapper of this environment.
fn find(env: Env, value: Value) -> Result<Option<Found>> {
    if env.type_of(value)? != ValueType::Object {
        return Ok(None);
    }
    find_object(env, value)
}

/// [`find`] for a value known to be an object.
fn find_object(env: Env, value: Value) -> Result<Option<Found>> {
    // The low-level API installs no factory, and makes no wrappers.
    let Ok(symbol) = function(env, |objects| &objects.receiver_key) else {
        return Ok(None);
    };
    let Some(number) = env.try_double(env.get_property(value, symbol)?)? else {
        return Ok(None);
    };
    if !(0.0..MAX_RECEIVERS as f64).contains(&number) || number.fract() != 0.0 {
        return Ok(None);
    }
    let key = number as u32;
    let held = OBJECTS.with(|objects| {
        let objects = objects.borrow();
        let wrapper = objects.receivers.get(key)?;
        Some((
            env.reference_value(&wrapper.weak),
            Found {
                key,
                handle: wrapper.handle,
                type_id: wrapper.type_id,
            },
        ))
    });
    match held {
        // Anyone can copy or write the key: it counts only on the wrapper it belongs to.
        Some((Ok(Some(object)), found)) if env.strict_equals(object, value)? => Ok(Some(found)),
        _ => Ok(None),
    }
}

/// The handle (0 once released) and run-time type of a wrapper passed as itself, or
/// `None` when `value` is not one.
pub fn unwrap(env: Env, value: Value) -> Result<Option<(i64, i32)>> {
    Ok(find(env, value)?.map(|found| (found.handle, found.type_id)))
}

/// [`unwrap`] for a value known to be an object (an argument of type object).
pub fn unwrap_object(env: Env, value: Value) -> Result<Option<(i64, i32)>> {
    Ok(find_object(env, value)?.map(|found| (found.handle, found.type_id)))
}

/// `dispose()`: IDisposable.Dispose and the release, at once. Disposing twice does nothing.
pub fn dispose(env: Env, bridge: &Bridge, value: Value) -> Result<()> {
    let key = find(env, value)?
        .ok_or_else(|| JsError::invalid_argument("dispose() must be called on a .NET object"))?
        .key;
    let handle = OBJECTS.with(|objects| {
        let mut objects = objects.borrow_mut();
        let wrapper = objects.receivers.get_mut(key)?;
        let handle = std::mem::replace(&mut wrapper.handle, 0);
        let identity = wrapper.key;
        // The entry stays until the wrapper is collected (its calls say "disposed"); the
        // object, returned again, gets a new wrapper.
        if handle != 0 {
            objects.identity.remove_if(identity, key);
        }
        Some(handle)
    });
    let handle = handle.unwrap_or(0);
    if handle == 0 {
        return Ok(());
    }
    external_memory(env, -EXTERNAL_BYTES);
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

/// The slot for the live handle of an object of run-time type `type_id`, or `None` when
/// `declared` (0: any object) does not take that type.
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

/// Node makes Buffers below this size in a pool (`Buffer.poolSize >>> 1`).
const POOLED_BELOW: usize = 4 * 1024;

/// A Buffer holding a copy of `length` bytes. A small one comes from Node's pool, as the
/// Buffers Node makes itself do (`Buffer.allocUnsafe`, then the copy): a Buffer of its own
/// memory costs an allocation, a backing store and its sweep each, about a third of a
/// call like `Encoding.UTF8.GetBytes("abc")`. Without the TypeScript layer, or for larger
/// ones, a Buffer of its own.
///
/// # Safety
/// `data` must point to `length` readable bytes.
pub unsafe fn buffer(env: Env, data: *const u8, length: usize) -> Result<Value> {
    if length > 0 && length < POOLED_BELOW {
        if let Ok(allocate) = function(env, |objects| &objects.allocate) {
            let buffer = env.call(allocate, &[env.uint32(length as u32)?])?;
            // SAFETY: forwarded from the caller.
            if unsafe { env.copy_into_buffer_raw(buffer, data, length) }? {
                return Ok(buffer);
            }
        }
    }
    // SAFETY: forwarded from the caller.
    unsafe { env.buffer_copy_raw(data, length) }
}

/// A Date for a .NET date: `milliseconds`, and what they leave out of the .NET value
/// (`exact`, 0 for nothing) kept on it. Without the object factory (the low-level API) a
/// plain Date.
pub fn date(env: Env, milliseconds: f64, exact: i64) -> Result<Value> {
    let date = env.date(milliseconds)?;
    if exact != 0 {
        if let Ok(symbol) = function(env, |objects| &objects.exact_time) {
            let hidden = env.string(&exact_text(milliseconds, exact))?;
            env.set_property(date, symbol, hidden)?;
        }
    }
    Ok(date)
}

/// `"milliseconds:exact"`, as a Date from .NET keeps it. .NET dates are whole
/// milliseconds (what they leave out is in `exact`), which print as integers, without
/// the float formatting: the same text (`{}` of 1e12 is 1000000000000).
fn exact_text(milliseconds: f64, exact: i64) -> String {
    // Not -0, which prints as "-0".
    let integral = milliseconds.fract() == 0.0
        && milliseconds.abs() < 9e15
        && (milliseconds != 0.0 || milliseconds.is_sign_positive());
    if integral {
        format!("{}:{exact}", milliseconds as i64)
    } else {
        format!("{milliseconds}:{exact}")
    }
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
    match unwrap(env, value)? {
        None => Err(JsError::invalid_argument("expected a .NET object").into()),
        Some((0, _)) => Err(disposed()),
        Some((handle, _)) => Ok(handle),
    }
}

/// How many wrappers this environment has in its identity table (diagnostics).
pub fn live_wrappers() -> usize {
    OBJECTS.with(|objects| objects.borrow().identity.len())
}

/// At environment teardown: every wrapper's object goes back, and the factory and its
/// functions are let go. Finalizers Node runs after this find nothing left.
pub fn cleanup_environment(env: Env) {
    let state = OBJECTS.with(|objects| {
        let mut objects = objects.borrow_mut();
        let state = std::mem::take(&mut *objects);
        objects.closed = true;
        // What was counted but not reported yet stays counted: giving back every
        // wrapper's share then reports exactly what V8 was told (on Node 24 and later,
        // reporting more than that is a fatal check when the isolate is disposed).
        objects.unreported_bytes = state.unreported_bytes;
        state
    });
    let wrappers = state.receivers.entries.into_iter().flatten().collect();
    discard_all(env, bridge(), wrappers);
    for reference in [
        state.canary,
        state.factory,
        state.json_parse,
        state.stringify,
        state.reviver,
        state.exact_time,
        state.receiver_key,
        state.allocate,
    ]
    .into_iter()
    .flatten()
    {
        reference.delete(env);
    }
}

#[cfg(test)]
mod tests {
    use super::exact_text;

    #[test]
    fn exact_text_is_the_float_text() {
        let mut samples = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            1e12,
            -62135596800000.0,
            253402300799999.0,
            8.9e15,
            0.5,
            -1.5,
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..10_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            samples.push((state % 500_000_000_000_000) as f64 - 250_000_000_000_000.0);
        }
        for milliseconds in samples {
            assert_eq!(
                exact_text(milliseconds, 7),
                format!("{milliseconds}:7"),
                "{milliseconds}"
            );
        }
    }
}
