//! Calling into managed code through function pointers the runtime handed out.

mod function;

pub use function::ManagedFunction;
