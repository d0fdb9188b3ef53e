//! Crate errors → JavaScript errors of the exported classes.

use crate::error::{Detail, Error};
use crate::napi::{self, JsError, Prop};

impl From<Error> for napi::Error {
    fn from(error: Error) -> napi::Error {
        let message = error.message();
        let error = error.into_info();
        let mut js = JsError::new(error.class.js_name(), message).prop("code", Prop::Str(error.code.clone()));
        if let Some(hresult) = error.hresult {
            js = js.prop("hresult", Prop::Num(hresult as f64));
        }
        if let Some(text) = &error.host_message {
            js = js.prop("hostMessage", Prop::Str(text.clone()));
        }
        if let Some(hint) = &error.hint {
            js = js.prop("hint", Prop::Str(hint.clone()));
        }
        for (name, detail) in error.details {
            js = js.prop(
                name,
                match detail {
                    Detail::Str(text) => Prop::Str(text),
                    Detail::Strings(items) => Prop::Strings(items),
                    Detail::Records(records) => Prop::Records(records),
                },
            );
        }
        js.into()
    }
}
