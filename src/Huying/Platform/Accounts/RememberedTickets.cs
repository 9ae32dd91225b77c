using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace Huying.Platform.Accounts;

/// <summary>
/// Bearer tokens read once per instance: an API client (the 12345 bridge, a grid app) sends the same token with every
/// request of its hour, and decrypting and deserialising it each time was about a twentieth of an intake's CPU. A token
/// read before gives back the ticket read then. The bearer handler still checks the ticket's expiry on every request and
/// <see cref="Sessions"/> the account's security stamp, so a remembered token expires and ends at sign-out as before.
/// Only tokens that read are remembered (a stranger's garbage costs a decryption as before and fills nothing), at most
/// <paramref name="capacity"/>, forgotten all at once when full.
/// </summary>
public sealed class RememberedTickets(ISecureDataFormat<AuthenticationTicket> inner, int capacity = 10_000) : ISecureDataFormat<AuthenticationTicket>
{
    private readonly ConcurrentDictionary<string, AuthenticationTicket> read = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        if (read.TryGetValue(protectedText, out var known))
        {
            return known;
        }
        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            if (read.Count >= capacity)
            {
                read.Clear();
            }
            read[protectedText] = ticket;
        }
        return ticket;
    }
}
