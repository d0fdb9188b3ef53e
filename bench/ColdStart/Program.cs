// Prints Typed.Calc.Add(1, 2) first (bench/targets/dotnet-console.ts times the process up to
// that line), then the runtime version it ran on, for the report.
Console.WriteLine(Typed.Calc.Add(1, 2));
Console.WriteLine(Environment.Version);
