// Dapper over Microsoft.Data.Sqlite driven from TypeScript as Sql/Tasks.cs drives them
// from C#. Dapper's extension methods on IDbConnection are called in their static form.
import { DotnetException } from "../../index.js";
import { compat } from "./harness.js";

const { lib, task } = compat("Sql");
const { SqlMapper, DynamicParameters } = lib.namespaces.Dapper;
const { SqliteConnection } = lib.namespaces.Microsoft.Data.Sqlite;
const DbType = lib.type("System.Data.DbType");
const ParameterDirection = lib.type("System.Data.ParameterDirection");

const Insert =
  "INSERT INTO people (name, age, email) VALUES (@Name, @Age, @Email)";

/** A new in-memory database with a table of three people. */
function openPeople(): any {
  const connection = new SqliteConnection("Data Source=:memory:");
  connection.open();
  SqlMapper.execute(
    connection,
    "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, age INTEGER NOT NULL, email TEXT)",
  );
  SqlMapper.execute(
    connection,
    "INSERT INTO people (name, age, email) VALUES ('Ann', 31, 'ann@example.org'), ('Bob', 42, NULL), ('Cid', 27, 'cid@example.org')",
  );
  return connection;
}

/** Runs `body` with a new database and disposes it afterwards, as C#'s `using var db`. */
function withPeople<T>(body: (db: any) => T): T {
  const db = openPeople();
  try {
    return body(db);
  } finally {
    db.dispose();
  }
}

async function withPeopleAsync<T>(body: (db: any) => Promise<T>): Promise<T> {
  const db = openPeople();
  try {
    return await body(db);
  } finally {
    db.dispose();
  }
}

/** The .NET exception object behind a DotnetException, to read its members as C#'s `catch (T e)` does. */
const thrown = (error: unknown): any =>
  (error as { exception?: unknown }).exception;

// Connections and commands.
task("open-connection", () => {
  const connection = new SqliteConnection("Data Source=:memory:");
  const before = connection.state;
  connection.open();
  const result = [
    before,
    connection.state,
    connection.dataSource,
    connection.serverVersion.split(".")[0],
  ];
  connection.close();
  result.push(connection.state);
  connection.dispose();
  return result;
});
task("execute-ddl-and-insert", () => {
  const connection = new SqliteConnection("Data Source=:memory:");
  connection.open();
  const created = SqlMapper.execute(
    connection,
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT, stars INTEGER)",
  );
  const inserted = SqlMapper.execute(
    connection,
    "INSERT INTO notes (title, stars) VALUES (@Title, @Stars)",
    { Title: "Dapper", Stars: 5 },
  );
  const row = SqlMapper.querySingle.of("string")(
    connection,
    "SELECT title || ' ' || stars FROM notes",
  );
  connection.dispose();
  return [created, inserted, row];
});

// Queries into framework types.
task("query-long", () =>
  withPeople((db) => [
    ...SqlMapper.query.of("long")(db, "SELECT id FROM people ORDER BY id DESC"),
  ]),
);
task("query-string-with-param", () =>
  withPeople((db) => [
    ...SqlMapper.query.of("string")(
      db,
      "SELECT name FROM people WHERE age > @MinAge ORDER BY name",
      { MinAge: 30 },
    ),
  ]),
);
task("query-single-int", () =>
  withPeople((db) =>
    SqlMapper.querySingle.of("int")(
      db,
      "SELECT COUNT(*) FROM people WHERE email IS NOT NULL",
    ),
  ),
);
task("execute-scalar-last-id", () =>
  withPeople((db) => {
    SqlMapper.execute(db, Insert, {
      Name: "Dee",
      Age: 19,
      Email: "dee@example.org",
    });
    return SqlMapper.executeScalar.of("long")(db, "SELECT last_insert_rowid()");
  }),
);
task("query-first-or-default", () =>
  withPeople((db) => {
    const email = SqlMapper.queryFirstOrDefault.of("string")(
      db,
      "SELECT email FROM people WHERE name = @Name",
      { Name: "Bob" },
    );
    const missing = SqlMapper.queryFirstOrDefault.of("int?")(
      db,
      "SELECT age FROM people WHERE name = @Name",
      { Name: "Zed" },
    );
    const none = SqlMapper.querySingleOrDefault.of("long")(
      db,
      "SELECT id FROM people WHERE age > 100",
    );
    const first = SqlMapper.queryFirst.of("string")(
      db,
      "SELECT name FROM people ORDER BY age",
    );
    return [email, missing, none, first];
  }),
);
task("datetime-parameter", () => {
  const connection = new SqliteConnection("Data Source=:memory:");
  connection.open();
  SqlMapper.execute(connection, "CREATE TABLE events (name TEXT, at TEXT)");
  SqlMapper.execute(
    connection,
    "INSERT INTO events (name, at) VALUES (@Name, @At)",
    {
      Name: "launch",
      At: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    },
  );
  const text = SqlMapper.querySingle.of("string")(
    connection,
    "SELECT at FROM events",
  );
  const at = SqlMapper.querySingle.of("System.DateTime")(
    connection,
    "SELECT at FROM events WHERE name = @Name",
    { Name: "launch" },
  );
  connection.dispose();
  return [text, at];
});

// Dynamic rows.
task("query-dynamic-rows", () =>
  withPeople((db) => {
    const rows: unknown[] = [];
    for (const row of SqlMapper.query(
      db,
      "SELECT id, name, email FROM people ORDER BY id",
    )) {
      rows.push([
        [...row.keys].join(","),
        row.getItem("id"),
        row.getItem("name"),
        row.getItem("email"),
      ]);
    }
    return rows;
  }),
);
task("query-first-dynamic", () =>
  withPeople((db) => {
    const person = SqlMapper.queryFirst.of("object")(
      db,
      "SELECT name, age FROM people WHERE id = @Id",
      { Id: 2 },
    );
    const name: string = person.getItem("name");
    return [
      name,
      person.getItem("age"),
      person.count,
      person.containsKey("email"),
    ];
  }),
);

// Transactions.
task("transaction-commit", () =>
  withPeople((db) => {
    const transaction = db.beginTransaction();
    SqlMapper.execute(
      db,
      Insert,
      { Name: "Dee", Age: 19, Email: null },
      transaction,
    );
    SqlMapper.execute(
      db,
      "UPDATE people SET age = age + 1 WHERE name = @Name",
      { Name: "Ann" },
      transaction,
    );
    transaction.commit();
    transaction.dispose();
    return [
      ...SqlMapper.query.of("string")(
        db,
        "SELECT name || '=' || age FROM people ORDER BY id",
      ),
    ];
  }),
);
task("transaction-rollback", () =>
  withPeople((db) => {
    const transaction = db.beginTransaction();
    SqlMapper.execute(
      db,
      "DELETE FROM people WHERE age > @Age",
      { Age: 30 },
      transaction,
    );
    const inside = SqlMapper.executeScalar.of("long")(
      db,
      "SELECT COUNT(*) FROM people",
      null,
      transaction,
    );
    transaction.rollback();
    transaction.dispose();
    const after = SqlMapper.executeScalar.of("long")(
      db,
      "SELECT COUNT(*) FROM people",
    );
    return [inside, after];
  }),
);

// Parameters.
task("dynamic-parameters", () =>
  withPeople((db) => {
    const parameters = new DynamicParameters();
    parameters.add("Name", "Dee");
    parameters.add("Age", 55, DbType.Int32);
    parameters.add("Email", null, DbType.String);
    const inserted = SqlMapper.execute(db, Insert, parameters);
    const name = SqlMapper.querySingle.of("string")(
      db,
      "SELECT name FROM people WHERE age = @Age",
      parameters,
    );
    return [
      inserted,
      name,
      parameters.get.of("int")("Age"),
      [...parameters.parameterNames],
    ];
  }),
);
task("dynamic-parameters-from-template", () =>
  withPeople((db) => {
    const parameters = new DynamicParameters({ MinAge: 28 });
    parameters.addDynamicParams({ MaxAge: 40 });
    return [
      ...SqlMapper.query.of("string")(
        db,
        "SELECT name FROM people WHERE age BETWEEN @MinAge AND @MaxAge ORDER BY name",
        parameters,
      ),
    ];
  }),
);
task("output-parameter-rejected", () =>
  withPeople((db) => {
    const parameters = new DynamicParameters();
    parameters.add("Name", "Dee");
    parameters.add("Id", null, DbType.Int64, ParameterDirection.Output);
    SqlMapper.execute(
      db,
      "INSERT INTO people (name, age) VALUES (@Name, 1)",
      parameters,
    );
    return parameters.get.of("long")("Id");
  }),
);
task("insert-returning", () =>
  withPeople((db) => {
    const id = SqlMapper.executeScalar.of("long")(
      db,
      "INSERT INTO people (name, age) VALUES (@Name, @Age) RETURNING id",
      { Name: "Eve", Age: 22 },
    );
    const name = SqlMapper.querySingle.of("string")(
      db,
      "SELECT name FROM people WHERE id = @id",
      { id },
    );
    return [id, name];
  }),
);
task("insert-many-list-param", () =>
  withPeople((db) => {
    const inserted = SqlMapper.execute(db, Insert, [
      { Name: "Dee", Age: 19, Email: "dee@example.org" },
      { Name: "Eve", Age: 22, Email: "eve@example.org" },
      { Name: "Fay", Age: 64, Email: "fay@example.org" },
    ]);
    return [
      inserted,
      SqlMapper.querySingle.of("long")(db, "SELECT SUM(age) FROM people"),
    ];
  }),
);
task("in-list-expansion", () =>
  withPeople((db) => [
    ...SqlMapper.query.of("string")(
      db,
      "SELECT name FROM people WHERE id IN @Ids ORDER BY id",
      { Ids: [1, 3] },
    ),
  ]),
);

// Several results, multi-mapping.
task("query-multiple", () =>
  withPeople((db) => {
    const grid = SqlMapper.queryMultiple(
      db,
      "SELECT COUNT(*) FROM people; SELECT name FROM people ORDER BY age; SELECT MAX(age) FROM people",
    );
    try {
      const count = grid.readSingle.of("int")();
      const names = [...grid.read.of("string")()];
      const oldest = grid.readFirst.of("long")();
      return [count, names, oldest];
    } finally {
      grid.dispose();
    }
  }),
);
task("multi-mapping", () =>
  withPeople((db) => [
    ...SqlMapper.query.of("string", "long", "string")(
      db,
      "SELECT name, age FROM people ORDER BY id",
      (name: string, age: bigint) => `${name} (${age})`,
      null,
      null,
      true,
      "age",
    ),
  ]),
);

// Async.
task("query-async", () =>
  withPeopleAsync(async (db) => {
    const names = await SqlMapper.queryAsync.of("string")(
      db,
      "SELECT name FROM people WHERE email IS NOT NULL ORDER BY name DESC",
    );
    return [...names];
  }),
);
task("execute-async", () =>
  withPeopleAsync(async (db) => {
    const inserted = await SqlMapper.executeAsync(db, Insert, {
      Name: "Dee",
      Age: 19,
      Email: "dee@example.org",
    });
    const count = await SqlMapper.executeScalarAsync.of("long")(
      db,
      "SELECT COUNT(*) FROM people",
    );
    const age = await SqlMapper.querySingleAsync.of("int")(
      db,
      "SELECT age FROM people WHERE name = @Name",
      { Name: "Dee" },
    );
    return [inserted, count, age];
  }),
);
task("async-error-throws", () =>
  withPeopleAsync(async (db) => {
    const ids = await SqlMapper.queryAsync.of("long")(
      db,
      "SELECT id FROM missing_table",
    );
    return [...ids].length;
  }),
);

// Plain ADO.NET on the same connection.
task("ado-reader", () =>
  withPeople((db) => {
    const command = db.createCommand();
    command.commandText =
      "SELECT id, name, email FROM people WHERE age >= $minAge ORDER BY id";
    command.parameters.addWithValue("$minAge", 30);
    const reader = command.executeReader();
    const rows: unknown[] = [];
    while (reader.read()) {
      rows.push([
        reader.getInt64(0),
        reader.getString(1),
        reader.isDBNull(2) ? null : reader.getItem("email"),
      ]);
    }
    reader.dispose();
    command.dispose();
    return rows;
  }),
);
task("ado-reader-metadata", () =>
  withPeople((db) => {
    const command = db.createCommand();
    command.commandText =
      "SELECT id, name, age * 1.5 AS score FROM people WHERE id = 1";
    const reader = command.executeReader();
    reader.read();
    const columns: string[] = [];
    for (let i = 0; i < reader.fieldCount; i++) {
      columns.push(
        reader.getName(i) +
          ":" +
          reader.getDataTypeName(i) +
          ":" +
          reader.getFieldType(i).name,
      );
    }
    const result = [
      columns,
      reader.getOrdinal("score"),
      reader.getDouble(2),
      reader.hasRows,
    ];
    reader.dispose();
    command.dispose();
    return result;
  }),
);
task("ado-nonquery-and-scalar", () =>
  withPeople((db) => {
    const update = db.createCommand();
    update.commandText = "UPDATE people SET email = $email WHERE email IS NULL";
    update.parameters.addWithValue("$email", "bob@example.org");
    const changed = update.executeNonQuery();
    update.dispose();
    const count = db.createCommand();
    count.commandText =
      "SELECT COUNT(*) FROM people WHERE email LIKE '%@example.org'";
    const total = count.executeScalar();
    count.dispose();
    return [changed, total];
  }),
);

// Errors.
task("bad-sql-throws", () =>
  withPeople((db) => SqlMapper.execute(db, "SELEC name FROM people")),
);
task("sqlite-error-code", () =>
  withPeople((db) => {
    try {
      SqlMapper.execute(db, Insert, { Name: "Ann", Age: 50, Email: null });
      return null;
    } catch (error) {
      if (
        !(error instanceof DotnetException) ||
        error.dotnetType !== "Microsoft.Data.Sqlite.SqliteException"
      ) {
        throw error;
      }
      const exception = thrown(error);
      return [exception.sqliteErrorCode, exception.sqliteExtendedErrorCode];
    }
  }),
);
task("single-on-many-throws", () =>
  withPeople((db) =>
    SqlMapper.querySingle.of("string")(db, "SELECT name FROM people"),
  ),
);
