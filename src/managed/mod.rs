//! Calling into managed code through function pointers the runtime handed out.

mod abi;
mod function;
mod signature;

pub use function::ManagedFunction;
pub use signature::{CType, Declared};
