//! Safe host contexts and runtime delegates on top of the hostfxr bindings.

pub mod context;
pub mod delegates;
pub mod environment;
pub mod frameworks;
mod function_cache;
pub mod function_pointer;
mod load_errors;
pub mod membarrier;
mod process;
mod properties;
pub mod resolve;

pub use context::{ContextKind, HostContext, InitializeOptions};
pub use function_pointer::{DelegateType, FunctionOrigin, FunctionPointer};
