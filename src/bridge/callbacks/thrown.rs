//! What a callback throws: a JavaScript error (or a conversion error) becomes the JSON of
//! the JavaScriptException .NET throws, and the error object itself is kept (the newest
//! few) so the DotnetException it may become in JavaScript can point back at it.

use std::sync::atomic::Ordering;

use super::outcome::{json_string, Outcome, THREW};
use super::{LOCAL, NEXT_ID};
use crate::napi::{Env, Error, Result, Value};

/// How many JavaScript errors thrown by callbacks are kept for `takeJavaScriptError`.
const KEPT_ERRORS: usize = 32;

/// The JavaScript error a callback threw, kept for the DotnetException it became.
pub fn take_error(env: Env, id: i64) -> Result<Option<Value>> {
    let reference = LOCAL.with(|local| {
        let mut local = local.borrow_mut();
        let at = local.errors.iter().position(|(error_id, _)| *error_id == id)?;
        local.errors.remove(at).map(|(_, reference)| reference)
    });
    let Some(reference) = reference else {
        return Ok(None);
    };
    let value = env.reference_value(&reference);
    reference.delete(env);
    value
}

/// A JavaScript exception (or a conversion error) as the JSON .NET turns into a
/// JavaScriptException. The error object itself is kept, so the DotnetException it may
/// become in JavaScript can point back at it.
pub(super) fn thrown(env: Env, error: Error) -> Outcome {
    let value = match error {
        Error::Pending => env.take_exception(),
        Error::Throw(js) => env.error_value(&js).ok(),
    };
    describe_thrown(env, value)
}

/// A thrown (or rejected-with) JavaScript value as the JSON of a JavaScriptException.
pub(super) fn describe_thrown(env: Env, value: Option<Value>) -> Outcome {
    let Some(value) = value else {
        return Outcome::text(THREW, r#"{"message":"a JavaScript callback failed"}"#);
    };
    let describe = |name: &str| -> Option<String> {
        let property = env.get(value, name).ok()?;
        if env.is_nullish(property).ok()? {
            return None;
        }
        env.to_display_string(property).ok()
    };
    let is_error = env.is_error(value).unwrap_or(false);
    let (name, message, stack) = if is_error {
        (
            describe("name"),
            describe("message").unwrap_or_default(),
            describe("stack"),
        )
    } else {
        (
            None,
            env.to_display_string(value)
                .unwrap_or_else(|_| "a JavaScript value was thrown".into()),
            None,
        )
    };
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    if let Ok(reference) = env.reference(value, true) {
        let evicted = LOCAL.with(|local| {
            let mut local = local.borrow_mut();
            local.errors.push_back((id, reference));
            (local.errors.len() > KEPT_ERRORS)
                .then(|| local.errors.pop_front())
                .flatten()
        });
        if let Some((_, old)) = evicted {
            old.delete(env);
        }
    }
    let mut json = format!("{{\"errorId\":{id},\"message\":{}", json_string(&message));
    if let Some(name) = name {
        json.push_str(&format!(",\"name\":{}", json_string(&name)));
    }
    if let Some(stack) = stack {
        json.push_str(&format!(",\"stack\":{}", json_string(&stack)));
    }
    json.push('}');
    Outcome::text(THREW, &json)
}
