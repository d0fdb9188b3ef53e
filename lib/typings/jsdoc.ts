// XML documentation as JSDoc, so editors show it on hover.
import type { Doc, Signature } from "./model.js";

/** A JSDoc block (indented), or "" when there is nothing to say. */
export function jsdoc(
  indent: string,
  doc: Doc | undefined,
  extra: { csharp?: string; notes?: string[]; parameters?: string[] } = {},
): string {
  const lines: string[] = [];
  const add = (text: string | undefined) => {
    if (text) lines.push(...text.split("\n"));
  };
  add(doc?.summary);
  if (doc?.remarks) {
    lines.push("");
    add(`@remarks ${doc.remarks}`);
  }
  if (extra.csharp) {
    if (lines.length) lines.push("");
    lines.push(`C#: \`${extra.csharp}\``);
  }
  for (const note of extra.notes ?? []) {
    lines.push("");
    add(note);
  }
  for (const [name, text] of Object.entries(doc?.typeParams ?? {}))
    add(`@typeParam ${name} ${text}`);
  const shown = new Set(extra.parameters);
  for (const [name, text] of Object.entries(doc?.params ?? {}))
    if (!extra.parameters || shown.has(name)) add(`@param ${name} ${text}`);
  if (doc?.returns) add(`@returns ${doc.returns}`);
  for (const exception of doc?.exceptions ?? [])
    add(`@throws {@link DotnetException} ${exception.type}: ${exception.text}`);
  if (lines.length === 0) return "";
  const body = lines.map(
    (line) =>
      `${indent} *${line ? ` ${line.replace(/\*\//g, "*\u200b/")}` : ""}`,
  );
  return `${indent}/**\n${body.join("\n")}\n${indent} */\n`;
}

/** `int Add(int a, int b = …)`: the C# signature, for the hover text. */
export function csharpSignature(name: string, signature: Signature): string {
  const parameters = signature.parameters.map((parameter) => {
    const prefix =
      (parameter.params ? "params " : "") +
      (parameter.passing ? `${parameter.passing} ` : "");
    return `${prefix}${parameter.type?.cs ?? "?"} ${parameter.name}${parameter.optional ? " = …" : ""}`;
  });
  const generic = signature.generic?.length
    ? `<${signature.generic.map((parameter) => parameter.name).join(", ")}>`
    : "";
  const result = name === ".ctor" ? "" : `${signature.returns?.cs ?? "?"} `;
  return `${result}${name === ".ctor" ? "new" : name}${generic}(${parameters.join(", ")})`;
}
