//! The benchmark floor (`npm run bench`), exported as `benchmarkFloor` beside the library's
//! own table: the cheapest native call, and `add(a, b)` in Rust through the same Node-API
//! path and argument checks as a typed call, the unavoidable cost of crossing from
//! JavaScript against which typed calls are measured.

use crate::napi::{self, CallInfo, Env, Result, Value};
use crate::numbers;

pub const EXPORTS: &[(&str, napi::Callback)] = &[("noop", noop), ("add", add)];

fn noop(env: Env, _info: &CallInfo) -> Result<Value> {
    env.undefined()
}

fn add(env: Env, info: &CallInfo) -> Result<Value> {
    let number = |index| -> Result<i32> {
        env.try_double(info.arg(env, index)?)?
            .and_then(|n| numbers::integer(n, i32::MIN as f64, i32::MAX as f64).ok())
            .map(|n| n as i32)
            .ok_or_else(|| napi::JsError::invalid_argument("add takes two int32 numbers").into())
    };
    env.int32(number(0)?.wrapping_add(number(1)?))
}
