//! The bridge's function table, filled by its `Initialize` export once per process.

use std::sync::OnceLock;

/// One argument or result: mirrors `Slot` in the bridge.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Slot {
    pub a: i64,
    pub b: i64,
    /// A GCHandle to release once the value has been copied out, or 0.
    pub c: i64,
}

type LoadAssemblyFn = unsafe extern "system" fn(*const u16, i32, i32, *mut Slot) -> i32;
type BindFn =
    unsafe extern "system" fn(i32, *const u16, i32, *const u16, i32, *const u16, i32, *mut Slot) -> i32;
type InvokeFn = unsafe extern "system" fn(i32, *mut Slot, *mut Slot) -> i32;
type HandleFn = unsafe extern "system" fn(i64);
type CreateFn = unsafe extern "system" fn() -> i64;
pub type CompletionFn = unsafe extern "system" fn(i64, i32, *const Slot);
type InitializeFn = unsafe extern "system" fn(*mut BridgeApi, CompletionFn) -> i32;
type DiagnoseFn = unsafe extern "system" fn(*mut Diagnostics);

/// Mirrors `Exports.Diagnostics`: counters for leak tests.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Diagnostics {
    pub live_handles: i64,
    pub live_cancellations: i64,
    pub bound_methods: i64,
}

/// Mirrors `Exports.Api` in the bridge; `size` lets it check the layout.
#[repr(C)]
struct BridgeApi {
    size: i32,
    version: i32,
    load_assembly: Option<LoadAssemblyFn>,
    bind: Option<BindFn>,
    invoke: Option<InvokeFn>,
    release: Option<HandleFn>,
    create_cancellation: Option<CreateFn>,
    cancel: Option<HandleFn>,
    free_cancellation: Option<HandleFn>,
    diagnose: Option<DiagnoseFn>,
}

/// The bridge's entry points. Every one catches all managed exceptions itself.
#[derive(Clone, Copy)]
pub struct Bridge {
    load_assembly: LoadAssemblyFn,
    bind: BindFn,
    invoke: InvokeFn,
    release: HandleFn,
    create_cancellation: CreateFn,
    cancel: HandleFn,
    free_cancellation: HandleFn,
    diagnose: DiagnoseFn,
}

static BRIDGE: OnceLock<Bridge> = OnceLock::new();

pub fn bridge() -> Option<&'static Bridge> {
    BRIDGE.get()
}

/// Calls the bridge's `Initialize` at `address` (an `[UnmanagedCallersOnly]` pointer) unless
/// a previous call already did: one runtime, one bridge per process.
///
/// # Safety
/// `address` must be the bridge's `Initialize` export.
pub unsafe fn initialize(address: usize) -> Result<&'static Bridge, String> {
    if let Some(bridge) = BRIDGE.get() {
        return Ok(bridge);
    }
    let mut api = BridgeApi {
        size: std::mem::size_of::<BridgeApi>() as i32,
        version: 0,
        load_assembly: None,
        bind: None,
        invoke: None,
        release: None,
        create_cancellation: None,
        cancel: None,
        free_cancellation: None,
        diagnose: None,
    };
    // SAFETY: the caller guarantees the signature; api outlives the call.
    let initialize = unsafe { std::mem::transmute::<usize, InitializeFn>(address) };
    // SAFETY: as above; the completion callback never unwinds.
    let status = unsafe { initialize(&mut api, super::tasks::on_complete) };
    let bridge = match (status, api) {
        (
            0,
            BridgeApi {
                version: 1,
                load_assembly: Some(load_assembly),
                bind: Some(bind),
                invoke: Some(invoke),
                release: Some(release),
                create_cancellation: Some(create_cancellation),
                cancel: Some(cancel),
                free_cancellation: Some(free_cancellation),
                diagnose: Some(diagnose),
                ..
            },
        ) => Bridge {
            load_assembly,
            bind,
            invoke,
            release,
            create_cancellation,
            cancel,
            free_cancellation,
            diagnose,
        },
        (status, api) => {
            return Err(format!(
                "the managed bridge did not initialize (status {status}, version {}): it does not match this addon; reinstall dotnet-host",
                api.version
            ))
        }
    };
    Ok(BRIDGE.get_or_init(|| bridge))
}

fn utf16(text: &str) -> Vec<u16> {
    text.encode_utf16().collect()
}

/// Bridge calls that return text: `Ok(text)` or `Err(exception JSON)`.
pub type TextResult = Result<String, String>;

impl Bridge {
    /// Copies a text result out of its slot and releases the pinned string.
    pub fn take_text(&self, slot: &Slot) -> String {
        let text = if slot.a == 0 || slot.b < 0 {
            String::new()
        } else {
            // SAFETY: the bridge pinned b UTF-16 units at a until `release(c)`.
            let units = unsafe { std::slice::from_raw_parts(slot.a as *const u16, slot.b as usize) };
            String::from_utf16_lossy(units)
        };
        self.release(slot.c);
        text
    }

    pub fn release(&self, handle: i64) {
        if handle != 0 {
            // SAFETY: handle is a GCHandle the bridge handed out and nobody released yet.
            unsafe { (self.release)(handle) };
        }
    }

    pub fn load_assembly(&self, path: &str, isolated: bool) -> Result<i32, String> {
        let path = utf16(path);
        let mut ret = Slot::default();
        // SAFETY: path holds path.len() units; ret is writable.
        let status =
            unsafe { (self.load_assembly)(path.as_ptr(), path.len() as i32, isolated as i32, &mut ret) };
        if status == 0 {
            Ok(ret.a as i32)
        } else {
            Err(self.take_text(&ret))
        }
    }

    pub fn bind(
        &self,
        assembly: i32,
        type_name: &str,
        method: &str,
        parameter_types: Option<&str>,
    ) -> TextResult {
        let (type_name, method) = (utf16(type_name), utf16(method));
        let types = parameter_types.map(utf16);
        let (types_ptr, types_len) = types
            .as_ref()
            .map_or((std::ptr::null(), -1), |t| (t.as_ptr(), t.len() as i32));
        let mut ret = Slot::default();
        // SAFETY: every pointer/length pair describes a live buffer; ret is writable.
        let status = unsafe {
            (self.bind)(
                assembly,
                type_name.as_ptr(),
                type_name.len() as i32,
                method.as_ptr(),
                method.len() as i32,
                types_ptr,
                types_len,
                &mut ret,
            )
        };
        let text = self.take_text(&ret);
        if status == 0 {
            Ok(text)
        } else {
            Err(text)
        }
    }

    /// Runs compiled method `id`. Returns 0 (result in `ret`), 1 (exception JSON in `ret`)
    /// or 2 (a Task: its id in `ret.a`).
    ///
    /// # Safety
    /// `args` must hold the slots method `id` reads, each pointing at memory valid for the
    /// whole call.
    pub unsafe fn invoke(&self, id: i32, args: *mut Slot, ret: &mut Slot) -> i32 {
        // SAFETY: forwarded from the caller.
        unsafe { (self.invoke)(id, args, ret) }
    }

    pub fn create_cancellation(&self) -> i64 {
        // SAFETY: no arguments; returns a GCHandle or 0.
        unsafe { (self.create_cancellation)() }
    }

    pub fn cancel(&self, handle: i64) {
        if handle != 0 {
            // SAFETY: handle came from create_cancellation and is not freed yet.
            unsafe { (self.cancel)(handle) };
        }
    }

    pub fn free_cancellation(&self, handle: i64) {
        if handle != 0 {
            // SAFETY: as in cancel; freed once by the TypeScript owner.
            unsafe { (self.free_cancellation)(handle) };
        }
    }

    pub fn diagnose(&self) -> Diagnostics {
        let mut diagnostics = Diagnostics::default();
        // SAFETY: diagnostics is a writable struct of the layout the bridge expects.
        unsafe { (self.diagnose)(&mut diagnostics) };
        diagnostics
    }
}
