//! Declared C signatures for calling function pointers whose shape JavaScript states.

/// A C parameter or return type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CType {
    Void,
    Bool,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float,
    Double,
    Pointer,
}

impl CType {
    pub fn parse(name: &str) -> Option<CType> {
        Some(match name {
            "void" => CType::Void,
            "bool" => CType::Bool,
            "int8" | "i8" | "sbyte" => CType::Int8,
            "uint8" | "u8" | "byte" => CType::UInt8,
            "int16" | "i16" | "short" => CType::Int16,
            "uint16" | "u16" | "ushort" => CType::UInt16,
            "int32" | "i32" | "int" => CType::Int32,
            "uint32" | "u32" | "uint" => CType::UInt32,
            "int64" | "i64" | "long" => CType::Int64,
            "uint64" | "u64" | "ulong" => CType::UInt64,
            "float" | "f32" => CType::Float,
            "double" | "f64" => CType::Double,
            "pointer" | "ptr" | "nint" | "nuint" | "intptr" => CType::Pointer,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            CType::Void => "void",
            CType::Bool => "bool",
            CType::Int8 => "int8",
            CType::UInt8 => "uint8",
            CType::Int16 => "int16",
            CType::UInt16 => "uint16",
            CType::Int32 => "int32",
            CType::UInt32 => "uint32",
            CType::Int64 => "int64",
            CType::UInt64 => "uint64",
            CType::Float => "float",
            CType::Double => "double",
            CType::Pointer => "pointer",
        }
    }

    /// Passed in floating-point registers.
    pub fn is_float(self) -> bool {
        matches!(self, CType::Float | CType::Double)
    }
}

/// A function pointer with the signature JavaScript declared for it.
pub struct Declared {
    pub address: usize,
    pub returns: CType,
    pub params: Vec<CType>,
    pub display: String,
}

impl Declared {
    pub fn new(address: usize, returns: CType, params: Vec<CType>) -> Result<Declared, String> {
        if address == 0 {
            return Err("the function address is null".into());
        }
        if params.contains(&CType::Void) {
            return Err("void is not a parameter type".into());
        }
        super::abi::check(&params)?;
        let display = format!(
            "{} (*)({})",
            returns.name(),
            params
                .iter()
                .map(|param| param.name())
                .collect::<Vec<_>>()
                .join(", ")
        );
        Ok(Declared {
            address,
            returns,
            params,
            display,
        })
    }

    /// Calls it with arguments already reduced to 64-bit patterns (floats as their bits,
    /// a `float` in the low 32), and returns the raw result pattern.
    ///
    /// # Safety
    /// The address must be a function of exactly the declared signature, callable with the
    /// platform's C calling convention, and every pointer argument must be valid for it.
    pub unsafe fn call(&self, args: &[u64]) -> u64 {
        // SAFETY: forwarded from the caller; `check` accepted this parameter list.
        unsafe { super::abi::call(self.address, &self.params, args, self.returns.is_float()) }
    }
}
