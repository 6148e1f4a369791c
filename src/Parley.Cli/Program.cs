using Parley.Cli;

return await ParleyCommand.Build().Parse(args).InvokeAsync();
