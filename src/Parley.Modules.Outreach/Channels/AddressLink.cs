using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// An address Parley wrote to for an account: how a reply, a STOP, a bounce or an unsubscribe click finds the account
/// and customer it is about. The address is kept encrypted; its hash (of the normalised address) is what is looked up.
/// </summary>
public sealed class AddressLink
{
    private AddressLink() => (AddressHash, Address) = ("", "");

    public AddressLink(ContactChannel channel, string address, AccountId account, CustomerId customer, CreditorId creditor, Instant at)
    {
        Id = NewId.Next();
        Channel = channel;
        Address = address;
        AddressHash = Hash(channel, address);
        AccountId = account;
        CustomerId = customer;
        CreditorId = creditor;
        FirstUsedAt = at;
        LastUsedAt = at;
    }

    public Guid Id { get; private set; }

    public ContactChannel Channel { get; private set; }

    /// <summary>Hex SHA-256 of the channel and the normalised address (phone numbers and addresses sit in plain text in the contact points already; this is a lookup key, not a secret).</summary>
    public string AddressHash { get; private set; }

    public string Address { get; private set; }

    public AccountId AccountId { get; private set; }

    public CustomerId CustomerId { get; private set; }

    public CreditorId CreditorId { get; private set; }

    public Instant FirstUsedAt { get; private set; }

    public Instant LastUsedAt { get; set; }

    /// <summary>An e-mail address compares without case; a number as written in E.164.</summary>
    public static string Normalise(ContactChannel channel, string address) =>
        channel == ContactChannel.Email ? address.Trim().ToLowerInvariant() : address.Trim();

    public static string Hash(ContactChannel channel, string address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{channel}:{Normalise(channel, address)}")));
}

/// <summary>An address that cannot be delivered to (a hard bounce): the gate refuses contact to it until it is given again.</summary>
public sealed class InvalidAddress
{
    private InvalidAddress() => (AddressHash, Address, Reason) = ("", "", "");

    public InvalidAddress(ContactChannel channel, string address, CustomerId customer, string reason, Instant at)
    {
        Id = NewId.Next();
        Channel = channel;
        AddressHash = AddressLink.Hash(channel, address);
        Address = AddressLink.Normalise(channel, address);
        CustomerId = customer;
        Reason = reason;
        At = at;
    }

    public Guid Id { get; private set; }

    public ContactChannel Channel { get; private set; }

    public string AddressHash { get; private set; }

    /// <summary>The address (normalised), encrypted at rest: the gate's reader hands it over to be passed over.</summary>
    public string Address { get; private set; }

    public CustomerId CustomerId { get; private set; }

    /// <summary>The server's words, e.g. <c>5.1.1 user unknown</c> (no address in it).</summary>
    public string Reason { get; private set; }

    public Instant At { get; private set; }
}
