// The README's quick start, run as written against the same C# (Objects/QuickStart.cs).
import test from "ava";
import { InvalidArgumentError, load } from "../lib/index.js";
import { fixture } from "./helpers.js";

test("the README quick start does what its comments say", async (t) => {
  const lib = load(fixture("Objects"));
  const { MyLib } = lib.namespaces;
  const cart = new MyLib.Cart();
  const logged: string[] = [];
  cart.on("Changed", (_sender: unknown, total: string) =>
    logged.push(`total ${total}`),
  );
  cart.add({ id: "A-1", total: 50, items: ["x"] });
  t.deepEqual(logged, ["total 50"]);
  t.is(cart.total, "50");
  t.deepEqual(
    [...cart.where((order: { total: string }) => Number(order.total) > 10)],
    [{ id: "A-1", total: "50", items: ["x"] }],
  );
  t.is(MyLib.Shop.add(2, 3), 5);
  t.is(lib.bind("MyLib.Shop.Add")(2, 3), 5);
  t.deepEqual(
    lib.bind("MyLib.Shop.Discount")({ id: "A-1", total: 50, items: ["x"] }, 10),
    { id: "A-1", total: "45", items: ["x"] },
  );
  t.is(await lib.bind("MyLib.Shop.GreetLater")("Node"), "Hello, Node");
  t.throws(() => lib.bind("MyLib.Shop.Add")("2", 3), {
    instanceOf: InvalidArgumentError,
    message: /^argument 'a' of int Add\(int a, int b\): expected int/,
  });
});
