using System.Data;
using System.Text;
using CsvHelper;

namespace Compat;

/// <summary>CsvHelper 34 (the SIMD reader and RFC 4180 writer) as its docs show it:
/// readers over text, bytes and TextReaders, options records, typed parsing, dynamic
/// records, writers over TextWriters, and the errors of bad input.</summary>
internal static class Csv
{
    private const string People = "Name,Age,City\nAnn,31,Oslo\nBob,42,Lima\nCid,27,Pune\n";

    public static void Register(Oracle o)
    {
        // Reading field by field.
        o.Task("read-fields-by-index", () =>
        {
            using var csv = CsvReader.FromText(People);
            var rows = new List<string>();
            while (csv.Read())
            {
                rows.Add(csv.GetString(0) + ":" + csv.GetString(1));
            }
            return rows;
        });
        o.Task("read-header", () =>
        {
            using var csv = CsvReader.FromText(People);
            csv.ReadHeader();
            return new object[] { csv.Headers.ToArray(), csv.GetFieldIndex("City") };
        });
        o.Task("create-from-stringreader", () =>
        {
            using var csv = CsvReader.Create(new StringReader(People));
            var cities = new List<string>();
            while (csv.Read())
            {
                cities.Add(csv.GetString("City"));
            }
            return cities;
        });
        o.Task("read-utf8-bytes", () =>
        {
            var bytes = Encoding.UTF8.GetBytes("Name,Note\nZoë,naïve café\n");
            using var csv = CsvReader.Create(bytes);
            csv.Read();
            return new object[] { csv.GetString("Name"), csv.GetString(1), csv.ByteOffset };
        });
        o.Task("row-number-and-field-count", () =>
        {
            using var csv = CsvReader.FromText("a,b,c\n1,2,3\n4,5\n");
            var seen = new List<object>();
            while (csv.Read())
            {
                seen.Add(new object[] { csv.RowNumber, csv.FieldCount });
            }
            return seen;
        });

        // Typed parsing.
        o.Task("parse-int-by-name", () =>
        {
            using var csv = CsvReader.FromText("Item,Qty\nbolt,12\nnut,30\nwasher,8\n");
            var total = 0;
            while (csv.Read())
            {
                total += csv.Parse<int>("Qty");
            }
            return total;
        });
        o.Task("parse-typed-fields", () =>
        {
            using var csv = CsvReader.FromText("Sku,Price,Weight,Added,InStock,Views\nA-1,19.99,0.25,2024-03-01T10:30:00Z,yes,9007199254740993\n");
            csv.Read();
            return new object[]
            {
                csv.Parse<decimal>("Price"),
                csv.Parse<double>(2),
                csv.Parse<DateTimeOffset>("Added"),
                csv.Parse<bool>(4),
                csv.Parse<long>("Views"),
            };
        });
        o.Task("parse-exact-date", () =>
        {
            using var csv = CsvReader.FromText("Id,Day\n1,20240229\n2,20231231\n");
            var days = new List<DateTime>();
            while (csv.Read())
            {
                days.Add(csv.ParseExact<DateTime>(1, "yyyyMMdd"));
            }
            return days;
        });
        o.Task("try-parse-field", () =>
        {
            using var csv = CsvReader.FromText("Name,Score\nAnn,17\nBob,n/a\nCid,-4\n");
            var results = new List<object>();
            while (csv.Read())
            {
                var ok = csv.TryParse<int>(1, out var score);
                results.Add(new object[] { ok, score });
            }
            return results;
        });
        o.Task("null-values", () =>
        {
            using var csv = CsvReader.FromText("Id,Email\n1,ann@example.org\n2,NULL\n3,\n", new CsvReaderOptions { NullValues = ["NULL"] });
            var results = new List<object?>();
            while (csv.Read())
            {
                results.Add(new object?[] { csv.GetStringOrNull(1), csv.IsNull(1) });
            }
            return results;
        });
        o.Task("true-false-values", () =>
        {
            var options = new CsvReaderOptions { TrueValues = ["Ja"], FalseValues = ["Nein"] };
            using var csv = CsvReader.FromText("Name,Aktiv\nAnn,Ja\nBob,Nein\n", options);
            var flags = new List<bool>();
            while (csv.Read())
            {
                flags.Add(csv.Parse<bool>("Aktiv"));
            }
            return flags;
        });

        // Options.
        o.Task("separator-without-header", () =>
        {
            var options = new CsvReaderOptions { Separator = ';', HasHeader = false };
            using var csv = CsvReader.FromText("1;Ann;Oslo\n2;Bob;Lima\n", options);
            var rows = new List<string[]>();
            while (csv.Read())
            {
                var fields = new string[csv.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = csv.GetString(i);
                }
                rows.Add(fields);
            }
            return new object[] { rows, csv.Headers.Count };
        });
        o.Task("detect-separator", () =>
        {
            using var tabs = CsvReader.FromText("a\tb\tc\n1\t2\t3\n");
            using var pipes = CsvReader.FromText("a|b\n1|2\n");
            tabs.Read();
            pipes.Read();
            return new object[] { tabs.Separator.ToString(), tabs.GetString("c"), pipes.Separator.ToString() };
        });
        o.Task("trim-whitespace", () =>
        {
            using var csv = CsvReader.FromText("Name , Age\n  Ann  ,  31 \n\" Bob \", 42\n", new CsvReaderOptions { TrimWhitespace = true });
            var rows = new List<string>();
            while (csv.Read())
            {
                rows.Add("[" + csv.GetString("Name") + "]" + csv.Parse<int>(1));
            }
            return rows;
        });
        o.Task("quoted-fields", () =>
        {
            using var csv = CsvReader.FromText("Id,Text\n1,\"Hello, world\"\n2,\"She said \"\"hi\"\"\"\n3,\"two\nlines\"\n");
            var texts = new List<string>();
            while (csv.Read())
            {
                texts.Add(csv.GetString("Text"));
            }
            return texts;
        });
        o.Task("comments-and-empty-lines", () =>
        {
            var options = new CsvReaderOptions { CommentPrefix = '#' };
            using var csv = CsvReader.FromText("# exported 2024-01-01\nName,Qty\nbolt,1\n\n# a comment\nnut,2\n", options);
            var rows = new List<string>();
            while (csv.Read())
            {
                rows.Add(csv.RowNumber + "=" + csv.GetString("Name"));
            }
            return rows;
        });

        // Records without a record type.
        o.Task("get-records-dynamic", () =>
        {
            using var csv = CsvReader.FromText(People);
            var lines = new List<string>();
            foreach (var record in csv.GetRecords<dynamic>())
            {
                string name = record.Name;
                int age = record.Parse<int>("Age");
                lines.Add(name + " is " + (age + 1) + " next year");
            }
            return lines;
        });
        o.Task("dynamic-record-dictionary", () =>
        {
            using var csv = CsvReader.FromText(People);
            var records = csv.GetRecords<CsvDynamicRecord>()
                .Select(record => new object[] { record.FieldCount, record.ContainsKey("City"), record.ToDictionary() })
                .ToList();
            return records;
        });
        o.Task("enumerate-rows", () =>
        {
            using var csv = CsvReader.FromText(People);
            var rows = new List<string[]>();
            foreach (var row in csv)
            {
                rows.Add(row.ToArray());
            }
            return rows;
        });
        o.Task("data-reader-into-datatable", () =>
        {
            using var csv = CsvReader.FromText(People);
            using var reader = new CsvDataReader(csv);
            var table = new DataTable();
            table.Load(reader);
            var columns = new List<string>();
            foreach (DataColumn column in table.Columns)
            {
                columns.Add(column.ColumnName);
            }
            return new object[] { columns, table.Rows.Count, table.Rows[1]["City"] };
        });

        // Writing.
        o.Task("write-fields", () =>
        {
            using var text = new StringWriter();
            using (var csv = CsvWriter.Create(text))
            {
                csv.WriteField("Name");
                csv.WriteField("Age");
                csv.WriteField("Height");
                csv.EndRecord();
                csv.WriteField("Ann");
                csv.WriteField(31);
                csv.WriteField(1.72);
                csv.EndRecord();
            }
            return text.ToString();
        });
        o.Task("write-records-of-strings", () =>
        {
            using var text = new StringWriter();
            using (var csv = CsvWriter.Create(text))
            {
                csv.WriteHeader(new[] { "Id", "Name", "Note" });
                csv.WriteRecord("1", "Ann, Jr.", "plain");
                csv.WriteRecord(new[] { "2", "Bob", "says \"hi\"" });
                csv.WriteRecord(new[] { "3", "Cid", "two\nlines" });
            }
            return text.ToString();
        });
        o.Task("write-dictionaries", () =>
        {
            var records = new List<Dictionary<string, object?>>
            {
                new() { ["Id"] = 1, ["Name"] = "Ann", ["Active"] = true },
                new() { ["Id"] = 2, ["Name"] = "Bob, Jr.", ["Active"] = false },
            };
            using var text = new StringWriter();
            using (var csv = CsvWriter.Create(text))
            {
                csv.WriteRecords(records);
            }
            return text.ToString();
        });
        o.Task("writer-options", () =>
        {
            var options = new CsvWriterOptions { Separator = ';', Quoting = CsvQuoting.Always, NewLine = "\n" };
            using var text = new StringWriter();
            using (var csv = CsvWriter.Create(text, options))
            {
                csv.WriteRecord("Id", "Name");
                csv.WriteRecord("7", "Eve");
            }
            return text.ToString();
        });
        o.Task("write-bool-null-date", () =>
        {
            var options = new CsvWriterOptions { NullValue = "NULL", TrueValue = "yes", FalseValue = "no" };
            using var text = new StringWriter();
            using (var csv = CsvWriter.Create(text, options))
            {
                csv.WriteField(true);
                csv.WriteField(false);
                csv.WriteField((string?)null);
                csv.WriteField(new DateTime(2024, 5, 17, 8, 30, 0, DateTimeKind.Utc));
                csv.EndRecord();
            }
            return text.ToString();
        });
        o.Task("write-comment", () =>
        {
            using var text = new StringWriter();
            using var csv = CsvWriter.Create(text, new CsvWriterOptions { CommentPrefix = '#' });
            csv.WriteComment("exported by compat");
            csv.WriteRecord("a", "b");
            csv.WriteRecord("#1", "2");
            var records = csv.RecordCount;
            csv.Flush();
            return new object[] { text.ToString(), records };
        });
        o.Task("round-trip", () =>
        {
            using var text = new StringWriter();
            using (var writer = CsvWriter.Create(text))
            {
                writer.WriteHeader(new[] { "Name", "Quote" });
                writer.WriteRecord("Ann", "\"Hi\", she said");
                writer.WriteRecord("Bob", "line1\r\nline2");
            }
            using var reader = CsvReader.FromText(text.ToString());
            var quotes = new List<string>();
            while (reader.Read())
            {
                quotes.Add(reader.GetString("Name") + "|" + reader.GetString("Quote"));
            }
            return quotes;
        });

        // Bad data.
        o.Task("malformed-data-throws", () =>
        {
            var options = new CsvReaderOptions { MalformedData = CsvMalformedDataHandling.Throw };
            using var csv = CsvReader.FromText("Name,Note\nAnn,\"ok\"\nBob,\"bad\"x\n", options);
            var count = 0;
            while (csv.Read())
            {
                count++;
            }
            return count;
        });
        o.Task("field-count-mismatch-throws", () =>
        {
            var options = new CsvReaderOptions { FieldCountMismatch = CsvFieldCountHandling.Throw };
            using var csv = CsvReader.FromText("a,b,c\n1,2,3\n4,5\n", options);
            var count = 0;
            while (csv.Read())
            {
                count++;
            }
            return count;
        });
        o.Task("malformed-format-exception-details", () =>
        {
            var options = new CsvReaderOptions { FieldCountMismatch = CsvFieldCountHandling.Throw };
            using var csv = CsvReader.FromText("a,b\n1,2\n3,4\n5\n", options);
            try
            {
                while (csv.Read())
                {
                }
                return null;
            }
            catch (CsvFormatException exception)
            {
                return new object[] { exception.RecordNumber, exception.ByteOffset };
            }
        });
        o.Task("parse-invalid-throws", () =>
        {
            using var csv = CsvReader.FromText("Name,Age\nAnn,thirty\n");
            csv.Read();
            return csv.Parse<int>("Age");
        });
        o.Task("unknown-column-throws", () =>
        {
            using var csv = CsvReader.FromText(People);
            csv.Read();
            return csv.GetString("Country");
        });
        o.Task("writer-field-count-throws", () =>
        {
            using var text = new StringWriter();
            using var csv = CsvWriter.Create(text);
            csv.WriteRecord("a", "b");
            csv.WriteRecord("only-one");
            return text.ToString();
        });

        // Async.
        o.Task("read-async", async () =>
        {
            using var csv = CsvReader.Create(new StringReader(People));
            var ages = 0;
            while (await csv.ReadAsync())
            {
                ages += csv.Parse<int>("Age");
            }
            return (object?)ages;
        });
        o.Task("write-async", async () =>
        {
            using var text = new StringWriter();
            await using var csv = CsvWriter.Create(text);
            await csv.WriteRecordAsync(new[] { "Id", "Name" });
            await csv.WriteRecordAsync(new[] { "1", "Ann" });
            await csv.FlushAsync();
            return (object?)text.ToString();
        });
    }
}
