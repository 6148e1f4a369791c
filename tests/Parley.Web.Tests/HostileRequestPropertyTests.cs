using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.Mvc.Testing;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.Webhooks;
using Parley.Testing;
using Parley.Web.Tests.Guarded;

namespace Parley.Web.Tests;

/// <summary>
/// Generated hostile requests to every operation of the OpenAPI document the running host serves, sent by a signed-in
/// admin (webhooks correctly signed, so the signature is not what refuses them): bodies shaped like the operation's
/// schema with wrong types, nulls, NULs and control characters, huge numbers and very long strings in its fields, or
/// random JSON, deep nesting and bytes that are not JSON at all; hostile path, query and header values. None may be
/// answered with a 5xx. A failure prints the request and CsCheck's seed; each 5xx found so far is a fact below.
/// </summary>
public sealed class HostileRequestPropertyTests
{
    private const string Secret = "whsec_hostile_property";

    /// <summary>The webhook's event fields, which its description documents (the body is read raw, so it has no schema).</summary>
    private static readonly string[] WebhookFields = ["id", "type", "account_id", "amount", "currency", "occurred_at", "reference", "method"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task No_generated_hostile_request_to_any_endpoint_is_answered_with_a_5xx(DatabaseProvider provider)
    {
        await using var world = await GuardedWorld.StartAsync(provider);
        await using var web = world.Factory.WithWebHostBuilder(b => b.UseSetting("Payments:Providers:sandbox:WebhookSecret", Secret));
        using var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ParleyWebFactory.RolesHeader, StaffRoles.Admin);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var document = JsonNode.Parse(await client.GetStringAsync("/api/openapi/v1.json", Ct))!;
        var ids = world.Accounts.Values.Select(a => a.ToString()).Concat(world.Creditors.Values.Select(c => c.ToString())).ToArray();
        var generator = new HostileRequests(document, ids);
        generator.Operations.Count.ShouldBeGreaterThan(25);
        var signedAt = world.Factory.Time.GetUtcNow().ToUnixTimeSeconds();

        await generator.Requests.SampleAsync(
            async request =>
            {
                using var message = request.ToMessage(signedAt);
                using var response = await client.SendAsync(message, Ct);
                if ((int)response.StatusCode >= 500)
                {
                    throw new ShouldAssertException($"{request} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
                }
            },
            iter: 1_000,
            threads: 1,
            print: request => request.ToString());
    }

    /// <summary>One generated request: its operation, URL, body and headers.</summary>
    internal sealed record HostileRequest(string Method, string Url, byte[]? Body, string? ContentType, IReadOnlyList<(string Name, string Value)> Headers, bool SignAsWebhook)
    {
        public HttpRequestMessage ToMessage(long signedAt)
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), Url);
            if (Body is not null)
            {
                message.Content = ContentType?.StartsWith("multipart/", StringComparison.Ordinal) == true
                    ? Multipart(Body)
                    : new ByteArrayContent(Body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(ContentType ?? "application/json") } };
            }

            foreach (var (name, value) in Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            if (SignAsWebhook)
            {
                message.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(Secret, signedAt, Body ?? []));
            }

            return message;
        }

        public override string ToString()
        {
            var body = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body);
            body = body.Length > 400 ? $"{body[..400]}… ({body.Length} characters)" : body;
            return $"{Method} {Url} [{ContentType}] {string.Join(" ", Headers.Select(h => $"{h.Name}: {h.Value}"))} {body}";
        }

        private static MultipartFormDataContent Multipart(byte[] file) => new()
        {
            { new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "hostile.csv" },
        };
    }

    /// <summary>Generators of hostile requests for the operations a document lists.</summary>
    internal sealed class HostileRequests
    {
        private static readonly Gen<string> AnyText = Gen.Char[(char)0, (char)0xFFFF].Array[0, 24].Select(c => new string(c));

        private static readonly Gen<string> ControlText = Gen.Select(Gen.String[Gen.Char["abc xyz"], 0, 8], Gen.Char[(char)0, (char)0x1F], Gen.String[Gen.Char["abc"], 0, 4], (a, c, b) => a + c + b);

        /// <summary>Text PostgreSQL can store but a use case may not expect: any letters, formulas, quotes, lone surrogates, very long text.</summary>
        private static readonly Gen<string> OddText = Gen.Frequency(
            (3, Gen.Char[(char)0x20, (char)0xD7FF].Array[1, 24].Select(c => new string(c))),
            (2, Gen.OneOf(Gen.Const(" "), Gen.Const("\ud800"), Gen.Const("\udfff\ud800"), Gen.Const("=HYPERLINK(\"http://x\")"), Gen.Const("' OR 1=1 --"), Gen.Const("-1"), Gen.Const("1e400"),
                Gen.Const("NaN"), Gen.Const("null"), Gen.Const("𝔘𝔫𝔦"), Gen.Const("\u202Egnp.exe"), Gen.Const("a\u200Bb"), Gen.Const("Ω≈ç√∫"), Gen.Const("%s%n{0}"), Gen.Const("<script>alert(1)</script>"))),
            (1, Gen.Int[1_000, 200_000].Select(n => new string('x', n))),
            (1, Gen.Int[1_000, 60_000].Select(n => string.Concat(Enumerable.Repeat("é𝔘", n / 3)))));

        /// <summary>Words the API takes, so that some bodies get past validation into the use cases.</summary>
        private static readonly Gen<string> Ordinary = Gen.OneOf(
            Gen.Const("Maria"), Gen.Const("agent"), Gen.Const("USD"), Gen.Const("card"), Gen.Const("dispute"), Gen.Const("monthly"), Gen.Const("2026-11-02"),
            Gen.Const("2026-11-02T15:00:00Z"), Gen.Const("payment.succeeded"), Gen.Const("ACME-CARD"), Gen.Const("ada@parley.test"), Gen.Const("US-MA"), Gen.Const("a-long-staff-password"), Gen.Const(""));

        /// <summary>Text a field may meet: ordinary words, odd text, and control characters (a NUL above all).</summary>
        private static readonly Gen<string> HostileText = Gen.Frequency(
            (4, Ordinary),
            (4, OddText),
            (2, ControlText),
            (1, AnyText),
            (1, Gen.Int[1, 60_000].Select(n => string.Concat(Enumerable.Repeat("\u0000é", (n / 2) + 1)))));

        /// <summary>JSON numbers (and query values): ordinary, negative, fractional where whole ones are expected, the ends of int (a page number), beyond decimal, long and double.</summary>
        private static readonly Gen<string> Numbers = Gen.Frequency(
            (4, Gen.Int[1, 10_000].Select(i => i.ToString(CultureInfo.InvariantCulture))),
            (3, Gen.Int[1, 1_000_000].Select(i => (i / 100m).ToString(CultureInfo.InvariantCulture))),
            (2, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            (2, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
            (2, Gen.OneOf(Gen.Const("0"), Gen.Const("-0"), Gen.Const("1.5"), Gen.Const("-12.50"), Gen.Const("0.001"), Gen.Const("1e400"), Gen.Const("-1e400"), Gen.Const("1e-400"),
                Gen.Const("79228162514264337593543950336"), Gen.Const("-79228162514264337593543950336"), Gen.Const("9223372036854775808"), Gen.Const("2147483648"), Gen.Const("2147483647"), Gen.Const("-2147483648"),
                Gen.Const("123456789012345678901234567890.123456789"), Gen.Const("1" + new string('0', 400)))));

        private static readonly Gen<string> Scalars = Gen.Frequency(
            (4, HostileText.Select(Quote)),
            (3, Numbers),
            (1, Gen.OneOf(Gen.Const("true"), Gen.Const("false"))),
            (1, Gen.Const("null")));

        /// <summary>Arrays and objects nested deeper than any reader allows.</summary>
        private static readonly Gen<string> Deep = Gen.Select(Gen.Int[30, 3_000], Gen.Bool, (n, arrays) => arrays
            ? new string('[', n) + new string(']', n)
            : string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n));

        private readonly JsonNode _document;
        private readonly Gen<string> _ids;
        private readonly Gen<string> _keys;
        private readonly Gen<string> _randomJson;

        public HostileRequests(JsonNode document, IReadOnlyList<string> realIds)
        {
            _document = document;
            _ids = Gen.Frequency((6, Gen.Int[0, realIds.Count - 1].Select(i => realIds[i])), (2, Gen.Guid.Select(g => g.ToString())), (1, HostileText));
            var names = document["components"]?["schemas"]?.AsObject().SelectMany(s => s.Value?["properties"]?.AsObject().Select(p => p.Key) ?? []).Concat(WebhookFields).Distinct().ToArray() ?? WebhookFields;
            _keys = Gen.Frequency((5, Gen.Int[0, names.Length - 1].Select(i => names[i])), (1, HostileText));
            _randomJson = RandomJson(3);
            Operations = [.. Operation.All(document)];
            Requests = Gen.OneOf([.. Operations.Select(For)]);
        }

        public IReadOnlyList<Operation> Operations { get; }

        public Gen<HostileRequest> Requests { get; }

        private Gen<HostileRequest> For(Operation operation)
        {
            var url = operation.Parameters.Where(p => p.In == "path").Aggregate(
                Gen.Const(operation.Path),
                (path, p) => path.SelectMany(text => PathValue(p).Select(value => text.Replace("{" + p.Name + "}", Uri.EscapeDataString(InUrl(value).Replace('\0', '\uFFFD')), StringComparison.Ordinal))));
            var query = operation.Parameters.Where(p => p.In == "query").Aggregate(
                Gen.Const(""),
                (q, p) => q.SelectMany(text => Gen.Frequency((1, Gen.Const(text)), (2, ScalarText(p.Schema).Select(v => $"{text}{(text.Length == 0 ? "?" : "&")}{p.Name}={Uri.EscapeDataString(InUrl(v))}")))));
            var headers = operation.Parameters.Where(p => p.In == "header").Aggregate(
                Gen.Const<IReadOnlyList<(string, string)>>([]),
                (h, p) => h.SelectMany(list => Gen.Frequency(
                    (1, Gen.Const(list)),
                    (3, Gen.String[Gen.Char[' ', '~'], 0, 300].Select(v => (IReadOnlyList<(string, string)>)[.. list, (p.Name, v)])))));
            var webhook = operation.Path.Contains("/webhooks/", StringComparison.Ordinal);
            var body = operation.ContentType switch
            {
                "multipart/form-data" => PlacementFile().Select(b => ((byte[]?)b, (string?)"multipart/form-data")),
                _ when operation.Method is "GET" => Gen.Const(((byte[]?)null, (string?)null)),
                _ => JsonBody(operation.BodySchema, webhook).Select(b => ((byte[]?)b, (string?)"application/json")),
            };
            return Gen.Select(url, query, headers, body, (u, q, h, b) => new HostileRequest(operation.Method, u + q, b.Item1, b.Item2, h, webhook));
        }

        private Gen<string> PathValue(Parameter parameter) =>
            parameter.Name == "provider" ? Gen.Frequency((5, Gen.Const("sandbox")), (1, HostileText)) : _ids;

        private Gen<string> ScalarText(JsonNode? schema) => TypeOf(schema) switch
        {
            "integer" or "number" => Gen.Frequency((3, Numbers), (1, HostileText)),
            "boolean" => Gen.Frequency((3, Gen.OneOf(Gen.Const("true"), Gen.Const("false"))), (1, HostileText)),
            _ when schema?["format"]?.GetValue<string>() == "uuid" => _ids,
            _ => HostileText,
        };

        /// <summary>A body: shaped like the schema with hostile leaves, random JSON, deep nesting, a bare value, or bytes that are not UTF-8.</summary>
        private Gen<byte[]> JsonBody(JsonNode? schema, bool webhook)
        {
            var shaped = webhook ? WebhookEvent() : schema is null ? _randomJson : Shaped(schema, 0);
            return Gen.Frequency(
                (8, shaped.Select(Encoding.UTF8.GetBytes)),
                (2, _randomJson.Select(Encoding.UTF8.GetBytes)),
                (1, Deep.Select(Encoding.UTF8.GetBytes)),
                (1, Gen.OneOf(Gen.Const(""), Gen.Const("null"), Gen.Const("{}"), Gen.Const("[]"), Gen.Const("\"\""), Gen.Const("0"), Gen.Const("{\"\\u0000\": 1}"), Gen.Const("{\"a\": 1,}")).Select(Encoding.UTF8.GetBytes)),
                (1, Gen.Byte.Array[0, 64]));
        }

        private Gen<string> WebhookEvent() =>
            Object([.. WebhookFields.Select(f => (f, f switch
            {
                "type" => Gen.Frequency((4, Gen.OneOf(Gen.Const("payment.succeeded"), Gen.Const("payment.reversed")).Select(Quote)), (1, Scalars)),
                "account_id" => Gen.Frequency((4, _ids.Select(Quote)), (1, Scalars)),
                "amount" => Gen.Frequency((3, Numbers), (1, Scalars)),
                "occurred_at" => Gen.Frequency((2, Gen.OneOf(Gen.Const("\"2026-11-02T15:00:00Z\""), Gen.Const("\"0001-01-01T00:00:00Z\""), Gen.Const("\"9999-12-31T23:59:59+14:00\""))), (1, Scalars)),
                _ => Scalars,
            }))]);

        /// <summary>A value of the schema's shape whose leaves are sometimes of the wrong type, null, or hostile.</summary>
        private Gen<string> Shaped(JsonNode schema, int depth)
        {
            schema = Resolve(schema);
            if (depth > 4)
            {
                return Scalars;
            }

            if ((schema["oneOf"] ?? schema["anyOf"] ?? schema["allOf"]) is JsonArray choices && choices.Count > 0)
            {
                return Gen.OneOf([.. choices.Select(c => Shaped(c!, depth + 1))]);
            }

            var leaf = TypeOf(schema) switch
            {
                "object" when schema["properties"] is JsonObject properties =>
                    Object([.. properties.Select(p => (p.Key, Shaped(p.Value!, depth + 1)))]),
                "array" => Gen.Frequency(
                    (5, Shaped(schema["items"] ?? new JsonObject(), depth + 1).Array[0, 5].Select(items => "[" + string.Join(",", items) + "]")),
                    (1, Gen.Int[1_000, 20_000].Select(n => "[" + string.Join(",", Enumerable.Repeat("\"x\"", n)) + "]"))),
                "integer" or "number" => Numbers,
                "boolean" => Gen.OneOf(Gen.Const("true"), Gen.Const("false")),
                "string" when schema["enum"] is JsonArray values && values.Count > 0 => Gen.Int[0, values.Count - 1].Select(i => Quote(values[i]!.ToString())),
                "string" when schema["format"]?.GetValue<string>() == "uuid" => _ids.Select(Quote),
                "string" when schema["format"]?.GetValue<string>() == "date-time" =>
                    Gen.OneOf(Gen.Const("2026-11-02T15:00:00Z"), Gen.Const("0001-01-01T00:00:00Z"), Gen.Const("9999-12-31T23:59:59Z"), Gen.Const("2026-02-30T00:00:00Z")).Select(Quote),
                "string" => Gen.Frequency((8, Ordinary.Select(Quote)), (5, OddText.Select(Quote)), (2, HostileText.Select(Quote))),
                _ => _randomJson,
            };
            return Gen.Frequency((12, leaf), (1, Scalars), (1, Gen.Const("null")));
        }

        /// <summary>An object with some of these properties (each may be left out) and now and then a stray one.</summary>
        private Gen<string> Object(IReadOnlyList<(string Name, Gen<string> Value)> properties)
        {
            var members = properties.Aggregate(
                Gen.Const<IReadOnlyList<string>>([]),
                (list, p) => list.SelectMany(l => Gen.Frequency(
                    (1, Gen.Const(l)),
                    (12, p.Value.Select(v => (IReadOnlyList<string>)[.. l, $"{Quote(p.Name)}:{v}"])))));
            var stray = Gen.Frequency((4, Gen.Const("")), (1, Gen.Select(_keys, Scalars, (k, v) => $"{Quote(k)}:{v}")));
            return Gen.Select(members, stray, (m, s) => "{" + string.Join(",", s.Length == 0 ? m : [.. m, s]) + "}");
        }

        private Gen<string> RandomJson(int depth) => depth == 0
            ? Scalars
            : Gen.Frequency(
                (3, Scalars),
                (1, RandomJson(depth - 1).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
                (1, Gen.Select(_keys, RandomJson(depth - 1)).Array[0, 4].Select(members => "{" + string.Join(",", members.Select(m => $"{Quote(m.Item1)}:{m.Item2}")) + "}")));

        /// <summary>A placement file: the right header or not, and rows of hostile cells, quoted or broken.</summary>
        private static Gen<byte[]> PlacementFile()
        {
            const string header = "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,"
                + "mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,"
                + "principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements";
            var cell = Gen.Frequency((3, Gen.OneOf(Gen.Const("ACME-CARD"), Gen.Const("USD"), Gen.Const("US-MA"), Gen.Const("open"), Gen.Const("credit_card"), Gen.Const("12.50"), Gen.Const("2026-01-01"))), (3, HostileText.Where(t => t.Length < 300)), (1, Gen.Const("\"broken")));
            var row = Gen.Select(cell.Array[30, 33], Gen.Bool, (cells, quoted) => string.Join(",", quoted ? cells.Select(c => "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"") : cells));
            return Gen.Frequency(
                (5, row.Array[0, 6].Select(rows => Encoding.UTF8.GetBytes(string.Join("\r\n", [header, .. rows])))),
                (1, Gen.Byte.Array[0, 200]));
        }

        private JsonNode Resolve(JsonNode schema)
        {
            while (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = _document["components"]!["schemas"]![reference[(reference.LastIndexOf('/') + 1)..]]!;
            }

            return schema;
        }

        private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
        {
            JsonValue single => single.GetValue<string>(),
            JsonArray several => several.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            _ => null,
        };

        /// <summary>A JSON string literal; everything outside printable ASCII escaped, lone surrogates too (which a writer would refuse).</summary>
        private static string Quote(string text)
        {
            var json = new StringBuilder(text.Length + 2).Append('"');
            foreach (var c in text)
            {
                if (c is '"' or '\\' || c < 0x20 || c > 0x7E)
                {
                    json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                }
                else
                {
                    json.Append(c);
                }
            }

            return json.Append('"').ToString();
        }

        /// <summary>
        /// Text a URL can carry once escaped: lone surrogates cannot be, so they become U+FFFD, and at most 1,000
        /// characters (Kestrel answers 414 to a longer request line before the app sees it). A NUL stays in a query; in a
        /// path Kestrel answers 400 itself, and the test server throws, so the caller replaces it there.
        /// </summary>
        private static string InUrl(string text)
        {
            var chars = text.Length > 1_000 ? text[..1_000].ToCharArray() : text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                var paired = char.IsHighSurrogate(chars[i]) ? i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])
                    : !char.IsLowSurrogate(chars[i]) || (i > 0 && char.IsHighSurrogate(chars[i - 1]));
                if (!paired)
                {
                    chars[i] = '\uFFFD';
                }
            }

            return new string(chars);
        }
    }

    internal sealed record Parameter(string Name, string In, JsonNode? Schema);

    /// <summary>One operation of the document: method, path template, parameters, and its body's content type and schema.</summary>
    internal sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, string? ContentType, JsonNode? BodySchema)
    {
        public static IEnumerable<Operation> All(JsonNode document) =>
            from path in document["paths"]!.AsObject()
            from operation in path.Value!.AsObject()
            where operation.Key is "get" or "post" or "put" or "patch" or "delete"
            let content = operation.Value!["requestBody"]?["content"]?.AsObject().FirstOrDefault()
            select new Operation(
                operation.Key.ToUpperInvariant(),
                path.Key,
                [.. (operation.Value!["parameters"]?.AsArray() ?? []).Select(p => new Parameter(p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["schema"]))],
                content?.Key,
                content?.Value?["schema"]);
    }
}
