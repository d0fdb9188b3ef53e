//! Safe Node-API layer. Every status returned by a `sys` function is checked in
//! [`Env::check`]; everything above this module works with [`Env`], [`Value`] and
//! [`Result`], never with raw statuses.

pub mod sys;

mod async_work;
mod bytes;
mod callback;
mod env;
mod error;
mod external;
mod instance;
mod promise;
mod tsfn;
mod values;
mod wrap;

pub use bytes::{Bytes, Mailbox};
pub use callback::{BoundCallback, CallInfo, Callback};
pub use env::{Env, Value, ValueType};
pub use error::{Error, JsError, Prop, Result};
pub use external::TypeTag;
pub use instance::EnvCleanup;
pub(crate) use instance::{install_instance, own_cleanup, register_cleanup, set_error_factory};
pub use promise::Deferred;
pub use tsfn::{Handler, ThreadsafeFunction};
pub use values::{BigIntWords, TypedArrayKind};
pub use wrap::{Reference, WordFinalizer};
