//! Microsoft x64: argument n goes to rcx/rdx/r8/r9 or xmm0-3 by position (n < 4), then to
//! 8-byte stack slots. The class of each of the first four positions picks one of 16
//! function types; stack slots carry raw bit patterns, whatever their type.

use super::super::signature::CType;

const MAX: usize = 8;

pub fn check(params: &[CType]) -> Result<(), String> {
    if params.len() > MAX {
        return Err(format!(
            "at most {MAX} parameters are supported on Windows x64 (got {})",
            params.len()
        ));
    }
    Ok(())
}

macro_rules! dispatch {
    ($address:expr, $mask:expr, $r:expr, $s:expr, $ret:ty, [$($bits:literal: ($($t:ident),*)),*]) => {
        match $mask {
            $(
                $bits => {
                    // SAFETY: the caller vouches for the signature; the parameter types match
                    // the class of each register position.
                    let function = unsafe {
                        std::mem::transmute::<usize, unsafe extern "C" fn($($t),*, u64, u64, u64, u64) -> $ret>($address)
                    };
                    let mut index = 0;
                    let mut next = || { index += 1; $r[index - 1] };
                    let args = ($(dispatch!(@arg $t, next())),*);
                    dispatch!(@call function, args, $s, $($t),*)
                }
            )*
            _ => unreachable!("the mask has 4 bits"),
        }
    };
    (@arg u64, $value:expr) => { $value };
    (@arg f64, $value:expr) => { f64::from_bits($value) };
    (@call $function:ident, $args:ident, $s:expr, $a:ident, $b:ident, $c:ident, $d:ident) => {
        // SAFETY: see above.
        unsafe { $function($args.0, $args.1, $args.2, $args.3, $s[0], $s[1], $s[2], $s[3]) }
    };
}

macro_rules! all_masks {
    ($address:expr, $mask:expr, $r:expr, $s:expr, $ret:ty) => {
        dispatch!($address, $mask, $r, $s, $ret, [
            0: (u64, u64, u64, u64), 1: (f64, u64, u64, u64), 2: (u64, f64, u64, u64), 3: (f64, f64, u64, u64),
            4: (u64, u64, f64, u64), 5: (f64, u64, f64, u64), 6: (u64, f64, f64, u64), 7: (f64, f64, f64, u64),
            8: (u64, u64, u64, f64), 9: (f64, u64, u64, f64), 10: (u64, f64, u64, f64), 11: (f64, f64, u64, f64),
            12: (u64, u64, f64, f64), 13: (f64, u64, f64, f64), 14: (u64, f64, f64, f64), 15: (f64, f64, f64, f64)
        ])
    };
}

/// # Safety
/// See `Declared::call`.
pub unsafe fn call(address: usize, params: &[CType], args: &[u64], float_result: bool) -> u64 {
    let mut registers = [0u64; 4];
    let mut stack = [0u64; 4];
    let mut mask = 0usize;
    for (position, (param, bits)) in params.iter().zip(args).enumerate() {
        if position < 4 {
            registers[position] = *bits;
            if param.is_float() {
                mask |= 1 << position;
            }
        } else {
            stack[position - 4] = *bits;
        }
    }
    if float_result {
        let result: f64 = all_masks!(address, mask, registers, stack, f64);
        result.to_bits()
    } else {
        all_masks!(address, mask, registers, stack, u64)
    }
}
