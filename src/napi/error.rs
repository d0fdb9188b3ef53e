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

#[derive(Debug)]
pub enum Error {
    /// A JavaScript exception is already pending; let it propagate untouched.
    Pending,
    Throw(JsError),
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
        Error::Throw(error)
    }
}
