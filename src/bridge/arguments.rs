//! JavaScript arguments → slots, checked against the .NET parameter type before .NET is
//! entered: a wrong type is a TypeError, an out-of-range number a RangeError, both naming
//! the parameter and the .NET type.

use std::mem::MaybeUninit;
use std::ptr;

use super::api::{bridge, Slot};
use super::kind::{DelegateSignature, Kind, Wire, DECIMAL_PARTS, MISSING, OBJECT_MARKER};
use super::method::{Method, Param, Passing};
use super::{callbacks, objects, results};
use crate::napi::{BigIntWords, CallInfo, Env, JsError, Prop, Reference, Result, Value, ValueType};
use crate::numbers::{self, JsNumber, Refusal};

/// Whether buffers are passed in place (synchronous calls) or copied (calls that run on
/// another thread while JavaScript goes on).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Memory {
    Borrow,
    Copy,
}

/// Slots kept inline; methods with more parameters spill to the heap.
pub const INLINE: usize = 8;

/// Where .NET's writes into an array argument go back to: the JavaScript object that was
/// passed, and the copy (in `copies`) that .NET read and wrote.
struct WriteBack {
    target: Target,
    copy: usize,
    element: Kind,
    /// A plain JavaScript array (elements set one by one), not a TypedArray or buffer.
    plain: bool,
}

enum Target {
    /// During a synchronous call: the argument itself, alive until the call returns.
    Value(Value),
    /// For a call that ends later (a Task, callAsync): kept alive until then.
    Reference(Reference),
}

/// The slots of one call and the memory their pointers point into. Up to `INLINE` slots
/// live inline, so the common call allocates nothing; it is built in place (`fill`) rather
/// than returned, because moving it was measurable on the hot path.
pub struct Arguments {
    inline: [Slot; INLINE],
    spill: Vec<Slot>,
    len: usize,
    texts: Vec<Vec<u16>>,
    /// The caller's `TextRoom` (see `with_room`), or null.
    room: *mut TextRoom,
    copies: Vec<Vec<u8>>,
    /// Delegates made for JavaScript functions: object handles this call owns, given back
    /// when it is over (.NET keeps the delegate alive if it stored it).
    handles: Vec<i64>,
    write_backs: Vec<WriteBack>,
    /// JavaScript arrays passed for arrays of strings, records or objects, by the index of
    /// their JSON write-back slot (during a synchronous call only).
    json_backs: Vec<(usize, Value)>,
    /// The first of the slots where .NET writes `ref`/`out` values after the call.
    first_out: usize,
}

impl Drop for Arguments {
    fn drop(&mut self) {
        if self.handles.is_empty() {
            return;
        }
        if let Some(bridge) = bridge() {
            for handle in self.handles.drain(..) {
                bridge.release_object(handle);
            }
        }
    }
}

// SAFETY: the slots' pointers point into `texts` and `copies`, owned heap buffers that
// move with this value (their addresses do not change), or, for Memory::Borrow, into
// JavaScript memory or the caller's `TextRoom`, which are only used on the JavaScript
// thread (arguments with a room are never sent). Write-back targets are
// `Value`s only in Borrow mode (never sent); `Reference`s are used and deleted on the
// JavaScript thread only (`write_back`).
unsafe impl Send for Arguments {}

/// The slot of a text: where its units are and how many.
fn text_slot(units: &[u16]) -> Slot {
    Slot {
        a: units.as_ptr() as i64,
        b: units.len() as i64,
        c: 0,
    }
}

fn describe(env: Env, value: Value) -> String {
    match env.type_of(value) {
        Ok(ValueType::String) => "a string".into(),
        Ok(ValueType::Number) => env
            .try_double(value)
            .ok()
            .flatten()
            .map_or("a number".into(), |n| JsNumber(n).to_string()),
        Ok(ValueType::Object) => "an object".into(),
        Ok(kind) => kind.name().into(),
        Err(_) => "a value".into(),
    }
}

/// What a value is converted for, to name it in errors: an argument of a method, or what
/// a JavaScript callback returned.
struct Context<'a> {
    /// The parameter's name; empty for a value a callback returned.
    parameter: &'a str,
    /// For a value a callback returned: what it is ("the value returned by …").
    returned: &'a str,
    /// The signature of the method or delegate.
    owner: &'a str,
    type_name: &'a str,
}

impl<'a> Context<'a> {
    /// The context of a method's parameter.
    fn parameter(method: &'a Method, param: &'a Param) -> Context<'a> {
        Context {
            parameter: &param.name,
            returned: "",
            owner: &method.display,
            type_name: &param.wire.type_name,
        }
    }

    fn prefix(&self) -> String {
        if self.parameter.is_empty() {
            format!("{} for {}", self.returned, self.owner)
        } else {
            format!("argument '{}' of {}", self.parameter, self.owner)
        }
    }

    fn type_error(&self, env: Env, expected: &str, value: Value) -> crate::napi::Error {
        JsError::invalid_argument(format!(
            "{}: expected {} ({expected}), got {}",
            self.prefix(),
            self.type_name,
            describe(env, value)
        ))
        .prop("parameter", Prop::Str(self.parameter.to_string()))
        .prop("dotnetType", Prop::Str(self.type_name.to_string()))
        .into()
    }

    fn range_error(&self, detail: String) -> crate::napi::Error {
        JsError::new("ArgumentRangeError", format!("{}: {detail}", self.prefix()))
            .prop("code", Prop::Str("ArgumentOutOfRange".into()))
            .prop("parameter", Prop::Str(self.parameter.to_string()))
            .prop("dotnetType", Prop::Str(self.type_name.to_string()))
            .into()
    }
}

#[cold]
#[inline(never)]
fn single_refused(context: &Context, n: f64, refusal: Refusal) -> crate::napi::Error {
    match refusal {
        Refusal::FloatUnderflow => context.range_error(format!(
            "{} is too small for float: it would become 0 (the smallest float is 1.4e-45)",
            JsNumber(n)
        )),
        _ => context.range_error(format!("{} is out of range for float (±3.4e38)", JsNumber(n))),
    }
}

#[cold]
#[inline(never)]
fn integer_refused(
    context: &Context,
    wire: &Wire,
    n: f64,
    refusal: Refusal,
    (min, max): (f64, f64),
) -> crate::napi::Error {
    match refusal {
        Refusal::NotInteger => context.range_error(format!(
            "{} is not an integer ({} is an integer type)",
            JsNumber(n),
            wire.type_name
        )),
        _ => context.range_error(format!(
            "{} is out of range for {} ({min} to {max})",
            JsNumber(n),
            wire.type_name
        )),
    }
}

fn integer_range(kind: Kind) -> (f64, f64) {
    match kind {
        Kind::SByte => (i8::MIN as f64, i8::MAX as f64),
        Kind::Byte => (0.0, u8::MAX as f64),
        Kind::Int16 => (i16::MIN as f64, i16::MAX as f64),
        Kind::UInt16 | Kind::Char => (0.0, u16::MAX as f64),
        Kind::Int32 => (i32::MIN as f64, i32::MAX as f64),
        _ => (0.0, u32::MAX as f64),
    }
}

/// The TypedArray types (`napi_typedarray_type`) that hold elements of `kind`.
fn typed_arrays_for(kind: Kind) -> &'static [i32] {
    match kind {
        Kind::SByte => &[0],
        Kind::Byte => &[1, 2],
        Kind::Int16 => &[3],
        Kind::UInt16 | Kind::Char => &[4],
        Kind::Int32 => &[5],
        Kind::UInt32 => &[6],
        Kind::Single => &[7],
        Kind::Double => &[8],
        Kind::Int64 => &[9],
        Kind::UInt64 => &[10],
        _ => &[],
    }
}

fn typed_array_name(kind: Kind) -> &'static str {
    match kind {
        Kind::SByte => "Int8Array",
        Kind::Byte => "Buffer or Uint8Array",
        Kind::Int16 => "Int16Array",
        Kind::UInt16 | Kind::Char => "Uint16Array",
        Kind::Int32 => "Int32Array",
        Kind::UInt32 => "Uint32Array",
        Kind::Single => "Float32Array",
        Kind::Double => "Float64Array",
        Kind::Int64 => "BigInt64Array",
        _ => "BigUint64Array",
    }
}

/// A loose check that a string is a .NET decimal literal, so a typo is a TypeError here
/// rather than a FormatException in .NET.
fn is_decimal_text(text: &str) -> bool {
    let body = text.trim().strip_prefix(['-', '+']).unwrap_or(text.trim());
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (body, None),
    };
    let digits = mantissa.replacen('.', "", 1);
    !digits.is_empty()
        && digits.bytes().all(|byte| byte.is_ascii_digit())
        && exponent.is_none_or(|e| {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|byte| byte.is_ascii_digit())
        })
}

/// The most elements a .NET array holds (`Array.MaxLength`, for every element type).
const ARRAY_MAX_LENGTH: usize = 0x7FFF_FFC7;

/// TimeSpan's range in milliseconds: i64 ticks of 100 ns.
const TIMESPAN_MAX_MS: f64 = 922_337_203_685_477.0;
/// DateTime's range in milliseconds since 1970: 0001-01-01 to 9999-12-31T23:59:59.999.
const DATETIME_MIN_MS: f64 = -62_135_596_800_000.0;
const DATETIME_MAX_MS: f64 = 253_402_300_799_999.0;

fn is_guid_text(text: &str) -> bool {
    let inner = text.trim_start_matches(['{', '(']).trim_end_matches(['}', ')']);
    let hex: String = inner.chars().filter(|c| *c != '-').collect();
    hex.len() == 32 && hex.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// Room on a synchronous call's stack for its string arguments (see `Arguments::string`).
pub struct TextRoom {
    units: [MaybeUninit<u16>; TextRoom::UNITS],
    used: usize,
}

impl TextRoom {
    /// Enough for most calls' strings, and small enough that `invoke`'s frame stays within
    /// a page (no stack probe).
    const UNITS: usize = 512;

    pub fn new() -> TextRoom {
        TextRoom {
            units: [const { MaybeUninit::uninit() }; TextRoom::UNITS],
            used: 0,
        }
    }

    /// The slot of a string whose code units this room now holds after those it held
    /// (one Node-API call), or `None` when they do not fit or `value` is no string.
    fn hold(&mut self, env: Env, value: Value) -> Result<Option<Slot>> {
        let free = &mut self.units[self.used..];
        let Some(length) = env.read_string_utf16_into(value, free)? else {
            return Ok(None);
        };
        let slot = Slot {
            a: free.as_ptr() as i64,
            b: length as i64,
            c: 0,
        };
        self.used += length;
        Ok(Some(slot))
    }
}

impl Arguments {
    /// Arguments of a synchronous call whose strings may go into `room`, which the caller
    /// keeps alive and in place until the call returns (it lives on `invoke`'s stack).
    pub fn with_room(room: &mut TextRoom) -> Arguments {
        let mut arguments = Arguments::empty();
        arguments.room = room;
        arguments
    }

    pub fn empty() -> Arguments {
        Arguments {
            inline: [Slot::default(); INLINE],
            spill: Vec::new(),
            len: 0,
            texts: Vec::new(),
            room: ptr::null_mut(),
            copies: Vec::new(),
            handles: Vec::new(),
            write_backs: Vec::new(),
            json_backs: Vec::new(),
            first_out: 0,
        }
    }

    /// The value .NET wrote for the `index`th `ref`/`out` parameter.
    pub fn out_slot(&self, index: usize) -> Slot {
        let at = self.first_out + index;
        if self.len > INLINE {
            self.spill[at]
        } else {
            self.inline[at]
        }
    }

    /// Sets the items of each JavaScript array passed for an array of strings, records or
    /// objects to what .NET left in it (the JSON after the `outs` by-reference slots). Every
    /// slot is released, even after one fails.
    pub fn write_back_json(&mut self, env: Env, bridge: &super::api::Bridge, outs: usize) -> Result<()> {
        if self.len == self.first_out + outs {
            return Ok(());
        }
        let mut result = Ok(());
        let json = Wire::simple(Kind::Json, String::new());
        let backs = std::mem::take(&mut self.json_backs);
        let mut written = vec![false; self.len - self.first_out - outs];
        for (index, array) in backs {
            written[index] = true;
            let slot = self.out_slot(outs + index);
            if slot.a == 0 {
                continue;
            }
            let done = results::to_js(env, bridge, &json, &slot).and_then(|items| {
                for (position, item) in env.array_items(items, "")?.into_iter().enumerate() {
                    env.set_element(array, position as u32, item)?;
                }
                Ok(())
            });
            if result.is_ok() {
                result = done;
            }
        }
        for (index, done) in written.into_iter().enumerate() {
            if !done {
                results::discard(bridge, &self.out_slot(outs + index));
            }
        }
        result
    }

    /// Makes .NET's writes into array arguments visible in the JavaScript values passed:
    /// after a synchronous call, or (for copies kept until a Task or `callAsync` ended) on
    /// the JavaScript thread when it settles. A buffer JavaScript detached or resized
    /// meanwhile gets what still fits.
    pub fn write_back(&mut self, env: Env) -> Result<()> {
        if self.write_backs.is_empty() {
            return Ok(());
        }
        let mut result = Ok(());
        for write_back in self.write_backs.drain(..) {
            let (value, reference) = match write_back.target {
                Target::Value(value) => (Some(value), None),
                Target::Reference(reference) => {
                    (env.reference_value(&reference).ok().flatten(), Some(reference))
                }
            };
            if let Some(value) = value {
                let copy = &self.copies[write_back.copy];
                let done = if write_back.plain {
                    unpack(env, value, copy, write_back.element)
                } else {
                    env.bytes(value, "").map(|bytes| {
                        let length = bytes.len().min(copy.len());
                        if length > 0 {
                            // SAFETY: `bytes` borrows the argument's memory for this
                            // callback; `copy` is a separate Rust buffer of at least `length`.
                            unsafe {
                                std::ptr::copy_nonoverlapping(copy.as_ptr(), bytes.as_mut_ptr(), length)
                            };
                        }
                    })
                };
                if result.is_ok() {
                    result = done;
                }
            }
            if let Some(reference) = reference {
                reference.delete(env);
            }
        }
        result
    }

    fn put(&mut self, index: usize, slot: Slot) {
        if self.len > INLINE {
            self.spill[index] = slot;
        } else {
            self.inline[index] = slot;
        }
    }

    /// Converts the call's arguments (the caller checked their count). An instance
    /// member's receiver (`this`) goes first, in slot 0; JavaScript's arguments fill the
    /// parameters that are not `out`; after the parameters come the slots where .NET
    /// writes each `ref`/`out` value.
    pub fn fill(&mut self, method: &Method, env: Env, info: &CallInfo, memory: Memory) -> Result<()> {
        let first = usize::from(method.this_type.is_some());
        self.first_out = method.params.len() + first;
        self.len = self.first_out + method.by_ref_count() + method.json_write_backs();
        if self.len > INLINE {
            self.spill = vec![Slot::default(); self.len];
        }
        if let Some(wire) = &method.this_wire {
            let context = Context {
                parameter: "this",
                returned: "",
                owner: &method.display,
                type_name: &wire.type_name,
            };
            let slot = self.convert(env, &context, wire, primitive_this(env, info.this())?, memory)?;
            self.put(0, slot);
        } else if let Some(this_type) = method.this_type {
            let slot = receiver(env, method, this_type, info.this())?;
            self.put(0, slot);
        }
        // A method returning a Task may use its arrays and Memory until the Task ends:
        // they are copies kept until then, not the JavaScript memory of this call. (A
        // span cannot outlive the call.)
        let keeps = method.returns.kind == Kind::Task;
        let mut argument = 0;
        let mut json_back = 0;
        for (index, param) in method.params.iter().enumerate() {
            if param.passing == Passing::Out {
                self.put(index + first, Slot::default());
                continue;
            }
            let value = info.arg(env, argument)?;
            argument += 1;
            if param.write_back {
                if memory == Memory::Borrow && env.is_array(value)? {
                    self.json_backs.push((json_back, value));
                }
                json_back += 1;
            }
            let slot =
                if param.optional && (argument > info.len() || env.type_of(value)? == ValueType::Undefined) {
                    Slot {
                        a: 0,
                        b: 0,
                        c: MISSING,
                    }
                } else {
                    let context = Context::parameter(method, param);
                    let memory = if keeps
                        && matches!(param.wire.kind, Kind::Array | Kind::Memory | Kind::ReadOnlyMemory)
                    {
                        Memory::Copy
                    } else {
                        memory
                    };
                    self.convert(env, &context, &param.wire, value, memory)?
                };
            self.put(index + first, slot);
        }
        Ok(())
    }

    /// A JavaScript callback's return value as the slot .NET reads; the memory it points
    /// into lives in `self`.
    pub fn convert_return(&mut self, env: Env, signature: &DelegateSignature, value: Value) -> Result<Slot> {
        let context = Context {
            parameter: "",
            returned: "the value returned by the JavaScript function",
            owner: &signature.display,
            type_name: &signature.returns.type_name,
        };
        self.convert(env, &context, &signature.returns, value, Memory::Copy)
    }

    /// What a callback's Promise resolved to, as the slot .NET reads for the Task's result.
    pub fn convert_resolved(&mut self, env: Env, owner: &str, wire: &Wire, value: Value) -> Result<Slot> {
        let context = Context {
            parameter: "",
            returned: "the value the JavaScript function's Promise resolved to",
            owner,
            type_name: &wire.type_name,
        };
        self.convert(env, &context, wire, value, Memory::Copy)
    }

    /// Whether no memory or handle lives here: the slots built hold plain values, so .NET
    /// has nothing to give back once it has read them.
    pub fn owns_nothing(&self) -> bool {
        self.spill.is_empty()
            && self.texts.is_empty()
            && self.copies.is_empty()
            && self.handles.is_empty()
            && self.write_backs.is_empty()
            && self.json_backs.is_empty()
    }

    /// The slot array the bridge reads.
    pub fn as_mut_ptr(&mut self) -> *mut Slot {
        if self.len > INLINE {
            self.spill.as_mut_ptr()
        } else {
            self.inline.as_mut_ptr()
        }
    }

    /// Numbers, the most common arguments, with one Node-API call. Inlined into the
    /// all-number path: its result then stays in registers, and the refusals are built
    /// out of line. (`#[inline]` alone left it a call whose result `invoke` read back
    /// from memory, a 16-byte load over two 8-byte stores that stalled: 41 % of
    /// `invoke`'s samples in a `perf` of `Add`.)
    #[inline(always)]
    fn number(env: Env, context: &Context, wire: &Wire, value: Value) -> Result<Option<Slot>> {
        if !wire.kind.is_number() {
            return Ok(None);
        }
        let Some(n) = env.try_double(value)? else {
            return Ok(None);
        };
        let a = match wire.kind {
            Kind::Double => n.to_bits() as i64,
            // The nearest float, except where that changes what the number is: a finite
            // number would become Infinity, or one other than 0 become 0 (as
            // Checked.Single in the bridge, for floats inside JSON).
            Kind::Single => match numbers::single(n) {
                Ok(single) => single.to_bits() as i64,
                Err(refusal) => return Err(single_refused(context, n, refusal)),
            },
            _ => {
                let (min, max) = integer_range(wire.kind);
                match numbers::integer(n, min, max) {
                    Ok(integer) => integer,
                    Err(refusal) => return Err(integer_refused(context, wire, n, refusal, (min, max))),
                }
            }
        };
        Ok(Some(Slot { a, b: 1, c: 0 }))
    }

    fn text(&mut self, units: Vec<u16>) -> Slot {
        let slot = text_slot(&units);
        self.texts.push(units);
        slot
    }

    /// A JavaScript string's code units: in the caller's room during a synchronous call
    /// while they fit (one Node-API call, no allocation), else in a buffer of their own.
    fn string(&mut self, env: Env, value: Value, memory: Memory) -> Result<Slot> {
        if memory == Memory::Borrow && !self.room.is_null() {
            // SAFETY: `with_room`'s caller keeps the room alive and in place until the call
            // returns, and only these arguments use it; slots point into its used part,
            // `hold` writes after it.
            if let Some(slot) = unsafe { &mut *self.room }.hold(env, value)? {
                return Ok(slot);
            }
        }
        Ok(self.text(env.get_string_utf16(value)?))
    }

    fn convert(
        &mut self,
        env: Env,
        context: &Context,
        wire: &Wire,
        value: Value,
        memory: Memory,
    ) -> Result<Slot> {
        if let Some(slot) = Self::number(env, context, wire, value)? {
            return Ok(slot);
        }
        let kind = env.type_of(value)?;
        if let (Some(members), ValueType::String) = (&wire.enum_members, kind) {
            let text = env.get_string(value, "")?;
            return match members.parse(&text) {
                Some(number) => Ok(Slot {
                    a: number,
                    b: 1,
                    c: 0,
                }),
                None => Err(context.type_error(
                    env,
                    &format!(
                        "a member of {}{} ({})",
                        wire.type_name,
                        if members.flags {
                            ", or several as \"A, B\""
                        } else {
                            ""
                        },
                        members.names()
                    ),
                    value,
                )),
            };
        }
        if matches!(kind, ValueType::Undefined | ValueType::Null) {
            let references = (wire.kind.is_text()
                || matches!(wire.kind, Kind::Array | Kind::Object | Kind::Delegate)
                || wire.is_json_span())
                && !wire.is_struct;
            return if wire.nullable || references || wire.kind == Kind::CancellationToken {
                Ok(Slot {
                    a: 0,
                    b: if references { -1 } else { 0 },
                    c: 0,
                })
            } else {
                Err(context.type_error(env, "a value; null is not allowed", value))
            };
        }
        let number = |expected: &str| -> Result<f64> {
            env.try_double(value)?
                .ok_or_else(|| context.type_error(env, expected, value))
        };
        let value_slot = |a: i64| Slot { a, b: 1, c: 0 };
        Ok(match wire.kind {
            Kind::Bool => {
                if kind != ValueType::Boolean {
                    return Err(context.type_error(env, "a boolean", value));
                }
                value_slot(env.get_bool(value, "")? as i64)
            }
            Kind::Char if kind == ValueType::String => {
                let units = env.get_string_utf16(value)?;
                if units.len() != 1 {
                    return Err(context.type_error(env, "a one-character string or a char code", value));
                }
                value_slot(units[0] as i64)
            }
            // Numbers of these kinds took the fast path (`number`); anything else is the
            // wrong type.
            Kind::SByte
            | Kind::Byte
            | Kind::Int16
            | Kind::UInt16
            | Kind::Int32
            | Kind::UInt32
            | Kind::Char => return Err(context.type_error(env, "an integer number", value)),
            Kind::Int64 | Kind::IntPtr => {
                if let Some((n, lossless)) = env.try_bigint_i64(value)? {
                    if !lossless {
                        return Err(
                            context.range_error(format!("the bigint is out of range for {}", wire.type_name))
                        );
                    }
                    value_slot(n)
                } else {
                    let n = number("a bigint or a safe integer")?;
                    let Some(integer) = numbers::safe_i64(n) else {
                        return Err(context.range_error(format!(
                            "{} is not a safe integer; pass a bigint for {}",
                            JsNumber(n),
                            wire.type_name
                        )));
                    };
                    value_slot(integer)
                }
            }
            Kind::UInt64 | Kind::UIntPtr => {
                if let Some((n, lossless)) = env.try_bigint_u64(value)? {
                    if !lossless {
                        return Err(
                            context.range_error(format!("the bigint is out of range for {}", wire.type_name))
                        );
                    }
                    value_slot(n as i64)
                } else {
                    let n = number("a bigint or a safe integer")?;
                    let Some(integer) = numbers::safe_u64(n) else {
                        return Err(context.range_error(format!(
                            "{} is not a non-negative safe integer; pass a bigint for {}",
                            JsNumber(n),
                            wire.type_name
                        )));
                    };
                    value_slot(integer as i64)
                }
            }
            Kind::Single | Kind::Double => return Err(context.type_error(env, "a number", value)),
            Kind::TimeSpan => {
                let milliseconds = number("a number of milliseconds")?;
                // TimeSpan holds ±2^63 ticks of 100 ns: NaN, ±Infinity and beyond are
                // refused, not turned into 0 or MaxValue.
                if !milliseconds.is_finite() || milliseconds.abs() >= TIMESPAN_MAX_MS {
                    return Err(context.range_error(format!(
                        "{} ms is not a TimeSpan (at most ±{TIMESPAN_MAX_MS} ms)",
                        JsNumber(milliseconds)
                    )));
                }
                value_slot(milliseconds.to_bits() as i64)
            }
            Kind::DateTime | Kind::DateTimeOffset => {
                let (milliseconds, exact) = if env.is_date(value)? {
                    let milliseconds = env.date_value(value)?;
                    (milliseconds, objects::exact_of(env, value, milliseconds)?)
                } else {
                    (number("a Date or milliseconds since 1970")?, 0)
                };
                if !milliseconds.is_finite() {
                    return Err(context.range_error("the date is invalid".into()));
                }
                if !(DATETIME_MIN_MS..=DATETIME_MAX_MS).contains(&milliseconds) {
                    return Err(context.range_error(format!(
                        "{} ms since 1970 is outside {}'s range (years 1 to 9999)",
                        JsNumber(milliseconds),
                        wire.type_name
                    )));
                }
                // b: 1, or what the milliseconds leave out of the .NET date (Times.Flag).
                Slot {
                    a: milliseconds.to_bits() as i64,
                    b: if exact == 0 { 1 } else { exact },
                    c: 0,
                }
            }
            Kind::String => {
                if kind != ValueType::String {
                    return Err(context.type_error(env, "a string", value));
                }
                self.string(env, value, memory)?
            }
            // Records and other data (and spans of strings or objects, from an array):
            // JSON, with wrappers inside as references.
            Kind::Span | Kind::ReadOnlySpan | Kind::Memory | Kind::ReadOnlyMemory if wire.is_json_span() => {
                if kind != ValueType::Object || !env.is_array(value)? {
                    return Err(context.type_error(env, "an array", value));
                }
                match objects::stringify(env, value)? {
                    Some(units) => self.text(units),
                    None => return Err(no_json(env, context, value)),
                }
            }
            // A string for a ReadOnlySpan<char>, as C# converts one.
            Kind::ReadOnlySpan | Kind::ReadOnlyMemory
                if wire.element == Kind::Char && kind == ValueType::String =>
            {
                let text = self.string(env, value, memory)?;
                Slot {
                    b: text.b * 2,
                    ..text
                }
            }
            Kind::Json => {
                if kind == ValueType::Function {
                    return Err(context.type_error(
                        env,
                        "a JSON value; functions cannot cross as JSON",
                        value,
                    ));
                }
                match objects::stringify(env, value)? {
                    Some(units) => self.text(units),
                    None => return Err(no_json(env, context, value)),
                }
            }
            Kind::Decimal => {
                let text = match kind {
                    ValueType::Number => {
                        let n = number("a number")?;
                        if !n.is_finite() {
                            return Err(context.range_error(format!("{} is not a decimal", JsNumber(n))));
                        }
                        if let Some(slot) = decimal_slot(n) {
                            return Ok(slot);
                        }
                        // The decimal JavaScript prints, from JavaScript: 0.1 is 0.1.
                        env.to_display_string(value)?
                    }
                    ValueType::String => env.get_string(value, "")?,
                    // Its digits: the bridge refuses what decimal cannot hold.
                    // A decimal is below 2^96: two words hold any bigint it can.
                    ValueType::BigInt => {
                        let text = match env.try_bigint_words(value, 2)? {
                            Some(BigIntWords::Words(negative, words)) => {
                                numbers::bigint_text(negative, &words)
                            }
                            Some(BigIntWords::TooMany) => None,
                            None => {
                                return Err(context.type_error(env, "a number or a numeric string", value))
                            }
                        };
                        text.ok_or_else(|| {
                            context.range_error(
                                "a bigint of more than 128 bits is out of range for decimal (±7.9e28)".into(),
                            )
                        })?
                    }
                    _ => return Err(context.type_error(env, "a number or a numeric string", value)),
                };
                if !is_decimal_text(&text) {
                    return Err(context.type_error(env, "a number or a numeric string", value));
                }
                // Its range and precision are checked where it is parsed (Checked.Decimal).
                self.text(text.encode_utf16().collect())
            }
            Kind::Guid => {
                if kind != ValueType::String {
                    return Err(context.type_error(env, "a GUID string", value));
                }
                let units = env.get_string_utf16(value)?;
                if !is_guid_text(&String::from_utf16_lossy(&units)) {
                    return Err(context.type_error(
                        env,
                        "a GUID string such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                        value,
                    ));
                }
                self.text(units)
            }
            Kind::Array | Kind::Span | Kind::ReadOnlySpan | Kind::Memory | Kind::ReadOnlyMemory
                if kind == ValueType::Object && env.is_array(value)? =>
            {
                // A plain JavaScript array for a T[] (or a span of numbers): packed here,
                // element by element, and unpacked again after the call with .NET's writes.
                let items = env.array_items(value, "")?;
                let mut packed = Vec::with_capacity(items.len() * wire.element.element_size());
                for item in items {
                    let element =
                        Wire::simple(wire.element, wire.type_name.trim_end_matches("[]").to_string());
                    let slot = self.convert(env, context, &element, item, memory)?;
                    packed.extend_from_slice(&slot.a.to_le_bytes()[..wire.element.element_size()]);
                }
                let slot = Slot {
                    a: packed.as_ptr() as i64,
                    b: packed.len() as i64,
                    c: 0,
                };
                self.copies.push(packed);
                self.keep_for_write_back(env, value, wire, memory, true)?;
                slot
            }
            Kind::Array | Kind::Span | Kind::ReadOnlySpan | Kind::Memory | Kind::ReadOnlyMemory => {
                let expected = typed_array_name(wire.element);
                let bytes = env
                    .bytes(value, context.parameter)
                    .map_err(|_| context.type_error(env, expected, value))?;
                let matches = match bytes.typed_array {
                    Some(array) => typed_arrays_for(wire.element).contains(&array),
                    None => wire.element.element_size() == 1,
                };
                if !matches {
                    return Err(context.type_error(env, expected, value));
                }
                // A span has an int length; an array (and Memory, a .NET array) at most
                // Array.MaxLength elements. Checked here: a longer length would be cut to
                // 32 bits, or fail in .NET as an OutOfMemoryException.
                let (limit, holder) = if matches!(wire.kind, Kind::Span | Kind::ReadOnlySpan) {
                    (i32::MAX as usize, "a .NET span")
                } else {
                    (ARRAY_MAX_LENGTH, "a .NET array (Array.MaxLength)")
                };
                let elements = bytes.len() / wire.element.element_size();
                if elements > limit {
                    return Err(context.range_error(format!(
                        "{elements} elements is more than {holder} holds ({limit})"
                    )));
                }
                if memory == Memory::Copy {
                    let owned = bytes.to_vec();
                    let slot = Slot {
                        a: owned.as_ptr() as i64,
                        b: owned.len() as i64,
                        c: 0,
                    };
                    self.copies.push(owned);
                    self.keep_for_write_back(env, value, wire, memory, false)?;
                    slot
                } else {
                    // Arrays and Memory are .NET copies the bridge makes (and copies back
                    // into this memory after the call); spans point at it during the call.
                    Slot {
                        a: bytes.as_mut_ptr() as i64,
                        b: bytes.len() as i64,
                        c: 0,
                    }
                }
            }
            Kind::CancellationToken => match env.try_bigint_i64(value)? {
                Some((handle, true)) => Slot {
                    a: handle,
                    b: 1,
                    c: 0,
                },
                _ => return Err(context.type_error(env, "an AbortSignal", value)),
            },
            Kind::Object | Kind::Delegate => self.object(env, context, wire, value, kind, memory)?,
            Kind::Void | Kind::Task => {
                return Err(context.type_error(env, "nothing: it cannot be passed", value))
            }
        })
    }

    /// Records that the copy just pushed goes back into `value` when the call is over (for
    /// arrays .NET may write into; read-only memory never changes).
    fn keep_for_write_back(
        &mut self,
        env: Env,
        value: Value,
        wire: &Wire,
        memory: Memory,
        plain: bool,
    ) -> Result<()> {
        let writable = matches!(wire.kind, Kind::Array | Kind::Memory) || (plain && wire.kind == Kind::Span);
        if !writable || (!plain && memory == Memory::Borrow) {
            return Ok(());
        }
        let target = match memory {
            Memory::Borrow => Target::Value(value),
            Memory::Copy => Target::Reference(env.reference(value, true)?),
        };
        self.write_backs.push(WriteBack {
            target,
            copy: self.copies.len() - 1,
            element: wire.element,
            plain,
        });
        Ok(())
    }

    /// A wrapper (by reference), a JavaScript function (a new delegate), or, for objects, a
    /// JSON value that .NET deserializes.
    fn object(
        &mut self,
        env: Env,
        context: &Context,
        wire: &Wire,
        value: Value,
        kind: ValueType,
        memory: Memory,
    ) -> Result<Slot> {
        let bridge = bridge()
            .ok_or_else(|| JsError::new("HostStateError", "the managed bridge is not initialized"))?;
        // Wrappers are objects; a function is never one, so it skips the wrapper lookup.
        if kind == ValueType::Object {
            if let Some((handle, type_id)) = objects::unwrap_object(env, value)? {
                return objects::slot_of(bridge, handle, type_id, wire.type_id)?
                    .ok_or_else(|| context.type_error(env, "a .NET object of that type", value));
            }
        }
        if wire.kind == Kind::Delegate {
            if kind != ValueType::Function {
                return Err(context.type_error(env, "a function or a .NET delegate", value));
            }
            let handle =
                match callbacks::delegate_argument(env, bridge, value, wire, memory == Memory::Borrow)? {
                    callbacks::DelegateHandle::Owned(handle) => {
                        self.handles.push(handle);
                        handle
                    }
                    callbacks::DelegateHandle::Lent(handle) => handle,
                };
            return Ok(Slot {
                a: handle,
                b: OBJECT_MARKER,
                c: 0,
            });
        }
        if kind == ValueType::Function {
            return Err(context.type_error(
                env,
                "a .NET object or a JSON value; functions cannot cross as JSON",
                value,
            ));
        }
        Ok(match objects::stringify(env, value)? {
            Some(units) => self.text(units),
            None => return Err(no_json(env, context, value)),
        })
    }
}

/// `f.call(5)` gives a native function `this` as a Number object: its primitive value
/// (any other object, a Date among them, is taken as it is).
fn primitive_this(env: Env, this: Value) -> Result<Value> {
    if env.type_of(this)? != ValueType::Object || env.is_date(this)? {
        return Ok(this);
    }
    let value_of = env.get(this, "valueOf")?;
    if env.type_of(value_of)? != ValueType::Function {
        return Ok(this);
    }
    let value = env.call_with_this(this, value_of, &[])?;
    Ok(match env.type_of(value)? {
        ValueType::Number | ValueType::String | ValueType::Boolean | ValueType::BigInt => value,
        _ => this,
    })
}

/// A value (not null) for which `JSON.stringify` gives nothing: a Symbol, or an object whose
/// `toJSON` returns a function or a Symbol. It would otherwise arrive as null.
fn no_json(env: Env, context: &Context, value: Value) -> crate::napi::Error {
    context.type_error(
        env,
        "a JSON value; JSON.stringify gives nothing for this value (a Symbol, or a toJSON that returns a function or a Symbol)",
        value,
    )
}

/// Sets each element of a plain JavaScript array from the packed elements .NET left.
fn unpack(env: Env, array: Value, packed: &[u8], element: Kind) -> Result<()> {
    let size = element.element_size();
    let wire = Wire::simple(element, String::new());
    for (index, chunk) in packed.chunks_exact(size).enumerate() {
        let mut bytes = [0u8; 8];
        bytes[..size].copy_from_slice(chunk);
        let slot = Slot {
            a: i64::from_le_bytes(bytes),
            b: 1,
            c: 0,
        };
        let value = results::primitive(env, &wire, &slot)?;
        env.set_element(array, index as u32, value)?;
    }
    Ok(())
}

/// A number as the decimal .NET parses from its JavaScript text, where its coefficient
/// fits 64 bits (`numbers::decimal_parts`): the bridge then skips the text.
fn decimal_slot(n: f64) -> Option<Slot> {
    numbers::decimal_parts(n).map(|parts| Slot {
        a: parts.magnitude as i64,
        b: i64::from(parts.scale) | if parts.negative { 256 } else { 0 },
        c: DECIMAL_PARTS,
    })
}

/// The slots of a call whose parameters are all numbers, decimals or strings by value
/// (`Method`'s `simple`): the receiver first for an instance member, then each number as
/// `Arguments::number` takes it, which is what `fill` tries first, each decimal as its
/// parts (`decimal_slot`, as `fill` does first for a number), and each string's code
/// units in `room`, as `fill` puts them there. False, with nothing to release and `room`
/// empty again, when an argument is none of these (or a string does not fit, or a decimal
/// needs its text): the caller then takes the general path, which checks and converts it.
pub fn simple_slots(
    env: Env,
    info: &CallInfo,
    method: &Method,
    slots: &mut [Slot; INLINE],
    room: &mut TextRoom,
) -> Result<bool> {
    let first = usize::from(method.this_type.is_some());
    if let Some(this_type) = method.this_type {
        // The wrapper's own handle: nothing this call owns or must release.
        slots[0] = receiver(env, method, this_type, info.this())?;
    }
    for (index, param) in method.params.iter().enumerate() {
        let value = info.arg(env, index)?;
        let slot = if param.wire.kind == Kind::String {
            room.hold(env, value)?
        } else if param.wire.kind == Kind::Decimal {
            env.try_double(value)?.and_then(decimal_slot)
        } else {
            Arguments::number(env, &Context::parameter(method, param), &param.wire, value)?
        };
        match slot {
            Some(slot) => slots[first + index] = slot,
            None => {
                room.used = 0;
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// The receiver of an instance member, checked against the declaring type.
fn receiver(env: Env, method: &Method, this_type: i32, this: Value) -> Result<Slot> {
    let bridge =
        bridge().ok_or_else(|| JsError::new("HostStateError", "the managed bridge is not initialized"))?;
    // The common case: the wrapper's token, which the TypeScript layer passes in its place.
    if let Some((handle, type_id)) = objects::by_token(env, this)? {
        if let Some(slot) = objects::slot_of(bridge, handle, type_id, this_type)? {
            return Ok(slot);
        }
        return Err(JsError::invalid_argument(format!(
            "{} is an instance member: call it on a .NET object of its type (as obj.member(...)), not on an object of another type",
            method.display
        ))
        .into());
    }
    let object = objects::unwrap(env, this)?;
    if let Some(slot) = object
        .map(|(handle, type_id)| objects::slot_of(bridge, handle, type_id, this_type))
        .transpose()?
        .flatten()
    {
        return Ok(slot);
    }
    Err(JsError::invalid_argument(format!(
        "{} is an instance member: call it on a .NET object of its type (as obj.member(...)), not {}",
        method.display,
        if object.is_some() {
            "on an object of another type".to_string()
        } else {
            // `receiverOf` boxes a number so that it is never taken for a key: name the number.
            describe(env, primitive_this(env, this).unwrap_or(this))
        }
    ))
    .into())
}
