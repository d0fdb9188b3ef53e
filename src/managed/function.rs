use crate::host::{FunctionOrigin, FunctionPointer};
use crate::hostfxr::sys::component_entry_point_fn;

/// A managed function pointer. The runtime keeps it valid for the process lifetime,
/// even after its context is closed, so it holds no reference to the context.
pub struct ManagedFunction {
    pointer: FunctionPointer,
}

impl ManagedFunction {
    pub fn new(pointer: FunctionPointer) -> ManagedFunction {
        ManagedFunction { pointer }
    }

    pub fn address(&self) -> usize {
        self.pointer.address
    }

    pub fn origin(&self) -> &FunctionOrigin {
        &self.pointer.origin
    }

    /// Calls it as `int (IntPtr args, int sizeBytes)`.
    ///
    /// # Safety
    /// The managed method must have that shape, and `args` must point to `size` bytes
    /// that stay valid (and unaliased by Rust) for the call.
    pub unsafe fn call_entry_point(&self, args: *mut u8, size: i32) -> i32 {
        // SAFETY: the address came from the runtime for a method of this shape
        // (caller's contract); it is never null.
        let entry = unsafe { std::mem::transmute::<usize, component_entry_point_fn>(self.pointer.address) };
        // SAFETY: forwarded from the caller.
        unsafe { entry(args.cast(), size) }
    }
}
