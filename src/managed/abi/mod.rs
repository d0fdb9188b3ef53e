//! Calling a C function whose signature is known only at run time, without libffi.
//!
//! Every supported convention assigns register arguments by class: the n-th integer or
//! pointer argument to the n-th integer register, floats to vector registers (SysV x64 and
//! AArch64 independently; Win64 by position). So one "universal" Rust function type per
//! convention, with enough integer and float parameters, puts each argument where the
//! callee looks for it; unused registers hold zeros the callee never reads. A `float`
//! travels as a double whose low 32 bits are the float's bits: the callee reads only
//! those. Stack arguments are not supported on SysV/AArch64 (beyond 6/8 integers or 8
//! floats); Win64 passes up to 8 arguments, 4 of them on the stack as raw 8-byte slots.

#[cfg(test)]
mod tests;

#[cfg(all(target_arch = "x86_64", not(windows)))]
mod sysv;
#[cfg(all(target_arch = "x86_64", not(windows)))]
pub use sysv::{call, check};

#[cfg(all(target_arch = "x86_64", windows))]
mod win64;
#[cfg(all(target_arch = "x86_64", windows))]
pub use win64::{call, check};

#[cfg(target_arch = "aarch64")]
mod aarch64;
#[cfg(target_arch = "aarch64")]
pub use aarch64::{call, check};

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
mod unsupported {
    use super::super::signature::CType;

    pub fn check(_params: &[CType]) -> Result<(), String> {
        Err("declared signatures are supported on x86_64 and aarch64 only".into())
    }

    /// # Safety
    /// Never reached: `check` rejects every signature.
    pub unsafe fn call(_address: usize, _params: &[CType], _args: &[u64], _float: bool) -> u64 {
        0
    }
}
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
pub use unsupported::{call, check};

/// Splits arguments by register class, in order.
#[allow(dead_code)] // unused on Win64, which assigns by position
fn by_class<const INTS: usize, const FLOATS: usize>(
    params: &[super::signature::CType],
    args: &[u64],
) -> ([u64; INTS], [f64; FLOATS]) {
    let (mut ints, mut floats) = ([0u64; INTS], [0f64; FLOATS]);
    let (mut next_int, mut next_float) = (0, 0);
    for (param, bits) in params.iter().zip(args) {
        if param.is_float() {
            floats[next_float] = f64::from_bits(*bits);
            next_float += 1;
        } else {
            ints[next_int] = *bits;
            next_int += 1;
        }
    }
    (ints, floats)
}

/// Rejects parameter lists that need stack arguments.
#[allow(dead_code)]
fn check_by_class(
    params: &[super::signature::CType],
    max_ints: usize,
    max_floats: usize,
) -> Result<(), String> {
    let floats = params.iter().filter(|param| param.is_float()).count();
    let ints = params.len() - floats;
    if ints > max_ints || floats > max_floats {
        return Err(format!(
            "at most {max_ints} integer/pointer and {max_floats} floating-point parameters are supported on this platform (got {ints} and {floats})"
        ));
    }
    Ok(())
}
