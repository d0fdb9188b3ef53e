//! AAPCS64 (Linux, Windows on Arm): integers in x0-x7, floats in v0-v7, counted
//! separately. Results in x0 or v0.

use super::super::signature::CType;

type IntResult = unsafe extern "C" fn(
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
) -> u64;
type FloatResult = unsafe extern "C" fn(
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    u64,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
) -> f64;

pub fn check(params: &[CType]) -> Result<(), String> {
    super::check_by_class(params, 8, 8)
}

/// # Safety
/// See `Declared::call`.
pub unsafe fn call(address: usize, params: &[CType], args: &[u64], float_result: bool) -> u64 {
    let (i, f) = super::by_class::<8, 8>(params, args);
    if float_result {
        // SAFETY: the caller vouches for the signature; see the module documentation.
        let function = unsafe { std::mem::transmute::<usize, FloatResult>(address) };
        // SAFETY: as above.
        unsafe {
            function(
                i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], f[0], f[1], f[2], f[3], f[4], f[5], f[6],
                f[7],
            )
        }
        .to_bits()
    } else {
        // SAFETY: as above.
        let function = unsafe { std::mem::transmute::<usize, IntResult>(address) };
        // SAFETY: as above.
        unsafe {
            function(
                i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], f[0], f[1], f[2], f[3], f[4], f[5], f[6],
                f[7],
            )
        }
    }
}
