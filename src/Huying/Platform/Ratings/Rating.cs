namespace Huying.Platform.Ratings;

/// <summary>A resident's verdict on work done for them (a matter, a project, a service case): 满意, 基本满意, 不满意.</summary>
public enum Rating
{
    Satisfied = 1,
    BasicallySatisfied = 2,
    Unsatisfied = 3,
}

public static class RatingText
{
    /// <summary>The English key of the rating's name (translated where shown).</summary>
    public static string Name(Rating r) => r switch
    {
        Rating.Satisfied => "Satisfied",
        Rating.BasicallySatisfied => "Basically satisfied",
        _ => "Unsatisfied",
    };

    /// <summary>Parses satisfied, basicallySatisfied or unsatisfied (any case); null otherwise.</summary>
    public static Rating? Parse(string? value) =>
        Enum.TryParse<Rating>(value, true, out var rating) && Enum.IsDefined(rating) ? rating : null;
}
