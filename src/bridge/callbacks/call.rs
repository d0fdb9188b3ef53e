//! The call of a JavaScript function for .NET, on its JavaScript thread: the arguments
//! converted from their slots (arrays kept pinned so the function's writes reach .NET), the
//! function called, and what it returns converted for .NET.

use super::super::api::{bridge, Bridge, Slot};
use super::super::arguments::Arguments;
use super::super::kind::{DelegateSignature, Kind};
use super::super::results;
use super::outcome::{Outcome, Owned, SUCCEEDED};
use super::promises;
use super::routing::{discard, Call};
use super::thrown::thrown;
use super::LOCAL;
use crate::napi::{Env, Value};

/// Runs the function on this (its JavaScript) thread and converts what it returns.
pub(super) fn call_js(env: Env, call: Call, signature: &DelegateSignature, slots: &[Slot]) -> Outcome {
    let Some(bridge) = bridge() else {
        return Outcome::cannot_run("Internal", "the bridge is not initialized");
    };
    let mut values = Vec::with_capacity(slots.len());
    // Arrays of numbers stay pinned while the function runs: what it writes into its copy
    // goes back into .NET's array when it returns (or throws), as a C# callee's writes
    // would be seen (a Stream.Read implemented in JavaScript fills .NET's buffer).
    let mut arrays = Vec::new();
    for (index, (param, slot)) in signature.params.iter().zip(slots).enumerate() {
        let pinned_array = param.wire.kind == Kind::Array && slot.a != 0 && slot.b > 0;
        let converted = if pinned_array {
            results::array_keeping_pin(env, &param.wire, slot)
        } else {
            results::to_js(env, bridge, &param.wire, slot)
        };
        match converted {
            Ok(value) => {
                if pinned_array {
                    arrays.push((value, *slot));
                }
                values.push(value);
            }
            Err(error) => {
                if pinned_array {
                    bridge.release(slot.c);
                }
                copy_back_arrays(env, bridge, &[], &arrays);
                discard(&slots[index + 1..]);
                return thrown(env, error);
            }
        }
    }
    let outcome = call_function(env, bridge, call, signature, &values);
    copy_back_arrays(env, bridge, &values, &arrays);
    outcome
}

/// Copies the function's writes into each pinned array back to .NET (none when `values`
/// is empty: the function did not run), then releases the pins.
fn copy_back_arrays(env: Env, bridge: &Bridge, values: &[Value], arrays: &[(Value, Slot)]) {
    for (value, slot) in arrays {
        if !values.is_empty() {
            results::copy_back(env, *value, slot);
        }
        bridge.release(slot.c);
    }
}

fn call_function(
    env: Env,
    bridge: &Bridge,
    call: Call,
    signature: &DelegateSignature,
    values: &[Value],
) -> Outcome {
    let function = LOCAL.with(|local| {
        local
            .borrow()
            .functions
            .get(&call.id)
            .map(|function| env.reference_value(&function.reference))
    });
    let function = match function {
        Some(Ok(Some(function))) => function,
        _ => return Outcome::cannot_run("Released", "the JavaScript callback was already released"),
    };
    let returned = match env.call(function, values) {
        Ok(value) => value,
        Err(error) => return thrown(env, error),
    };
    if let Some(task) = call.pending {
        return promises::settle_later(env, bridge, task, signature, returned);
    }
    if signature.returns.kind == Kind::Void {
        return Outcome {
            status: SUCCEEDED,
            slot: Slot::default(),
            owned: None,
        };
    }
    let mut arguments = Arguments::empty();
    match arguments.convert_return(env, signature, returned) {
        Ok(slot) => Outcome {
            status: SUCCEEDED,
            slot,
            // A number or bool owns nothing: no box for .NET to give back.
            owned: (!arguments.owns_nothing()).then(|| {
                Box::new(Owned {
                    arguments: Some(arguments),
                    text: Vec::new(),
                })
            }),
        },
        Err(error) => thrown(env, error),
    }
}
