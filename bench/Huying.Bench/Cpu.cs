using System.Diagnostics;

namespace Huying.Bench;

/// <summary>CPU time of processes, from /proc, for the benchmarks that say where a request's time went.</summary>
internal static class Cpu
{
    private static readonly double Tick = 100.0;

    /// <summary>User and system CPU seconds of a process, from /proc.</summary>
    public static double OfProcess(int pid)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / Tick;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// CPU seconds of every process whose command is <paramref name="name"/> (the PostgreSQL server's backends,
    /// which rewrite their command lines, so not by <see cref="Process.GetProcessesByName(string)"/>).
    /// </summary>
    public static double OfName(string name) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsAsciiDigit)).Sum(d =>
        {
            try
            {
                return File.ReadAllText($"/proc/{d}/comm").Trim() == name ? OfProcess(int.Parse(d!)) : 0;
            }
            catch (IOException)
            {
                return 0;
            }
        });

    /// <summary>The whole machine's CPU seconds since boot, all cores together: idle (and waiting for I/O), and all.</summary>
    public static (double Idle, double All) OfMachine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return ((fields[3] + fields[4]) / Tick, fields.Take(8).Sum() / Tick);
    }
}
