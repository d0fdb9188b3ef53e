return await Compat.Oracle.Run(Compat.Bcl.Register, args);
