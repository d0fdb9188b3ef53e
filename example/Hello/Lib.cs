using System.Runtime.InteropServices;

namespace Hello;

public static class Lib
{
    /// <summary>
    /// Entry point with the default hosting signature <c>int (IntPtr args, int sizeBytes)</c>.
    /// Prints a greeting and, when a buffer is passed, the buffer decoded as UTF-8.
    /// Returns <paramref name="sizeBytes"/>, or -1 if something went wrong.
    /// </summary>
    public static int Hello(IntPtr args, int sizeBytes)
    {
        // Called from native code: no exception may escape, or the host process dies.
        try
        {
            // The gap before "argPtr" is U+3000 IDEOGRAPHIC SPACE.
            Console.WriteLine($"Hello world! 世界に挨拶します\u3000argPtr={args.ToInt64()} argSize={sizeBytes}");
            if (sizeBytes > 0 && args != IntPtr.Zero)
            {
                Console.WriteLine($"Message from JS: {Marshal.PtrToStringUTF8(args, sizeBytes)}");
            }
            Console.Out.Flush();
            return sizeBytes;
        }
        catch (Exception e)
        {
            try
            {
                Console.Error.WriteLine($"Hello.Lib.Hello failed: {e}");
            }
            catch
            {
                // Nothing left to report with.
            }
            return -1;
        }
    }
}

/// <summary>A .NET object for JavaScript: a constructor, a method taking a callback, a
/// property and an event.</summary>
public class Greeter(string name)
{
    public event EventHandler<string>? Greeted;

    public int Count { get; private set; }

    public string Greet(Func<string, string> decorate)
    {
        Count++;
        var text = decorate($"Hello, {name}");
        Greeted?.Invoke(this, text);
        return text;
    }
}
