using Parley.Modules.Accounts;
using Parley.Modules.Arrangements;
using Parley.Modules.Care;
using Parley.Modules.Compliance;
using Parley.Modules.Decisioning;
using Parley.Modules.Outreach;
using Parley.Modules.Payments;

namespace Parley.Web.Composition;

/// <summary>Each module's route table, mapped in one place.</summary>
public static class ParleyEndpoints
{
    public static IEndpointRouteBuilder MapParleyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAccountsEndpoints();
        app.MapPaymentsEndpoints();
        app.MapComplianceEndpoints();
        app.MapArrangementsEndpoints();
        app.MapDecisioningEndpoints();
        app.MapOutreachEndpoints();
        app.MapCareEndpoints();
        PortfolioSummaryEndpoint.Map(app);
        return app;
    }
}
