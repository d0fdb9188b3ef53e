return await Compat.Oracle.Run(Compat.Yaml.Register, args);
