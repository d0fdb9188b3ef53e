fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        // Node may unload and reload an addon per worker; a Rust library with live
        // thread-local destructors must never be unmapped, or a thread exit jumps
        // into freed code.
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
