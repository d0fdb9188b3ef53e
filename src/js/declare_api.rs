//! `declareFunction(address, returns, parameters)`: a native function calling a function
//! pointer with a signature JavaScript declares.

use crate::managed::{CType, Declared, ManagedFunction};
use crate::napi::{CallInfo, Env, JsError, Prop, Result, Value, ValueType};
use crate::numbers::{self, JsNumber, Refusal};

use super::function_api::FUNCTION_TAG;

fn ctype(env: Env, value: Value, what: &str) -> Result<CType> {
    let name = env.get_string(value, what)?;
    CType::parse(&name).ok_or_else(|| {
        JsError::invalid_argument(format!(
            "{what}: unknown C type {name:?}; use void, bool, int8, uint8, int16, uint16, int32, uint32, int64, uint64, float, double or pointer"
        ))
        .into()
    })
}

fn address(env: Env, value: Value) -> Result<usize> {
    if env.type_of(value)? == ValueType::External {
        let function: &ManagedFunction = env.external_ref(value, &FUNCTION_TAG)?;
        return Ok(function.address());
    }
    match env.try_bigint_u64(value)? {
        Some((address, true)) => Ok(address as usize),
        _ => Err(JsError::invalid_argument("address must be a ManagedFunction or a bigint").into()),
    }
}

pub fn declare_function(env: Env, info: &CallInfo) -> Result<Value> {
    let address = address(env, info.arg(env, 0)?)?;
    let returns = ctype(env, info.arg(env, 1)?, "returns")?;
    let params = env
        .array_items(info.arg(env, 2)?, "parameters")?
        .into_iter()
        .enumerate()
        .map(|(index, value)| ctype(env, value, &format!("parameters[{index}]")))
        .collect::<Result<Vec<_>>>()?;
    let declared = Declared::new(address, returns, params).map_err(JsError::invalid_argument)?;
    let name = declared.display.clone();
    env.bound_function(&name, declared, call)
}

fn range_error(declared: &Declared, index: usize, detail: String) -> crate::napi::Error {
    JsError::new(
        "ArgumentRangeError",
        format!("argument {index} of {}: {detail}", declared.display),
    )
    .prop("code", Prop::Str("ArgumentOutOfRange".into()))
    .into()
}

fn type_error(declared: &Declared, index: usize, expected: &str) -> crate::napi::Error {
    JsError::invalid_argument(format!(
        "argument {index} of {}: expected {expected}",
        declared.display
    ))
    .into()
}

fn number(env: Env, declared: &Declared, index: usize, value: Value) -> Result<f64> {
    env.try_double(value)?
        .ok_or_else(|| type_error(declared, index, "a number"))
}

fn integer(env: Env, declared: &Declared, index: usize, value: Value, min: f64, max: f64) -> Result<u64> {
    let n = number(env, declared, index, value)?;
    numbers::integer(n, min, max)
        .map(|integer| integer as u64)
        .map_err(|_| {
            range_error(
                declared,
                index,
                format!("{} is not an integer in {min}..={max}", JsNumber(n)),
            )
        })
}

fn big(env: Env, declared: &Declared, index: usize, value: Value, signed: bool) -> Result<u64> {
    let bigint = if signed {
        env.try_bigint_i64(value)?
            .map(|(n, lossless)| (n as u64, lossless))
    } else {
        env.try_bigint_u64(value)?
    };
    match bigint {
        Some((bits, true)) => Ok(bits),
        Some(_) => Err(range_error(
            declared,
            index,
            "the bigint does not fit 64 bits".into(),
        )),
        None => {
            let n = number(env, declared, index, value)?;
            let integer = if signed {
                numbers::safe_i64(n).map(|integer| integer as u64)
            } else {
                numbers::safe_u64(n)
            };
            integer.ok_or_else(|| {
                let range = if signed { "±2^53" } else { "0..=2^53" };
                range_error(
                    declared,
                    index,
                    format!("{} is not a safe integer ({range}); pass a bigint", JsNumber(n)),
                )
            })
        }
    }
}

fn argument(env: Env, declared: &Declared, index: usize, ctype: CType, value: Value) -> Result<u64> {
    Ok(match ctype {
        CType::Void => 0,
        CType::Bool => {
            if env.type_of(value)? != ValueType::Boolean {
                return Err(type_error(declared, index, "a boolean"));
            }
            env.get_bool(value, "")? as u64
        }
        CType::Int8 => integer(env, declared, index, value, i8::MIN as f64, i8::MAX as f64)?,
        CType::UInt8 => integer(env, declared, index, value, 0.0, u8::MAX as f64)?,
        CType::Int16 => integer(env, declared, index, value, i16::MIN as f64, i16::MAX as f64)?,
        CType::UInt16 => integer(env, declared, index, value, 0.0, u16::MAX as f64)?,
        CType::Int32 => integer(env, declared, index, value, i32::MIN as f64, i32::MAX as f64)?,
        CType::UInt32 => integer(env, declared, index, value, 0.0, u32::MAX as f64)?,
        CType::Int64 => big(env, declared, index, value, true)?,
        CType::UInt64 => big(env, declared, index, value, false)?,
        CType::Double => number(env, declared, index, value)?.to_bits(),
        CType::Float => {
            let n = number(env, declared, index, value)?;
            match numbers::single(n) {
                Ok(single) => single.to_bits() as u64,
                Err(Refusal::FloatUnderflow) => {
                    return Err(range_error(
                        declared,
                        index,
                        format!("{} is too small for float: it would become 0", JsNumber(n)),
                    ))
                }
                Err(_) => {
                    return Err(range_error(
                        declared,
                        index,
                        format!("{} is out of range for float (±3.4e38)", JsNumber(n)),
                    ))
                }
            }
        }
        CType::Pointer => match env.type_of(value)? {
            ValueType::Undefined | ValueType::Null => 0,
            ValueType::BigInt => big(env, declared, index, value, false)?,
            ValueType::Object => env
                .bytes(value, "pointer")
                .map_err(|_| {
                    type_error(
                        declared,
                        index,
                        "a Buffer, TypedArray, DataView, ArrayBuffer, bigint or null",
                    )
                })?
                .as_mut_ptr() as u64,
            _ => {
                return Err(type_error(
                    declared,
                    index,
                    "a Buffer, TypedArray, DataView, ArrayBuffer, bigint or null",
                ))
            }
        },
    })
}

fn call(env: Env, info: &CallInfo, declared: &Declared) -> Result<Value> {
    if info.len() != declared.params.len() {
        return Err(JsError::invalid_argument(format!(
            "{} takes {} arguments, got {}",
            declared.display,
            declared.params.len(),
            info.len()
        ))
        .into());
    }
    let mut args = [0u64; 16];
    for (index, ctype) in declared.params.iter().enumerate() {
        args[index] = argument(env, declared, index, *ctype, info.arg(env, index)?)?;
    }
    // SAFETY: the caller declared the signature of this address (documented contract of
    // declareFunction); buffers passed as pointers are arguments of this call, alive and
    // in place until it returns.
    let raw = unsafe { declared.call(&args[..declared.params.len()]) };
    match declared.returns {
        CType::Void => env.undefined(),
        CType::Bool => env.boolean(raw as u8 != 0),
        CType::Int8 => env.int32(raw as i8 as i32),
        CType::UInt8 => env.int32(raw as u8 as i32),
        CType::Int16 => env.int32(raw as i16 as i32),
        CType::UInt16 => env.int32(raw as u16 as i32),
        CType::Int32 => env.int32(raw as i32),
        CType::UInt32 => env.uint32(raw as u32),
        CType::Int64 => env.bigint_i64(raw as i64),
        CType::UInt64 | CType::Pointer => env.bigint_u64(raw),
        CType::Float => env.double(f32::from_bits(raw as u32) as f64),
        CType::Double => env.double(f64::from_bits(raw)),
    }
}
