// CsvHelper 34 driven from TypeScript as Csv/Tasks.cs drives it from C#.
import { DotnetException, type DotnetClass } from "../../index.js";
import { compat } from "./harness.js";

const { lib, task } = compat("Csv");
const {
  CsvReader,
  CsvWriter,
  CsvDataReader,
  CsvDynamicRecord,
  CsvQuoting,
  CsvMalformedDataHandling,
  CsvFieldCountHandling,
} = lib.namespaces.CsvHelper;
const StringReader = lib.type("System.IO.StringReader") as DotnetClass;
const StringWriter = lib.type("System.IO.StringWriter") as DotnetClass;
const Encoding = lib.type("System.Text.Encoding") as DotnetClass;
const DataTable = lib.type("System.Data.DataTable") as DotnetClass;

const People = "Name,Age,City\nAnn,31,Oslo\nBob,42,Lima\nCid,27,Pune\n";

/** The .NET exception object behind a DotnetException, to read its members as C#'s `catch (T e)` does. */
const thrown = (error: unknown): any =>
  (error as { exception?: unknown }).exception;

// Reading field by field.
task("read-fields-by-index", () => {
  const csv = CsvReader.fromText(People);
  const rows: string[] = [];
  while (csv.read()) {
    rows.push(csv.getString(0) + ":" + csv.getString(1));
  }
  csv.dispose();
  return rows;
});
task("read-header", () => {
  const csv = CsvReader.fromText(People);
  csv.readHeader();
  const result = [[...csv.headers], csv.getFieldIndex("City")];
  csv.dispose();
  return result;
});
task("create-from-stringreader", () => {
  const csv = CsvReader.create(new StringReader(People));
  const cities: string[] = [];
  while (csv.read()) {
    cities.push(csv.getString("City"));
  }
  csv.dispose();
  return cities;
});
task("read-utf8-bytes", () => {
  const bytes = Encoding.utf8.getBytes("Name,Note\nZoë,naïve café\n");
  const csv = CsvReader.create(bytes);
  csv.read();
  const result = [csv.getString("Name"), csv.getString(1), csv.byteOffset];
  csv.dispose();
  return result;
});
task("row-number-and-field-count", () => {
  const csv = CsvReader.fromText("a,b,c\n1,2,3\n4,5\n");
  const seen: unknown[] = [];
  while (csv.read()) {
    seen.push([csv.rowNumber, csv.fieldCount]);
  }
  csv.dispose();
  return seen;
});

// Typed parsing.
task("parse-int-by-name", () => {
  const csv = CsvReader.fromText("Item,Qty\nbolt,12\nnut,30\nwasher,8\n");
  let total = 0;
  while (csv.read()) {
    total += csv.parse.of("int")("Qty");
  }
  csv.dispose();
  return total;
});
task("parse-typed-fields", () => {
  const csv = CsvReader.fromText(
    "Sku,Price,Weight,Added,InStock,Views\nA-1,19.99,0.25,2024-03-01T10:30:00Z,yes,9007199254740993\n",
  );
  csv.read();
  const result = [
    csv.parse.of("decimal")("Price"),
    csv.parse.of("double")(2),
    csv.parse.of("System.DateTimeOffset")("Added"),
    csv.parse.of("bool")(4),
    csv.parse.of("long")("Views"),
  ];
  csv.dispose();
  return result;
});
task("parse-exact-date", () => {
  const csv = CsvReader.fromText("Id,Day\n1,20240229\n2,20231231\n");
  const days: Date[] = [];
  while (csv.read()) {
    days.push(csv.parseExact.of("System.DateTime")(1, "yyyyMMdd"));
  }
  csv.dispose();
  return days;
});
task("try-parse-field", () => {
  const csv = CsvReader.fromText("Name,Score\nAnn,17\nBob,n/a\nCid,-4\n");
  const results: unknown[] = [];
  while (csv.read()) {
    const [ok, score] = csv.tryParse.of("int")(1);
    results.push([ok, score]);
  }
  csv.dispose();
  return results;
});
task("null-values", () => {
  const csv = CsvReader.fromText("Id,Email\n1,ann@example.org\n2,NULL\n3,\n", {
    nullValues: ["NULL"],
  });
  const results: unknown[] = [];
  while (csv.read()) {
    results.push([csv.getStringOrNull(1), csv.isNull(1)]);
  }
  csv.dispose();
  return results;
});
task("true-false-values", () => {
  const options = { trueValues: ["Ja"], falseValues: ["Nein"] };
  const csv = CsvReader.fromText("Name,Aktiv\nAnn,Ja\nBob,Nein\n", options);
  const flags: boolean[] = [];
  while (csv.read()) {
    flags.push(csv.parse.of("bool")("Aktiv"));
  }
  csv.dispose();
  return flags;
});

// Options.
task("separator-without-header", () => {
  const options = { separator: ";", hasHeader: false };
  const csv = CsvReader.fromText("1;Ann;Oslo\n2;Bob;Lima\n", options);
  const rows: string[][] = [];
  while (csv.read()) {
    const fields: string[] = [];
    for (let i = 0; i < csv.fieldCount; i++) {
      fields.push(csv.getString(i));
    }
    rows.push(fields);
  }
  const result = [rows, csv.headers.count];
  csv.dispose();
  return result;
});
task("detect-separator", () => {
  const tabs = CsvReader.fromText("a\tb\tc\n1\t2\t3\n");
  const pipes = CsvReader.fromText("a|b\n1|2\n");
  tabs.read();
  pipes.read();
  const result = [tabs.separator, tabs.getString("c"), pipes.separator];
  tabs.dispose();
  pipes.dispose();
  return result;
});
task("trim-whitespace", () => {
  const csv = CsvReader.fromText('Name , Age\n  Ann  ,  31 \n" Bob ", 42\n', {
    trimWhitespace: true,
  });
  const rows: string[] = [];
  while (csv.read()) {
    rows.push("[" + csv.getString("Name") + "]" + csv.parse.of("int")(1));
  }
  csv.dispose();
  return rows;
});
task("quoted-fields", () => {
  const csv = CsvReader.fromText(
    'Id,Text\n1,"Hello, world"\n2,"She said ""hi"""\n3,"two\nlines"\n',
  );
  const texts: string[] = [];
  while (csv.read()) {
    texts.push(csv.getString("Text"));
  }
  csv.dispose();
  return texts;
});
task("comments-and-empty-lines", () => {
  const options = { commentPrefix: "#" };
  const csv = CsvReader.fromText(
    "# exported 2024-01-01\nName,Qty\nbolt,1\n\n# a comment\nnut,2\n",
    options,
  );
  const rows: string[] = [];
  while (csv.read()) {
    rows.push(csv.rowNumber + "=" + csv.getString("Name"));
  }
  csv.dispose();
  return rows;
});

// Records without a record type.
task("get-records-dynamic", () => {
  const csv = CsvReader.fromText(People);
  const lines: string[] = [];
  for (const record of csv.getRecords.of("object")()) {
    const name: string = record.getItem("Name");
    const age: number = record.parse.of("int")("Age");
    lines.push(name + " is " + (age + 1) + " next year");
  }
  csv.dispose();
  return lines;
});
task("dynamic-record-dictionary", () => {
  const csv = CsvReader.fromText(People);
  const records: unknown[] = [];
  for (const record of csv.getRecords.of(CsvDynamicRecord)()) {
    records.push([
      record.fieldCount,
      record.containsKey("City"),
      Object.fromEntries(record.toDictionary()),
    ]);
  }
  csv.dispose();
  return records;
});
task.failing(
  "enumerate-rows",
  "CsvReader enumerates CsvRow ref structs, which cannot leave .NET's stack: read rows with Read()",
  () => {
    const csv = CsvReader.fromText(People);
    const rows: string[][] = [];
    for (const row of csv) {
      rows.push(row.toArray());
    }
    csv.dispose();
    return rows;
  },
);
task("data-reader-into-datatable", () => {
  const csv = CsvReader.fromText(People);
  const reader = new CsvDataReader(csv);
  const table = new DataTable();
  table.load(reader);
  const columns: string[] = [];
  for (const column of table.columns) {
    columns.push(column.columnName);
  }
  const result = [
    columns,
    table.rows.count,
    table.rows.getItem(1).getItem("City"),
  ];
  reader.dispose();
  csv.dispose();
  return result;
});

// Writing.
task("write-fields", () => {
  const text = new StringWriter();
  const csv = CsvWriter.create(text);
  csv.writeField("Name");
  csv.writeField("Age");
  csv.writeField("Height");
  csv.endRecord();
  csv.writeField("Ann");
  csv.writeField(31);
  csv.writeField(1.72);
  csv.endRecord();
  csv.dispose();
  const result = text.toString();
  text.dispose();
  return result;
});
task("write-records-of-strings", () => {
  const text = new StringWriter();
  const csv = CsvWriter.create(text);
  csv.writeHeader(["Id", "Name", "Note"]);
  csv.writeRecord("1", "Ann, Jr.", "plain");
  csv.writeRecord(["2", "Bob", 'says "hi"']);
  csv.writeRecord(["3", "Cid", "two\nlines"]);
  csv.dispose();
  return text.toString();
});
task("write-dictionaries", () => {
  const records = [
    { Id: 1, Name: "Ann", Active: true },
    { Id: 2, Name: "Bob, Jr.", Active: false },
  ];
  const text = new StringWriter();
  const csv = CsvWriter.create(text);
  csv.writeRecords(records);
  csv.dispose();
  return text.toString();
});
task("writer-options", () => {
  const options = { separator: ";", quoting: CsvQuoting.Always, newLine: "\n" };
  const text = new StringWriter();
  const csv = CsvWriter.create(text, options);
  csv.writeRecord("Id", "Name");
  csv.writeRecord("7", "Eve");
  csv.dispose();
  return text.toString();
});
task("write-bool-null-date", () => {
  const options = { nullValue: "NULL", trueValue: "yes", falseValue: "no" };
  const text = new StringWriter();
  const csv = CsvWriter.create(text, options);
  csv.writeField(true);
  csv.writeField(false);
  lib.bind("CsvHelper.CsvWriter.WriteField", ["string"]).call(csv, null);
  csv.writeField(new Date(Date.UTC(2024, 4, 17, 8, 30, 0)));
  csv.endRecord();
  csv.dispose();
  return text.toString();
});
task("write-comment", () => {
  const text = new StringWriter();
  const csv = CsvWriter.create(text, { commentPrefix: "#" });
  csv.writeComment("exported by compat");
  csv.writeRecord("a", "b");
  csv.writeRecord("#1", "2");
  const records = csv.recordCount;
  csv.flush();
  const result = [text.toString(), records];
  csv.dispose();
  return result;
});
task("round-trip", () => {
  const text = new StringWriter();
  const writer = CsvWriter.create(text);
  writer.writeHeader(["Name", "Quote"]);
  writer.writeRecord("Ann", '"Hi", she said');
  writer.writeRecord("Bob", "line1\r\nline2");
  writer.dispose();
  const reader = CsvReader.fromText(text.toString());
  const quotes: string[] = [];
  while (reader.read()) {
    quotes.push(reader.getString("Name") + "|" + reader.getString("Quote"));
  }
  reader.dispose();
  return quotes;
});

// Bad data.
task("malformed-data-throws", () => {
  const options = { malformedData: CsvMalformedDataHandling.Throw };
  const csv = CsvReader.fromText('Name,Note\nAnn,"ok"\nBob,"bad"x\n', options);
  try {
    let count = 0;
    while (csv.read()) {
      count++;
    }
    return count;
  } finally {
    csv.dispose();
  }
});
task("field-count-mismatch-throws", () => {
  const options = { fieldCountMismatch: CsvFieldCountHandling.Throw };
  const csv = CsvReader.fromText("a,b,c\n1,2,3\n4,5\n", options);
  try {
    let count = 0;
    while (csv.read()) {
      count++;
    }
    return count;
  } finally {
    csv.dispose();
  }
});
task("malformed-format-exception-details", () => {
  const options = { fieldCountMismatch: CsvFieldCountHandling.Throw };
  const csv = CsvReader.fromText("a,b\n1,2\n3,4\n5\n", options);
  try {
    while (csv.read()) {
      // read to the end
    }
    return null;
  } catch (error) {
    if (
      !(error instanceof DotnetException) ||
      error.dotnetType !== "CsvHelper.CsvFormatException"
    ) {
      throw error;
    }
    const exception = thrown(error);
    return [exception.recordNumber, exception.byteOffset];
  } finally {
    csv.dispose();
  }
});
task("parse-invalid-throws", () => {
  const csv = CsvReader.fromText("Name,Age\nAnn,thirty\n");
  try {
    csv.read();
    return csv.parse.of("int")("Age");
  } finally {
    csv.dispose();
  }
});
task("unknown-column-throws", () => {
  const csv = CsvReader.fromText(People);
  try {
    csv.read();
    return csv.getString("Country");
  } finally {
    csv.dispose();
  }
});
task("writer-field-count-throws", () => {
  const text = new StringWriter();
  const csv = CsvWriter.create(text);
  try {
    csv.writeRecord("a", "b");
    csv.writeRecord("only-one");
    return text.toString();
  } finally {
    csv.dispose();
  }
});

// Async.
task("read-async", async () => {
  const csv = CsvReader.create(new StringReader(People));
  let ages = 0;
  while (await csv.readAsync()) {
    ages += csv.parse.of("int")("Age");
  }
  csv.dispose();
  return ages;
});
task("write-async", async () => {
  const text = new StringWriter();
  const csv = CsvWriter.create(text);
  await csv.writeRecordAsync(["Id", "Name"]);
  await csv.writeRecordAsync(["1", "Ann"]);
  await csv.flushAsync();
  const result = text.toString();
  await csv.disposeAsync();
  return result;
});
