namespace Huying.Platform.Localization;

/// <summary>
/// An enum shown to people by its members' names: each member's name is a key of the localization dictionary
/// (<see cref="Tr.Name"/>), and the translation check requires a zh-CN entry for every member.
/// </summary>
[AttributeUsage(AttributeTargets.Enum)]
public sealed class LocalizedAttribute : Attribute;
