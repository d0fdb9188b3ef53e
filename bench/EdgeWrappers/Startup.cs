using System.Globalization;
using Typed;

namespace EdgeWrappers;

/// <summary>
/// edge-js calls only public instance methods shaped <c>Task&lt;object&gt; Method(dynamic input)</c>.
/// Each method here unpacks what edge marshalled and calls the same Typed method the other
/// hosts call. The parameter is <c>object</c> (what <c>dynamic</c> compiles to) with explicit
/// casts, so no C# runtime binder cost is charged to edge.
/// </summary>
public class Startup
{
    /// <summary>Typed.Calc.Add; input is the JavaScript array [a, b].</summary>
    public Task<object> Add(object input)
    {
        var args = (object[])input;
        return Task.FromResult<object>(Calc.Add((int)args[0], (int)args[1]));
    }

    /// <summary>Typed.Text.Echo; input is a string.</summary>
    public Task<object> Echo(object input) => Task.FromResult<object>(Text.Echo((string)input));

    /// <summary>Typed.Buffers.SpanLength; edge copies a Buffer into a byte[].</summary>
    public Task<object> SpanLength(object input) => Task.FromResult<object>(Buffers.SpanLength((byte[])input));

    /// <summary>
    /// Typed.Records.Discount; input is [order, percent], order a plain object that edge turns into
    /// an ExpandoObject. edge marshals the returned record by reflection.
    /// </summary>
    public Task<object> Discount(object input)
    {
        var args = (object[])input;
        var order = (IDictionary<string, object>)args[0];
        var typed = new Order(
            (string)order["id"],
            Convert.ToDecimal(order["total"], CultureInfo.InvariantCulture),
            ((object[])order["items"]).Select(item => (string)item).ToList(),
            Enum.Parse<Color>((string)order["color"], ignoreCase: true));
        return Task.FromResult<object>(Records.Discount(typed, Convert.ToDecimal(args[1], CultureInfo.InvariantCulture)));
    }

    /// <summary>The runtime version edge started, for the report.</summary>
    public Task<object> RuntimeVersion(object input) => Task.FromResult<object>(Environment.Version.ToString());

    /// <summary>Typed.Async.Completed; input is an int.</summary>
    public async Task<object> Completed(object input) => await Async.Completed((int)input);
}
