//! A bound .NET method and the two ways to call it: on the JavaScript thread, or on a
//! pool thread with a Promise.

use std::rc::Rc;

use super::api::{bridge, Bridge, Slot};
use super::arguments::{simple_slots, Arguments, Memory, TextRoom, INLINE};
use super::kind::{Kind, Wire};
use super::results::Scratch;
use super::{callbacks, pool, results, tasks};
use crate::napi::{CallInfo, Env, JsError, Prop, Result, Value, ValueType};

/// How an argument is passed: by value, or by reference (`ref`/`out`; `in` is by value
/// for JavaScript).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Passing {
    Value,
    Ref,
    Out,
}

#[derive(Debug)]
pub struct Param {
    pub name: String,
    pub wire: Wire,
    pub passing: Passing,
    /// JavaScript may leave it out (or pass `undefined`): .NET uses its default.
    pub optional: bool,
    /// An array of strings, records or objects: when JavaScript passed an array, .NET's
    /// changes to it come back as JSON in a slot after the `ref`/`out` ones.
    pub write_back: bool,
}

impl Param {
    /// Whether JavaScript passes it (an `out` parameter is only a result).
    pub fn is_input(&self) -> bool {
        self.passing != Passing::Out
    }
}

/// One compiled overload, as the bridge described it.
pub struct Method {
    /// For instance members: the declaring type's id, which the receiver must have.
    pub this_type: Option<i32>,
    /// For instance members of a struct JavaScript holds as its own value (a `Date` for a
    /// `DateTime`): the receiver is converted like an argument of this type.
    pub this_wire: Option<Wire>,
    /// The bridge's invoker id.
    pub id: i32,
    /// `int Add(int a, int b)`, for messages.
    pub display: String,
    pub params: Vec<Param>,
    pub returns: Wire,
    /// Counted once, for the call's hot path.
    counts: Counts,
    /// Its environment's count of synchronous calls (none before the bridge set the
    /// environment up, which `load()` does before anything is bound).
    sync: Option<callbacks::SyncCounter>,
    /// A constructor: its native functions take first the wrapper a JavaScript class's
    /// `new` made, or undefined; a new .NET object adopts it (`objects::to_js_adopting`).
    adopts: bool,
}

#[derive(Clone, Copy)]
struct Counts {
    /// Arguments JavaScript passes (every parameter but `out`), and how many it must.
    inputs: usize,
    required: usize,
    by_ref: usize,
    json_write_backs: usize,
    /// Every argument JavaScript passes is a number or a string by value (a receiver may
    /// go first), so a call can skip `Arguments` (see `invoke`).
    simple: bool,
    /// A parameter takes a delegate, which a call may lend (see `callbacks::lending`).
    lends: bool,
}

impl Method {
    pub fn new(
        this_type: Option<i32>,
        this_wire: Option<Wire>,
        id: i32,
        display: String,
        params: Vec<Param>,
        returns: Wire,
    ) -> Method {
        let inputs: Vec<&Param> = params.iter().filter(|param| param.is_input()).collect();
        let counts = Counts {
            inputs: inputs.len(),
            required: inputs
                .iter()
                .rposition(|param| !param.optional)
                .map_or(0, |last| last + 1),
            by_ref: params
                .iter()
                .filter(|param| matches!(param.passing, Passing::Ref | Passing::Out))
                .count(),
            json_write_backs: params.iter().filter(|param| param.write_back).count(),
            simple: this_wire.is_none()
                && params.len() + usize::from(this_type.is_some()) <= INLINE
                && params.iter().all(|param| {
                    param.passing == Passing::Value
                        && !param.optional
                        && !param.write_back
                        && (param.wire.kind.is_number()
                            || matches!(param.wire.kind, Kind::String | Kind::Decimal))
                }),
            lends: params.iter().any(|param| param.wire.kind == Kind::Delegate),
        };
        Method {
            this_type,
            this_wire,
            id,
            display,
            params,
            returns,
            counts,
            sync: callbacks::sync_counter(),
            adopts: false,
        }
    }

    /// The same method, as a constructor whose calls pass first a wrapper to adopt (or
    /// undefined) when `adopts`.
    pub fn adopting(self, adopts: bool) -> Method {
        Method { adopts, ..self }
    }

    /// Whether its native functions take something before the arguments: an instance
    /// member's receiver, or the wrapper a constructor may adopt (or undefined).
    pub fn takes_receiver(&self) -> bool {
        self.this_type.is_some() || self.this_wire.is_some() || self.adopts
    }

    /// How many `ref`/`out` parameters it has: their values follow the result.
    pub fn by_ref_count(&self) -> usize {
        self.counts.by_ref
    }

    /// How many arrays come back as JSON (see `Param::write_back`).
    pub fn json_write_backs(&self) -> usize {
        self.counts.json_write_backs
    }
}

const RETURNED: i32 = 0;
const THREW: i32 = 1;
const RETURNED_TASK: i32 = 2;

fn require_bridge() -> Result<&'static Bridge> {
    bridge().ok_or_else(|| {
        JsError::new(
            "HostStateError",
            "the managed bridge is not initialized: call load() first",
        )
        .prop("code", Prop::Str("BridgeNotInitialized".into()))
        .into()
    })
}

/// JavaScript passes every parameter that is not `out`, in order; trailing optional ones
/// may be left out.
fn check_count(info: &CallInfo, method: &Method) -> Result<()> {
    let Counts {
        inputs: expected,
        required,
        ..
    } = method.counts;
    if info.len() < required || info.len() > expected {
        let detail = if info.len() < required {
            let missing = method
                .params
                .iter()
                .filter(|param| param.is_input())
                .nth(info.len())
                .expect("fewer arguments than required inputs");
            format!("missing argument '{}' ({})", missing.name, missing.wire.type_name)
        } else {
            format!("{} arguments given", info.len())
        };
        let count = if required == expected {
            format!("{expected}")
        } else {
            format!("{required} to {expected}")
        };
        return Err(JsError::invalid_argument(format!(
            "{} takes {count} argument{}: {detail}",
            method.display,
            if expected == 1 { "" } else { "s" }
        ))
        .into());
    }
    Ok(())
}

fn finish(
    env: Env,
    bridge: &Bridge,
    method: &Method,
    status: i32,
    ret: Slot,
    arguments: &mut Arguments,
    adoptee: Option<Value>,
) -> Result<Value> {
    let outs = method.by_ref_count();
    match status {
        RETURNED => {
            let written = arguments
                .write_back(env)
                .and(arguments.write_back_json(env, bridge, outs));
            let value = results::to_js_adopting(env, bridge, &method.returns, &ret, adoptee);
            let value = if outs == 0 {
                value?
            } else {
                let slots: Vec<Slot> = (0..outs).map(|index| arguments.out_slot(index)).collect();
                with_outs(env, bridge, method, value, &slots)?
            };
            written?;
            Ok(value)
        }
        RETURNED_TASK => {
            let inner = method
                .returns
                .inner
                .as_deref()
                .cloned()
                .unwrap_or_else(|| method.returns.clone());
            let slots: Vec<Slot> = (0..outs).map(|index| arguments.out_slot(index)).collect();
            // Its arrays are copies kept until the Task ends, then copied back.
            let kept = std::mem::replace(arguments, Arguments::empty());
            let promise = tasks::promise(env, bridge, ret.a, inner, Some(kept));
            with_outs(env, bridge, method, promise, &slots)
        }
        _ => {
            for index in 0..outs + method.json_write_backs() {
                results::discard(bridge, &arguments.out_slot(index));
            }
            Err(if status == THREW {
                results::exception(env, bridge, &ret)
            } else {
                JsError::new(
                    "DotnetHostError",
                    format!("internal error: the bridge returned status {status}"),
                )
                .into()
            })
        }
    }
}

/// With `ref`/`out` parameters the call gives `[result, ...values]`: the return value,
/// then each by-reference parameter's value after the call, in order.
fn with_outs(
    env: Env,
    bridge: &Bridge,
    method: &Method,
    value: Result<Value>,
    outs: &[Slot],
) -> Result<Value> {
    if outs.is_empty() {
        return value;
    }
    let by_ref = method
        .params
        .iter()
        .filter(|param| matches!(param.passing, Passing::Ref | Passing::Out));
    let mut converted = Vec::with_capacity(outs.len());
    let mut failure = None;
    for (param, slot) in by_ref.zip(outs) {
        // Every slot is converted (or released), even after one fails.
        match results::to_js(env, bridge, &param.wire, slot) {
            Ok(item) => converted.push(item),
            Err(error) => failure = failure.or(Some(error)),
        }
    }
    let value = value?;
    if let Some(error) = failure {
        return Err(error);
    }
    env.array(
        std::iter::once(Ok(value))
            .chain(converted.into_iter().map(Ok))
            .collect::<Vec<_>>()
            .into_iter(),
    )
}

/// The call as the method reads it: an instance member's native functions take their
/// receiver first (see `Method::takes_receiver`), moved here into `this`.
fn with_receiver<'a>(
    env: Env,
    info: &'a CallInfo,
    method: &Method,
    shifted: &'a mut Option<CallInfo>,
) -> Result<&'a CallInfo> {
    if !method.takes_receiver() {
        return Ok(info);
    }
    Ok(shifted.insert(info.receiver_first(env)?))
}

/// Calls the method now, on this thread. Buffers passed as spans are used in place.
pub fn invoke(env: Env, info: &CallInfo, method: &Rc<Method>) -> Result<Value> {
    let bridge = require_bridge()?;
    let mut shifted = None;
    let info = with_receiver(env, info, method, &mut shifted)?;
    check_count(info, method)?;
    // Declared before the arguments, so it outlives every slot pointing into it.
    let mut room = TextRoom::new();
    if method.counts.simple {
        // The common call of numbers and strings: slots on the stack, no `Arguments` built
        // or dropped. Each number goes through the same check `fill` applies first, each
        // string into the room as `fill` puts it, so the values and errors are the same;
        // anything else (null for a string, a bigint, a string for a char) takes the
        // general path below.
        let mut slots = [Slot::default(); INLINE];
        if simple_slots(env, info, method, &mut slots, &mut room)? {
            let mut scratch = Scratch::new();
            let mut ret = scratch.offer(&method.returns);
            let sync_call = method.sync.as_ref().map(callbacks::SyncCounter::enter);
            // SAFETY: the slots hold numbers, a receiver handle and pointers into `room`;
            // `slots` has room for every parameter (`simple` counts them); `ret` points
            // into `scratch`; all alive until the result is read.
            let status = unsafe { bridge.invoke(method.id, slots.as_mut_ptr(), &mut ret) };
            drop(sync_call);
            Scratch::settle(&mut ret);
            if status == RETURNED {
                let adoptee = adoptee(env, info, method)?;
                return results::to_js_adopting(env, bridge, &method.returns, &ret, adoptee);
            }
            return finish(env, bridge, method, status, ret, &mut Arguments::empty(), None);
        }
    }
    // Delegates lent to this call stay valid until it returns.
    let _lending = method.counts.lends.then(callbacks::lending);
    let mut arguments = Arguments::with_room(&mut room);
    arguments.fill(method, env, info, Memory::Borrow)?;
    let mut scratch = Scratch::new();
    let mut ret = scratch.offer(&method.returns);
    // Callbacks from other threads must know the JavaScript thread is blocked meanwhile.
    let sync_call = method.sync.as_ref().map(callbacks::SyncCounter::enter);
    // SAFETY: the slots point into `arguments`, `room` or JavaScript values of this call,
    // and `ret` into `scratch`, all alive until invoke returns.
    let status = unsafe { bridge.invoke(method.id, arguments.as_mut_ptr(), &mut ret) };
    drop(sync_call);
    Scratch::settle(&mut ret);
    let adoptee = adoptee(env, info, method)?;
    finish(env, bridge, method, status, ret, &mut arguments, adoptee)
}

/// The wrapper a constructor's `new` made and passed first (`with_receiver` moved it into
/// `this`), if this call may adopt one. Inlined: every call asks.
#[inline(always)]
fn adoptee(env: Env, info: &CallInfo, method: &Method) -> Result<Option<Value>> {
    if !method.adopts || method.by_ref_count() > 0 {
        return Ok(None);
    }
    let this = info.this();
    Ok((env.type_of(this)? == ValueType::Object).then_some(this))
}

/// Runs the method on one of the addon's threads and returns a Promise of its result.
/// Arguments are copied first, so JavaScript may change its buffers meanwhile.
pub fn invoke_async(env: Env, info: &CallInfo, method: &Rc<Method>) -> Result<Value> {
    let bridge = require_bridge()?;
    let mut shifted = None;
    let info = with_receiver(env, info, method, &mut shifted)?;
    check_count(info, method)?;
    if method.by_ref_count() > 0 {
        return Err(JsError::invalid_argument(format!(
            "{} has ref/out parameters: call it synchronously (callAsync cannot return their values)",
            method.display
        ))
        .into());
    }
    let mut arguments = Arguments::empty();
    arguments.fill(method, env, info, Memory::Copy)?;
    let id = tasks::next_call_id();
    let promise = tasks::promise(env, bridge, id, method.returns.clone(), None)?;
    let method_id = method.id;
    let started = pool::spawn(move || {
        let mut arguments = arguments;
        let mut ret = Slot::default();
        // SAFETY: every slot points into `arguments`' own copies, alive here.
        let status = unsafe { bridge.invoke(method_id, arguments.as_mut_ptr(), &mut ret) };
        let status = match status {
            RETURNED => tasks::SUCCEEDED,
            RETURNED_TASK => tasks::FORWARDED,
            _ => tasks::FAULTED,
        };
        // The copies go back with the result: .NET's writes reach JavaScript when it settles.
        tasks::complete_with(id, status, ret, Some(arguments));
    });
    if let Err(message) = started {
        tasks::complete(id, tasks::FAULTED, Slot::default());
        return Err(JsError::new("DotnetHostError", message).into());
    }
    Ok(promise)
}
