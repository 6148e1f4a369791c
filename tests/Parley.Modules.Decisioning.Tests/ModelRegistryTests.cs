using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Modules.Decisioning.Live;
using Parley.Modules.Decisioning.Registry;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

/// <summary>The registry on both providers, with the shipped default model as the model directory.</summary>
public sealed class ModelRegistryTests : IDisposable
{
    /// <summary>The operator's CLI, as <c>parley model register|activate</c> run.</summary>
    private static readonly Actor Operator = Actor.System("cli:model");

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("parley-registry-test-");

    public void Dispose() => _work.Delete(recursive: true);

    [Theory]
    [DatabaseProviders]
    public async Task The_first_version_of_a_kind_is_registered_active_and_registering_it_again_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var directory = DefaultModelDirectory("first");

        var first = await Register(database, directory);
        var again = await Register(database, directory);

        first.AlreadyRegistered.ShouldBeFalse();
        first.Model.IsActive.ShouldBeTrue();
        first.Model.Kind.ShouldBe(ModelKind.EarlyWarning);
        first.Model.ContentSha256.ShouldBe(ModelCards.Sha256(Path.Combine(directory, "forest.bin")));
        first.Model.Version.ShouldEndWith("-" + first.Model.ContentSha256[..8]);
        again.AlreadyRegistered.ShouldBeTrue();
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var stored = await db.Set<RegisteredModel>().SingleAsync();
        stored.CardMarkdown.ShouldContain("AUC");
        stored.CardJson.ShouldContain("CC BY 4.0");
        var loaded = await scope.ServiceProvider.GetRequiredService<ActiveModels>().GetAsync(db, ModelKind.EarlyWarning, CancellationToken.None);
        loaded.ShouldNotBeNull().Version.ShouldBe(first.Model.Version);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Activating_a_version_deactivates_the_other_and_scoring_follows_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = await Register(database, DefaultModelDirectory("first"));
        var second = await Register(database, DefaultModelDirectory("second", trainedAt: "2026-01-15T10:00:00Z"));
        second.Model.IsActive.ShouldBeFalse();

        await using (var scope = database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ActivateModel>().HandleAsync(Operator, new ActivateModelRequest(second.Model.Version), CancellationToken.None);
        }

        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var active = await db.Set<RegisteredModel>().Where(m => m.IsActive).Select(m => m.Version).ToListAsync();
            active.ShouldBe([second.Model.Version]);
            (await scope.ServiceProvider.GetRequiredService<ActiveModels>().GetAsync(db, ModelKind.EarlyWarning, CancellationToken.None))
                .ShouldNotBeNull().Version.ShouldBe(second.Model.Version);
            first.Model.Version.ShouldNotBe(second.Model.Version);
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_bad_hash_or_another_format_names_the_file_and_stores_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var tampered = DefaultModelDirectory("tampered");
        var forest = Path.Combine(tampered, "forest.bin");
        var bytes = File.ReadAllBytes(forest);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(forest, bytes);
        var otherFormat = DefaultModelDirectory("other-format", format: "parley-early-warning/1");

        (await Should.ThrowAsync<DomainException>(() => Register(database, tampered))).Error.ShouldBe(new InvalidModelDirectory($"{forest}: content hash does not match the model card"));
        var refused = (await Should.ThrowAsync<DomainException>(() => Register(database, otherFormat))).Error;
        refused.ShouldBeOfType<InvalidModelDirectory>().Detail.ShouldContain(Path.Combine(otherFormat, "model-card.json") + ": format parley-early-warning/1");

        await using var scope = database.Scope();
        (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<RegisteredModel>().CountAsync()).ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_unknown_version_or_account_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var scope = database.Scope();

        (await Should.ThrowAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<ActivateModel>().HandleAsync(Operator, new ActivateModelRequest("20260101-deadbeef"), CancellationToken.None)))
            .Error.ShouldBe(new UnknownModelVersion("20260101-deadbeef"));
        var error = await Should.ThrowAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<GetAccountScores>().HandleAsync(Staff.Agent, new GetAccountScoresRequest(AccountId.New()), CancellationToken.None));
        error.Error.Kind.ShouldBe(ErrorKind.NotFound);
    }

    private static async Task<ModelRegistration> Register(TestDatabase database, string directory)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<RegisterModel>().HandleAsync(Operator, new RegisterModelRequest(directory), CancellationToken.None);
    }

    /// <summary>The shipped default model written to a directory, its card optionally edited (format, training time).</summary>
    private string DefaultModelDirectory(string name, string? trainedAt = null, string? format = null)
    {
        var directory = _work.CreateSubdirectory(name).FullName;
        foreach (var file in new[] { "forest.bin", "model-card.json", "model-card.md" })
        {
            using var resource = typeof(DefaultModel).Assembly.GetManifestResourceStream($"Parley.Decisioning.DefaultModel.{file}")!;
            using var target = File.Create(Path.Combine(directory, file));
            resource.CopyTo(target);
        }

        if (trainedAt is not null || format is not null)
        {
            var path = Path.Combine(directory, "model-card.json");
            var card = JsonNode.Parse(File.ReadAllText(path))!;
            card["trained_at"] = trainedAt ?? card["trained_at"]!.GetValue<string>();
            card["format"] = format ?? card["format"]!.GetValue<string>();
            File.WriteAllText(path, card.ToJsonString());
        }

        return directory;
    }
}
