// The wire kinds of typed calls: the numbers match Kind.cs and src/bridge/kind.rs.
export const Kind = {
  Void: 0,
  Bool: 1,
  SByte: 2,
  Byte: 3,
  Int16: 4,
  UInt16: 5,
  Int32: 6,
  UInt32: 7,
  Int64: 8,
  UInt64: 9,
  Single: 10,
  Double: 11,
  Char: 12,
  IntPtr: 13,
  UIntPtr: 14,
  String: 15,
  Decimal: 16,
  DateTime: 17,
  DateTimeOffset: 18,
  TimeSpan: 19,
  Guid: 20,
  Array: 21,
  Span: 22,
  ReadOnlySpan: 23,
  Memory: 24,
  ReadOnlyMemory: 25,
  Json: 26,
  CancellationToken: 27,
  Task: 28,
  Object: 29,
  Delegate: 30,
} as const;

/** A parameter or return type as the bridge describes it. */
export interface Wire {
  /** The C# type, e.g. `int`, `List<Order>`. */
  type: string;
  kind: number;
  nullable: boolean;
  elementKind: number;
  enumValues?: Record<string, number>;
  /** A [Flags] enum: its values cross as numbers (other enums' as member names). */
  flags?: boolean;
  inner?: Wire;
  /** Objects and delegates: the .NET type's id and full name. */
  typeId?: number;
  fullName?: string;
  /** Declared `object`: data crosses by value, anything else by reference. */
  dynamic?: boolean;
  /** Delegates: how a JavaScript function is called as one. */
  delegate?: DelegateSignature;
  /** Delegates: why a JavaScript function cannot stand in for one. */
  delegateError?: string;
  /** Types a JavaScript array converts to (arrays, spans, `IEnumerable<T>` …): the element. */
  element?: Wire;
  /** A struct crossing by reference: null is no value of it. */
  struct?: boolean;
  /** A struct: the (lowercase) keys a plain object may use to make one. */
  objectKeys?: string[];
  /** The C# types it has an implicit conversion operator from (`string`, `int` …). */
  implicitFrom?: string[];
  /** An interface: how many methods a JavaScript object implementing it provides. */
  interface?: number;
}

export interface DelegateSignature {
  typeId: number;
  signature: string;
  parameters: WireParameter[];
  returns: Wire;
}

export interface WireParameter extends Wire {
  name: string;
  /** It has a default: JavaScript may leave it out (or pass undefined). */
  optional?: boolean;
  /** Passed by reference: `ref` and `out` values come back after the result. */
  passing?: "ref" | "out" | "in";
  /** The last parameter is `params`: its elements may be passed one by one. */
  params?: boolean;
}

/** One overload: compiled (`id`), or `unsupported` with the reason. */
export interface Candidate {
  signature: string;
  /** What it does for its member: `call`, or a property's `get`/`set`, an event's `add`/`remove`. */
  role?: "call" | "get" | "set" | "add" | "remove";
  /** Instance members take the object as `this`, of this type or a derived one. */
  instance?: boolean;
  thisTypeId?: number;
  /** An instance member of a struct JavaScript holds as its own value: the receiver's wire. */
  thisWire?: Wire;
  id?: number;
  /** A generic method closed over type arguments (C# prefers a non-generic one). */
  generic?: boolean;
  /** A generic method definition: closed per call over the type arguments inferred. */
  open?: boolean;
  unsupported?: string;
  /**
   * A constructor: its native functions take first the wrapper `new` made, for the new
   * object to adopt (TypeScript's own mark, for `bridgePrepare`).
   */
  constructs?: boolean;
  returns?: Wire;
  parameters?: WireParameter[];
}

export type BindResult =
  | {
      candidates: Candidate[];
      error?: undefined;
      /** bind(): the type that declares the method, and whether it is static. */
      ownerId?: number;
      static?: boolean;
    }
  | { error: string; message: string; candidates: string[] };

const binaryKinds: ReadonlySet<number> = new Set([
  Kind.Array,
  Kind.Span,
  Kind.ReadOnlySpan,
  Kind.Memory,
  Kind.ReadOnlyMemory,
]);

export const isBinary = (kind: number): boolean => binaryKinds.has(kind);
