using System.Reflection;

namespace Huying.Tests.Platform;

/// <summary>The suite itself: tests written once for both providers run on both.</summary>
public sealed class SuiteTests
{
    [Fact]
    public void EveryAbstractClassOfTestsHasAConcreteClassThatRunsItsTests()
    {
        var types = typeof(SuiteTests).Assembly.GetTypes();
        var orphans = types
            .Where(t => t.IsAbstract && !t.IsSealed && t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .Where(t => !types.Any(c => !c.IsAbstract && t.IsAssignableFrom(c)))
            .Select(t => t.Name)
            .ToList();
        // DeliberationFlowTests lost its two concrete classes in an edit and ran nowhere for weeks.
        Assert.True(orphans.Count == 0, "Abstract test classes nothing runs: " + string.Join(", ", orphans));
    }
}
