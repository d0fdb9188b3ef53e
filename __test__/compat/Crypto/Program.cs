return await Compat.Oracle.Run(Compat.Crypto.Register, args);
