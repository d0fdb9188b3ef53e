return await Compat.Oracle.Run(Compat.Markdown.Register, args);
