// The module's contracts (the requests, results and kinds its front doors share) are in scope in every file of the module.
global using Parley.Modules.Accounts.Contracts;
