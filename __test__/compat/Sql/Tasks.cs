using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Compat;

/// <summary>Dapper over a real embedded SQLite database (Microsoft.Data.Sqlite), as their
/// docs show them: each task opens its own in-memory database.</summary>
internal static class Sql
{
    private const string Insert = "INSERT INTO people (name, age, email) VALUES (@Name, @Age, @Email)";

    /// <summary>A new in-memory database with a table of three people.</summary>
    private static SqliteConnection OpenPeople()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, age INTEGER NOT NULL, email TEXT)");
        connection.Execute("INSERT INTO people (name, age, email) VALUES ('Ann', 31, 'ann@example.org'), ('Bob', 42, NULL), ('Cid', 27, 'cid@example.org')");
        return connection;
    }

    public static void Register(Oracle o)
    {
        // Connections and commands.
        o.Task("open-connection", () =>
        {
            using var connection = new SqliteConnection("Data Source=:memory:");
            var before = connection.State;
            connection.Open();
            var result = new object[] { before, connection.State, connection.DataSource, connection.ServerVersion.Split('.')[0] };
            connection.Close();
            return result.Append(connection.State).ToArray();
        });
        o.Task("execute-ddl-and-insert", () =>
        {
            using var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            var created = connection.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT, stars INTEGER)");
            var inserted = connection.Execute("INSERT INTO notes (title, stars) VALUES (@Title, @Stars)", new { Title = "Dapper", Stars = 5 });
            var row = connection.QuerySingle<string>("SELECT title || ' ' || stars FROM notes");
            return new object[] { created, inserted, row };
        });

        // Queries into framework types.
        o.Task("query-long", () =>
        {
            using var db = OpenPeople();
            return db.Query<long>("SELECT id FROM people ORDER BY id DESC").ToList();
        });
        o.Task("query-string-with-param", () =>
        {
            using var db = OpenPeople();
            return db.Query<string>("SELECT name FROM people WHERE age > @MinAge ORDER BY name", new { MinAge = 30 }).ToList();
        });
        o.Task("query-single-int", () =>
        {
            using var db = OpenPeople();
            return db.QuerySingle<int>("SELECT COUNT(*) FROM people WHERE email IS NOT NULL");
        });
        o.Task("execute-scalar-last-id", () =>
        {
            using var db = OpenPeople();
            db.Execute(Insert, new { Name = "Dee", Age = 19, Email = "dee@example.org" });
            return db.ExecuteScalar<long>("SELECT last_insert_rowid()");
        });
        o.Task("query-first-or-default", () =>
        {
            using var db = OpenPeople();
            var email = db.QueryFirstOrDefault<string>("SELECT email FROM people WHERE name = @Name", new { Name = "Bob" });
            var missing = db.QueryFirstOrDefault<int?>("SELECT age FROM people WHERE name = @Name", new { Name = "Zed" });
            var none = db.QuerySingleOrDefault<long>("SELECT id FROM people WHERE age > 100");
            var first = db.QueryFirst<string>("SELECT name FROM people ORDER BY age");
            return new object?[] { email, missing, none, first };
        });
        o.Task("datetime-parameter", () =>
        {
            using var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            connection.Execute("CREATE TABLE events (name TEXT, at TEXT)");
            connection.Execute("INSERT INTO events (name, at) VALUES (@Name, @At)", new { Name = "launch", At = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc) });
            var text = connection.QuerySingle<string>("SELECT at FROM events");
            var at = connection.QuerySingle<DateTime>("SELECT at FROM events WHERE name = @Name", new { Name = "launch" });
            return new object[] { text, at };
        });

        // Dynamic rows.
        o.Task("query-dynamic-rows", () =>
        {
            using var db = OpenPeople();
            var rows = new List<object?>();
            foreach (var row in db.Query("SELECT id, name, email FROM people ORDER BY id"))
            {
                var fields = (IDictionary<string, object>)row;
                rows.Add(new object?[] { string.Join(",", fields.Keys), fields["id"], fields["name"], fields["email"] });
            }
            return rows;
        });
        o.Task("query-first-dynamic", () =>
        {
            using var db = OpenPeople();
            var person = db.QueryFirst<dynamic>("SELECT name, age FROM people WHERE id = @Id", new { Id = 2 });
            var fields = (IDictionary<string, object>)person;
            string name = person.name;
            return new object[] { name, fields["age"], fields.Count, fields.ContainsKey("email") };
        });

        // Transactions.
        o.Task("transaction-commit", () =>
        {
            using var db = OpenPeople();
            using (var transaction = db.BeginTransaction())
            {
                db.Execute(Insert, new { Name = "Dee", Age = 19, Email = (string?)null }, transaction);
                db.Execute("UPDATE people SET age = age + 1 WHERE name = @Name", new { Name = "Ann" }, transaction);
                transaction.Commit();
            }
            return db.Query<string>("SELECT name || '=' || age FROM people ORDER BY id").ToList();
        });
        o.Task("transaction-rollback", () =>
        {
            using var db = OpenPeople();
            var transaction = db.BeginTransaction();
            db.Execute("DELETE FROM people WHERE age > @Age", new { Age = 30 }, transaction);
            var inside = db.ExecuteScalar<long>("SELECT COUNT(*) FROM people", transaction: transaction);
            transaction.Rollback();
            transaction.Dispose();
            var after = db.ExecuteScalar<long>("SELECT COUNT(*) FROM people");
            return new object[] { inside, after };
        });

        // Parameters.
        o.Task("dynamic-parameters", () =>
        {
            using var db = OpenPeople();
            var parameters = new DynamicParameters();
            parameters.Add("Name", "Dee");
            parameters.Add("Age", 55, DbType.Int32);
            parameters.Add("Email", null, DbType.String);
            var inserted = db.Execute(Insert, parameters);
            var name = db.QuerySingle<string>("SELECT name FROM people WHERE age = @Age", parameters);
            return new object[] { inserted, name, parameters.Get<int>("Age"), parameters.ParameterNames.ToList() };
        });
        o.Task("dynamic-parameters-from-template", () =>
        {
            using var db = OpenPeople();
            var parameters = new DynamicParameters(new { MinAge = 28 });
            parameters.AddDynamicParams(new { MaxAge = 40 });
            return db.Query<string>("SELECT name FROM people WHERE age BETWEEN @MinAge AND @MaxAge ORDER BY name", parameters).ToList();
        });
        o.Task("output-parameter-rejected", () =>
        {
            using var db = OpenPeople();
            var parameters = new DynamicParameters();
            parameters.Add("Name", "Dee");
            parameters.Add("Id", dbType: DbType.Int64, direction: ParameterDirection.Output);
            db.Execute("INSERT INTO people (name, age) VALUES (@Name, 1)", parameters);
            return parameters.Get<long>("Id");
        });
        o.Task("insert-returning", () =>
        {
            using var db = OpenPeople();
            var id = db.ExecuteScalar<long>("INSERT INTO people (name, age) VALUES (@Name, @Age) RETURNING id", new { Name = "Eve", Age = 22 });
            var name = db.QuerySingle<string>("SELECT name FROM people WHERE id = @id", new { id });
            return new object[] { id, name };
        });
        o.Task("insert-many-list-param", () =>
        {
            using var db = OpenPeople();
            var inserted = db.Execute(Insert, new[]
            {
                new { Name = "Dee", Age = 19, Email = "dee@example.org" },
                new { Name = "Eve", Age = 22, Email = "eve@example.org" },
                new { Name = "Fay", Age = 64, Email = "fay@example.org" },
            });
            return new object[] { inserted, db.QuerySingle<long>("SELECT SUM(age) FROM people") };
        });
        o.Task("in-list-expansion", () =>
        {
            using var db = OpenPeople();
            return db.Query<string>("SELECT name FROM people WHERE id IN @Ids ORDER BY id", new { Ids = new[] { 1, 3 } }).ToList();
        });

        // Several results, multi-mapping.
        o.Task("query-multiple", () =>
        {
            using var db = OpenPeople();
            using var grid = db.QueryMultiple("SELECT COUNT(*) FROM people; SELECT name FROM people ORDER BY age; SELECT MAX(age) FROM people");
            var count = grid.ReadSingle<int>();
            var names = grid.Read<string>().ToList();
            var oldest = grid.ReadFirst<long>();
            return new object[] { count, names, oldest };
        });
        o.Task("multi-mapping", () =>
        {
            using var db = OpenPeople();
            return db.Query<string, long, string>(
                "SELECT name, age FROM people ORDER BY id",
                (name, age) => $"{name} ({age})",
                splitOn: "age").ToList();
        });

        // Async.
        o.Task("query-async", async () =>
        {
            using var db = OpenPeople();
            var names = await db.QueryAsync<string>("SELECT name FROM people WHERE email IS NOT NULL ORDER BY name DESC");
            return (object?)names.ToList();
        });
        o.Task("execute-async", async () =>
        {
            using var db = OpenPeople();
            var inserted = await db.ExecuteAsync(Insert, new { Name = "Dee", Age = 19, Email = "dee@example.org" });
            var count = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM people");
            var age = await db.QuerySingleAsync<int>("SELECT age FROM people WHERE name = @Name", new { Name = "Dee" });
            return new object[] { inserted, count, age };
        });
        o.Task("async-error-throws", async () =>
        {
            using var db = OpenPeople();
            var ids = await db.QueryAsync<long>("SELECT id FROM missing_table");
            return (object?)ids.Count();
        });

        // Plain ADO.NET on the same connection.
        o.Task("ado-reader", () =>
        {
            using var db = OpenPeople();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT id, name, email FROM people WHERE age >= $minAge ORDER BY id";
            command.Parameters.AddWithValue("$minAge", 30);
            using var reader = command.ExecuteReader();
            var rows = new List<object?>();
            while (reader.Read())
            {
                rows.Add(new object?[] { reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader["email"] });
            }
            return rows;
        });
        o.Task("ado-reader-metadata", () =>
        {
            using var db = OpenPeople();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT id, name, age * 1.5 AS score FROM people WHERE id = 1";
            using var reader = command.ExecuteReader();
            reader.Read();
            var columns = new List<string>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                columns.Add(reader.GetName(i) + ":" + reader.GetDataTypeName(i) + ":" + reader.GetFieldType(i).Name);
            }
            return new object[] { columns, reader.GetOrdinal("score"), reader.GetDouble(2), reader.HasRows };
        });
        o.Task("ado-nonquery-and-scalar", () =>
        {
            using var db = OpenPeople();
            using var update = db.CreateCommand();
            update.CommandText = "UPDATE people SET email = $email WHERE email IS NULL";
            update.Parameters.AddWithValue("$email", "bob@example.org");
            var changed = update.ExecuteNonQuery();
            using var count = db.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM people WHERE email LIKE '%@example.org'";
            var total = count.ExecuteScalar();
            return new object?[] { changed, total };
        });

        // Errors.
        o.Task("bad-sql-throws", () =>
        {
            using var db = OpenPeople();
            return db.Execute("SELEC name FROM people");
        });
        o.Task("sqlite-error-code", () =>
        {
            using var db = OpenPeople();
            try
            {
                db.Execute(Insert, new { Name = "Ann", Age = 50, Email = (string?)null });
                return null;
            }
            catch (SqliteException exception)
            {
                return new object[] { exception.SqliteErrorCode, exception.SqliteExtendedErrorCode };
            }
        });
        o.Task("single-on-many-throws", () =>
        {
            using var db = OpenPeople();
            return db.QuerySingle<string>("SELECT name FROM people");
        });
    }
}
