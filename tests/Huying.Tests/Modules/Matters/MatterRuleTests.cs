using CsCheck;
using Huying.Modules.Matters;
using Huying.Platform.Accounts;
using Huying.Platform.Calendar;
using Huying.Platform.Ratings;
using Huying.Platform.Web;

namespace Huying.Tests.Modules.Matters;

/// <summary>The state machine, deadline arithmetic and KPI formulas, without a database.</summary>
public sealed class MatterRuleTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);
    private static readonly MatterCategory Category = new()
    {
        Code = "drainage", Name = "排水防汛", NameEn = "Drainage", RespondMinutes = 120, ResolveMinutes = 24 * 60, VerifyMinutes = 24 * 60,
    };

    public static readonly string[] Actions =
        ["accept", "start", "escalate", "dispatch", "report", "resolve", "verify", "rate", "reject", "merge", "reopen", "extend", "reassign",
         "refuse-extension", "supervise"];

    /// <summary>DESIGN §3.2 as a table: the actions each state allows (anything else is refused with 409).</summary>
    public static readonly Dictionary<MatterState, string[]> Allowed = new()
    {
        [MatterState.Submitted] = ["accept", "reject", "merge", "reassign", "supervise"],
        [MatterState.Accepted] = ["start", "escalate", "resolve", "reject", "merge", "extend", "reassign", "supervise"],
        [MatterState.InProgress] = ["escalate", "resolve", "merge", "extend", "supervise"],
        [MatterState.Escalated] = ["dispatch", "resolve", "extend", "supervise"],
        [MatterState.Dispatched] = ["dispatch", "report", "extend", "supervise"],
        [MatterState.UnitAccepted] = ["dispatch", "resolve", "extend", "supervise"],
        [MatterState.Resolved] = ["verify", "rate", "reopen", "supervise"],
        [MatterState.Verified] = ["rate", "reopen"],
        [MatterState.Closed] = [],
        [MatterState.Rejected] = [],
        [MatterState.Merged] = [],
    };

    /// <summary>The state each allowed action leads a matter to, by DESIGN §3.2 (the walks below keep a rework at the grid).</summary>
    public static MatterState Leads(MatterState from, string action) => action switch
    {
        "accept" => MatterState.Accepted,
        "start" => MatterState.InProgress,
        "escalate" => MatterState.Escalated,
        "dispatch" => MatterState.Dispatched,
        "report" => MatterState.UnitAccepted,
        "resolve" => MatterState.Resolved,
        "verify" => MatterState.Verified,
        "rate" => MatterState.Closed,
        "reject" => MatterState.Rejected,
        "merge" => MatterState.Merged,
        "reopen" => MatterState.InProgress,
        _ => from,
    };

    private static Matter NewMatter(long id = 1) => new()
    {
        Id = id, TrackingCode = $"M-{id}", CommunityCode = "140827400016", GridId = 28, CategoryCode = "drainage", Description = "积水严重",
    };

    /// <summary>A grid matter walked to the given state along the usual road.</summary>
    internal static Matter In(MatterState state)
    {
        var m = NewMatter();
        m.Submit(T0, Category, WorkCalendar.Plain);
        var t = T0.AddMinutes(30);
        void Go(params string[] actions)
        {
            foreach (var a in actions)
            {
                Apply(m, a, t, other: null);
            }
        }
        switch (state)
        {
            case MatterState.Accepted: Go("accept"); break;
            case MatterState.InProgress: Go("accept", "start"); break;
            case MatterState.Escalated: Go("accept", "start", "escalate"); break;
            case MatterState.Dispatched: Go("accept", "start", "escalate", "dispatch"); break;
            case MatterState.UnitAccepted: Go("accept", "start", "escalate", "dispatch", "report"); break;
            case MatterState.Resolved: Go("accept", "start", "resolve"); break;
            case MatterState.Verified: Go("accept", "start", "resolve", "verify"); break;
            case MatterState.Closed: Go("accept", "start", "resolve", "verify", "rate"); break;
            case MatterState.Rejected: Go("reject"); break;
            case MatterState.Merged: Go("merge"); break;
        }
        return m;
    }

    /// <summary>Calls the entity with valid arguments for the action; the entity alone decides whether it may.</summary>
    internal static void Apply(Matter m, string action, DateTime now, Matter? other, Rating rating = Rating.Satisfied)
    {
        switch (action)
        {
            case "accept": m.Accept(now, Category, WorkCalendar.Plain); break;
            case "start": m.Start(now); break;
            case "escalate": m.Escalate("网格解决不了", now); break;
            case "dispatch": m.Dispatch(7, null, now); break;
            case "report": m.Report(7, now); break;
            case "resolve": m.Resolve("已修好", 1, now, Category, WorkCalendar.Plain); break;
            case "verify": m.Verify(now, TimeSpan.FromDays(7)); break;
            case "rate": m.Rate(rating, null, now); break;
            case "reject": m.Reject("不属于受理范围", now); break;
            case "merge":
                var into = other ?? NewMatter(2);
                if (other is null)
                {
                    into.Submit(T0, Category, WorkCalendar.Plain);
                }
                m.MergeInto(into, now);
                break;
            case "reopen": m.Reopen("现场未修好", now); break;
            case "extend": m.Extend((m.ResolveDueAt ?? now).AddDays(3), now); break;
            case "reassign": m.Reassign(m.GridId == 28 ? 29 : 28, now); break;
            case "refuse-extension": m.RefuseExtension(now); break;
            case "supervise": m.Supervise(now); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    public static TheoryData<MatterState, string> Pairs()
    {
        var data = new TheoryData<MatterState, string>();
        foreach (var state in Enum.GetValues<MatterState>())
        {
            foreach (var action in Actions)
            {
                data.Add(state, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EveryStateAllowsExactlyTheActionsOfTheTableAndLeadsWhereTheTableSays(MatterState state, string action)
    {
        var m = In(state);
        Assert.Equal(state, m.State);
        var allowed = Allowed[state].Contains(action);
        var error = Record.Exception(() => Apply(m, action, T0.AddHours(1), other: null));
        if (allowed)
        {
            Assert.Null(error);
            Assert.Equal(Leads(state, action), m.State);
        }
        else
        {
            Assert.IsType<RuleViolationException>(error);
            Assert.Equal(state, m.State);
        }
    }

    private static MatterActor Actor(long user, params string[] roles) => new(roles.ToHashSet(), user, null, null);

    [Fact]
    public void WhatThePageOffersIsWhatTheTableAllows()
    {
        // A secretary who is also a grid leader holds every action of the table but the unit's report and the on-site verify
        // (checked below with the handler rules).
        var secretary = Actor(2, Roles.CommunitySecretary, Roles.GridLeader);
        foreach (var state in Enum.GetValues<MatterState>())
        {
            var m = In(state);
            foreach (var action in Actions.Where(a => a is not ("report" or "refuse-extension" or "resolve")))
            {
                Assert.True((m.Refuses(MatterActions.ByName[action], secretary) is null) == Allowed[state].Contains(action), $"{state} × {action}");
            }
        }
    }

    [Fact]
    public void RefuseExtensionIsOfferedOnlyWhileARequestWaits()
    {
        var m = In(MatterState.InProgress);
        var secretary = Actor(2, Roles.CommunitySecretary);
        Assert.NotNull(m.Refuses(MatterAction.RefuseExtension, secretary));
        m.RequestExtension(m.ResolveDueAt!.Value.AddDays(2), "材料未到", T0.AddHours(1));
        Assert.Null(m.Refuses(MatterAction.RefuseExtension, secretary));
        Assert.Equal("An extension request is already waiting for the secretary", m.Refuses(MatterAction.Extend, Actor(3, Roles.GridWorker))!.Reason);
        Assert.Null(m.Refuses(MatterAction.Extend, secretary));
        m.RefuseExtension(T0.AddHours(2));
        Assert.NotNull(m.Refuses(MatterAction.RefuseExtension, secretary));
        Assert.Equal(MatterState.InProgress, m.State);
    }

    [Fact]
    public void OnlyTheCurrentHandlerResolvesAndSomeoneElseVerifies()
    {
        var unit = In(MatterState.UnitAccepted);
        Assert.True(unit.Refuses(MatterAction.Resolve, Actor(3, Roles.GridWorker))!.ByRole);
        Assert.Null(unit.Refuses(MatterAction.Resolve, Actor(3, Roles.UnitLiaison)));
        // The walk resolved it as user 1: user 1 may not verify it, user 2 may.
        var resolved = In(MatterState.Resolved);
        Assert.True(resolved.Refuses(MatterAction.Verify, Actor(1, Roles.GridWorker))!.ByRole);
        Assert.Null(resolved.Refuses(MatterAction.Verify, Actor(2, Roles.GridWorker)));
    }

    [Fact]
    public void AnUnsatisfiedRatingSendsTheMatterBackToItsLastHandler()
    {
        var grid = In(MatterState.Verified);
        grid.Rate(Rating.Unsatisfied, "没修好", T0.AddHours(3));
        Assert.Equal(MatterState.InProgress, grid.State);
        Assert.Equal(1, grid.ReopenCount);

        var unit = In(MatterState.UnitAccepted);
        unit.Resolve("已修", 1, T0.AddHours(2), Category, WorkCalendar.Plain);
        unit.Rate(Rating.Unsatisfied, null, T0.AddHours(3));
        Assert.Equal(MatterState.UnitAccepted, unit.State);
        Assert.Equal(unit.UnitDueAt, unit.DueAt);
    }

    [Fact]
    public void ADispatchCannotGiveTheUnitMoreTimeThanTheMatterHas()
    {
        var m = In(MatterState.Escalated);
        Assert.Throws<RuleViolationException>(() => m.Dispatch(7, m.ResolveDueAt!.Value.AddHours(1), T0.AddHours(1)));
        m.Extend(m.ResolveDueAt!.Value.AddDays(2), T0.AddHours(1));
        m.Dispatch(7, m.ResolveDueAt!.Value, T0.AddHours(1));
        Assert.Equal(1, m.ExtensionCount);
    }

    private static WorkCalendar China2026() => new(
        new HashSet<DateOnly>(Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d))),
        new HashSet<DateOnly> { new(2026, 9, 20), new(2026, 10, 10) });

    private static DateTime Local(int month, int day, int hour) => Display.ToUtc(new DateTime(2026, month, day, hour, 0, 0, DateTimeKind.Unspecified));

    [Fact]
    public void WorkingTimeSkipsTheWeekend()
    {
        // Friday 16:00 plus one working day is Monday 16:00.
        Assert.Equal(Local(11, 30, 16), China2026().Add(Local(11, 27, 16), 24 * 60, workingTime: true));
        // Saturday 10:00 plus two hours is Monday 02:00: the clock does not run on the weekend.
        Assert.Equal(Local(11, 30, 2), China2026().Add(Local(11, 28, 10), 120, workingTime: true));
        // In calendar time the weekend counts.
        Assert.Equal(Local(11, 28, 16), China2026().Add(Local(11, 27, 16), 24 * 60, workingTime: false));
    }

    [Fact]
    public void WorkingTimeSkipsHolidaysAndCountsMakeUpWorkingDays()
    {
        // 30 September 10:00 + 7 working days: 14 h that day, then 8, 9, 10 (a Saturday worked), 12, 13, 14 October, and 10 h of the 15th.
        Assert.Equal(Local(10, 15, 10), China2026().Add(Local(9, 30, 10), 7 * 24 * 60, workingTime: true));
        // Sunday 20 September is a make-up working day: the clock runs.
        Assert.Equal(Local(9, 20, 12), China2026().Add(Local(9, 20, 10), 120, workingTime: true));
        Assert.True(China2026().IsWorkday(new DateOnly(2026, 10, 10)));
        Assert.False(China2026().IsWorkday(new DateOnly(2026, 10, 5)));
    }

    [Fact]
    public void KpiFormulasMatchAHandComputedFixture()
    {
        // counted, accepted, on time, resolved, resolved on time, minutes, rated, satisfied, reopened, extended
        var rows = new[]
        {
            KpiCounts.Of("a", true, true, true, true, true, 600, true, true, 0, 0),
            KpiCounts.Of("a", true, true, false, true, false, 1800, true, false, 1, 1),
            KpiCounts.Of("a", true, true, true, false, false, 0, false, false, 0, 1),
            KpiCounts.Of("a", true, false, false, false, false, 0, false, false, 0, 0),
            KpiCounts.Of("a", false, true, true, true, true, 60, true, true, 0, 0),
        };
        var total = rows.Aggregate(KpiCounts.Zero("a"), (x, y) => x.Plus(y));
        Assert.Equal(4, total.Submitted);
        Assert.Equal(0.5, total.ResponseRate);
        Assert.Equal(0.5, total.ResolutionRate);
        Assert.Equal(0.5, total.OnTimeRate);
        Assert.Equal(0.5, total.SatisfactionRate);
        Assert.Equal(0.5, total.ReworkRate);
        Assert.Equal(0.6667, total.ExtensionRate);
        Assert.Equal(20.0, total.AverageHandlingHours);

        var empty = KpiCounts.Of("b", true, false, false, false, false, 0, false, false, 0, 0);
        Assert.Equal(0.0, empty.ResponseRate);
        Assert.Null(empty.OnTimeRate);
        Assert.Null(empty.SatisfactionRate);
        Assert.Null(empty.ReworkRate);
        Assert.Null(empty.ExtensionRate);
        Assert.Null(empty.AverageHandlingHours);
        Assert.Null(KpiCounts.Zero("c").ResponseRate);
    }

    [Theory]
    [InlineData("河边三巷一下雨就积水，没过脚踝", "河边三巷又积水了，下雨就没过脚踝", true)]
    [InlineData("河边三巷一下雨就积水，没过脚踝", "楼上装修噪音太大，影响休息", false)]
    public void SimilarChineseTextsAreFoundByTheirCharacterPairs(string a, string b, bool similar) =>
        Assert.Equal(similar, TextSimilarity.Dice(a, b) >= TextSimilarity.DuplicateThreshold);

    [Fact]
    public void TheSimilarityOfTwoTextsIsTheShareOfTheirCharacterPairsCountedAsOftenAsBothHaveThem()
    {
        // The count spelled out: each text's pairs of letters and digits, lower case; the pairs they share, each as
        // many times as the text with fewer of it has it; twice that over the two counts.
        static double Reference(string a, string b)
        {
            static List<string> Pairs(string t)
            {
                var c = t.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray();
                return [.. Enumerable.Range(0, Math.Max(0, c.Length - 1)).Select(i => new string(c, i, 2))];
            }
            var x = Pairs(a);
            var y = Pairs(b);
            if (x.Count == 0 || y.Count == 0)
            {
                return 0;
            }
            var shared = x.GroupBy(p => p).Sum(g => Math.Min(g.Count(), y.Count(q => q == g.Key)));
            return 2.0 * shared / (x.Count + y.Count);
        }
        // Texts from a few characters (so pairs repeat), with case, punctuation, spaces and surrogate halves.
        var text = Gen.String[Gen.Char["河边三巷积水下雨路灯aAbB1 ，。！\uD83D\uDE00"], 0, 60];
        Gen.Select(text, text).Sample((a, b) => Math.Abs(TextSimilarity.Dice(a, b) - Reference(a, b)) < 1e-12, iter: 2000);
        Assert.Equal(1.0, TextSimilarity.Dice(new string('河', 600) + "边", new string('河', 600) + "边"));
    }
}
