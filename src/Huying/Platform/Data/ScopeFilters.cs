using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Data;

/// <summary>
/// What a module uses to put its entities under the caller's scope. A filter is written against the context
/// (its <c>Scope…</c> members); the context that builds the model stands in for it, and EF evaluates those
/// members on whichever context runs a query, exactly as for a filter written inside OnModelCreating.
/// </summary>
public sealed class ScopeFilters(ModelBuilder builder, HuyingDbContext context)
{
    public void Add<T>(Expression<Func<HuyingDbContext, T, bool>> filter) where T : class
    {
        var body = new Substitute(filter.Parameters[0], Expression.Constant(context, typeof(HuyingDbContext))).Visit(filter.Body);
        builder.Entity<T>().HasQueryFilter(Expression.Lambda<Func<T, bool>>(body, filter.Parameters[1]));
    }

    /// <summary>Community-level records: staff of the community (and everyone above it) see them.</summary>
    public void ByCommunity<T>() where T : class =>
        ByCode<T>((db, code) => db.ScopeAll || db.ScopeCommunities.Contains(code));

    /// <summary>Care records (health aid): only the care roles of the village see them, whatever else the scope holds.</summary>
    public void ByCare<T>() where T : class =>
        ByCode<T>((db, code) => db.ScopeCareAll || db.ScopeCareCommunities.Contains(code));

    /// <summary>
    /// Records owned by another record (a project's milestones, say): a rule over the owner's id (the entity's
    /// <paramref name="ownerProperty"/>) and the entity's own community code.
    /// </summary>
    public void ByOwner<T>(string ownerProperty, Expression<Func<HuyingDbContext, long, string, bool>> rule) where T : class
    {
        var db = Expression.Parameter(typeof(HuyingDbContext), "db");
        var x = Expression.Parameter(typeof(T), "x");
        var owner = Expression.Property(x, typeof(T).GetProperty(ownerProperty)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no {ownerProperty}"));
        var code = Expression.Property(x, typeof(T).GetProperty("CommunityCode")
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no CommunityCode"));
        var body = new Substitute(rule.Parameters[2], code).Visit(new Substitute(rule.Parameters[1], owner).Visit(new Substitute(rule.Parameters[0], db).Visit(rule.Body)));
        Add(Expression.Lambda<Func<HuyingDbContext, T, bool>>(body, db, x));
    }

    private void ByCode<T>(Expression<Func<HuyingDbContext, string, bool>> rule) where T : class
    {
        // The entity's own CommunityCode property (not the interface's), so that EF maps it to its column.
        var db = Expression.Parameter(typeof(HuyingDbContext), "db");
        var x = Expression.Parameter(typeof(T), "x");
        var code = Expression.Property(x, typeof(T).GetProperty("CommunityCode")
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no CommunityCode"));
        var body = new Substitute(rule.Parameters[1], code).Visit(new Substitute(rule.Parameters[0], db).Visit(rule.Body));
        Add(Expression.Lambda<Func<HuyingDbContext, T, bool>>(body, db, x));
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
