using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Creditors;
using Parley.Modules.Accounts.Import;

namespace Parley.Web.Tests;

/// <summary>
/// A client generated from the served OpenAPI document by a standard generator (Kiota, the pinned local dotnet tool)
/// compiles and works: against the real host on loopback it signs in through the token endpoint, reads typed ids,
/// instants and decimals, records a payment, and gets a typed problem for a 404.
/// </summary>
public sealed class GeneratedClientTests
{
    private const string Placement =
        "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements\n"
        + "ACME-CARD,CUST-1001,Maria,Lopez,1982-04-12,es-US,12 Beacon Street,,Boston,02108,US-MA,,(617) 253-0142,call+sms,,,maria.lopez@example.com,personal,yes,AC-500001,credit_card,Acme Bank,USD,2450.00,310.25,35.00,2026-05-31,2026-02-14,182,2032-02-14,open,\n";

    [Fact]
    public async Task A_kiota_client_signs_in_and_records_a_payment()
    {
        await using var host = await StaffHost.StartAsync();
        var baseAddress = host.Factory.StartOnLoopback();
        await SeedOneAccountAsync(host);

        var work = Directory.CreateTempSubdirectory("parley-kiota-");
        try
        {
            using var http = new HttpClient { BaseAddress = baseAddress };
            var document = Path.Combine(work.FullName, "openapi.json");
            await File.WriteAllTextAsync(document, await http.GetStringAsync("/api/openapi/v1.json", TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            var output = Path.Combine(work.FullName, "client");
            await GenerateAsync(document, output);

            var driver = Compile(Directory.EnumerateFiles(output, "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText).Append(DriverSource));
            var run = (Task<Dictionary<string, object?>>)driver.GetType("Parley.ClientCheck.Driver")!.GetMethod("RunAsync")!
                .Invoke(null, [baseAddress, StaffHost.AdminEmail, StaffHost.AdminPassword, TestContext.Current.CancellationToken])!;
            var seen = await run;

            seen["tokenType"].ShouldBe("Bearer");
            seen["accountRef"].ShouldBe("AC-500001");
            seen["outstandingBefore"].ShouldBe(2795.25m);
            seen["paid"].ShouldBe(100.00m);
            seen["outstandingAfterPayment"].ShouldBe(2695.25m);
            seen["outstandingRead"].ShouldBe(2695.25m);
            seen["currency"].ShouldBe("USD");
            seen["missingAccountStatus"].ShouldBe(404);
            seen["missingAccountCode"].ShouldBe("payments.account_not_found");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task SeedOneAccountAsync(StaffHost host)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CreateCreditor.Handler>()
            .HandleAsync(new CreateCreditor.Request("ACME-CARD", "Acme Card Services", "USD"), CancellationToken.None);
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(Placement));
        var run = await scope.ServiceProvider.GetRequiredService<PlacementImporter>()
            .ImportAsync(new PlacementImportRequest(file, "one.csv", DryRun: false), CancellationToken.None);
        run.RowsRejected.ShouldBe(0);
    }

    /// <summary>Runs the pinned Kiota from the tool manifest, offline and without telemetry.</summary>
    private static async Task GenerateAsync(string document, string output)
    {
        var environment = new Dictionary<string, string>
        {
            ["KIOTA_OFFLINE_ENABLED"] = "true",
            ["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true",
            ["KIOTA_TUTORIAL_ENABLED"] = "false",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var (exitCode, log) = await ExternalTools.RunAsync(
            "dotnet",
            ["tool", "run", "kiota", "generate", "--language", "CSharp", "--openapi", document, "--output", output,
                "--class-name", "ParleyClient", "--namespace-name", "Parley.Client", "--exclude-backward-compatible", "--log-level", "Warning"],
            ExternalTools.RepositoryRoot,
            environment);
        if (exitCode != 0 && log.Contains("dotnet tool restore", StringComparison.Ordinal))
        {
            ExternalTools.Missing($"Kiota is not restored: run `dotnet tool restore`.\n{log}");
        }

        exitCode.ShouldBe(0, log);
    }

    /// <summary>Compiles the generated client with the driver below in memory, against the Kiota libraries the tests reference.</summary>
    private static Assembly Compile(IEnumerable<string> sources)
    {
        // The generated code asks for these symbols to use nullable annotations.
        var parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["NET", "NETCOREAPP", "NETCOREAPP3_1_OR_GREATER", "NET5_0_OR_GREATER", "NET8_0_OR_GREATER"]);
        _ = typeof(Microsoft.Kiota.Http.HttpClientLibrary.HttpClientRequestAdapter);
        _ = typeof(Microsoft.Kiota.Serialization.Json.JsonParseNodeFactory);
        _ = typeof(Microsoft.Kiota.Serialization.Text.TextParseNodeFactory);
        _ = typeof(Microsoft.Kiota.Serialization.Form.FormParseNodeFactory);
        _ = typeof(Microsoft.Kiota.Serialization.Multipart.MultipartSerializationWriterFactory);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            $"Parley.Client.Generated{Guid.CreateVersion7():N}",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, parse)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var assembly = new MemoryStream();
        var result = compilation.Emit(assembly);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        errors.ShouldBeEmpty(string.Join('\n', errors.Take(20)));
        assembly.Position = 0;
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(assembly);
    }

    /// <summary>
    /// Uses the generated client as a developer would. The typed locals are the point: they compile only when the
    /// document says ids are UUIDs, instants date-times and amounts decimals.
    /// </summary>
    private const string DriverSource = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Kiota.Abstractions.Authentication;
        using Microsoft.Kiota.Http.HttpClientLibrary;
        using Parley.Client;
        using Parley.Client.Models;

        namespace Parley.ClientCheck;

        public static class Driver
        {
            public static async Task<Dictionary<string, object?>> RunAsync(Uri baseUrl, string email, string password, CancellationToken ct)
            {
                var seen = new Dictionary<string, object?>();
                using var http = new HttpClient();
                var root = baseUrl.ToString().TrimEnd('/');
                var anonymous = new ParleyClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = root });
                AccessTokenResponse token = (await anonymous.Api.Auth.Token.PostAsync(new TokenRequest { Email = email, Password = password }, cancellationToken: ct))!;
                seen["tokenType"] = token.TokenType;

                var client = new ParleyClient(new HttpClientRequestAdapter(new BaseBearerTokenAuthenticationProvider(new StaticToken(token.AccessToken!)), httpClient: http) { BaseUrl = root });
                AccountPage page = (await client.Api.Accounts.GetAsync(c => c.QueryParameters.PageSize = 1, ct))!;
                AccountSummary account = page.Items![0];
                Guid id = account.AccountId!.Value;
                seen["accountRef"] = account.CreditorReference;

                BalanceResponse before = (await client.Api.Accounts[id].Balance.GetAsync(cancellationToken: ct))!;
                decimal outstandingBefore = before.Outstanding!.Value;
                seen["outstandingBefore"] = outstandingBefore;

                PaymentResponse payment = (await client.Api.Accounts[id].Payments.PostAsync(
                    new RecordPaymentBody { Amount = 100.00m, Currency = before.Currency, Method = "card", Reference = "generated-client" },
                    c => c.Headers.Add("Idempotency-Key", "generated-client-1"),
                    ct))!;
                Guid entryId = payment.Entry!.Id!.Value;
                DateTimeOffset occurredAt = payment.Entry.OccurredAt!.Value;
                seen["entry"] = (entryId, occurredAt);
                seen["paid"] = payment.Entry.Amount;
                seen["outstandingAfterPayment"] = payment.Balance!.Outstanding;
                seen["currency"] = payment.Entry.Currency;

                BalanceResponse after = (await client.Api.Accounts[id].Balance.GetAsync(cancellationToken: ct))!;
                seen["outstandingRead"] = after.Outstanding;

                try
                {
                    await client.Api.Accounts[Guid.Empty].Balance.GetAsync(cancellationToken: ct);
                }
                catch (ProblemDetails problem)
                {
                    seen["missingAccountStatus"] = problem.Status;
                    seen["missingAccountCode"] = problem.Code;
                }

                return seen;
            }

            private sealed class StaticToken(string token) : IAccessTokenProvider
            {
                public AllowedHostsValidator AllowedHostsValidator { get; } = new();

                public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
                    Task.FromResult(token);
            }
        }
        """;
}
