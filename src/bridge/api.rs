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
/// (handles, count): one reference of each given back.
type HandlesFn = unsafe extern "system" fn(*const i64, i32);
type CreateFn = unsafe extern "system" fn() -> i64;
pub type CompletionFn = unsafe extern "system" fn(i64, i32, *const Slot);
type TypeTextFn = unsafe extern "system" fn(i32, *mut Slot) -> i32;
type FindTypeFn = unsafe extern "system" fn(i32, *const u16, i32, *const u16, i32, *mut Slot) -> i32;
type BindMemberFn = unsafe extern "system" fn(
    i32,
    *const u16,
    i32,
    *const u16,
    i32,
    i32,
    *const u16,
    i32,
    *const u16,
    i32,
    *mut Slot,
) -> i32;
type ObjectCallFn = unsafe extern "system" fn(i64, *mut Slot) -> i32;
type IsAssignableFn = unsafe extern "system" fn(i32, i32) -> i32;
type CreateDelegateFn = unsafe extern "system" fn(i32, i64, *mut Slot) -> i32;
type CompleteTaskFn = unsafe extern "system" fn(i64, i32, *const Slot);
type ClaimReferenceFn = unsafe extern "system" fn(*const u16, i32, *mut Slot) -> i32;
type TypeObjectFn = unsafe extern "system" fn(i32, *mut Slot) -> i32;
/// (assembly id, flags: 1 with its dependencies, 2 with framework docs; result slot) → status.
type DescribeSurfaceFn = unsafe extern "system" fn(i32, i32, *mut Slot) -> i32;
type InferMemberFn = unsafe extern "system" fn(i32, *const u16, i32, i32, *const u16, i32, *mut Slot) -> i32;
/// .NET calling a JavaScript function: (callback id, argument slots, result slot) → status.
pub type InvokeCallbackFn = unsafe extern "system" fn(i64, *mut Slot, *mut Slot) -> i32;
type InitializeFn = unsafe extern "system" fn(*mut BridgeApi, CompletionFn) -> i32;
type DiagnoseFn = unsafe extern "system" fn(*mut Diagnostics);

/// Mirrors `Exports.Diagnostics`: counters for leak tests.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Diagnostics {
    pub live_handles: i64,
    pub live_cancellations: i64,
    pub bound_methods: i64,
    pub live_objects: i64,
    pub live_delegates: i64,
    pub pending_javascript_tasks: i64,
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
    find_type: Option<FindTypeFn>,
    list_types: Option<TypeTextFn>,
    describe_type: Option<TypeTextFn>,
    bind_member: Option<BindMemberFn>,
    release_object: Option<HandleFn>,
    dispose_object: Option<ObjectCallFn>,
    is_assignable: Option<IsAssignableFn>,
    create_delegate: Option<CreateDelegateFn>,
    object_json: Option<ObjectCallFn>,
    complete_javascript_task: Option<CompleteTaskFn>,
    claim_reference: Option<ClaimReferenceFn>,
    type_object: Option<TypeObjectFn>,
    infer_member: Option<InferMemberFn>,
    describe_surface: Option<DescribeSurfaceFn>,
    reuse_delegate: Option<ObjectCallFn>,
    release_objects: Option<HandlesFn>,
    // Filled by this addon: how .NET calls JavaScript back.
    invoke_callback: Option<InvokeCallbackFn>,
    release_callback: Option<HandleFn>,
    free_callback_result: Option<HandleFn>,
}

/// The bridge's entry points. Every one catches all managed exceptions itself.
#[derive(Clone, Copy)]
pub struct Bridge {
    find_type: FindTypeFn,
    list_types: TypeTextFn,
    describe_type: TypeTextFn,
    bind_member: BindMemberFn,
    release_object: HandleFn,
    dispose_object: ObjectCallFn,
    is_assignable: IsAssignableFn,
    create_delegate: CreateDelegateFn,
    object_json: ObjectCallFn,
    complete_javascript_task: CompleteTaskFn,
    claim_reference: ClaimReferenceFn,
    type_object: TypeObjectFn,
    infer_member: InferMemberFn,
    describe_surface: DescribeSurfaceFn,
    reuse_delegate: ObjectCallFn,
    release_objects: HandlesFn,
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

/// `Initialize`'s status when the bridge serves another addon (`Exports.Taken`): another
/// copy of dotnet-host in this process loaded it into the default load context first.
const TAKEN: i32 = -4;

/// Why the bridge did not initialize.
pub enum InitializeError {
    /// It serves another copy of dotnet-host: this one needs a bridge of its own.
    Taken,
    Failed(String),
}

/// Calls the bridge's `Initialize` at `address` (an `[UnmanagedCallersOnly]` pointer) unless
/// a previous call already did: one runtime, one bridge per process.
///
/// # Safety
/// `address` must be the bridge's `Initialize` export.
pub unsafe fn initialize(address: usize) -> Result<&'static Bridge, InitializeError> {
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
        find_type: None,
        list_types: None,
        describe_type: None,
        bind_member: None,
        release_object: None,
        dispose_object: None,
        is_assignable: None,
        create_delegate: None,
        object_json: None,
        complete_javascript_task: None,
        claim_reference: None,
        type_object: None,
        infer_member: None,
        describe_surface: None,
        reuse_delegate: None,
        release_objects: None,
        invoke_callback: Some(super::callbacks::invoke_callback),
        release_callback: Some(super::callbacks::release_callback),
        free_callback_result: Some(super::callbacks::free_result),
    };
    // SAFETY: the caller guarantees the signature; api outlives the call.
    let initialize = unsafe { std::mem::transmute::<usize, InitializeFn>(address) };
    // SAFETY: as above; the completion and callback functions never unwind.
    let status = unsafe { initialize(&mut api, super::tasks::on_complete) };
    let bridge = match (status, api) {
        (
            0,
            BridgeApi {
                version: 6,
                load_assembly: Some(load_assembly),
                bind: Some(bind),
                invoke: Some(invoke),
                release: Some(release),
                create_cancellation: Some(create_cancellation),
                cancel: Some(cancel),
                free_cancellation: Some(free_cancellation),
                diagnose: Some(diagnose),
                find_type: Some(find_type),
                list_types: Some(list_types),
                describe_type: Some(describe_type),
                bind_member: Some(bind_member),
                release_object: Some(release_object),
                dispose_object: Some(dispose_object),
                is_assignable: Some(is_assignable),
                create_delegate: Some(create_delegate),
                object_json: Some(object_json),
                complete_javascript_task: Some(complete_javascript_task),
                claim_reference: Some(claim_reference),
                type_object: Some(type_object),
                infer_member: Some(infer_member),
                describe_surface: Some(describe_surface),
                reuse_delegate: Some(reuse_delegate),
                release_objects: Some(release_objects),
                ..
            },
        ) => Bridge {
            find_type,
            list_types,
            describe_type,
            bind_member,
            release_object,
            dispose_object,
            is_assignable,
            create_delegate,
            object_json,
            complete_javascript_task,
            claim_reference,
            type_object,
            infer_member,
            describe_surface,
            reuse_delegate,
            release_objects,
            load_assembly,
            bind,
            invoke,
            release,
            create_cancellation,
            cancel,
            free_cancellation,
            diagnose,
        },
        (TAKEN, _) => return Err(InitializeError::Taken),
        (status, api) => {
            return Err(InitializeError::Failed(format!(
                "the managed bridge did not initialize (status {status}, version {}): it does not match this addon; reinstall dotnet-host",
                api.version
            )))
        }
    };
    Ok(BRIDGE.get_or_init(|| bridge))
}

fn utf16(text: &str) -> Vec<u16> {
    text.encode_utf16().collect()
}

/// An optional string as the bridge takes it: a pointer and a length, -1 for none.
fn optional_utf16(text: Option<&str>) -> (Option<Vec<u16>>, i32) {
    let units = text.map(utf16);
    let length = units.as_ref().map_or(-1, |units| units.len() as i32);
    (units, length)
}

fn pointer(units: &Option<Vec<u16>>) -> *const u16 {
    units.as_ref().map_or(std::ptr::null(), |units| units.as_ptr())
}

/// Bridge calls that return text: `Ok(text)` or `Err(exception JSON)`.
pub type TextResult = Result<String, String>;

impl Bridge {
    /// Copies a text result out of its slot and releases the pinned string.
    pub fn take_text(&self, slot: &Slot) -> String {
        let text = if slot.a == 0 || slot.b < 0 {
            String::new()
        } else {
            // SAFETY: not null; the bridge pinned the text until `release(c)`, or wrote it
            // into the caller's `Scratch`, alive during this call.
            unsafe { super::results::Text::of(slot) }.to_string_lossy()
        };
        self.release(slot.c);
        text
    }

    /// Frees a pinned result's handle; 0 and the markers (negative) hold none.
    pub fn release(&self, handle: i64) {
        if handle > 0 {
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

    /// Runs a bridge call that answers with text in `ret`.
    fn text_call(&self, call: impl FnOnce(*mut Slot) -> i32) -> TextResult {
        let mut ret = Slot::default();
        let status = call(&mut ret);
        let text = self.take_text(&ret);
        if status == 0 {
            Ok(text)
        } else {
            Err(text)
        }
    }

    /// `{"typeId": n}` or a BindError description for `name` (C# syntax, generics allowed).
    pub fn find_type(&self, assembly: i32, name: &str, type_arguments: Option<&str>) -> TextResult {
        let name = utf16(name);
        let (arguments, arguments_len) = optional_utf16(type_arguments);
        // SAFETY: every pointer/length pair describes a live buffer; ret is writable.
        self.text_call(|ret| unsafe {
            (self.find_type)(
                assembly,
                name.as_ptr(),
                name.len() as i32,
                pointer(&arguments),
                arguments_len,
                ret,
            )
        })
    }

    /// The assembly's public type names, as a JSON array.
    pub fn list_types(&self, assembly: i32) -> TextResult {
        // SAFETY: ret is writable.
        self.text_call(|ret| unsafe { (self.list_types)(assembly, ret) })
    }

    /// The public surface of an assembly (and its dependencies) for the declaration
    /// generator, as JSON (managed/DotnetHost.Bridge/Surface.cs).
    pub fn describe_surface(&self, assembly: i32, flags: i32) -> TextResult {
        // SAFETY: ret is writable.
        self.text_call(|ret| unsafe { (self.describe_surface)(assembly, flags, ret) })
    }

    pub fn describe_type(&self, type_id: i32) -> TextResult {
        // SAFETY: ret is writable.
        self.text_call(|ret| unsafe { (self.describe_type)(type_id, ret) })
    }

    pub fn bind_member(
        &self,
        type_id: i32,
        kind: &str,
        name: &str,
        is_static: bool,
        type_arguments: Option<&str>,
        parameter_types: Option<&str>,
    ) -> TextResult {
        let (kind, name) = (utf16(kind), utf16(name));
        let (arguments, arguments_len) = optional_utf16(type_arguments);
        let (types, types_len) = optional_utf16(parameter_types);
        // SAFETY: every pointer/length pair describes a live buffer; ret is writable.
        self.text_call(|ret| unsafe {
            (self.bind_member)(
                type_id,
                kind.as_ptr(),
                kind.len() as i32,
                name.as_ptr(),
                name.len() as i32,
                is_static as i32,
                pointer(&arguments),
                arguments_len,
                pointer(&types),
                types_len,
                ret,
            )
        })
    }

    /// The generic methods `name` of `type_id` closed over the type arguments the JavaScript
    /// arguments (described as JSON) imply: their candidates, as `bind_member` gives them.
    pub fn infer_member(&self, type_id: i32, name: &str, is_static: bool, arguments: &str) -> TextResult {
        let (name, arguments) = (utf16(name), utf16(arguments));
        // SAFETY: every pointer/length pair describes a live buffer; ret is writable.
        self.text_call(|ret| unsafe {
            (self.infer_member)(
                type_id,
                name.as_ptr(),
                name.len() as i32,
                is_static as i32,
                arguments.as_ptr(),
                arguments.len() as i32,
                ret,
            )
        })
    }

    /// Gives back one reference to an object handle.
    pub fn release_object(&self, handle: i64) {
        if handle != 0 {
            // SAFETY: the caller owns one reference to handle and gives it up here.
            unsafe { (self.release_object)(handle) };
        }
    }

    /// Gives back one reference to each of `handles` (none of them 0), in one call into
    /// .NET: what a sweep found collected.
    pub fn release_objects(&self, handles: &[i64]) {
        for chunk in handles.chunks(i32::MAX as usize) {
            // SAFETY: the caller owns one reference to each handle and gives them up here;
            // the bridge reads `chunk.len()` handles during the call.
            unsafe { (self.release_objects)(chunk.as_ptr(), chunk.len() as i32) };
        }
    }

    /// IDisposable.Dispose, then gives back the reference; Err holds the exception JSON.
    pub fn dispose_object(&self, handle: i64) -> Result<(), String> {
        let mut ret = Slot::default();
        // SAFETY: the caller owns one reference to handle; ret is writable.
        let status = unsafe { (self.dispose_object)(handle, &mut ret) };
        if status == 0 {
            Ok(())
        } else {
            Err(self.take_text(&ret))
        }
    }

    pub fn is_assignable(&self, to: i32, from: i32) -> bool {
        // SAFETY: plain integers; unknown ids answer false.
        unsafe { (self.is_assignable)(to, from) == 1 }
    }

    /// A delegate of type `type_id` that calls JavaScript callback `callback_id`: its
    /// object handle (one reference, owned by the caller).
    pub fn create_delegate(&self, type_id: i32, callback_id: i64) -> Result<i64, String> {
        let mut ret = Slot::default();
        // SAFETY: ret is writable.
        let status = unsafe { (self.create_delegate)(type_id, callback_id, &mut ret) };
        if status == 0 {
            Ok(ret.a)
        } else {
            Err(self.take_text(&ret))
        }
    }

    /// The delegate made for JavaScript callback `callback_id`, if .NET still has it: its
    /// object handle (one more reference, owned by the caller); `None` once it is
    /// unreachable (its id is then being released).
    pub fn reuse_delegate(&self, callback_id: i64) -> Result<Option<i64>, String> {
        let mut ret = Slot::default();
        // SAFETY: a plain id; ret is writable.
        let status = unsafe { (self.reuse_delegate)(callback_id, &mut ret) };
        match status {
            0 if ret.a == 0 => Ok(None),
            0 => Ok(Some(ret.a)),
            _ => Err(self.take_text(&ret)),
        }
    }

    /// The object serialized as JSON (for `toJSON`).
    pub fn object_json(&self, handle: i64) -> TextResult {
        // SAFETY: the caller holds a reference to handle; ret is writable.
        self.text_call(|ret| unsafe { (self.object_json)(handle, ret) })
    }

    /// Completes a Task the bridge made for a JavaScript Promise: status 0 with the result
    /// in `slot`, else the JavaScriptException text.
    pub fn complete_javascript_task(&self, task: i64, status: i32, slot: &Slot) {
        // SAFETY: slot and what it points at are valid for the call, which copies them.
        unsafe { (self.complete_javascript_task)(task, status, slot) };
    }

    /// The object behind a reference token in JSON the bridge wrote: its handle (one
    /// reference, owned by the caller) and run-time type id, or `None` for a token that is
    /// none (or whose JSON string was already released).
    pub fn claim_reference(&self, token: &str) -> Result<Option<(i64, i32)>, String> {
        let token = utf16(token);
        let mut ret = Slot::default();
        // SAFETY: token holds token.len() units; ret is writable.
        let status = unsafe { (self.claim_reference)(token.as_ptr(), token.len() as i32, &mut ret) };
        if status != 0 {
            return Err(self.take_text(&ret));
        }
        Ok((ret.b == super::kind::OBJECT_MARKER).then_some((ret.a, ret.c as i32)))
    }

    /// The `System.Type` object of type `type_id`: its handle (one reference, owned by the
    /// caller) and its own run-time type's id.
    pub fn type_object(&self, type_id: i32) -> Result<(i64, i32), String> {
        let mut ret = Slot::default();
        // SAFETY: ret is writable.
        let status = unsafe { (self.type_object)(type_id, &mut ret) };
        if status == 0 {
            Ok((ret.a, ret.c as i32))
        } else {
            Err(self.take_text(&ret))
        }
    }

    pub fn diagnose(&self) -> Diagnostics {
        let mut diagnostics = Diagnostics::default();
        // SAFETY: diagnostics is a writable struct of the layout the bridge expects.
        unsafe { (self.diagnose)(&mut diagnostics) };
        diagnostics
    }
}
