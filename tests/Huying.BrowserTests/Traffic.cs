using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Huying.BrowserTests;

/// <summary>
/// What each page asked the app and heard back: a server error (5xx) fails the test at its next settle, and a wait
/// that times out says where the page was and what it last heard, instead of only that it waited.
/// </summary>
public static class Traffic
{
    private const int Kept = 8;

    private sealed class Log
    {
        public readonly Queue<string> Recent = new();
        public readonly List<string> ServerErrors = [];
        public readonly HashSet<IRequest> Pending = [];
    }

    private static readonly ConditionalWeakTable<IPage, Log> Logs = [];

    public static void Watch(IPage page)
    {
        var log = Logs.GetValue(page, _ => new Log());
        page.Request += (_, request) =>
        {
            lock (log)
            {
                log.Pending.Add(request);
            }
        };
        page.RequestFinished += (_, request) =>
        {
            lock (log)
            {
                log.Pending.Remove(request);
            }
        };
        page.Response += (_, response) =>
        {
            var line = $"{response.Request.Method} {response.Url} → {response.Status}";
            lock (log)
            {
                log.Recent.Enqueue(line);
                while (log.Recent.Count > Kept)
                {
                    log.Recent.Dequeue();
                }
                if (response.Status >= 500)
                {
                    log.ServerErrors.Add(line);
                }
            }
        };
        page.RequestFailed += (_, request) =>
        {
            lock (log)
            {
                log.Pending.Remove(request);
                log.Recent.Enqueue($"{request.Method} {request.Url} ✗ {request.Failure}");
            }
        };
    }

    /// <summary>Fails if the app answered the page with a server error since the last look.</summary>
    public static void ThrowOnServerErrors(IPage page)
    {
        if (!Logs.TryGetValue(page, out var log))
        {
            return;
        }
        lock (log)
        {
            if (log.ServerErrors.Count > 0)
            {
                var errors = string.Join("; ", log.ServerErrors);
                log.ServerErrors.Clear();
                throw new InvalidOperationException($"The app answered with a server error: {errors}");
            }
        }
    }

    /// <summary>Where the page is and the last requests it made, for a message.</summary>
    public static string Describe(IPage page)
    {
        if (!Logs.TryGetValue(page, out var log))
        {
            return $"at {page.Url}";
        }
        lock (log)
        {
            return $"at {page.Url}; last heard: {string.Join(" | ", log.Recent)}; still waiting for: {string.Join(" | ", log.Pending.Select(r => $"{r.Method} {r.Url}"))}";
        }
    }
}
