// The public surface of an assembly as the bridge describes it
// (managed/DotnetHost.Bridge/Surface.cs): what the declaration generator writes from.

/** How a type crosses, decided by the bridge's own classification (WireType.Classify). */
export interface TypeRef {
  /** The C# name: `int`, `List<string>`, `T`. */
  cs: string;
  /** The wire kind (lib/typed/kinds.ts); absent for a generic parameter or a type that cannot cross. */
  kind?: number;
  /** `T?`, or a reference type annotated nullable (`string?`). */
  nullable?: boolean;
  /** A generic parameter's name. */
  parameter?: string;
  /** An enum's full name. */
  enum?: string;
  /** Arrays, spans and Memory of a number type: the element's kind. */
  elementKind?: number;
  /** Task: the result. */
  inner?: TypeRef;
  /** Collections a JavaScript array converts to, and JSON arrays: the element. */
  element?: TypeRef;
  /** JSON arrays: their rank (`double[,]` is 2). */
  rank?: number;
  /** Declared `object`. */
  dynamic?: boolean;
  /** A named type's (generic definition's) full name: `System.Collections.Generic.List\`1`. */
  type?: string;
  arguments?: TypeRef[];
  /** Inside JSON a collection is an array, a dictionary an object: of these items. */
  collection?: "list" | "dictionary";
  items?: TypeRef;
  /** A type built from generic parameters, whose wire is decided per closed type. */
  open?: boolean;
}

export interface Doc {
  summary?: string;
  remarks?: string;
  returns?: string;
  params?: Record<string, string>;
  typeParams?: Record<string, string>;
  exceptions?: { type: string; text: string }[];
}

export interface GenericParameter {
  name: string;
  constraints: TypeRef[];
  struct: boolean;
  class: boolean;
}

export interface ParameterModel {
  name: string;
  type: TypeRef | null;
  optional?: boolean;
  passing?: "ref" | "out" | "in";
  params?: boolean;
}

export interface Signature {
  /** Indexers: which accessor. */
  role?: "get" | "set";
  generic?: GenericParameter[];
  parameters: ParameterModel[];
  returns: TypeRef | null;
  /** Why JavaScript cannot call it. */
  unsupported?: string;
  doc?: Doc;
}

export interface MemberModel {
  /** The .NET name (`.ctor` for constructors, `Item` for indexers). */
  name: string;
  kind: "constructor" | "method" | "property" | "field" | "event" | "indexer";
  static: boolean;
  overloads?: Signature[];
  canRead?: boolean;
  canWrite?: boolean;
  type?: TypeRef | null;
  /** Events: the handler's Invoke. */
  invoke?: Signature;
  unsupported?: string;
  doc?: Doc;
}

export interface TypeModel {
  /** `Ns.Outer+Inner\`1`. */
  fullName: string;
  namespace: string;
  /** `Inner` (no arity). */
  name: string;
  outer?: string;
  category: "class" | "struct" | "interface" | "enum" | "delegate";
  /** Part of the assembly itself (not a type it refers to). */
  own: boolean;
  static: boolean;
  abstract: boolean;
  /** "value": a JavaScript value of its own (never declared); "json": data, copied. */
  crosses?: "value" | "json";
  generic: GenericParameter[];
  base?: TypeRef;
  interfaces: TypeRef[];
  /** Iteration: `[key, value]` pairs, or items. */
  pairs?: [TypeRef, TypeRef];
  items?: TypeRef;
  asyncItems?: TypeRef;
  disposable: boolean;
  enumValues?: Record<string, number>;
  flags?: boolean;
  /** Delegates: their Invoke. */
  invoke?: Signature;
  doc?: Doc;
  members: MemberModel[];
  /** The type could not be described (a dependency that does not load). */
  error?: string;
}

export interface SurfaceModel {
  assembly: string;
  path: string;
  types: TypeModel[];
  /** Full names of every type described. */
  declared: string[];
  failures: { type: string; reason: string }[];
}
