using System.Security.Claims;
using Huying.Platform.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace Huying.Tests.Platform;

public sealed class RememberedTicketsTests
{
    /// <summary>Reads "good…" tokens as a ticket of that name and anything else as nothing, counting its reads.</summary>
    private sealed class Counting : ISecureDataFormat<AuthenticationTicket>
    {
        public int Reads { get; private set; }

        public string Protect(AuthenticationTicket data) => "good-" + data.AuthenticationScheme;

        public string Protect(AuthenticationTicket data, string? purpose) => Protect(data);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Reads++;
            return protectedText?.StartsWith("good", StringComparison.Ordinal) == true
                ? new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("t")), protectedText) : null;
        }
    }

    [Fact]
    public void ATokenIsDecryptedOnceAndItsTicketGivenBackAfterwards()
    {
        var inner = new Counting();
        var tickets = new RememberedTickets(inner);
        var first = tickets.Unprotect("good-1");
        Assert.Same(first, tickets.Unprotect("good-1"));
        Assert.NotSame(first, tickets.Unprotect("good-2"));
        Assert.Equal(2, inner.Reads);
    }

    [Fact]
    public void ATokenThatDoesNotReadIsNotRememberedAndAPurposeGoesStraightThrough()
    {
        var inner = new Counting();
        var tickets = new RememberedTickets(inner);
        Assert.Null(tickets.Unprotect("garbage"));
        Assert.Null(tickets.Unprotect("garbage"));
        Assert.Null(tickets.Unprotect(null));
        tickets.Unprotect("good-1", "another purpose");
        tickets.Unprotect("good-1", "another purpose");
        Assert.Equal(5, inner.Reads);
    }

    [Fact]
    public void WhenFullEverythingIsForgottenAndReadAgain()
    {
        var inner = new Counting();
        var tickets = new RememberedTickets(inner, capacity: 3);
        foreach (var token in new[] { "good-1", "good-2", "good-3", "good-1" })
        {
            tickets.Unprotect(token);
        }
        Assert.Equal(3, inner.Reads);
        tickets.Unprotect("good-4");
        tickets.Unprotect("good-1");
        Assert.Equal(5, inner.Reads);
    }
}
