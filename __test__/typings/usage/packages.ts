// Type-level tests over declarations generated for NuGet packages of the compatibility
// suite, used as their C# users use them (declarations.test.ts).
import { load } from "dotnet-host";

const json = load("bin/Newtonsoft.Json.dll");
const { JsonConvert, Formatting } = json.namespaces.Newtonsoft.Json;
export const text: string = JsonConvert.serializeObject(
  { a: 1 },
  Formatting.Indented,
);
// @ts-expect-error a misspelt member
JsonConvert.serialiseObject({ a: 1 });
const { JObject } = json.namespaces.Newtonsoft.Json.Linq;
const parsed = JObject.parse('{"a": 1}');
export const properties: number = parsed.count;
// @ts-expect-error a wrong argument type
JObject.parse(42);

const noda = load("bin/NodaTime.dll");
const { Duration, LocalDate } = noda.namespaces.NodaTime;
export const minutes: number = Duration.op_Addition(
  Duration.fromHours(5),
  Duration.fromMinutes(30),
).totalMinutes;
const date = new LocalDate(2024, 3, 15);
export const year: number = date.plusDays(1).year;
// @ts-expect-error a misspelt member
date.plusDayz(1);
// @ts-expect-error a wrong result type
export const wrongYear: string = date.year;

const markdig = load("bin/Markdig.dll");
export const html: string =
  markdig.namespaces.Markdig.Markdown.toHtml("# Hello");
// @ts-expect-error a wrong argument type
markdig.namespaces.Markdig.Markdown.toHtml(1);
