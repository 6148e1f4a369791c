using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Decisioning.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Cli.Commands;

/// <summary><c>parley model register|activate|score-portfolio</c>: the model registry in the database the app uses.</summary>
public static class ModelRegistryCommands
{
    public static Command Register()
    {
        var modelDir = new Option<DirectoryInfo>("--model") { Description = "A model directory written by 'model train' (its forest.bin and card are stored).", Required = true };
        var register = new Command("register", "Store a model directory's forest and card as a new version (the first of its kind becomes active). A wrong format or bad hash: exit 2, nothing stored.") { modelDir };
        register.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            try
            {
                var (model, already) = await scope.ServiceProvider.GetRequiredService<IUseCase<RegisterModelRequest, ModelRegistration>>()
                    .HandleAsync(Actor.System("cli:model register"), new RegisterModelRequest(parse.GetValue(modelDir)!.FullName), ct);
                parse.InvocationConfiguration.Output.WriteLine(already
                    ? $"Version {model.Version} ({model.Kind}) is already registered; nothing changed."
                    : $"Registered {model.Kind} version {model.Version} (sha256 {model.ContentSha256}){(model.IsActive ? ", active" : "; activate it with 'parley model activate --version " + model.Version + "'")}.");
                return 0;
            }
            catch (DomainException e) when (e.Error is InvalidModelDirectory)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Error.Detail);
                return 2;
            }
        });
        return register;
    }

    public static Command Activate()
    {
        var version = new Option<string>("--version") { Description = "A registered version, as 'model register' printed it.", Required = true };
        var activate = new Command("activate", "Make a registered version the active model of its kind.") { version };
        activate.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            try
            {
                var model = await scope.ServiceProvider.GetRequiredService<IUseCase<ActivateModelRequest, RegisteredModelView>>()
                    .HandleAsync(Actor.System("cli:model activate"), new ActivateModelRequest(parse.GetValue(version)!), ct);
                parse.InvocationConfiguration.Output.WriteLine($"{model.Kind} version {model.Version} is active.");
                return 0;
            }
            catch (DomainException e) when (e.Error is UnknownModelVersion)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Error.Detail);
                return 2;
            }
        });
        return activate;
    }

    public static Command ScorePortfolio()
    {
        var score = new Command("score-portfolio", "Score every account with the active early-warning model and store the scores with the model version.");
        score.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IUseCase<ScorePortfolioRequest, PortfolioScoring>>()
                .HandleAsync(Actor.System("cli:model score-portfolio"), new ScorePortfolioRequest(), ct);
            if (result.ModelVersion is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("no active early-warning model: register one with 'parley model register --model <dir>'");
                return 2;
            }

            parse.InvocationConfiguration.Output.WriteLine($"{result.Accounts} accounts scored with early-warning version {result.ModelVersion}.");
            return 0;
        });
        return score;
    }
}
