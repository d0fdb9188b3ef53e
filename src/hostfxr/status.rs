#![allow(non_camel_case_types)]
//! Status codes returned by hostfxr and by the runtime delegates, by name (the
//! documented names, `Success_HostAlreadyInitialized` included, so they grep).

macro_rules! codes {
    ($enum:ident { $( $name:ident = $value:literal, $meaning:literal; )* }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $enum {
            $( $name, )*
            Unknown(i32),
        }

        impl $enum {
            pub fn from_code(code: i32) -> $enum {
                match code as u32 {
                    $( $value => $enum::$name, )*
                    _ => $enum::Unknown(code),
                }
            }

            pub fn code(self) -> i32 {
                match self {
                    $( $enum::$name => { let value: u32 = $value; value as i32 } )*
                    $enum::Unknown(code) => code,
                }
            }

            /// The name as in the hosting documentation, or `None` for an unknown code.
            pub fn known_name(self) -> Option<&'static str> {
                match self {
                    $( $enum::$name => Some(stringify!($name)), )*
                    $enum::Unknown(_) => None,
                }
            }

            pub fn meaning(self) -> &'static str {
                match self {
                    $( $enum::$name => $meaning, )*
                    $enum::Unknown(_) => "",
                }
            }
        }
    };
}

codes!(Status {
    Success = 0x0000_0000, "success";
    Success_HostAlreadyInitialized = 0x0000_0001, "a secondary context: the runtime was already initialized with compatible properties";
    Success_DifferentRuntimeProperties = 0x0000_0002, "a secondary context: the runtime was already initialized with different properties";
    InvalidArgFailure = 0x8000_8081, "an argument passed to hostfxr was invalid";
    CoreHostLibLoadFailure = 0x8000_8082, "a hosting library failed to load";
    CoreHostLibMissingFailure = 0x8000_8083, "a hosting library (hostfxr, hostpolicy or coreclr) is missing";
    CoreHostEntryPointFailure = 0x8000_8084, "a hosting library lacks a required export";
    CurrentHostFindFailure = 0x8000_8085, "the current host could not be found";
    CoreClrResolveFailure = 0x8000_8087, "coreclr could not be resolved";
    CoreClrBindFailure = 0x8000_8088, "coreclr exports could not be bound";
    CoreClrInitFailure = 0x8000_8089, "the runtime failed to initialize";
    CoreClrExeFailure = 0x8000_808a, "the runtime failed to execute the app";
    ResolverInitFailure = 0x8000_808b, "the .deps.json is missing or invalid";
    ResolverResolveFailure = 0x8000_808c, "an asset listed in the .deps.json was not found";
    LibHostInitFailure = 0x8000_808e, "hostfxr and hostpolicy do not match";
    LibHostInvalidArgs = 0x8000_8092, "invalid arguments to the hosting layer";
    InvalidConfigFile = 0x8000_8093, "the runtimeconfig.json is missing, malformed or invalid";
    AppArgNotRunnable = 0x8000_8094, "the app argument is not runnable";
    AppHostExeNotBoundFailure = 0x8000_8095, "the apphost is not bound to an app";
    FrameworkMissingFailure = 0x8000_8096, "no compatible framework is installed";
    HostApiFailed = 0x8000_8097, "a hosting API call failed";
    HostApiBufferTooSmall = 0x8000_8098, "the buffer passed to hostfxr was too small";
    AppPathFindFailure = 0x8000_809a, "the app path could not be found";
    SdkResolveFailure = 0x8000_809b, "no SDK could be resolved";
    FrameworkCompatFailure = 0x8000_809c, "the frameworks requested are incompatible";
    FrameworkCompatRetry = 0x8000_809d, "framework resolution must be retried";
    BundleExtractionFailure = 0x8000_809f, "extracting a single-file bundle failed";
    BundleExtractionIOError = 0x8000_80a0, "an I/O error occurred extracting a bundle";
    LibHostDuplicateProperty = 0x8000_80a1, "the runtimeconfig sets a property the host owns";
    HostApiUnsupportedVersion = 0x8000_80a2, "the hosting layer is too old for this request";
    HostInvalidState = 0x8000_80a3, "the host is in a state that does not allow this call";
    HostPropertyNotFound = 0x8000_80a4, "the runtime property does not exist";
    HostIncompatibleConfig = 0x8000_80a5, "the config is incompatible with the runtime already loaded";
    HostApiUnsupportedScenario = 0x8000_80a6, "the hosting API does not support this scenario";
    HostFeatureDisabled = 0x8000_80a7, "the feature is disabled by an app switch";
});

// HRESULTs the runtime delegates return for managed exceptions during loading.
codes!(ManagedHresult {
    FileNotFound = 0x8007_0002, "the assembly file was not found (FileNotFoundException)";
    DirectoryNotFound = 0x8007_0003, "a directory in the path was not found (DirectoryNotFoundException)";
    UnauthorizedAccess = 0x8007_0005, "access to the path was denied, or it is a directory (UnauthorizedAccessException)";
    BadImageFormat = 0x8007_000b, "the file is not a valid .NET assembly for this runtime (BadImageFormatException)";
    Argument = 0x8007_0057, "an argument was rejected (ArgumentException)";
    InvalidCast = 0x8000_4002, "a cast failed (InvalidCastException)";
    NullReference = 0x8000_4003, "a null reference (NullReferenceException)";
    NotImplemented = 0x8000_4001, "not implemented (NotImplementedException)";
    AssemblyExpected = 0x8013_1018, "the file has no assembly manifest (BadImageFormatException)";
    FileLoad = 0x8013_1621, "the assembly could not be loaded (FileLoadException)";
    AssemblyNameMismatch = 0x8013_1040, "the assembly's name does not match the one requested (FileLoadException)";
    InvalidOperation = 0x8013_1509, "invalid operation (InvalidOperationException)";
    MissingMethod = 0x8013_1513, "the method was not found (MissingMethodException)";
    NotSupported = 0x8013_1515, "not supported (NotSupportedException)";
    TypeLoad = 0x8013_1522, "the type was not found or could not be loaded (TypeLoadException)";
    MissingMember = 0x8013_1512, "a member was not found (MissingMemberException)";
    TargetInvocation = 0x8013_1604, "a static constructor or invoked method threw (TargetInvocationException)";
    TypeInitialization = 0x8013_1534, "a static constructor threw (TypeInitializationException)";
});

impl Status {
    /// Positive codes are successes too (secondary contexts); only the high bit fails.
    pub fn is_success(code: i32) -> bool {
        code >= 0
    }
}

/// `Name (0x80008096)` for any code, host status or managed HRESULT.
pub fn describe(code: i32) -> (String, String) {
    let hex = format!("0x{:08x}", code as u32);
    let name = Status::from_code(code)
        .known_name()
        .or_else(|| ManagedHresult::from_code(code).known_name())
        .map(str::to_string)
        .unwrap_or_else(|| format!("Unknown({hex})"));
    (name, hex)
}

pub fn meaning(code: i32) -> &'static str {
    match Status::from_code(code) {
        Status::Unknown(_) => ManagedHresult::from_code(code).meaning(),
        status => status.meaning(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_codes() {
        assert_eq!(
            Status::from_code(0x8000_8096u32 as i32),
            Status::FrameworkMissingFailure
        );
        assert_eq!(Status::FrameworkMissingFailure.code() as u32, 0x8000_8096);
        assert_eq!(Status::from_code(2), Status::Success_DifferentRuntimeProperties);
        assert_eq!(describe(0x8013_1522u32 as i32).0, "TypeLoad");
        assert_eq!(describe(0x8000_80a7u32 as i32).0, "HostFeatureDisabled");
        assert_eq!(describe(0x1234_5678).0, "Unknown(0x12345678)");
        assert_eq!(describe(0x8000_8093u32 as i32).1, "0x80008093");
    }

    #[test]
    fn positive_codes_are_success() {
        assert!(Status::is_success(0));
        assert!(Status::is_success(1));
        assert!(Status::is_success(2));
        assert!(!Status::is_success(0x8000_8081u32 as i32));
    }
}
