//! Errors crossing into JavaScript.

/// A JavaScript error to be thrown: the name of the exported error class the TypeScript
/// layer should construct, a message, and extra own properties.
#[derive(Debug, Clone)]
pub struct JsError {
    pub class: &'static str,
    pub message: String,
    pub props: Vec<(&'static str, Prop)>,
}

/// A property value attached to a thrown error.
#[derive(Debug, Clone)]
pub enum Prop {
    Str(String),
    Num(f64),
    Strings(Vec<String>),
    Records(Vec<Vec<(&'static str, String)>>),
}

/// One pointer wide (the box), so a `Result<Value>` comes back in two registers: with the
/// error inline, every Node-API wrapper returned its result through memory, which the
/// caller then read back with wider loads than the stores (a stall `perf` showed after
/// each conversion of a result).
#[derive(Debug)]
pub enum Error {
    /// A JavaScript exception is already pending; let it propagate untouched.
    Pending,
    Throw(Box<JsError>),
}

pub type Result<T> = std::result::Result<T, Error>;

impl JsError {
    pub fn new(class: &'static str, message: impl Into<String>) -> JsError {
        JsError {
            class,
            message: message.into(),
            props: Vec::new(),
        }
    }

    pub fn prop(mut self, name: &'static str, value: Prop) -> JsError {
        self.props.push((name, value));
        self
    }

    /// A wrong argument type or value: a `TypeError` subclass in JavaScript.
    pub fn invalid_argument(message: impl Into<String>) -> JsError {
        JsError::new("InvalidArgumentError", message).prop("code", Prop::Str("InvalidArgument".into()))
    }
}

impl From<JsError> for Error {
    fn from(error: JsError) -> Error {
        Error::Throw(Box::new(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_of_values_fit_in_two_registers() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
        assert_eq!(
            std::mem::size_of::<Result<crate::napi::Value>>(),
            2 * std::mem::size_of::<usize>()
        );
    }
}
