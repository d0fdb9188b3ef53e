//! hostfxr: finding it, binding its exports, and the status codes it speaks.

pub mod discovery;
pub mod error_writer;
pub mod host_string;
pub mod library;
pub mod nethost;
pub mod status;
pub mod sys;

pub use library::Hostfxr;
pub use status::Status;
