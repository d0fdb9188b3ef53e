//! The universal-call trick checked against real C-ABI functions compiled for the target,
//! so running these tests on x64 Linux, under wine (Windows x64) and under qemu (aarch64)
//! exercises each convention.

use super::super::signature::{CType, Declared};

extern "C" fn mix(a: f32, b: f64, c: i32, d: f32, e: i64) -> f64 {
    a as f64 + b + c as f64 + d as f64 + e as f64
}

extern "C" fn six_ints(a: i64, b: i64, c: i64, d: i64, e: i64, f: i64) -> i64 {
    a + b * 10 + c * 100 + d * 1000 + e * 10_000 + f * 100_000
}

#[allow(clippy::too_many_arguments)]
extern "C" fn eight_doubles(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64) -> f64 {
    a + b * 2.0 + c * 3.0 + d * 4.0 + e * 5.0 + f * 6.0 + g * 7.0 + h * 8.0
}

/// Floats and integers alternating, past four positions: Win64 puts the fifth and later
/// on the stack.
#[allow(clippy::too_many_arguments)]
extern "C" fn alternating(a: i32, b: f64, c: i64, d: f32, e: i32, f: f64, g: u8, h: f32) -> f64 {
    a as f64
        + b * 2.0
        + c as f64 * 3.0
        + d as f64 * 4.0
        + e as f64 * 5.0
        + f * 6.0
        + g as f64 * 7.0
        + h as f64 * 8.0
}

extern "C" fn half(value: f32) -> f32 {
    value / 2.0
}

extern "C" fn negate(value: i8) -> i8 {
    value.wrapping_neg()
}

extern "C" fn fill(target: *mut u8, length: i32, value: u8) {
    // SAFETY: the test passes a buffer of `length` bytes.
    unsafe { std::ptr::write_bytes(target, value, length as usize) };
}

fn declared(address: usize, returns: CType, params: &[CType]) -> Declared {
    Declared::new(address, returns, params.to_vec()).expect("signature accepted")
}

fn float(value: f32) -> u64 {
    value.to_bits() as u64
}

fn double(value: f64) -> u64 {
    value.to_bits()
}

#[test]
fn floats_doubles_and_integers_interleaved() {
    use CType::*;
    let function = declared(
        mix as *const () as usize,
        Double,
        &[Float, Double, Int32, Float, Int64],
    );
    // SAFETY: `mix` has exactly the declared signature.
    let raw = unsafe { function.call(&[float(1.5), double(2.25), 3, float(0.5), 100]) };
    assert_eq!(f64::from_bits(raw), 107.25);
}

#[test]
fn six_integers_fill_the_integer_registers() {
    use CType::*;
    let function = declared(six_ints as *const () as usize, Int64, &[Int64; 6]);
    // SAFETY: `six_ints` has exactly the declared signature.
    let raw = unsafe { function.call(&[1, 2, 3, 4, 5, 6]) };
    assert_eq!(raw as i64, 654_321);
}

#[test]
fn eight_doubles_fill_the_vector_registers() {
    use CType::*;
    let function = declared(eight_doubles as *const () as usize, Double, &[Double; 8]);
    let args = [1.0f64; 8].map(double);
    // SAFETY: `eight_doubles` has exactly the declared signature.
    assert_eq!(f64::from_bits(unsafe { function.call(&args) }), 36.0);
}

#[test]
fn alternating_classes_past_the_register_positions() {
    use CType::*;
    let function = declared(
        alternating as *const () as usize,
        Double,
        &[Int32, Double, Int64, Float, Int32, Double, UInt8, Float],
    );
    let args = [1, double(1.0), 1, float(1.0), 1, double(1.0), 1, float(1.0)];
    // SAFETY: `alternating` has exactly the declared signature.
    assert_eq!(f64::from_bits(unsafe { function.call(&args) }), 36.0);
}

#[test]
fn float_results_and_narrow_integers() {
    use CType::*;
    // SAFETY: each function has exactly the declared signature.
    unsafe {
        let raw = declared(half as *const () as usize, Float, &[Float]).call(&[float(3.0)]);
        assert_eq!(f32::from_bits(raw as u32), 1.5);
        let raw = declared(negate as *const () as usize, Int8, &[Int8]).call(&[(-5i64) as u64]);
        assert_eq!(raw as i8, 5);
    }
}

#[test]
fn pointers_and_void() {
    use CType::*;
    let mut buffer = [0u8; 4];
    let function = declared(fill as *const () as usize, Void, &[Pointer, Int32, UInt8]);
    // SAFETY: `fill` has the declared signature; buffer holds 3 bytes past offset 1.
    unsafe { function.call(&[buffer[1..].as_mut_ptr() as u64, 3, 7]) };
    assert_eq!(buffer, [0, 7, 7, 7]);
}
