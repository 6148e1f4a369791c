using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Parley.Modules.Payments.Ledger;
using Parley.Modules.Payments.Webhooks;

namespace Parley.Modules.Payments;

public static class PaymentsEndpoints
{
    public static IEndpointRouteBuilder MapPaymentsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Payments");
        RecordPayment.Map(api);
        ReverseEntry.Map(api);
        ReadLedger.Map(api);
        ReceiveWebhook.Map(api);
        return app;
    }
}
