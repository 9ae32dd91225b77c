using System.Globalization;
using Huying.Platform.Composition;

namespace Huying.Modules.Deliberation;

/// <summary>党建+治理创新, after the closed loop: the residents' deliberation — meetings held, who came, topics decided and carried out, objections answered.</summary>
public sealed class DeliberationBriefing(DeliberationService deliberation) : IBriefingSection
{
    public async Task<BriefingPart?> WriteAsync(BriefingScope scope, DateOnly today, CancellationToken ct)
    {
        // The period's local days: from the first day's midnight to the midnight after the last (times without a zone
        // are the county's, in the figures and in the link to them alike).
        var (from, to) = (scope.From.ToDateTime(TimeOnly.MinValue), scope.To.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var f = await deliberation.FiguresAsync(scope.Division, from, to, ct);
        if (f.MeetingsHeld == 0 && f.TopicsDecided == 0)
        {
            return null;
        }
        static string Instant(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var s = new SentenceBuilder($"/api/deliberation/figures?division={scope.Division}&from={Instant(from)}&to={Instant(to)}", scope.Page("/deliberation"))
            .Say("推行居民议事协商");
        if (f.MeetingsHeld > 0)
        {
            s.Say("，召开议事会").About("meetingsHeld", f.MeetingsHeld, "次");
            if (f.ParticipantsPresent > 0)
            {
                s.Say("、参会").About("participantsPresent", f.ParticipantsPresent, "人次");
            }
        }
        if (f.TopicsDecided > 0)
        {
            s.Say("，议定事项").About("topicsDecided", f.TopicsDecided, "件");
            if (f.TopicsImplemented > 0)
            {
                s.Say("，已落实").About("topicsImplemented", f.TopicsImplemented, "件");
            }
        }
        if (f.Objections > 0)
        {
            s.Say("；公示期间收到异议").About("objections", f.Objections, "件").Say("，已答复").About("objectionsAnswered", f.ObjectionsAnswered, "件");
        }
        return new BriefingPart("党建+治理创新", 20, [s.Say("。").Done()]);
    }
}
