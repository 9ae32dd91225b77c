using System.Net;
using System.Net.Sockets;

namespace Huying.Tests.Infrastructure;

/// <summary>
/// A loopback port that passes every byte to a server and back, and can be cut (open connections dropped, new ones
/// refused) and restored on the same port: the database going away and coming back, as the app sees it.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly string host;
    private readonly int port;
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;
    private CancellationTokenSource stop = new();

    public TcpForwarder(string host, int port)
    {
        (this.host, this.port) = (host, port);
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync(listener, stop.Token);
    }

    public int Port { get; }

    /// <summary>Drops every open connection and refuses new ones.</summary>
    public void Cut()
    {
        stop.Cancel();
        listener?.Stop();
        listener = null;
        lock (open)
        {
            foreach (var c in open)
            {
                try
                {
                    // A reset, as when the server's host goes away, not a polite close.
                    c.Client?.LingerState = new LingerOption(true, 0);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }
                c.Dispose();
            }
            open.Clear();
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public void Restore()
    {
        stop = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        _ = AcceptAsync(listener, stop.Token);
    }

    private async Task AcceptAsync(TcpListener on, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await on.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(host, port, ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (open)
            {
                open.Add(inbound);
                open.Add(outbound);
            }
            _ = PipeAsync(inbound, outbound);
            _ = PipeAsync(outbound, inbound);
        }
    }

    private static async Task PipeAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
