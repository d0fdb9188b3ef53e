// Markdig 1.6.0 driven from TypeScript as Markdown/Tasks.cs drives it from C#.
import type { DotnetClass } from "../../index.js";
import { compat } from "./harness.js";

const { lib, task } = compat("Markdown");

const { Markdig } = lib.namespaces;
const { Markdown, MarkdownPipelineBuilder, MarkdownExtensions } = Markdig;
const {
  MarkdownObjectExtensions,
  BlockExtensions,
  HeadingBlock,
  FencedCodeBlock,
  ListBlock,
} = Markdig.Syntax;
const { LiteralInline, LinkInline, EmphasisInline, CodeInline } =
  Markdig.Syntax.Inlines;
const { HtmlRenderer } = Markdig.Renderers;
const { HtmlAttributesExtensions } = Markdig.Renderers.Html;
const { RoundtripRenderer } = Markdig.Renderers.Roundtrip;
const { YamlFrontMatterBlock } = Markdig.Extensions.Yaml;
const { AutoIdentifierOptions } = Markdig.Extensions.AutoIdentifiers;
const { EmphasisExtraOptions } = Markdig.Extensions.EmphasisExtras;
const { Table } = Markdig.Extensions.Tables;
const { TaskList } = Markdig.Extensions.TaskLists;
const StringWriter = lib.type("System.IO.StringWriter") as DotnetClass;
const Uri = lib.type("System.Uri") as DotnetClass;
const Enumerable = lib.type("System.Linq.Enumerable") as DotnetClass;

const article = `---
title: Release notes
tags: [markdig, dotnet]
---
# Release *1.6*

Markdig is **fast** and ~~slow~~ extensible. See [the docs](https://xoofx.github.io/markdig "Docs")
and ![logo](img/markdig.png).

## Checklist

- [x] parse
- [ ] render

| Feature | Status |
|:--------|-------:|
| Tables  | done   |
| Lists   | 2      |

\`\`\`csharp title=Program.cs
var html = Markdown.ToHtml("# Hi");
Console.WriteLine(html);
\`\`\``;

// node.Descendants<T>() (an extension method, in its static form).
const descendants = (node: unknown, type: unknown): any[] => [
  ...MarkdownObjectExtensions.descendants.of(type)(node),
];

const textOf = (node: unknown): string =>
  descendants(node, LiteralInline)
    .map((literal) => literal.toString())
    .join("");

task("to-html-basic", () =>
  Markdown.toHtml("# Hello\n\nThis is **bold**, *italic* and `code`.\n"),
);

task("to-html-commonmark", () =>
  Markdown.toHtml(
    "> A quote with a [link](https://example.com).\n\nA paragraph.\n\n    indented code\n\n1. one\n2. two\n\n***\n\nLine one  \nline two & <b>html</b>\n",
  ),
);

task("advanced-pipeline", () => {
  const pipeline = MarkdownExtensions.useAdvancedExtensions(
    new MarkdownPipelineBuilder(),
  ).build();
  return Markdown.toHtml(
    "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\nText with a footnote[^1] and ~~strike~~.\n\n[^1]: The note.\n",
    pipeline,
  );
});

task("pipe-tables", () => {
  const pipeline = MarkdownExtensions.usePipeTables(
    new MarkdownPipelineBuilder(),
  ).build();
  return Markdown.toHtml(
    "| Left | Center | Right |\n|:-----|:------:|------:|\n| a | b | c |\n| *d* | `e` | f |\n",
    pipeline,
  );
});

task("task-lists", () => {
  const pipeline = MarkdownExtensions.useTaskLists(
    new MarkdownPipelineBuilder(),
  ).build();
  return Markdown.toHtml(
    "- [ ] write tests\n- [x] read the docs\n- plain item\n",
    pipeline,
  );
});

task("emphasis-extras", () => {
  const text = "~~gone~~ H~2~O x^2^ ++new++ ==marked==\n";
  const all = MarkdownExtensions.useEmphasisExtras(
    new MarkdownPipelineBuilder(),
  ).build();
  const some = MarkdownExtensions.useEmphasisExtras(
    new MarkdownPipelineBuilder(),
    EmphasisExtraOptions.Strikethrough | EmphasisExtraOptions.Superscript,
  ).build();
  return [Markdown.toHtml(text, all), Markdown.toHtml(text, some)];
});

task("yaml-front-matter", () => {
  const pipeline = MarkdownExtensions.useYamlFrontMatter(
    new MarkdownPipelineBuilder(),
  ).build();
  const document = Markdown.parse(article, pipeline);
  const frontMatter = Enumerable.firstOrDefault(
    MarkdownObjectExtensions.descendants.of(YamlFrontMatterBlock)(document),
  );
  const yaml =
    frontMatter == null
      ? null
      : article.substring(
          frontMatter.span.start,
          frontMatter.span.start + frontMatter.span.length,
        );
  const html = Markdown.toHtml(
    "---\ntitle: Hidden\n---\nVisible text\n",
    pipeline,
  );
  return [yaml, frontMatter?.line, html];
});

task("auto-identifiers", () => {
  const pipeline = MarkdownExtensions.useAutoIdentifiers(
    new MarkdownPipelineBuilder(),
    AutoIdentifierOptions.GitHub,
  ).build();
  const text =
    "# Hello World!\n\n## Hello World!\n\n### Getting started: the `API`\n";
  const document = Markdown.parse(text, pipeline);
  const ids = descendants(document, HeadingBlock).map(
    (heading) => HtmlAttributesExtensions.getAttributes(heading).id,
  );
  return [Markdown.toHtml(text, pipeline), ids];
});

task("headings", () => {
  const document = Markdown.parse(
    "# Intro\n\nText\n\n## Install *it*\n\nSetext title\n------------\n\n### API `Parse`\n",
  );
  return descendants(document, HeadingBlock).map((heading) => [
    heading.level,
    textOf(heading.inline),
    heading.isSetext,
    heading.line,
  ]);
});

task("links", () => {
  const document = Markdown.parse(
    'Read [the guide](/guide.md "Guide"), see ![diagram](img/d.png) and [ref][1] or <https://auto.example>.\n\n[1]: https://example.com/ref\n',
  );
  return descendants(document, LinkInline).map((link) => [
    link.url,
    link.title,
    link.isImage,
    textOf(link),
  ]);
});

task("to-plain-text", () =>
  Markdown.toPlainText(
    "# Title\n\nSome **bold** text with a [link](https://example.com).\n\n- one\n- two\n",
  ),
);

task("html-renderer-stringwriter", () => {
  const pipeline = MarkdownExtensions.useYamlFrontMatter(
    MarkdownExtensions.useAdvancedExtensions(new MarkdownPipelineBuilder()),
  ).build();
  const document = Markdown.parse(article, pipeline);
  const writer = new StringWriter();
  const renderer = new HtmlRenderer(writer);
  pipeline.setup(renderer);
  renderer.render(document);
  writer.flush();
  return writer.toString();
});

task("html-renderer-options", () => {
  const document = Markdown.parse(
    "See [setup](setup.html) and <em>this</em>.\n",
  );
  const writer = new StringWriter();
  const renderer = new HtmlRenderer(writer);
  renderer.baseUrl = new Uri("https://example.com/docs/");
  renderer.implicitParagraph = true;
  renderer.render(document);
  return writer.toString();
});

task("link-rewriter", () => {
  const pipeline = new MarkdownPipelineBuilder().build();
  const document = Markdown.parse(
    "[home](/index.md) [ext](https://example.com) ![img](/a.png)\n",
    pipeline,
  );
  const writer = new StringWriter();
  const renderer = new HtmlRenderer(writer);
  renderer.linkRewriter = (url: string) =>
    url.startsWith("/") ? "https://cdn.example.com" + url : url;
  pipeline.setup(renderer);
  renderer.render(document);
  return writer.toString();
});

task("to-html-into-writer", () => {
  const pipeline = MarkdownExtensions.usePipeTables(
    new MarkdownPipelineBuilder(),
  ).build();
  const writer = new StringWriter();
  const document = Markdown.toHtml(
    "# A\n\nB\n\n| x |\n|---|\n| 1 |\n",
    writer,
    pipeline,
  );
  return [writer.toString(), document.count, document.lineCount];
});

task("document-children", () => {
  const document = Markdown.parse(
    "# Title\n\nFirst paragraph.\n\n> quoted\n\n- item\n",
  );
  const first = document.getItem(0);
  return [
    document.count,
    [...document].map((block) => block.getType().name),
    first.level,
    document.lastChild.getType().name,
    document.indexOf(document.lastChild),
  ];
});

task("source-positions", () => {
  const text = "# Title\n\nSome *emphasis* here.\n\n- item one\n- item two\n";
  const pipeline = MarkdownExtensions.usePreciseSourceLocation(
    new MarkdownPipelineBuilder(),
  ).build();
  const document = Markdown.parse(text, pipeline);
  const blocks = [...document].map((block) => [
    block.getType().name,
    block.line,
    block.column,
    block.span.start,
    block.span.end,
  ]);
  const emphasis = Enumerable.first(
    MarkdownObjectExtensions.descendants.of(EmphasisInline)(document),
  );
  return [
    blocks,
    [emphasis.line, emphasis.column, emphasis.span.start, emphasis.span.length],
    text.substring(
      emphasis.span.start,
      emphasis.span.start + emphasis.span.length,
    ),
    emphasis.toPositionText(),
  ];
});

task("find-block-at-position", () => {
  const text = "# Title\n\nParagraph text.\n\n```\ncode\n```\n";
  const document = Markdown.parse(text);
  const block = BlockExtensions.findBlockAtPosition(
    document,
    text.indexOf("code"),
  );
  return [
    block.getType().name,
    block.line,
    BlockExtensions.findClosestLine(document, 2),
  ];
});

task("fenced-code-info", () => {
  const document = Markdown.parse(article);
  return descendants(document, FencedCodeBlock).map((code) => [
    code.info,
    code.arguments,
    code.fencedChar,
    code.openingFencedCharCount,
    code.lines.count,
  ]);
});

task("code-block-text", () => {
  const document = Markdown.parse(article);
  const code = Enumerable.single(
    MarkdownObjectExtensions.descendants.of(FencedCodeBlock)(document),
  );
  return code.lines.toString();
});

task("lists", () => {
  const document = Markdown.parse("3. three\n4. four\n\n* a\n\n* b\n");
  return descendants(document, ListBlock).map((list) => [
    list.isOrdered,
    list.bulletType,
    list.orderedStart,
    list.isLoose,
    list.count,
    list.getItem(0).order,
  ]);
});

task("table-structure", () => {
  const pipeline = MarkdownExtensions.useAdvancedExtensions(
    new MarkdownPipelineBuilder(),
  ).build();
  const document = Markdown.parse(article, pipeline);
  const table = Enumerable.first(
    MarkdownObjectExtensions.descendants.of(Table)(document),
  );
  const alignments = [...table.columnDefinitions].map(
    (column) => column.alignment,
  );
  const rows = [...table].map((row) => [
    row.isHeader,
    [...row].map((cell) => textOf(cell)),
  ]);
  return [alignments, rows];
});

task("task-list-state", () => {
  const pipeline = MarkdownExtensions.useTaskLists(
    new MarkdownPipelineBuilder(),
  ).build();
  const document = Markdown.parse(article, pipeline);
  return descendants(document, TaskList).map((item) => [
    item.checked,
    textOf(item.parent),
  ]);
});

task("emphasis-tree", () => {
  const pipeline = MarkdownExtensions.useEmphasisExtras(
    new MarkdownPipelineBuilder(),
  ).build();
  const document = Markdown.parse(
    "Some **strong**, _em_, ***both*** and ~~struck~~.\n",
    pipeline,
  );
  return descendants(document, EmphasisInline).map((emphasis) => [
    emphasis.delimiterChar,
    emphasis.delimiterCount,
    textOf(emphasis),
  ]);
});

task("inline-siblings", () => {
  const document = Markdown.parse(
    "Text with `code`, a [link](x) and a  \nhard break.\n",
  );
  const paragraph = document.getItem(0);
  const kinds: string[] = [];
  for (
    let inline = paragraph.inline.firstChild;
    inline != null;
    inline = inline.nextSibling
  ) {
    kinds.push(inline.getType().name);
  }
  const code = Enumerable.single(
    MarkdownObjectExtensions.descendants.of(CodeInline)(paragraph.inline),
  );
  return [kinds, code.content, code.delimiter];
});

task("descendants-all", () => {
  const document = Markdown.parse("# A *b*\n\n> c\n");
  return [...MarkdownObjectExtensions.descendants(document)].map(
    (node) => node.getType().name,
  );
});

task("autolinks", () => {
  const pipeline = MarkdownExtensions.useAutoLinks(
    new MarkdownPipelineBuilder(),
  ).build();
  return Markdown.toHtml(
    "Visit https://example.com/path?q=1 or www.github.com, mail me at mailto:me@example.com.\n",
    pipeline,
  );
});

task("disable-html", () => {
  const pipeline = MarkdownExtensions.disableHtml(
    new MarkdownPipelineBuilder(),
  ).build();
  return Markdown.toHtml(
    "<script>alert(1)</script>\n\nHello <b>world</b>!\n",
    pipeline,
  );
});

task("configure-by-name", () => {
  const pipeline = MarkdownExtensions.configure(
    new MarkdownPipelineBuilder(),
    "pipetables+tasklists+emphasisextras+hardlinebreak",
  ).build();
  return Markdown.toHtml(
    "- [x] ~~old~~ new\nnext line\n\n| h |\n|---|\n| v |\n",
    pipeline,
  );
});

task("roundtrip-trivia", () => {
  const text =
    "#   Spaced   heading\n\n*  loose   list\n*  item\n\n[link]( https://example.com  'title' )\n";
  const document = Markdown.parse(text, true);
  const writer = new StringWriter();
  const renderer = new RoundtripRenderer(writer);
  renderer.write(document);
  return [writer.toString() === text, writer.toString()];
});

task("to-html-null", () =>
  lib.bind("Markdig.Markdown.ToHtml", [
    "string",
    "Markdig.MarkdownPipeline",
    "Markdig.MarkdownParserContext",
  ])(null),
);
