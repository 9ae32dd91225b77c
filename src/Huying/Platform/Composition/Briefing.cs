using System.Globalization;
using System.Text;

namespace Huying.Platform.Composition;

/// <summary>The scope and period a briefing is written for; <see cref="Since"/> opens its sentences the way the report does.</summary>
public sealed record BriefingScope(string Division, string DivisionName, DateOnly From, DateOnly To)
{
    /// <summary>"今年以来" for a year to date, otherwise "M月d日以来" (or the whole span when it ended before today).</summary>
    public string Since(DateOnly today) =>
        From == new DateOnly(To.Year, 1, 1) && To >= today ? "今年以来"
        : To >= today ? $"{From.Month}月{From.Day}日以来"
        : $"{From:yyyy年M月d日}至{To:yyyy年M月d日}";

    /// <summary>The query a module's figures endpoint is asked with for this scope and period.</summary>
    public string Query => $"division={Division}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";

    /// <summary>A list page of the scope: narrowed to the community when the scope is one (lists take a community, not a county).</summary>
    public string Page(string path) => Division.Length == 12 ? $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}community={Division}" : path;
}

/// <summary>
/// A number a sentence states: its name in the figures endpoint, its value, how the sentence shows it, where it comes
/// from, and the page listing the records behind it (what a reader clicks).
/// </summary>
public sealed record BriefingFigure(string Name, decimal Value, string Shown, string Source, string? Page = null);

public sealed record BriefingSentence(string Text, IReadOnlyList<BriefingFigure> Figures);

/// <summary>A module's sentences under one practice (党建+志愿服务, 医疗帮扶…); sections of one practice are joined in order.</summary>
public sealed record BriefingPart(string Practice, int Order, IReadOnlyList<BriefingSentence> Sentences);

/// <summary>
/// A module's part of the briefing (工作简报): sentences in the report's style whose every number comes from the
/// module's figures for the scope and period, or null when the scope has nothing of it.
/// </summary>
public interface IBriefingSection
{
    Task<BriefingPart?> WriteAsync(BriefingScope scope, DateOnly today, CancellationToken ct);
}

/// <summary>The briefing sections the modules registered, by type: each is written in a service scope of its own, side by side.</summary>
public sealed class BriefingSections(IEnumerable<Type> types)
{
    public IReadOnlyList<Type> Types { get; } = [.. types];
}

public static class BriefingSetup
{
    public static IServiceCollection AddBriefingSection<T>(this IServiceCollection services) where T : class, IBriefingSection
    {
        services.AddScoped<T>();
        services.AddSingleton(new BriefingSectionType(typeof(T)));
        if (!services.Any(d => d.ServiceType == typeof(BriefingSections)))
        {
            services.AddSingleton(sp => new BriefingSections(sp.GetServices<BriefingSectionType>().Select(t => t.Type)));
        }
        return services;
    }
}

public sealed record BriefingSectionType(Type Type);

/// <summary>How such reports write numbers: "30余", "2300余", "13000余", "2万余"; small and round numbers as they are.</summary>
public static class ReportNumbers
{
    /// <summary>
    /// Down to one leading digit below a thousand and two from a thousand on, with "余" when something was cut:
    /// 836 → 800余, 2,346 → 2300余, 13,120 → 13000余, 20,400 → 2万余; below ten, or nothing cut, exact.
    /// </summary>
    public static string About(long n)
    {
        if (n < 10)
        {
            return n.ToString(CultureInfo.InvariantCulture);
        }
        var digits = n.ToString(CultureInfo.InvariantCulture).Length;
        var unit = (long)Math.Pow(10, digits - (digits <= 3 ? 1 : 2));
        var floor = n / unit * unit;
        return floor == n ? n.ToString(CultureInfo.InvariantCulture)
            : n >= 10_000 && floor % 10_000 == 0 ? $"{floor / 10_000}万余"
            : $"{floor}余";
    }

    /// <summary>A rate as the report writes it: "95%".</summary>
    public static string Percent(double rate) => (Math.Round((decimal)rate * 100, 0, MidpointRounding.AwayFromZero)).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Yuan as 万元 ("780万元"), to two decimals where needed.</summary>
    public static string TenThousandYuan(decimal yuan) => (yuan / 10_000m).ToString("0.##", CultureInfo.InvariantCulture) + "万元";
}

/// <summary>Writes one sentence and keeps the figures it states, each with its source (a figures endpoint and query).</summary>
public sealed class SentenceBuilder(string source, string? page = null)
{
    private readonly StringBuilder text = new();
    private readonly List<BriefingFigure> figures = [];

    public SentenceBuilder Say(string words)
    {
        text.Append(words);
        return this;
    }

    /// <summary>A count rounded the report's way ("30余次").</summary>
    public SentenceBuilder About(string name, long value, string unit) => Figure(name, value, ReportNumbers.About(value) + unit);

    /// <summary>A count as it is ("15个").</summary>
    public SentenceBuilder Exactly(string name, long value, string unit) => Figure(name, value, value.ToString(CultureInfo.InvariantCulture) + unit);

    public SentenceBuilder Percent(string name, double rate) => Figure(name, (decimal)rate, ReportNumbers.Percent(rate));

    public SentenceBuilder Money(string name, decimal yuan) => Figure(name, yuan, ReportNumbers.TenThousandYuan(yuan));

    /// <summary>A figure shown as given (e.g. "不足5人" for a masked count).</summary>
    public SentenceBuilder Figure(string name, decimal value, string shown)
    {
        text.Append(shown);
        figures.Add(new BriefingFigure(name, value, shown, source, page));
        return this;
    }

    public BriefingSentence Done() => new(text.ToString(), [.. figures]);
}
