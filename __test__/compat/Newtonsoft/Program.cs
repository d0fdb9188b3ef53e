return await Compat.Oracle.Run(Compat.Newtonsoft.Register, args);
