//! The crate's error: one value per failure family, rendered into a JavaScript error of
//! the matching exported class by `js::errors`.

use crate::hostfxr::status;

/// The failure families; each maps to one exported JavaScript error class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    /// No hostfxr library could be found.
    HostfxrNotFound,
    /// hostfxr was found but could not be loaded or lacks a required export.
    HostLibrary,
    /// A hostfxr call returned a failure status.
    HostStatus,
    /// The hostfxr in use is too old for the requested feature.
    UnsupportedHostVersion,
    /// A runtime delegate failed to load an assembly, type or method.
    ManagedLoad,
    /// The call is not allowed in the current state (closed, secondary, started, …).
    HostState,
    /// An argument has the wrong type or value.
    InvalidArgument,
}

impl ErrorClass {
    pub fn js_name(self) -> &'static str {
        match self {
            ErrorClass::HostfxrNotFound => "HostfxrNotFoundError",
            ErrorClass::HostLibrary => "HostLibraryError",
            ErrorClass::HostStatus => "HostStatusError",
            ErrorClass::UnsupportedHostVersion => "UnsupportedHostVersionError",
            ErrorClass::ManagedLoad => "ManagedLoadError",
            ErrorClass::HostState => "HostStateError",
            ErrorClass::InvalidArgument => "InvalidArgumentError",
        }
    }
}

#[derive(Clone, Debug)]
pub enum Detail {
    Str(String),
    Strings(Vec<String>),
    Records(Vec<Vec<(&'static str, String)>>),
}

/// Boxed so that `Result<T>` stays small on the success path.
#[derive(Clone, Debug)]
pub struct Error(Box<ErrorInfo>);

#[derive(Clone, Debug)]
pub struct ErrorInfo {
    pub class: ErrorClass,
    /// The status name (`FrameworkMissingFailure`, `TypeLoad`, `ContextClosed`, …).
    pub code: String,
    pub hresult: Option<i32>,
    /// What hostfxr itself wrote through its error writer during the failed call.
    pub host_message: Option<String>,
    pub summary: String,
    pub hint: Option<String>,
    pub details: Vec<(&'static str, Detail)>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(class: ErrorClass, code: &str, summary: impl Into<String>) -> Error {
        Error(Box::new(ErrorInfo {
            class,
            code: code.to_string(),
            hresult: None,
            host_message: None,
            summary: summary.into(),
            hint: None,
            details: Vec::new(),
        }))
    }

    pub fn into_info(self) -> ErrorInfo {
        *self.0
    }

    /// A failure status from hostfxr or a runtime delegate: named, with its hex code.
    pub fn status(class: ErrorClass, operation: &str, code: i32) -> Error {
        let (name, hex) = status::describe(code);
        let meaning = status::meaning(code);
        let summary = if meaning.is_empty() {
            format!("{operation} failed with {name} ({hex})")
        } else {
            format!("{operation} failed with {name} ({hex}): {meaning}")
        };
        let mut error = Error::new(class, &name, summary);
        error.hresult = Some(code);
        error
    }

    /// A hosting-library failure named by a hostfxr status (load failure, missing export).
    pub fn library(status: crate::hostfxr::Status, summary: impl Into<String>) -> Error {
        let mut error = Error::new(
            ErrorClass::HostLibrary,
            status.known_name().unwrap_or("Unknown"),
            summary,
        );
        error.hresult = Some(status.code());
        error
    }

    pub fn state(code: &str, summary: impl Into<String>) -> Error {
        Error::new(ErrorClass::HostState, code, summary)
    }

    pub fn invalid_argument(summary: impl Into<String>) -> Error {
        Error::new(ErrorClass::InvalidArgument, "InvalidArgument", summary)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }

    pub fn host_message(mut self, text: String) -> Error {
        let text = text.trim().to_string();
        if !text.is_empty() {
            self.host_message = Some(text);
        }
        self
    }

    pub fn detail(mut self, name: &'static str, value: Detail) -> Error {
        self.details.push((name, value));
        self
    }

    /// The full message: summary, hostfxr's own words, then the hint.
    pub fn message(&self) -> String {
        let mut message = self.summary.clone();
        if let Some(text) = &self.host_message {
            message.push_str("\nhostfxr: ");
            message.push_str(&text.replace('\n', "\n  "));
        }
        if let Some(hint) = &self.hint {
            message.push_str("\nHint: ");
            message.push_str(hint);
        }
        message
    }
}

impl std::ops::Deref for Error {
    type Target = ErrorInfo;
    fn deref(&self) -> &ErrorInfo {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorInfo {
        &mut self.0
    }
}
