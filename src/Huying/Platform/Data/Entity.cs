namespace Huying.Platform.Data;

/// <summary>Entities whose creation, change and deletion go to the audit trail.</summary>
public interface IAudited
{
    long Id { get; }
}

/// <summary>Entities that belong to one community; the scope filter uses the code.</summary>
public interface ICommunityScoped
{
    string CommunityCode { get; }
}

/// <summary>An entity saved on someone's behalf by background work (a batched intake): its audit line names them.</summary>
public interface IActed
{
    Actor? ActedBy { get; }
}
