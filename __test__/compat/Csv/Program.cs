return await Compat.Oracle.Run(Compat.Csv.Register, args);
