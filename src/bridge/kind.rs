use std::sync::Arc;

use super::method::Param;

/// How a value crosses; the numbers are the wire format shared with the bridge
/// (`Kind.cs`) and the TypeScript layer (`lib/typed/kinds.ts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Void = 0,
    Bool = 1,
    SByte = 2,
    Byte = 3,
    Int16 = 4,
    UInt16 = 5,
    Int32 = 6,
    UInt32 = 7,
    Int64 = 8,
    UInt64 = 9,
    Single = 10,
    Double = 11,
    Char = 12,
    IntPtr = 13,
    UIntPtr = 14,
    String = 15,
    Decimal = 16,
    DateTime = 17,
    DateTimeOffset = 18,
    TimeSpan = 19,
    Guid = 20,
    Array = 21,
    Span = 22,
    ReadOnlySpan = 23,
    Memory = 24,
    ReadOnlyMemory = 25,
    Json = 26,
    CancellationToken = 27,
    Task = 28,
    /// A .NET object by reference (a wrapper), or any JSON value.
    Object = 29,
    /// A delegate: a JavaScript function or a wrapped .NET delegate.
    Delegate = 30,
}

/// In an object slot's `b`: `a` is an object handle, not a value (`Readers.ObjectMarker`).
pub const OBJECT_MARKER: i64 = -2;

/// In a slot's `c`: the optional argument was left out; .NET uses the parameter's default
/// (`Readers.Missing`).
pub const MISSING: i64 = -3;

/// In a result slot's `c`: the caller offers room for `b` UTF-16 units (or twice as many
/// ASCII bytes) at `a`, where .NET copies a short string result instead of pinning it
/// (`Writers.Scratch`).
pub const SCRATCH: i64 = -4;

/// In a result slot's `c`: .NET wrote the string as `b` ASCII bytes at `a`, in the room the
/// caller offered (`Writers.ScratchAscii`). Nothing is pinned.
pub const SCRATCH_ASCII: i64 = -5;

/// In a decimal argument slot's `c`: the decimal itself, not its text: `a` the magnitude of
/// its coefficient (64 bits), `b` its scale, plus 256 when it is negative
/// (`Readers.DecimalParts`).
pub const DECIMAL_PARTS: i64 = -6;

impl Kind {
    pub fn from_code(code: u32) -> Option<Kind> {
        const ALL: [Kind; 31] = [
            Kind::Void,
            Kind::Bool,
            Kind::SByte,
            Kind::Byte,
            Kind::Int16,
            Kind::UInt16,
            Kind::Int32,
            Kind::UInt32,
            Kind::Int64,
            Kind::UInt64,
            Kind::Single,
            Kind::Double,
            Kind::Char,
            Kind::IntPtr,
            Kind::UIntPtr,
            Kind::String,
            Kind::Decimal,
            Kind::DateTime,
            Kind::DateTimeOffset,
            Kind::TimeSpan,
            Kind::Guid,
            Kind::Array,
            Kind::Span,
            Kind::ReadOnlySpan,
            Kind::Memory,
            Kind::ReadOnlyMemory,
            Kind::Json,
            Kind::CancellationToken,
            Kind::Task,
            Kind::Object,
            Kind::Delegate,
        ];
        ALL.get(code as usize).copied()
    }

    /// Bytes per element, for arrays and spans of this kind.
    pub fn element_size(self) -> usize {
        match self {
            Kind::SByte | Kind::Byte | Kind::Bool => 1,
            Kind::Int16 | Kind::UInt16 | Kind::Char => 2,
            Kind::Int32 | Kind::UInt32 | Kind::Single => 4,
            _ => 8,
        }
    }

    /// Kinds a JavaScript number converts to with one Node-API call
    /// (`Arguments::number`).
    pub fn is_number(self) -> bool {
        matches!(
            self,
            Kind::SByte
                | Kind::Byte
                | Kind::Int16
                | Kind::UInt16
                | Kind::Int32
                | Kind::UInt32
                | Kind::Char
                | Kind::Single
                | Kind::Double
        )
    }

    /// Values that travel as text: the bridge parses or formats them.
    pub fn is_text(self) -> bool {
        matches!(self, Kind::String | Kind::Decimal | Kind::Guid | Kind::Json)
    }
}

/// A parameter or return type as the bridge classified it.
#[derive(Clone, Debug)]
pub struct Wire {
    pub kind: Kind,
    pub nullable: bool,
    pub element: Kind,
    /// The C# type name, for messages.
    pub type_name: String,
    /// The result type of a Task.
    pub inner: Option<Box<Wire>>,
    /// For objects and delegates: the .NET type's id, to check wrappers against.
    pub type_id: i32,
    /// How a JavaScript function is called as this delegate type.
    pub delegate: Option<Arc<DelegateSignature>>,
    /// Why a JavaScript function cannot stand in for this delegate type.
    pub delegate_error: Option<String>,
    /// A struct that crosses by reference: `null` is no value of it.
    pub is_struct: bool,
    /// An enum: its members, for names in and (except [Flags]) names out.
    pub enum_members: Option<Arc<EnumMembers>>,
}

/// An enum's members, by name, with their values. A value crosses as its member's name
/// (a [Flags] enum's as a number); names come in case-insensitively, flags as `"A, B"` or
/// `"A | B"` (managed/DotnetHost.Bridge/Enums.cs).
#[derive(Debug)]
pub struct EnumMembers {
    pub members: Vec<(String, i64)>,
    pub flags: bool,
}

impl EnumMembers {
    /// The value written as text, or `None` when a name is no member.
    pub fn parse(&self, text: &str) -> Option<i64> {
        let mut value = 0;
        let mut any = false;
        for name in text
            .split([',', '|'])
            .map(str::trim)
            .filter(|name| !name.is_empty())
        {
            let (_, member) = self
                .members
                .iter()
                .find(|(member, _)| member == name)
                .or_else(|| {
                    self.members
                        .iter()
                        .find(|(member, _)| member.eq_ignore_ascii_case(name))
                })?;
            if any && !self.flags {
                return None;
            }
            value |= member;
            any = true;
        }
        any.then_some(value)
    }

    /// The name of the member with this value, for a non-[Flags] enum.
    pub fn name_of(&self, value: i64) -> Option<&str> {
        if self.flags {
            return None;
        }
        self.members
            .iter()
            .find(|(_, member)| *member == value)
            .map(|(name, _)| name.as_str())
    }

    pub fn names(&self) -> String {
        self.members
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Wire {
    /// A plain wire of `kind`, for values inside arrays.
    pub fn simple(kind: Kind, type_name: String) -> Wire {
        Wire {
            kind,
            nullable: false,
            element: Kind::Void,
            type_name,
            inner: None,
            type_id: 0,
            delegate: None,
            delegate_error: None,
            is_struct: false,
            enum_members: None,
        }
    }

    /// Spans and memory of elements other than numbers: built from a JavaScript array, as
    /// JSON.
    pub fn is_json_span(&self) -> bool {
        matches!(
            self.kind,
            Kind::Span | Kind::ReadOnlySpan | Kind::Memory | Kind::ReadOnlyMemory
        ) && self.element == Kind::Void
    }
}

/// A delegate type's Invoke signature, as the bridge classified it: the parameters go to
/// JavaScript the way results do, the return value comes back the way an argument does.
#[derive(Debug)]
pub struct DelegateSignature {
    pub type_id: i32,
    /// `int Func<int, int>(int arg)`, for messages.
    pub display: String,
    pub params: Vec<Param>,
    pub returns: Wire,
}
