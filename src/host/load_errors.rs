//! A failed assembly load or function-pointer lookup as an error that says which type,
//! method and assembly were asked for, and hints at the usual cause for its code.

use std::path::Path;

use super::function_pointer::{DelegateType, FunctionOrigin};
use crate::error::{Detail, Error, ErrorClass};
use crate::hostfxr::status::{ManagedHresult, Status};

pub(super) fn load_error(
    operation: &str,
    code: i32,
    origin: Option<&FunctionOrigin>,
    assembly: Option<&Path>,
) -> Error {
    let error = describe_origin(Error::status(ErrorClass::ManagedLoad, operation, code), origin);
    // The runtime's dependency resolver reports a missing file as InvalidOperation,
    // so say plainly when that is the cause.
    if let Some(path) = assembly.filter(|path| !path.is_file()) {
        return error.hint(format!("The assembly file does not exist: {}", path.display()));
    }
    with_hint(error, code, origin)
}

fn describe_origin(mut error: Error, origin: Option<&FunctionOrigin>) -> Error {
    if let Some(origin) = origin {
        error.summary.push_str(&format!(
            " (type {:?}, method {:?}",
            origin.type_name, origin.method
        ));
        if let Some(path) = &origin.assembly_path {
            error.summary.push_str(&format!(", assembly {path}"));
        }
        error.summary.push(')');
        error = error
            .detail("typeName", Detail::Str(origin.type_name.clone()))
            .detail("methodName", Detail::Str(origin.method.clone()));
        if let Some(path) = &origin.assembly_path {
            error = error.detail("assemblyPath", Detail::Str(path.clone()));
        }
    }
    error
}

fn with_hint(error: Error, code: i32, origin: Option<&FunctionOrigin>) -> Error {
    let hint = match (ManagedHresult::from_code(code), Status::from_code(code), origin) {
        (ManagedHresult::FileNotFound | ManagedHresult::TypeLoad, _, Some(origin)) if origin.assembly_path.is_none() => format!(
            "No type {:?} in the default load context. getFunctionPointer sees only assemblies loaded there: call loadAssembly(path) first, or use loadAssemblyAndGetFunctionPointer. The name must be assembly-qualified: \"Namespace.Type, AssemblyName\".",
            origin.type_name
        ),
        (ManagedHresult::FileNotFound | ManagedHresult::DirectoryNotFound, _, _) => {
            "Check the assembly path, and that its dependencies are next to it (listed in its .deps.json).".to_string()
        }
        (ManagedHresult::TypeLoad, _, Some(origin)) => format!(
            "No public type {:?} was found. Type names are assembly-qualified (\"Namespace.Type, AssemblyName\"); nested types use '+'. A custom delegateType must be assembly-qualified too.",
            origin.type_name
        ),
        (ManagedHresult::InvalidOperation, _, Some(origin)) if origin.delegate_type == DelegateType::UnmanagedCallersOnly => {
            "unmanagedCallersOnly was requested, but the method is not marked [UnmanagedCallersOnly].".to_string()
        }
        (ManagedHresult::InvalidOperation, _, _) => {
            "A method marked [UnmanagedCallersOnly] must be requested with unmanagedCallersOnly: true, and vice versa.".to_string()
        }
        (ManagedHresult::Argument, _, Some(origin)) if matches!(origin.delegate_type, DelegateType::Custom(_)) => format!(
            "Type {:?} has no public static method {:?} whose signature matches the delegate type {:?}.",
            origin.type_name,
            origin.method,
            match &origin.delegate_type {
                DelegateType::Custom(name) => name.as_str(),
                _ => "",
            }
        ),
        (ManagedHresult::Argument | ManagedHresult::MissingMethod, _, Some(origin)) => format!(
            "Type {:?} has no public static method {:?}{}.",
            origin.type_name,
            origin.method,
            if origin.delegate_type == DelegateType::Default {
                " with the entry-point signature int (IntPtr args, int sizeBytes); for other signatures pass a delegateType or mark the method [UnmanagedCallersOnly]"
            } else {
                ""
            }
        ),
        (ManagedHresult::BadImageFormat | ManagedHresult::AssemblyExpected, _, _) => {
            "The file is not a .NET assembly (or targets a newer runtime than the one loaded).".to_string()
        }
        (ManagedHresult::FileLoad | ManagedHresult::AssemblyNameMismatch, _, _) => {
            "The assembly (or one with the same name) could not be loaded; an assembly of that name may already be loaded in this load context.".to_string()
        }
        (_, Status::HostFeatureDisabled, _) => {
            "The app switch System.Runtime.InteropServices.EnableConsumingManagedCodeFromNativeHosting is false in this runtimeconfig.".to_string()
        }
        _ => String::new(),
    };
    if hint.is_empty() {
        error
    } else {
        error.hint(hint)
    }
}
