// Type-level tests over the declarations of the test fixtures (declarations.test.ts runs
// `tsc --strict` over this file next to the generated .d.ts files). Every
// `@ts-expect-error` must be an error: a stale one fails the run.
import { load } from "dotnet-host";
import type { Typed } from "./Typed.js";

// A literal path: load() finds the assembly among the declared ones, no cast.
const typed = load("bin/Typed.dll");
const { Calc, Text, Async, Overloads, Records } = typed.namespaces.Typed;

export const sum: number = Calc.add(1, 2);
// @ts-expect-error a misspelt member
Calc.ad(1, 2);
// @ts-expect-error a wrong argument type
Calc.add("1", 2);
// @ts-expect-error a wrong result type
export const notText: string = Calc.add(1, 2);
export const big: bigint = Calc.int64(5);
export const exact: string = Calc.addDecimal("0.1", 0.2);
export const defaults: number = Calc.defaults(1);

export async function later(): Promise<number> {
  // @ts-expect-error a missing await on a Task
  const pending: number = Async.addLater(1, 2, 0);
  void pending;
  return await Async.addLater(1, 2, 0);
}

// @ts-expect-error null where the annotation forbids it
Text.echo(null);
Text.echoNullable(null);
export const maybe: string | null = Text.echoNullable("x");
// @ts-expect-error a nullable result taken as non-null
export const surely: string = Text.echoNullable("x");

export const color: Typed.Color = Calc.nextColor("Red");
// @ts-expect-error not a member of the enum
Calc.nextColor("Purple");

// out parameters come back after the result
const [ok, quotient, remainder] = Overloads.divide(7, 2);
export const outs: [boolean, number, number] = [ok, quotient, remainder];

// records cross as data
const order = Records.makeOrder("a");
export const items: string[] = order.items;
// @ts-expect-error records have no methods in JavaScript
order.toString2();

// bind() and type() by name
const add = typed.bind("Typed.Calc.Add");
export const three: number = add(1, 2);
// @ts-expect-error a wrong argument type through bind
add("1", 2);
export const viaType: number = typed.type("Typed.Calc").add(1, 2);

// Objects: instances, properties, events, generics, interfaces
const objects = load("bin/Objects.dll");
const { Counter, Box, Factory, Inventory } = objects.namespaces.Objects;
const counter = new Counter(5);
export const count: number = counter.count;
// @ts-expect-error a read-only property
counter.count = 3;
counter.step = 2;
counter.on("Changed", (_sender, total) => {
  const n: number = total;
  void n;
});
// @ts-expect-error a wrong event handler signature
counter.on("Changed", (_sender: unknown, total: string) => void total);
// Another name is taken (DotnetObject.on checks it at run time): events of types the
// declarations do not list are events too.
counter.on("SomeOtherEvent", () => undefined);
const box = new (Box.of("int"))(5);
export const boxed: number | null = box.value;
export const area: number = Factory.make("circle", 1).area();
const inventory = new Inventory();
for (const item of inventory.items) {
  const text: string = item;
  void text;
}
export const stock: number = inventory.getItem("apples");
