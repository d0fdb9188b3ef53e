// One primary runtime-config context for this whole file (one runtime per process):
// properties before start, every delegate form, component calls, secondary contexts,
// failures mapped to error classes, and close semantics. Serial: order matters.
import test from "ava";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  HostStateError,
  HostStatusError,
  InvalidArgumentError,
  ManagedLoadError,
  RuntimeConfigContext,
  initializeForRuntimeConfig,
  type ManagedFunction,
} from "../lib/index.js";
import { FIXTURE_TYPE, fixture, fixtureConfig, tempDir } from "./helpers.js";

const fixtureDll = fixture("Fixture");
const context = initializeForRuntimeConfig(fixtureConfig("Fixture"));
const bind = (method: string, options?: object): ManagedFunction =>
  context.loadAssemblyAndGetFunctionPointer(
    fixtureDll,
    FIXTURE_TYPE,
    method,
    options,
  );

function writeConfig(properties: Record<string, string>, version = "8.0.0") {
  const path = join(tempDir(), "test.runtimeconfig.json");
  writeFileSync(
    path,
    JSON.stringify({
      runtimeOptions: {
        tfm: "net8.0",
        rollForward: version === "8.0.0" ? "Major" : "Disable",
        framework: { name: "Microsoft.NETCore.App", version },
        configProperties: properties,
      },
    }),
  );
  return path;
}

test.serial("the first context is primary, of the runtime-config kind", (t) => {
  t.true(context instanceof RuntimeConfigContext);
  t.is(context.kind, "runtimeConfig");
  t.true(context.isPrimary);
  t.is(context.status, "Success");
  t.is(context.statusCode, 0);
  t.false(context.closed);
  t.regex(context.hostfxrPath, /hostfxr/);
});

test.serial(
  "properties: set, get, remove and list (past the initial buffer of 32)",
  (t) => {
    for (let index = 0; index < 40; index++) {
      context.setProperty(`DotnetHost.Test.P${index}`, `value ${index}`);
    }
    context.setProperty("DotnetHost.Test.Unicode", "héllo 世界");
    t.is(context.getProperty("DotnetHost.Test.P7"), "value 7");
    t.is(context.getProperty("DotnetHost.Test.Unicode"), "héllo 世界");
    const all = context.getProperties();
    t.true(Object.keys(all).length > 40);
    t.is(all["DotnetHost.Test.P39"], "value 39");
    t.truthy(all["TRUSTED_PLATFORM_ASSEMBLIES"]);
    context.removeProperty("DotnetHost.Test.P0");
    t.is(context.getProperty("DotnetHost.Test.P0"), undefined);
    t.false("DotnetHost.Test.P0" in context.getProperties());
    t.is(context.getProperty("No.Such.Property"), undefined);
  },
);

test.serial("property arguments are type-checked", (t) => {
  const error = t.throws(
    () => context.setProperty("x", 42 as unknown as string),
    { instanceOf: InvalidArgumentError },
  );
  t.is(error.code, "InvalidArgument");
  t.regex(error.message, /value must be a string, got number/);
  t.throws(() => context.getProperty(undefined as unknown as string), {
    instanceOf: InvalidArgumentError,
  });
  t.throws(() => context.setProperty("", "v"), {
    instanceOf: InvalidArgumentError,
    message: /must not be empty/,
  });
});

test.serial(
  "a second initialize while the primary has not started the runtime fails instead of blocking",
  (t) => {
    const error = t.throws(
      () => initializeForRuntimeConfig(fixtureConfig("Fixture")),
      { instanceOf: HostStateError },
    );
    t.is(error.code, "PrimaryContextPending");
    t.regex(error.hint ?? "", /close it/);
  },
);

test.serial(
  "the default entry point: first delegate starts the runtime; properties reach .NET",
  (t) => {
    const readProperty = bind("ReadProperty");
    const buffer = Buffer.alloc(128);
    buffer.write("DotnetHost.Test.Unicode\0");
    const length = readProperty.call(buffer);
    t.is(buffer.subarray(0, length).toString("utf8"), "héllo 世界");
    t.is(readProperty.delegateType, "default");
    t.is(readProperty.loader, "loadAssemblyAndGetFunctionPointer");
    t.is(readProperty.assemblyPath, fixtureDll);
    t.is(readProperty.typeName, FIXTURE_TYPE);
    t.is(readProperty.methodName, "ReadProperty");
    t.is(typeof readProperty.address, "bigint");
    t.true(readProperty.address > 0n);
  },
);

test.serial("properties cannot be set once the runtime has started", (t) => {
  const error = t.throws(() => context.setProperty("Late", "x"), {
    instanceOf: HostStateError,
  });
  t.is(error.code, "RuntimeAlreadyStarted");
  t.throws(() => context.removeProperty("DotnetHost.Test.P1"), {
    instanceOf: HostStateError,
  });
  t.is(context.getProperty("DotnetHost.Test.P1"), "value 1");
});

test.serial("call passes no buffer as (0, 0)", (t) => {
  t.is(bind("Size").call(), 0);
  t.is(bind("PointerLow32").call(), 0);
  t.is(bind("Size").call(null), 0);
});

test.serial(
  "call passes Buffers, TypedArrays, DataViews and ArrayBuffers by byte length",
  (t) => {
    const size = bind("Size");
    t.is(size.call(Buffer.alloc(10)), 10);
    t.is(size.call(new Uint16Array(5)), 10);
    t.is(size.call(new Float64Array(3)), 24);
    t.is(size.call(new BigInt64Array(2)), 16);
    t.is(size.call(new ArrayBuffer(7)), 7);
    t.is(size.call(new DataView(new ArrayBuffer(16), 4, 9)), 9);
    t.is(size.call(new Uint8Array(0)), 0);
    const sum = bind("Sum");
    const backing = new Uint8Array([100, 1, 2, 3, 100]);
    t.is(
      sum.call(backing.subarray(1, 4)),
      6,
      "a view starts at its own offset",
    );
    t.is(sum.call(new DataView(backing.buffer, 1, 2)), 3);
  },
);

test.serial(
  "call shares the memory: .NET writes into the JavaScript buffer",
  (t) => {
    const buffer = Buffer.from([1, 2, 255]);
    t.is(bind("Increment").call(buffer), 3);
    t.deepEqual([...buffer], [2, 3, 0]);
    const target = new Uint8Array(32);
    const written = bind("WriteHello").call(target);
    t.is(
      Buffer.from(target.subarray(0, written)).toString(),
      "hello from .NET",
    );
  },
);

test.serial("call rejects arguments that are not binary data", (t) => {
  const size = bind("Size");
  for (const bad of ["text", 12, {}, [1, 2]]) {
    const error = t.throws(() => size.call(bad as unknown as Buffer), {
      instanceOf: InvalidArgumentError,
    });
    t.regex(error.message, /Buffer, TypedArray, DataView or ArrayBuffer/);
  }
});

test.serial(
  "a NullReferenceException thrown and caught inside .NET does not disturb Node",
  (t) => {
    t.is(bind("NullReferenceCaught").call(), 42);
    t.is(bind("NullReferenceCaught").call(), 42);
  },
);

test.serial(
  "binding the same method again gives the same pointer, from every context, without asking .NET again",
  (t) => {
    // .NET makes (and keeps forever) a new delegate per request of a default-signature
    // method, so without the cache each bind would return a new address.
    const first = bind("Size");
    const again = bind("Size");
    t.is(again.address, first.address);
    const secondary = initializeForRuntimeConfig(fixtureConfig("Fixture"));
    try {
      const fromSecondary = secondary.loadAssemblyAndGetFunctionPointer(
        fixtureDll,
        FIXTURE_TYPE,
        "Size",
      );
      t.is(fromSecondary.address, first.address);
    } finally {
      secondary.close();
    }
    t.not(
      bind("Twice", { delegateType: "Fixture.CustomEntry, Fixture" }).address,
      first.address,
      "another method or delegate type is another pointer",
    );
    t.is(again.call(Buffer.alloc(5)), 5);
  },
);

test.serial("a custom delegate type binds a method of that signature", (t) => {
  const twice = bind("Twice", { delegateType: "Fixture.CustomEntry, Fixture" });
  t.is(twice.delegateType, "custom");
  t.is(twice.delegateTypeName, "Fixture.CustomEntry, Fixture");
  t.is(twice.call(Buffer.alloc(21)), 42);
});

test.serial(
  "an [UnmanagedCallersOnly] method binds with unmanagedCallersOnly",
  (t) => {
    const sizeUco = bind("SizeUco", { unmanagedCallersOnly: true });
    t.is(sizeUco.delegateType, "unmanagedCallersOnly");
    t.is(sizeUco.call(Buffer.alloc(33)), 33);
    const add = bind("Add", { unmanagedCallersOnly: true });
    t.true(add.address > 0n, "other signatures are reachable by address");
  },
);

test.serial(
  "missing type, method, assembly and mismatched delegates map to ManagedLoadError codes",
  (t) => {
    const missingType = t.throws(
      () =>
        context.loadAssemblyAndGetFunctionPointer(
          fixtureDll,
          "Fixture.Nope, Fixture",
          "Size",
        ),
      { instanceOf: ManagedLoadError },
    );
    t.is(missingType.code, "TypeLoad");
    t.is(missingType.hresult, 0x80131522 | 0);
    t.is(missingType.hresultHex, "0x80131522");
    t.is(missingType.typeName, "Fixture.Nope, Fixture");
    t.regex(missingType.message, /Fixture\.Nope, Fixture/);
    t.regex(missingType.hint ?? "", /assembly-qualified/);

    const missingMethod = t.throws(() => bind("Nope"), {
      instanceOf: ManagedLoadError,
    });
    t.is(missingMethod.code, "Argument");
    t.is(missingMethod.hresultHex, "0x80070057");
    t.is(missingMethod.methodName, "Nope");
    t.regex(missingMethod.hint ?? "", /no public static method "Nope"/);

    const notUco = t.throws(
      () => bind("Size", { unmanagedCallersOnly: true }),
      {
        instanceOf: ManagedLoadError,
      },
    );
    t.is(notUco.code, "InvalidOperation");
    t.is(notUco.hresultHex, "0x80131509");
    t.regex(notUco.hint ?? "", /not marked \[UnmanagedCallersOnly\]/);

    const wrongSignature = t.throws(
      () => bind("Twice", { delegateType: "Fixture.Mismatch, Fixture" }),
      { instanceOf: ManagedLoadError },
    );
    t.is(wrongSignature.code, "Argument");
    t.regex(wrongSignature.hint ?? "", /matches the delegate type/);

    const missingDelegateType = t.throws(
      () => bind("Twice", { delegateType: "Fixture.NoSuchDelegate, Fixture" }),
      { instanceOf: ManagedLoadError },
    );
    t.is(missingDelegateType.code, "TypeLoad");

    const missingAssembly = t.throws(
      () =>
        context.loadAssemblyAndGetFunctionPointer(
          join(tempDir(), "Missing.dll"),
          "Missing.Entry, Missing",
          "Run",
        ),
      { instanceOf: ManagedLoadError },
    );
    // The runtime's dependency resolver fails first, with InvalidOperationException.
    t.is(missingAssembly.code, "InvalidOperation");
    t.regex(
      missingAssembly.hint ?? "",
      /assembly file does not exist: .*Missing\.dll/,
    );

    const textFile = join(tempDir(), "NotAnAssembly.dll");
    writeFileSync(textFile, "this is not a PE file");
    const notAssembly = t.throws(
      () =>
        context.loadAssemblyAndGetFunctionPointer(
          textFile,
          "A.B, NotAnAssembly",
          "C",
        ),
      { instanceOf: ManagedLoadError },
    );
    t.is(notAssembly.code, "BadImageFormat");
  },
);

test.serial("binding arguments are validated before .NET is entered", (t) => {
  t.throws(() => bind("", {}), {
    instanceOf: InvalidArgumentError,
    message: /methodName must not be empty/,
  });
  t.throws(
    () => context.loadAssemblyAndGetFunctionPointer(fixtureDll, "", "Size"),
    {
      instanceOf: InvalidArgumentError,
    },
  );
  t.throws(
    () => bind("Size", { delegateType: "X, Y", unmanagedCallersOnly: true }),
    {
      instanceOf: InvalidArgumentError,
      message: /exclude each other/,
    },
  );
  t.throws(() => bind("Size", { unmanagedCallersOnly: "yes" }), {
    instanceOf: InvalidArgumentError,
    message: /unmanagedCallersOnly must be a boolean/,
  });
  t.throws(
    () =>
      context.loadAssemblyAndGetFunctionPointer(
        42 as unknown as string,
        FIXTURE_TYPE,
        "Size",
      ),
    {
      instanceOf: InvalidArgumentError,
      message: /assemblyPath must be a string path/,
    },
  );
  t.throws(() => bind("Si\0ze"), {
    instanceOf: InvalidArgumentError,
    message: /NUL/,
  });
});

test.serial(
  "getFunctionPointer sees only the default load context until loadAssembly",
  (t) => {
    const before = t.throws(
      () =>
        context.getFunctionPointer("DefaultLoad.Entry, DefaultLoad", "Answer"),
      { instanceOf: ManagedLoadError },
    );
    // The runtime looks for the assembly by name in the default context and fails.
    t.is(before.code, "FileNotFound");
    t.regex(before.hint ?? "", /call loadAssembly\(path\) first/);

    context.loadAssembly(fixture("DefaultLoad"));
    const answer = context.getFunctionPointer(
      "DefaultLoad.Entry, DefaultLoad",
      "Answer",
    );
    t.is(answer.loader, "getFunctionPointer");
    t.is(answer.assemblyPath, undefined);
    t.is(answer.call(), 777);
    t.is(
      context
        .getFunctionPointer("DefaultLoad.Entry, DefaultLoad", "InDefault")
        .call(),
      1,
    );
  },
);

test.serial(
  "loadAssemblyAndGetFunctionPointer isolates the assembly in its own load context",
  (t) => {
    t.is(bind("LoadedInDefaultContext").call(), 0);
  },
);

test.serial(
  "getFunctionPointer supports custom delegate types and UnmanagedCallersOnly",
  (t) => {
    context.loadAssembly(fixtureDll);
    t.is(
      context.getFunctionPointer(FIXTURE_TYPE, "LoadedInDefaultContext").call(),
      1,
    );
    t.is(
      context
        .getFunctionPointer(FIXTURE_TYPE, "Twice", {
          delegateType: "Fixture.CustomEntry, Fixture",
        })
        .call(Buffer.alloc(4)),
      8,
    );
    t.is(
      context
        .getFunctionPointer(FIXTURE_TYPE, "SizeUco", {
          unmanagedCallersOnly: true,
        })
        .call(new Uint32Array(3)),
      12,
    );
  },
);

test.serial(
  "loadAssembly of a missing file says the file does not exist",
  (t) => {
    const error = t.throws(
      () => context.loadAssembly(join(tempDir(), "Nope.dll")),
      {
        instanceOf: ManagedLoadError,
      },
    );
    t.is(error.code, "InvalidOperation");
    t.regex(error.message, /Nope\.dll/);
    t.regex(error.hint ?? "", /does not exist/);
  },
);

test.serial("loadAssemblyBytes loads from memory, with symbols", (t) => {
  const dll = readFileSync(fixture("InMemory"));
  const pdb = readFileSync(fixture("InMemory", "InMemory.pdb"));
  context.loadAssemblyBytes(dll, pdb);
  t.is(
    context.getFunctionPointer("InMemory.Entry, InMemory", "Answer").call(),
    4242,
  );
  t.is(
    context
      .getFunctionPointer("InMemory.Entry, InMemory", "AnswerUco", {
        unmanagedCallersOnly: true,
      })
      .call(),
    4243,
  );
  const garbage = t.throws(
    () => context.loadAssemblyBytes(Buffer.from("not an assembly")),
    {
      instanceOf: ManagedLoadError,
    },
  );
  t.is(garbage.code, "BadImageFormat");
  t.throws(() => context.loadAssemblyBytes(Buffer.alloc(0)), {
    instanceOf: InvalidArgumentError,
  });
  t.throws(() => context.loadAssemblyBytes("x" as unknown as Buffer), {
    instanceOf: InvalidArgumentError,
  });
});

test.serial("paths with spaces and non-ASCII characters work", (t) => {
  const dir = join(tempDir(), "with space 世界");
  cpSync(join(fixtureDll, ".."), dir, { recursive: true });
  const size = context.loadAssemblyAndGetFunctionPointer(
    join(dir, "Fixture.dll"),
    FIXTURE_TYPE,
    "Size",
  );
  t.is(size.call(Buffer.alloc(5)), 5);
  t.is(size.assemblyPath, join(dir, "Fixture.dll"));
  const secondary = initializeForRuntimeConfig(
    join(dir, "Fixture.runtimeconfig.json"),
  );
  t.false(secondary.isPrimary);
  secondary.close();
});

test.serial(
  "a secondary context with the same properties reports Success_HostAlreadyInitialized",
  (t) => {
    using secondary = initializeForRuntimeConfig(fixtureConfig("Fixture"));
    t.false(secondary.isPrimary);
    t.is(secondary.status, "Success_HostAlreadyInitialized");
    t.is(secondary.statusCode, 1);
    t.is(
      secondary
        .loadAssemblyAndGetFunctionPointer(fixtureDll, FIXTURE_TYPE, "Size")
        .call(Buffer.alloc(2)),
      2,
    );
    const error = t.throws(() => secondary.setProperty("A", "b"), {
      instanceOf: HostStateError,
    });
    t.is(error.code, "SecondaryContext");
  },
);

test.serial(
  "a secondary context with other properties reports Success_DifferentRuntimeProperties",
  (t) => {
    using secondary = initializeForRuntimeConfig(
      writeConfig({ "DotnetHost.Test.Other": "yes" }),
    );
    t.is(secondary.status, "Success_DifferentRuntimeProperties");
    t.is(secondary.statusCode, 2);
    t.is(secondary.getProperty("DotnetHost.Test.Other"), "yes");
  },
);

test.serial(
  "a secondary context whose framework cannot run on the loaded runtime is HostIncompatibleConfig",
  (t) => {
    const error = t.throws(
      () => initializeForRuntimeConfig(writeConfig({}, "99.0.0")),
      {
        instanceOf: HostStatusError,
      },
    );
    t.is(error.code, "HostIncompatibleConfig");
    t.is(error.hresultHex, "0x800080a5");
    t.regex(error.hostMessage ?? "", /99\.0\.0/);
    t.regex(error.hint ?? "", /one runtime per process/);
  },
);

test.serial(
  "a malformed runtimeconfig is InvalidConfigFile with hostfxr's own words",
  (t) => {
    const path = join(tempDir(), "bad.runtimeconfig.json");
    writeFileSync(path, "{ not json");
    const error = t.throws(() => initializeForRuntimeConfig(path), {
      instanceOf: HostStatusError,
    });
    t.is(error.code, "InvalidConfigFile");
    t.regex(error.hostMessage ?? "", /JSON/);
    t.regex(error.message, /0x80008093/);
  },
);

test.serial(
  "close is idempotent; every later use is ContextClosed; functions outlive it",
  (t) => {
    const secondary = initializeForRuntimeConfig(fixtureConfig("Fixture"));
    const size = secondary.loadAssemblyAndGetFunctionPointer(
      fixtureDll,
      FIXTURE_TYPE,
      "Size",
    );
    secondary.close();
    secondary.close();
    t.true(secondary.closed);
    const uses: (() => unknown)[] = [
      () => secondary.getProperty("A"),
      () => secondary.setProperty("A", "b"),
      () => secondary.removeProperty("A"),
      () => secondary.getProperties(),
      () =>
        secondary.loadAssemblyAndGetFunctionPointer(
          fixtureDll,
          FIXTURE_TYPE,
          "Size",
        ),
      () => secondary.getFunctionPointer(FIXTURE_TYPE, "Size"),
      () => secondary.loadAssembly(fixtureDll),
      () => secondary.loadAssemblyBytes(Buffer.from("x")),
    ];
    for (const use of uses) {
      const error = t.throws(use, { instanceOf: HostStateError });
      t.is(error.code, "ContextClosed");
    }
    t.is(size.call(Buffer.alloc(6)), 6);
  },
);

test.serial("Symbol.dispose closes the context", (t) => {
  const secondary = initializeForRuntimeConfig(fixtureConfig("Fixture"));
  {
    using scoped = secondary;
    t.false(scoped.closed);
  }
  t.true(secondary.closed);
});

test.serial("methods called with a foreign `this` fail cleanly", (t) => {
  const getProperty = RuntimeConfigContext.prototype.getProperty;
  t.throws(
    () =>
      getProperty.call({ handle: {} } as unknown as RuntimeConfigContext, "x"),
    {
      instanceOf: InvalidArgumentError,
      message: /native host context handle/,
    },
  );
});
