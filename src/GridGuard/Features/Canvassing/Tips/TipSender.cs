using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// Turns the sender's IP address into a keyed hash (HMAC-SHA256, hex) for the abuse limits; the address itself is
/// never stored or logged. IPv6 senders are counted by their /64 network (one home or phone gets a whole /64), an
/// IPv4-mapped address as IPv4, and a request without an address as one "unknown" sender.
/// Behind a reverse proxy, configure forwarded headers so that RemoteIpAddress is the client, not the proxy.
/// </summary>
public sealed class TipSender
{
    private readonly byte[] key;

    public TipSender(IOptions<TipsOptions> options, ILogger<TipSender> log)
    {
        var secret = options.Value.SenderSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            key = RandomNumberGenerator.GetBytes(32);
            log.LogWarning("Tips:SenderSecret is not configured; a random key is used, so per-IP tip limits restart with the process");
        }
        else
        {
            key = Encoding.UTF8.GetBytes(secret);
        }
    }

    public string Hash(IPAddress? address) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Canonical(address))));

    /// <summary>The form of the address that is counted: IPv4 as is, IPv6 as its /64 network, none as "unknown".</summary>
    public static string Canonical(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
