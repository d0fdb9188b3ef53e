//! What a delegate loader hands back: a raw function address and how it was obtained.
//! The `managed` layer turns it into something callable.

/// How a method is turned into a function pointer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DelegateType {
    /// `int ComponentEntryPoint(IntPtr args, int sizeBytes)`.
    Default,
    /// An assembly-qualified delegate type name.
    Custom(String),
    /// The method carries `[UnmanagedCallersOnly]`.
    UnmanagedCallersOnly,
}

impl DelegateType {
    pub fn as_str(&self) -> &'static str {
        match self {
            DelegateType::Default => "default",
            DelegateType::Custom(_) => "custom",
            DelegateType::UnmanagedCallersOnly => "unmanagedCallersOnly",
        }
    }
}

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

/// A non-null address the runtime returned; valid for the rest of the process.
#[derive(Clone, Debug)]
pub struct FunctionPointer {
    pub address: usize,
    pub origin: FunctionOrigin,
}
