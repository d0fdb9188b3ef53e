//! What a JavaScript callback hands back to .NET: a status and a result slot, and the
//! memory the slot points into, which .NET gives back (`free_result`) once it has read it.

use super::super::api::Slot;
use super::super::arguments::Arguments;
use super::super::kind::DelegateSignature;

pub(super) const SUCCEEDED: i32 = 0;
pub(super) const THREW: i32 = 1;
pub(super) const CANNOT_RUN: i32 = 2;

/// What a callback produced, handed to .NET in the result slot and freed by `free_result`
/// once .NET has read it.
pub(super) struct Outcome {
    pub(super) status: i32,
    pub(super) slot: Slot,
    pub(super) owned: Option<Box<Owned>>,
}

/// Memory the result slot points into.
pub(super) struct Owned {
    /// Never read: it owns the strings, copies and delegate handles the slot points at.
    #[allow(dead_code)]
    pub(super) arguments: Option<Arguments>,
    pub(super) text: Vec<u16>,
}

impl Outcome {
    pub(super) fn text(status: i32, text: &str) -> Outcome {
        let owned = Box::new(Owned {
            arguments: None,
            text: text.encode_utf16().collect(),
        });
        Outcome {
            status,
            slot: Slot {
                a: owned.text.as_ptr() as i64,
                b: owned.text.len() as i64,
                c: 0,
            },
            owned: Some(owned),
        }
    }

    pub(super) fn cannot_run(reason: &str, message: &str) -> Outcome {
        Outcome::text(CANNOT_RUN, &format!("{reason}\n{message}"))
    }

    /// Writes the outcome into .NET's result slot; ownership of the memory moves to the
    /// token in `c`, which .NET gives back through `free_result`.
    pub(super) fn write(self, ret: &mut Slot) -> i32 {
        let mut slot = self.slot;
        slot.c = self.owned.map_or(0, |owned| Box::into_raw(owned) as i64);
        *ret = slot;
        self.status
    }
}

/// The function's environment is gone: what every later invocation gets.
pub(super) fn exited(signature: &DelegateSignature) -> Outcome {
    Outcome::cannot_run(
        "EnvironmentExited",
        &format!(
            "the JavaScript function behind this {} cannot run: the worker or main thread that passed it has exited",
            signature.display
        ),
    )
}

/// `text` as a JSON string literal.
pub(super) fn json_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for character in text.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            control if (control as u32) < 0x20 => quoted.push_str(&format!("\\u{:04x}", control as u32)),
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}
