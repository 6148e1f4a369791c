using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Inbound;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// The ways out and in: one <see cref="IChannelSender"/> per channel, chosen by configuration — SMTP when a host is
/// set, the SMS provider when its URL is set, otherwise the development outbox — and the inbound webhooks.
/// </summary>
public static class ChannelsRegistration
{
    public static IServiceCollection AddOutreachChannels(this IServiceCollection services)
    {
        services.AddOptions<OutreachChannelOptions>().BindConfiguration(OutreachChannelOptions.Section);
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<SmtpConnectionPool>();
        services.AddScoped<EmailComposer>();
        services.AddScoped<AddressLinks>();
        services.AddScoped<LetterRecipients>();
        services.AddScoped<ProviderSends>();
        services.AddScoped<ChannelSenders>();
        services.AddScoped<IChannelSender>(sp => sp.GetRequiredService<IOptions<OutreachChannelOptions>>().Value.Email.Smtp.IsConfigured
            ? ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp)
            : ActivatorUtilities.CreateInstance<DevOutboxSender>(sp, ContactChannel.Email));
        services.AddHttpClient(SandboxSmsSender.HttpClientName);
        services.AddScoped<IChannelSender>(sp => sp.GetRequiredService<IOptions<OutreachChannelOptions>>().Value.Sms.IsConfigured
            ? ActivatorUtilities.CreateInstance<SandboxSmsSender>(sp)
            : ActivatorUtilities.CreateInstance<DevOutboxSender>(sp, ContactChannel.Sms));
        services.AddScoped<IChannelSender, LetterSender>();
        services.AddUseCase<ReceiveInboundMessage>();
        services.AddScoped<MailboxTries>();
        services.AddUseCase<PollMailbox>();
        services.AddUseCase<GetAccountMessages>();
        services.AddUseCase<GetChannelSetup>();
        services.AddUseCase<ListDevOutbox>();
        services.AddUseCase<GetNextPlannedMessage>();
        services.AddUseCase<GetDevOutboxMessage>();
        services.AddUseCase<ReplyToDevOutboxMessage>();
        return services;
    }

    /// <summary><paramref name="api"/> is the module's <c>/api</c> group; <paramref name="app"/> the root (the unsubscribe link customers follow).</summary>
    public static void MapOutreachChannels(IEndpointRouteBuilder app, IEndpointRouteBuilder api)
    {
        GetAccountMessages.Map(api);
        UnsubscribeEndpoints.Map(app);
        SmsWebhooks.Map(api);
        EmailInbound.Map(api);
    }
}
