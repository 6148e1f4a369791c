#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migration assemblies.
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <Name>}
dotnet tool restore >/dev/null
Database__Provider=Sqlite dotnet ef migrations add "$name" --project src/Parley.Persistence.Sqlite --startup-project src/Parley.Web --context ParleyDbContext --output-dir Migrations
Database__Provider=Postgres ConnectionStrings__Parley="Host=127.0.0.1;Database=design_time_only" \
  dotnet ef migrations add "$name" --project src/Parley.Persistence.Postgres --startup-project src/Parley.Web --context ParleyDbContext --output-dir Migrations
