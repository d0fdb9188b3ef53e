//! Typed calls: the native half of the managed bridge (managed/DotnetHost.Bridge).
//! JavaScript values become slots, the bridge's compiled invoker calls the .NET method,
//! and the result slot becomes a JavaScript value again.

mod api;
mod arguments;
mod kind;
mod method;
mod pool;
mod results;
mod tasks;

pub use api::{bridge, initialize, Bridge, Diagnostics, Slot};
pub use kind::{Kind, Wire};
pub use method::{invoke, invoke_async, Method, Param};
pub use tasks::cleanup_environment;
