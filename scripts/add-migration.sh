#!/usr/bin/env bash
# Adds one migration to BOTH providers' migration sets, so they never drift apart.
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project src/GridGuard --startup-project src/GridGuard \
    --context "${provider}AppDbContext" \
    --output-dir "Platform/Data/Migrations/${provider}"
done
echo "Added migration $name for Sqlite and Postgres."
