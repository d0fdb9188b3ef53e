return await Compat.Oracle.Run(Compat.Noda.Register, args);
