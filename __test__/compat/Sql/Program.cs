return await Compat.Oracle.Run(Compat.Sql.Register, args);
