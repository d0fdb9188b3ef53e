use crate::host::DelegateType;
use crate::hostfxr::sys::component_entry_point_fn;

/// How a function pointer was obtained, reported to JavaScript with it.
#[derive(Clone, Debug)]
pub struct FunctionOrigin {
    pub loader: &'static str,
    pub assembly_path: Option<String>,
    pub type_name: String,
    pub method: String,
    pub delegate_type: DelegateType,
}

impl FunctionOrigin {
    pub fn loader_c_name(&self) -> &'static str {
        if self.assembly_path.is_some() {
            "load_assembly_and_get_function_pointer"
        } else {
            "get_function_pointer"
        }
    }
}

/// A managed function pointer. The runtime keeps it valid for the process lifetime,
/// even after its context is closed, so it holds no reference to the context.
pub struct ManagedFunction {
    address: usize,
    pub origin: FunctionOrigin,
}

impl ManagedFunction {
    pub(crate) fn new(address: usize, origin: FunctionOrigin) -> ManagedFunction {
        ManagedFunction { address, origin }
    }

    pub fn address(&self) -> usize {
        self.address
    }

    /// Calls it as `int (IntPtr args, int sizeBytes)`.
    ///
    /// # Safety
    /// The managed method must have that shape, and `args` must point to `size` bytes
    /// that stay valid (and unaliased by Rust) for the call.
    pub unsafe fn call_entry_point(&self, args: *mut u8, size: i32) -> i32 {
        // SAFETY: the address came from the runtime for a method of this shape
        // (caller's contract); it is never null.
        let entry = unsafe { std::mem::transmute::<usize, component_entry_point_fn>(self.address) };
        // SAFETY: forwarded from the caller.
        unsafe { entry(args.cast(), size) }
    }
}
