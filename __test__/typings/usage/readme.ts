// The README's quick start as written (only the path differs), type-checked against the
// declarations generated for the same C# (Objects/QuickStart.cs): no `any`, no casts.
import { load, DotnetException } from "dotnet-host";

export async function quickStart(): Promise<void> {
  const lib = load("/path/to/Objects.dll"); // starts .NET (or joins the running runtime)

  // .NET types as JavaScript classes: constructors, members (camelCase), events, delegates.
  const { MyLib } = lib.namespaces;
  const cart = new MyLib.Cart();
  cart.on("Changed", (_sender, total) => console.log(`total ${total}`));
  cart.add({ id: "A-1", total: 50, items: ["x"] }); // records cross as plain objects
  const total: string = cart.total; // "50" (decimal, exact)
  const kept = [...cart.where((order) => Number(order.total) > 10)]; // a JavaScript function as Func<Order, bool>
  const five: number = MyLib.Shop.add(2, 3); // 5

  // Or bind one static method by name.
  lib.bind("MyLib.Shop.Add")(2, 3); // 5
  const discounted = lib.bind("MyLib.Shop.Discount")(
    { id: "A-1", total: 50, items: ["x"] },
    10,
  );
  const greeting: string = await lib.bind("MyLib.Shop.GreetLater")("Node"); // "Hello, Node"
  try {
    // @ts-expect-error the declarations know `a` is an int
    lib.bind("MyLib.Shop.Add")("2", 3);
  } catch (error) {
    if (error instanceof DotnetException) throw error;
  }
  console.log(total, kept, five, discounted.total, greeting);
}
