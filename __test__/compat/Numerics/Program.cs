return await Compat.Oracle.Run(Compat.Numerics.Register, args);
