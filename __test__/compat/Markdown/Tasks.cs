using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Roundtrip;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Compat;

/// <summary>Markdig as C# users use it: Markdown to HTML and plain text, pipelines with
/// extensions, the syntax tree (headings, links, tables, task lists, source positions) and
/// rendering through an <see cref="HtmlRenderer"/> into a <see cref="StringWriter"/>.</summary>
internal static class Markdown
{
    private const string Article = """
        ---
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

        ```csharp title=Program.cs
        var html = Markdown.ToHtml("# Hi");
        Console.WriteLine(html);
        ```
        """;

    private static string TextOf(MarkdownObject node) =>
        string.Concat(node.Descendants<LiteralInline>().Select(literal => literal.ToString()));

    public static void Register(Oracle o)
    {
        o.Task("to-html-basic", () => Markdig.Markdown.ToHtml("# Hello\n\nThis is **bold**, *italic* and `code`.\n"));

        o.Task("to-html-commonmark", () => Markdig.Markdown.ToHtml(
            "> A quote with a [link](https://example.com).\n\nA paragraph.\n\n    indented code\n\n1. one\n2. two\n\n***\n\nLine one  \nline two & <b>html</b>\n"));

        o.Task("advanced-pipeline", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
            return Markdig.Markdown.ToHtml(
                "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\nText with a footnote[^1] and ~~strike~~.\n\n[^1]: The note.\n",
                pipeline);
        });

        o.Task("pipe-tables", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();
            return Markdig.Markdown.ToHtml("| Left | Center | Right |\n|:-----|:------:|------:|\n| a | b | c |\n| *d* | `e` | f |\n", pipeline);
        });

        o.Task("task-lists", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UseTaskLists().Build();
            return Markdig.Markdown.ToHtml("- [ ] write tests\n- [x] read the docs\n- plain item\n", pipeline);
        });

        o.Task("emphasis-extras", () =>
        {
            const string text = "~~gone~~ H~2~O x^2^ ++new++ ==marked==\n";
            var all = new MarkdownPipelineBuilder().UseEmphasisExtras().Build();
            var some = new MarkdownPipelineBuilder()
                .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough | EmphasisExtraOptions.Superscript)
                .Build();
            return new[] { Markdig.Markdown.ToHtml(text, all), Markdig.Markdown.ToHtml(text, some) };
        });

        o.Task("yaml-front-matter", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();
            var document = Markdig.Markdown.Parse(Article, pipeline);
            var frontMatter = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
            var yaml = frontMatter == null ? null : Article.Substring(frontMatter.Span.Start, frontMatter.Span.Length);
            var html = Markdig.Markdown.ToHtml("---\ntitle: Hidden\n---\nVisible text\n", pipeline);
            return new object?[] { yaml, frontMatter?.Line, html };
        });

        o.Task("auto-identifiers", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UseAutoIdentifiers(AutoIdentifierOptions.GitHub).Build();
            const string text = "# Hello World!\n\n## Hello World!\n\n### Getting started: the `API`\n";
            var document = Markdig.Markdown.Parse(text, pipeline);
            var ids = document.Descendants<HeadingBlock>().Select(heading => heading.GetAttributes().Id).ToArray();
            return new object[] { Markdig.Markdown.ToHtml(text, pipeline), ids };
        });

        o.Task("headings", () =>
        {
            var document = Markdig.Markdown.Parse("# Intro\n\nText\n\n## Install *it*\n\nSetext title\n------------\n\n### API `Parse`\n");
            return document.Descendants<HeadingBlock>()
                .Select(heading => new object[] { heading.Level, TextOf(heading.Inline!), heading.IsSetext, heading.Line })
                .ToArray();
        });

        o.Task("links", () =>
        {
            var document = Markdig.Markdown.Parse(
                "Read [the guide](/guide.md \"Guide\"), see ![diagram](img/d.png) and [ref][1] or <https://auto.example>.\n\n[1]: https://example.com/ref\n");
            return document.Descendants<LinkInline>()
                .Select(link => new object?[] { link.Url, link.Title, link.IsImage, TextOf(link) })
                .ToArray();
        });

        o.Task("to-plain-text", () => Markdig.Markdown.ToPlainText("# Title\n\nSome **bold** text with a [link](https://example.com).\n\n- one\n- two\n"));

        o.Task("html-renderer-stringwriter", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().UseYamlFrontMatter().Build();
            var document = Markdig.Markdown.Parse(Article, pipeline);
            var writer = new StringWriter();
            var renderer = new HtmlRenderer(writer);
            pipeline.Setup(renderer);
            renderer.Render(document);
            writer.Flush();
            return writer.ToString();
        });

        o.Task("html-renderer-options", () =>
        {
            var document = Markdig.Markdown.Parse("See [setup](setup.html) and <em>this</em>.\n");
            var writer = new StringWriter();
            var renderer = new HtmlRenderer(writer)
            {
                BaseUrl = new Uri("https://example.com/docs/"),
                ImplicitParagraph = true,
            };
            renderer.Render(document);
            return writer.ToString();
        });

        o.Task("link-rewriter", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().Build();
            var document = Markdig.Markdown.Parse("[home](/index.md) [ext](https://example.com) ![img](/a.png)\n", pipeline);
            var writer = new StringWriter();
            var renderer = new HtmlRenderer(writer)
            {
                LinkRewriter = url => url.StartsWith('/') ? "https://cdn.example.com" + url : url,
            };
            pipeline.Setup(renderer);
            renderer.Render(document);
            return writer.ToString();
        });

        o.Task("to-html-into-writer", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();
            var writer = new StringWriter();
            var document = Markdig.Markdown.ToHtml("# A\n\nB\n\n| x |\n|---|\n| 1 |\n", writer, pipeline);
            return new object[] { writer.ToString(), document.Count, document.LineCount };
        });

        o.Task("document-children", () =>
        {
            var document = Markdig.Markdown.Parse("# Title\n\nFirst paragraph.\n\n> quoted\n\n- item\n");
            var first = (HeadingBlock)document[0];
            return new object[]
            {
                document.Count,
                document.Select(block => block.GetType().Name).ToArray(),
                first.Level,
                document.LastChild!.GetType().Name,
                document.IndexOf(document.LastChild),
            };
        });

        o.Task("source-positions", () =>
        {
            const string text = "# Title\n\nSome *emphasis* here.\n\n- item one\n- item two\n";
            var pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();
            var document = Markdig.Markdown.Parse(text, pipeline);
            var blocks = document.Select(block => new object[] { block.GetType().Name, block.Line, block.Column, block.Span.Start, block.Span.End }).ToArray();
            var emphasis = document.Descendants<EmphasisInline>().First();
            return new object[]
            {
                blocks,
                new object[] { emphasis.Line, emphasis.Column, emphasis.Span.Start, emphasis.Span.Length },
                text.Substring(emphasis.Span.Start, emphasis.Span.Length),
                emphasis.ToPositionText(),
            };
        });

        o.Task("find-block-at-position", () =>
        {
            const string text = "# Title\n\nParagraph text.\n\n```\ncode\n```\n";
            var document = Markdig.Markdown.Parse(text);
            var block = document.FindBlockAtPosition(text.IndexOf("code", StringComparison.Ordinal))!;
            return new object[] { block.GetType().Name, block.Line, document.FindClosestLine(2) };
        });

        o.Task("fenced-code-info", () =>
        {
            var document = Markdig.Markdown.Parse(Article);
            return document.Descendants<FencedCodeBlock>()
                .Select(code => new object?[] { code.Info, code.Arguments, code.FencedChar, code.OpeningFencedCharCount, code.Lines.Count })
                .ToArray();
        });

        o.Task("code-block-text", () =>
        {
            var document = Markdig.Markdown.Parse(Article);
            var code = document.Descendants<FencedCodeBlock>().Single();
            return code.Lines.ToString();
        });

        o.Task("lists", () =>
        {
            var document = Markdig.Markdown.Parse("3. three\n4. four\n\n* a\n\n* b\n");
            return document.Descendants<ListBlock>()
                .Select(list => new object?[] { list.IsOrdered, list.BulletType, list.OrderedStart, list.IsLoose, list.Count, ((ListItemBlock)list[0]).Order })
                .ToArray();
        });

        o.Task("table-structure", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
            var document = Markdig.Markdown.Parse(Article, pipeline);
            var table = document.Descendants<Table>().First();
            var alignments = table.ColumnDefinitions.Select(column => column.Alignment).ToArray();
            var rows = table.Cast<TableRow>()
                .Select(row => new object[] { row.IsHeader, row.Cast<TableCell>().Select(cell => TextOf(cell)).ToArray() })
                .ToArray();
            return new object[] { alignments, rows };
        });

        o.Task("task-list-state", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UseTaskLists().Build();
            var document = Markdig.Markdown.Parse(Article, pipeline);
            return document.Descendants<TaskList>()
                .Select(task => new object[] { task.Checked, TextOf(task.Parent!) })
                .ToArray();
        });

        o.Task("emphasis-tree", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().Build();
            var document = Markdig.Markdown.Parse("Some **strong**, _em_, ***both*** and ~~struck~~.\n", pipeline);
            return document.Descendants<EmphasisInline>()
                .Select(emphasis => new object[] { emphasis.DelimiterChar, emphasis.DelimiterCount, TextOf(emphasis) })
                .ToArray();
        });

        o.Task("inline-siblings", () =>
        {
            var document = Markdig.Markdown.Parse("Text with `code`, a [link](x) and a  \nhard break.\n");
            var paragraph = (ParagraphBlock)document[0];
            var kinds = new List<string>();
            for (var inline = paragraph.Inline!.FirstChild; inline != null; inline = inline.NextSibling)
            {
                kinds.Add(inline.GetType().Name);
            }
            var code = paragraph.Inline!.Descendants<CodeInline>().Single();
            return new object[] { kinds, code.Content, code.Delimiter };
        });

        o.Task("descendants-all", () =>
        {
            var document = Markdig.Markdown.Parse("# A *b*\n\n> c\n");
            return document.Descendants().Select(node => node.GetType().Name).ToArray();
        });

        o.Task("autolinks", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().UseAutoLinks().Build();
            return Markdig.Markdown.ToHtml("Visit https://example.com/path?q=1 or www.github.com, mail me at mailto:me@example.com.\n", pipeline);
        });

        o.Task("disable-html", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();
            return Markdig.Markdown.ToHtml("<script>alert(1)</script>\n\nHello <b>world</b>!\n", pipeline);
        });

        o.Task("configure-by-name", () =>
        {
            var pipeline = new MarkdownPipelineBuilder().Configure("pipetables+tasklists+emphasisextras+hardlinebreak").Build();
            return Markdig.Markdown.ToHtml("- [x] ~~old~~ new\nnext line\n\n| h |\n|---|\n| v |\n", pipeline);
        });

        o.Task("roundtrip-trivia", () =>
        {
            const string text = "#   Spaced   heading\n\n*  loose   list\n*  item\n\n[link]( https://example.com  'title' )\n";
            var document = Markdig.Markdown.Parse(text, trackTrivia: true);
            var writer = new StringWriter();
            var renderer = new RoundtripRenderer(writer);
            renderer.Write(document);
            return new object[] { writer.ToString() == text, writer.ToString() };
        });

        o.Task("to-html-null", () => Markdig.Markdown.ToHtml((string)null!));
    }
}
