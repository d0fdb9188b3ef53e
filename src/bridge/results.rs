//! Result slots → JavaScript values. Pinned strings and arrays are copied out and their
//! handles released here, exactly once.

use std::mem::MaybeUninit;

use super::api::{Bridge, Slot};
use super::kind::{Kind, Wire, OBJECT_MARKER, SCRATCH, SCRATCH_ASCII};
use super::objects;
use crate::napi::{Env, JsError, Prop, Result, TypedArrayKind, Value};

fn typed_array_kind(element: Kind) -> TypedArrayKind {
    match element {
        Kind::SByte => TypedArrayKind::Int8,
        Kind::Byte => TypedArrayKind::Uint8,
        Kind::Int16 => TypedArrayKind::Int16,
        Kind::UInt16 | Kind::Char => TypedArrayKind::Uint16,
        Kind::Int32 => TypedArrayKind::Int32,
        Kind::UInt32 => TypedArrayKind::Uint32,
        Kind::Single => TypedArrayKind::Float32,
        Kind::Double => TypedArrayKind::Float64,
        Kind::Int64 => TypedArrayKind::BigInt64,
        _ => TypedArrayKind::BigUint64,
    }
}

/// Room on a synchronous caller's stack for a short string result. .NET copies the string
/// here instead of pinning it (`Writers.String`), which saves a GCHandle and a second call
/// into .NET to free it. The caller reads the slot before it returns, and nothing else is
/// ever offered this room, so no other call can write it meanwhile.
pub struct Scratch([MaybeUninit<u16>; Scratch::UNITS]);

impl Scratch {
    /// Enough for most names, numbers as text, decimals and Guids.
    const UNITS: usize = 256;

    pub fn new() -> Scratch {
        Scratch([const { MaybeUninit::uninit() }; Scratch::UNITS])
    }

    /// The result slot of a call returning `wire`: offering this room for a string, or
    /// for JSON (a record, or data declared `object`), which the bridge still pins when it
    /// carries object references.
    pub fn offer(&mut self, wire: &Wire) -> Slot {
        if !matches!(
            wire.kind,
            Kind::String | Kind::Decimal | Kind::Guid | Kind::Json | Kind::Object
        ) {
            return Slot::default();
        }
        Slot {
            a: self.0.as_mut_ptr() as i64,
            b: Scratch::UNITS as i64,
            c: SCRATCH,
        }
    }

    /// After the call: a slot .NET did not write (a status without a result) still holds
    /// the offer, whose units were never written; it then holds nothing.
    pub fn settle(slot: &mut Slot) {
        if slot.c == SCRATCH {
            *slot = Slot::default();
        }
    }
}

/// The text of a string or JSON result slot: UTF-16 units the bridge pinned or copied into
/// the caller's `Scratch`, or ASCII bytes it wrote there (`SCRATCH_ASCII`).
pub enum Text<'a> {
    Utf16(&'a [u16]),
    Ascii(&'a [u8]),
}

impl<'a> Text<'a> {
    /// # Safety
    /// `slot` is a text result the bridge wrote (not null: `a != 0`, `b >= 0`), whose
    /// memory (pinned until `c` is released, or the caller's `Scratch`) outlives `'a`.
    pub unsafe fn of(slot: &Slot) -> Text<'a> {
        let length = slot.b as usize;
        if slot.c == SCRATCH_ASCII {
            // SAFETY: as the caller promises; .NET wrote `length` bytes there.
            Text::Ascii(unsafe { std::slice::from_raw_parts(slot.a as *const u8, length) })
        } else {
            // SAFETY: as the caller promises; `length` units.
            Text::Utf16(unsafe { std::slice::from_raw_parts(slot.a as *const u16, length) })
        }
    }

    pub fn to_js(&self, env: Env) -> Result<Value> {
        match self {
            // SAFETY: a live slice for this call.
            Text::Utf16(units) => unsafe { env.string_utf16_raw(units.as_ptr(), units.len()) },
            // SAFETY: a live slice for this call; ASCII is Latin-1.
            Text::Ascii(bytes) => unsafe { env.string_latin1_raw(bytes.as_ptr(), bytes.len()) },
        }
    }

    pub fn to_string_lossy(&self) -> String {
        match self {
            Text::Utf16(units) => String::from_utf16_lossy(units),
            Text::Ascii(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        }
    }

    /// Whether `"$` occurs: JSON with a marker object in it (see `objects::parse`).
    pub fn has_marker(&self) -> bool {
        match self {
            Text::Utf16(units) => units
                .windows(2)
                .any(|pair| pair == [u16::from(b'"'), u16::from(b'$')]),
            Text::Ascii(bytes) => bytes.windows(2).any(|pair| pair == b"\"$"),
        }
    }
}

/// Converts `slot` and releases whatever it pinned, even when the conversion fails. An
/// object's reference passes to its wrapper.
pub fn to_js(env: Env, bridge: &Bridge, wire: &Wire, slot: &Slot) -> Result<Value> {
    to_js_adopting(env, bridge, wire, slot, None)
}

/// [`to_js`] for a constructor's result: a new wrapper of exactly the declared type is
/// `adoptee` (see `objects::to_js_adopting`). Inlined into every call's result.
#[inline(always)]
pub fn to_js_adopting(
    env: Env,
    bridge: &Bridge,
    wire: &Wire,
    slot: &Slot,
    adoptee: Option<Value>,
) -> Result<Value> {
    if slot.b == OBJECT_MARKER && matches!(wire.kind, Kind::Object | Kind::Delegate) {
        let adoptee = adoptee.filter(|_| wire.kind == Kind::Object && slot.c as i32 == wire.type_id);
        return objects::to_js_adopting(env, bridge, slot.a, slot.c as i32, adoptee);
    }
    let value = convert(env, wire, slot);
    bridge.release(slot.c);
    value
}

/// A number array's slot as a copy in JavaScript, keeping the .NET array pinned: the
/// caller copies JavaScript's writes back ([`copy_back`]) and then releases `slot.c`.
pub fn array_keeping_pin(env: Env, wire: &Wire, slot: &Slot) -> Result<Value> {
    convert(env, wire, slot)
}

/// Copies what JavaScript holds in `value` (the copy [`array_keeping_pin`] made) back into
/// the pinned .NET array of `slot`, if it still has the array's size (a detached or
/// replaced buffer is left alone).
pub fn copy_back(env: Env, value: Value, slot: &Slot) {
    let Ok(bytes) = env.bytes(value, "") else {
        return;
    };
    if slot.a != 0 && bytes.len() == slot.b as usize && !bytes.is_empty() {
        // SAFETY: the .NET array is still pinned (slot.c is released after this) and holds
        // slot.b bytes at slot.a; `bytes` is live JavaScript memory of the same length,
        // which cannot overlap .NET's heap.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_mut_ptr(), slot.a as *mut u8, bytes.len()) };
    }
}

/// Releases what a result slot owns when it will never be converted: an object's
/// reference, or a pinned string or array.
pub fn discard(bridge: &Bridge, slot: &Slot) {
    if slot.b == OBJECT_MARKER {
        bridge.release_object(slot.a);
    } else {
        bridge.release(slot.c);
    }
}

/// The integer an enum's slot holds, sign- or zero-extended from its underlying type.
fn enum_value(kind: Kind, a: i64) -> i64 {
    match kind {
        Kind::SByte => a as i8 as i64,
        Kind::Byte => a as u8 as i64,
        Kind::Int16 => a as i16 as i64,
        Kind::UInt16 => a as u16 as i64,
        Kind::Int32 => a as i32 as i64,
        Kind::UInt32 => a as u32 as i64,
        _ => a,
    }
}

/// A primitive (number, boolean, char) in a slot as its JavaScript value.
pub fn primitive(env: Env, wire: &Wire, slot: &Slot) -> Result<Value> {
    convert(env, wire, slot)
}

fn convert(env: Env, wire: &Wire, slot: &Slot) -> Result<Value> {
    let is_null = match wire.kind {
        Kind::String
        | Kind::Decimal
        | Kind::Guid
        | Kind::Json
        | Kind::Array
        | Kind::Object
        | Kind::Delegate => slot.a == 0 || slot.b < 0,
        Kind::Void => false,
        _ => wire.nullable && slot.b == 0,
    };
    if is_null {
        return env.null();
    }
    let a = slot.a;
    if let Some(name) = wire
        .enum_members
        .as_ref()
        .and_then(|members| members.name_of(enum_value(wire.kind, a)))
    {
        return env.string(name);
    }
    match wire.kind {
        Kind::Void => env.undefined(),
        Kind::Bool => env.boolean(a as u8 != 0),
        Kind::SByte => env.int32(a as i8 as i32),
        Kind::Byte => env.int32(a as u8 as i32),
        Kind::Int16 => env.int32(a as i16 as i32),
        Kind::UInt16 => env.int32(a as u16 as i32),
        Kind::Int32 => env.int32(a as i32),
        Kind::UInt32 => env.uint32(a as u32),
        Kind::Int64 | Kind::IntPtr => env.bigint_i64(a),
        Kind::UInt64 | Kind::UIntPtr => env.bigint_u64(a as u64),
        Kind::Single => env.double(f32::from_bits(a as u32) as f64),
        Kind::Double | Kind::TimeSpan => env.double(f64::from_bits(a as u64)),
        Kind::Char => {
            let unit = a as u16;
            // SAFETY: one code unit on the stack, read during the call.
            unsafe { env.string_utf16_raw(&unit, 1) }
        }
        // b: 1, or what the milliseconds leave out of the .NET date (Times.Flag).
        Kind::DateTime | Kind::DateTimeOffset => objects::date(
            env,
            f64::from_bits(a as u64),
            if slot.b == 1 { 0 } else { slot.b },
        ),
        Kind::String | Kind::Decimal | Kind::Guid => {
            // SAFETY: not null (above); the bridge pinned the text (released after this
            // returns) or wrote it into the caller's `Scratch`, alive during this call.
            unsafe { Text::of(slot) }.to_js(env)
        }
        Kind::Array => {
            let (data, length) = (a as *const u8, slot.b as usize);
            if wire.element == Kind::Byte {
                // SAFETY: the bridge pinned `length` bytes at data until released.
                unsafe { objects::buffer(env, data, length) }
            } else {
                // SAFETY: as above; length is a multiple of the element size.
                unsafe {
                    env.typed_array_copy_raw(
                        typed_array_kind(wire.element),
                        wire.element.element_size(),
                        data,
                        length,
                    )
                }
            }
        }
        Kind::Json | Kind::Object | Kind::Delegate => {
            // Data crossed by value, as JSON text.
            // SAFETY: as for strings above.
            objects::parse(env, unsafe { Text::of(slot) })
        }
        Kind::Span
        | Kind::ReadOnlySpan
        | Kind::Memory
        | Kind::ReadOnlyMemory
        | Kind::CancellationToken
        | Kind::Task => Err(JsError::new(
            "DotnetHostError",
            format!("{} cannot be returned to JavaScript", wire.type_name),
        )
        .into()),
    }
}

/// The error a .NET exception becomes: a DotnetException built by the TypeScript layer
/// from the bridge's JSON description.
pub fn exception(env: Env, bridge: &Bridge, slot: &Slot) -> crate::napi::Error {
    let details = bridge.take_text(slot);
    let _ = env;
    JsError::new("DotnetException", "a .NET exception was thrown")
        .prop("details", Prop::Str(details))
        .into()
}
